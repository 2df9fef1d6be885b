// Turning what a user types ("Xi Jinping", "习近平", "Q15031", "country:KR", "Heo Yoon") into an entity term.
#pragma once

#include "entities/entity.hpp"
#include "entities/knowledge_base.hpp"

#include <xapian.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace dateline {

struct ResolvedEntity {
    EntityType type;
    std::string id;
    std::string name;
    std::string term; ///< the index term (schema::entity_term)
};

/// Reads the database and the knowledge base; not thread-safe only in that Xapian::Database is not.
class EntityResolver {
public:
    EntityResolver(const Xapian::Database& database, const KnowledgeBase& knowledge_base);
    /// With the knowledge base loaded by `knowledge_base` on first need: an id ("Q15031", "KR",
    /// "person:kim-hyekyung") present in the database resolves without it, which saves the milliseconds of
    /// loading it.
    EntityResolver(const Xapian::Database& database, std::function<const KnowledgeBase&()> knowledge_base);

    /// Resolves a name, alias, native-script name, id or "type:id". Knowledge-base entities are tried first
    /// (those present in the database before those absent), then entities the indexer discovered (by id or
    /// slug of the name). Throws UsageError "no such entity" with the closest known names.
    [[nodiscard]] ResolvedEntity resolve(std::string_view text,
                                         std::optional<EntityType> type = std::nullopt) const;

    /// The display name of an entity term: as the indexer recorded it (in the metadata, or in an article that
    /// mentions it: a sharded database has only its first shard's metadata), else from the knowledge base,
    /// else the id.
    [[nodiscard]] std::string display_name(const std::string& term) const;

private:
    [[nodiscard]] const KnowledgeBase& knowledge_base() const;
    /// The entity `text` names if it is an id the database holds (a QID, a country code, or "type:id").
    [[nodiscard]] std::optional<ResolvedEntity> resolve_id(std::string_view text,
                                                           std::optional<EntityType> type) const;

    const Xapian::Database& m_database;
    std::function<const KnowledgeBase&()> m_load;
    mutable const KnowledgeBase* m_knowledge_base = nullptr;
};

} // namespace dateline
