// Dense numbering of the entities met while scanning matches' entity slots. Aggregations look up every entity
// of every matching article: over the ~470,000 articles of the most frequent entity in a million,
// std::unordered_map with string keys spent 40% of an ego graph chasing bucket and node pointers. This table
// is flat (open addressing, stored hashes, no per-entity allocation), looked up with the slot's own
// string_view.
#pragma once

#include "entities/entity.hpp"
#include "util/slot_index.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dateline {

class EntityIndex {
public:
    /// The number of (type, id), adding it with the next number if new; second: whether it was added.
    std::pair<std::size_t, bool> insert(EntityType type, std::string_view id);
    /// The number of (type, id), if it was inserted.
    [[nodiscard]] std::optional<std::size_t> find(EntityType type, std::string_view id) const;
    [[nodiscard]] bool contains(EntityType type, std::string_view id) const {
        return find(type, id).has_value();
    }

    [[nodiscard]] std::size_t size() const { return m_entries.size(); }
    [[nodiscard]] EntityType type(std::size_t number) const { return m_entries[number].type; }
    [[nodiscard]] const std::string& id(std::size_t number) const { return m_entries[number].id; }

private:
    struct Entry {
        std::uint64_t hash;
        EntityType type;
        std::string id;
    };
    [[nodiscard]] static std::uint64_t hash(EntityType type, std::string_view id);
    /// The slot holding (type, id), or the empty slot where it would go.
    [[nodiscard]] std::size_t probe(std::uint64_t hash, EntityType type, std::string_view id) const;

    util::SlotIndex m_index;
    std::vector<Entry> m_entries;
};

} // namespace dateline
