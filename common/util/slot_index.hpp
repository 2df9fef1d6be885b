// The index half of an open-addressing hash table whose entries live elsewhere in insertion order (a vector
// the caller owns): slots hold an entry's number + 1 (0: empty), probed linearly from the entry's hash, at
// most half full, a power of two long. Aggregations count over hundreds of thousands of keys, where
// node-based hash maps spend most of their time allocating; this keeps entries dense and iteration in
// insertion order.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace dateline::util {

class SlotIndex {
public:
    /// The slot of the entry `matches(number)` accepts, probing from `hash`, or the empty slot where it would
    /// go. Call grow_for() before, so that there is an empty slot.
    template <class Matches>
    [[nodiscard]] std::size_t probe(std::uint64_t hash, Matches matches) const {
        const auto mask = m_slots.size() - 1;
        for (auto at = static_cast<std::size_t>(hash) & mask;; at = (at + 1) & mask) {
            if (m_slots[at] == 0 || matches(static_cast<std::size_t>(m_slots[at] - 1))) {
                return at;
            }
        }
    }

    /// Makes room for one more entry than `entries`, rehashing the entries (`hash_of(number)`) if it grows.
    template <class HashOf>
    void grow_for(std::size_t entries, HashOf hash_of) {
        if (2 * (entries + 1) <= m_slots.size()) {
            return;
        }
        m_slots.assign(std::max<std::size_t>(1024, 2 * m_slots.size()), 0);
        const auto mask = m_slots.size() - 1;
        for (std::size_t number = 0; number < entries; ++number) {
            auto at = static_cast<std::size_t>(hash_of(number)) & mask;
            while (m_slots[at] != 0) {
                at = (at + 1) & mask;
            }
            m_slots[at] = static_cast<std::uint32_t>(number + 1);
        }
    }

    [[nodiscard]] bool occupied(std::size_t slot) const { return m_slots[slot] != 0; }
    /// The entry number in an occupied slot.
    [[nodiscard]] std::size_t number(std::size_t slot) const { return m_slots[slot] - 1; }
    void assign(std::size_t slot, std::size_t number) {
        m_slots[slot] = static_cast<std::uint32_t>(number + 1);
    }
    [[nodiscard]] bool empty() const { return m_slots.empty(); }

private:
    std::vector<std::uint32_t> m_slots;
};

} // namespace dateline::util
