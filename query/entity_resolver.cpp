#include "entity_resolver.hpp"

#include "errors.hpp"
#include "name_rules.hpp"
#include "schema.hpp"
#include "tokenizer.hpp"

namespace dateline {

namespace {

constexpr EntityType k_all_types[] = {EntityType::person, EntityType::country, EntityType::org,
                                      EntityType::place};

/// The ids the indexer would have given a discovered entity of this name.
std::vector<std::string> candidate_ids(std::string_view text, EntityType type) {
    Tokenizer tokenizer;
    std::vector<std::string> words;
    std::vector<bool> joins;
    for (const auto& token : tokenizer.tokenize(text)) {
        words.push_back(fold_diacritics(token.term));
        joins.push_back(token.joined_to_next);
    }
    if (words.empty()) {
        return {};
    }
    return {rule_entity_id(type, words, joins), std::string(text)};
}

} // namespace

EntityResolver::EntityResolver(const Xapian::Database& database, const KnowledgeBase& knowledge_base)
    : m_database(database), m_knowledge_base(knowledge_base) {}

ResolvedEntity EntityResolver::resolve(std::string_view text, std::optional<EntityType> type) const {
    // "country:KR" names the type explicitly.
    if (const auto colon = text.find(':'); colon != std::string_view::npos) {
        if (const auto explicit_type = parse_entity_type(text.substr(0, colon))) {
            type = explicit_type;
            text.remove_prefix(colon + 1);
        }
    }
    const auto candidates = m_knowledge_base.resolve(text, type);
    for (const auto* entity : candidates) {
        const auto term = schema::entity_term(entity->type, entity->id);
        if (m_database.term_exists(term)) {
            return {entity->type, entity->id, entity->name, term};
        }
    }
    if (!candidates.empty()) {
        const auto* entity = candidates.front();
        return {entity->type, entity->id, entity->name, schema::entity_term(entity->type, entity->id)};
    }
    for (const auto candidate_type : k_all_types) {
        if (type && candidate_type != *type) {
            continue;
        }
        for (const auto& id : candidate_ids(text, candidate_type)) {
            const auto term = schema::entity_term(candidate_type, id);
            if (m_database.term_exists(term)) {
                return {candidate_type, id, display_name(term), term};
            }
        }
    }
    std::string message = "no such entity \"" + std::string(text) + "\"";
    if (type) {
        message += " of type " + std::string(entity_type_name(*type));
    }
    const auto close = m_knowledge_base.closest_names(text, 5, type);
    if (!close.empty()) {
        message += "; closest known: ";
        for (std::size_t i = 0; i < close.size(); ++i) {
            message += (i ? ", " : "") + close[i];
        }
    }
    throw UsageError(message);
}

std::string EntityResolver::display_name(const std::string& term) const {
    if (auto name = m_database.get_metadata(std::string(schema::k_meta_entity_name) + term); !name.empty()) {
        return name;
    }
    if (const auto type = schema::entity_term_type(term)) {
        const auto id = std::string_view(term).substr(schema::entity_prefix(*type).size());
        if (const auto* entity = m_knowledge_base.find_id(*type, id)) {
            return entity->name;
        }
        // Metadata of a sharded database comes from its first shard only: read the name from an article
        // instead.
        if (const auto posting = m_database.postlist_begin(term); posting != m_database.postlist_end(term)) {
            for (const auto& entity :
                 schema::decode_document_data(m_database.get_document(*posting).get_data()).entities) {
                if (entity.id == id && entity.type == *type) {
                    return entity.name;
                }
            }
        }
        return std::string(id);
    }
    return term;
}

} // namespace dateline
