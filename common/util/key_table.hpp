// A hash table from non-zero 32-bit keys (hashes already) to small values kept in the slots themselves:
// open addressing, linear probing, a power of two long and at most half full, growing as entries come. For
// tables read on a hot path - the name model's features and its lexicon, a document's word counts - where
// a value beside its key costs one cache line per lookup. (Aggregations, whose entries are large and iterated
// in order, use SlotIndex instead.)
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace dateline::util {

template <class Value>
class KeyTable {
public:
    /// Makes room for `entries` without growing again.
    void reserve(std::size_t entries) {
        if (2 * entries > m_slots.size()) {
            rehash(entries);
        }
    }

    /// Sets the value of `key` (not 0), inserting it or, if `replace`, replacing it. True if the key was new.
    bool set(std::uint32_t key, const Value& value, bool replace = true) {
        if (2 * (m_size + 1) > m_slots.size()) {
            rehash(m_size + 1);
        }
        auto& slot = m_slots[probe(key)];
        const bool added = slot.key == 0;
        if (added || replace) {
            slot = {key, value};
        }
        m_size += added ? 1 : 0;
        return added;
    }

    /// The value of `key` (not 0), inserted as Value{} if it is new: for counting.
    Value& at(std::uint32_t key) {
        if (2 * (m_size + 1) > m_slots.size()) {
            rehash(m_size + 1);
        }
        auto& slot = m_slots[probe(key)];
        if (slot.key == 0) {
            slot.key = key;
            ++m_size;
        }
        return slot.value;
    }

    /// The value of `key`, or null.
    [[nodiscard]] const Value* find(std::uint32_t key) const {
        if (m_slots.empty()) {
            return nullptr;
        }
        const auto& slot = m_slots[probe(key)];
        return slot.key == key ? &slot.value : nullptr;
    }

    /// Asks the processor for the cache line where a lookup of `key` starts, so that several misses overlap.
    void prefetch(std::uint32_t key) const {
        if (!m_slots.empty()) {
            __builtin_prefetch(&m_slots[key & (m_slots.size() - 1)]);
        }
    }

    [[nodiscard]] std::size_t size() const { return m_size; }

    /// Calls `visit(key, value)` for every entry, in the table's order.
    template <class Visit>
    void for_each(Visit visit) const {
        for (const auto& slot : m_slots) {
            if (slot.key != 0) {
                visit(slot.key, slot.value);
            }
        }
    }

private:
    struct Slot {
        std::uint32_t key = 0; ///< 0: empty
        Value value{};
    };

    /// The slot holding `key`, or the empty one where it would go.
    [[nodiscard]] std::size_t probe(std::uint32_t key) const {
        const auto mask = m_slots.size() - 1;
        auto at = static_cast<std::size_t>(key) & mask;
        while (m_slots[at].key != 0 && m_slots[at].key != key) {
            at = (at + 1) & mask;
        }
        return at;
    }

    void rehash(std::size_t entries) {
        std::size_t size = std::max<std::size_t>(16, m_slots.size());
        while (size < 2 * entries) {
            size *= 2;
        }
        auto old = std::move(m_slots);
        m_slots.assign(size, Slot{});
        for (const auto& slot : old) {
            if (slot.key != 0) {
                m_slots[probe(slot.key)] = slot;
            }
        }
    }

    std::vector<Slot> m_slots;
    std::size_t m_size = 0;
};

} // namespace dateline::util
