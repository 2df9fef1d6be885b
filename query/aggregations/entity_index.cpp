#include "aggregations/entity_index.hpp"

#include <algorithm>
#include <functional>

namespace dateline {

std::uint64_t EntityIndex::hash(EntityType type, std::string_view id) {
    return std::hash<std::string_view>{}(id) ^ (static_cast<std::uint64_t>(type) * 0x9E3779B97F4A7C15ULL);
}

std::size_t EntityIndex::probe(std::uint64_t hash, EntityType type, std::string_view id) const {
    const auto mask = m_slots.size() - 1;
    for (auto at = static_cast<std::size_t>(hash) & mask;; at = (at + 1) & mask) {
        if (m_slots[at] == 0) {
            return at;
        }
        const auto& entry = m_entries[m_slots[at] - 1];
        if (entry.hash == hash && entry.type == type && entry.id == id) {
            return at;
        }
    }
}

std::pair<std::size_t, bool> EntityIndex::insert(EntityType type, std::string_view id) {
    if (2 * (m_entries.size() + 1) > m_slots.size()) {
        grow();
    }
    const auto h = hash(type, id);
    const auto at = probe(h, type, id);
    if (m_slots[at] != 0) {
        return {m_slots[at] - 1, false};
    }
    m_entries.push_back({h, type, std::string(id)});
    m_slots[at] = static_cast<std::uint32_t>(m_entries.size());
    return {m_entries.size() - 1, true};
}

std::optional<std::size_t> EntityIndex::find(EntityType type, std::string_view id) const {
    if (m_slots.empty()) {
        return std::nullopt;
    }
    const auto at = probe(hash(type, id), type, id);
    if (m_slots[at] == 0) {
        return std::nullopt;
    }
    return m_slots[at] - 1;
}

void EntityIndex::grow() {
    m_slots.assign(std::max<std::size_t>(1024, 2 * m_slots.size()), 0);
    const auto mask = m_slots.size() - 1;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        auto at = static_cast<std::size_t>(m_entries[i].hash) & mask;
        while (m_slots[at] != 0) {
            at = (at + 1) & mask;
        }
        m_slots[at] = static_cast<std::uint32_t>(i + 1);
    }
}

} // namespace dateline
