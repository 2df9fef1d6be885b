#include "aggregations/entity_index.hpp"

#include <algorithm>
#include <functional>

namespace dateline {

std::uint64_t EntityIndex::hash(EntityType type, std::string_view id) {
    return std::hash<std::string_view>{}(id) ^ (static_cast<std::uint64_t>(type) * 0x9E3779B97F4A7C15ULL);
}

std::size_t EntityIndex::probe(std::uint64_t hash, EntityType type, std::string_view id) const {
    return m_index.probe(hash, [&](std::size_t number) {
        const auto& entry = m_entries[number];
        return entry.hash == hash && entry.type == type && entry.id == id;
    });
}

std::pair<std::size_t, bool> EntityIndex::insert(EntityType type, std::string_view id) {
    m_index.grow_for(m_entries.size(), [&](std::size_t number) { return m_entries[number].hash; });
    const auto h = hash(type, id);
    const auto at = probe(h, type, id);
    if (m_index.occupied(at)) {
        return {m_index.number(at), false};
    }
    m_entries.push_back({h, type, std::string(id)});
    m_index.assign(at, m_entries.size() - 1);
    return {m_entries.size() - 1, true};
}

std::optional<std::size_t> EntityIndex::find(EntityType type, std::string_view id) const {
    if (m_index.empty()) {
        return std::nullopt;
    }
    const auto at = probe(hash(type, id), type, id);
    if (!m_index.occupied(at)) {
        return std::nullopt;
    }
    return m_index.number(at);
}

} // namespace dateline
