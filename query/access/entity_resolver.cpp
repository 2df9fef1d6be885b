#include "access/entity_resolver.hpp"

#include "entities/name_rules.hpp"
#include "store/schema.hpp"
#include "text/tokenizer.hpp"
#include "util/errors.hpp"

#include <algorithm>
#include <cctype>

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
    : m_database(database), m_knowledge_base(&knowledge_base) {}

EntityResolver::EntityResolver(const Xapian::Database& database,
                               std::function<const KnowledgeBase&()> knowledge_base)
    : m_database(database), m_load(std::move(knowledge_base)) {}

const KnowledgeBase& EntityResolver::knowledge_base() const {
    if (m_knowledge_base == nullptr) {
        m_knowledge_base = &m_load();
    }
    return *m_knowledge_base;
}

std::optional<ResolvedEntity> EntityResolver::resolve_id(std::string_view text,
                                                         std::optional<EntityType> type) const {
    // Only what cannot be anything's name: a QID, an ISO country code in capitals, or an explicit type.
    const bool qid = text.size() > 1 && text[0] == 'Q' &&
                     std::all_of(text.begin() + 1, text.end(), [](char c) { return c >= '0' && c <= '9'; });
    const bool country_code = text.size() == 2 && std::isupper(static_cast<unsigned char>(text[0])) &&
                              std::isupper(static_cast<unsigned char>(text[1]));
    if (!qid && !country_code && !type) {
        return std::nullopt;
    }
    for (const auto candidate_type : k_all_types) {
        if ((type && candidate_type != *type) ||
            (country_code && !type && candidate_type != EntityType::country)) {
            continue;
        }
        const auto term = schema::entity_term(candidate_type, text);
        if (m_database.term_exists(term)) {
            return ResolvedEntity{candidate_type, std::string(text), display_name(term), term};
        }
    }
    return std::nullopt;
}

ResolvedEntity EntityResolver::resolve(std::string_view text, std::optional<EntityType> type) const {
    // "country:KR" names the type explicitly.
    if (const auto colon = text.find(':'); colon != std::string_view::npos) {
        if (const auto explicit_type = parse_entity_type(text.substr(0, colon))) {
            type = explicit_type;
            text.remove_prefix(colon + 1);
        }
    }
    if (auto by_id = resolve_id(text, type)) {
        return *by_id;
    }
    const auto candidates = knowledge_base().resolve(text, type);
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
    const auto close = knowledge_base().closest_names(text, 5, type);
    if (!close.empty()) {
        message += "; closest known: ";
        for (std::size_t i = 0; i < close.size(); ++i) {
            message += (i ? ", " : "") + close[i];
        }
    }
    throw NotFoundError(message, close);
}

std::string EntityResolver::display_name(const std::string& term) const {
    if (auto name = m_database.get_metadata(std::string(schema::k_meta_entity_name) + term); !name.empty()) {
        return name;
    }
    if (const auto type = schema::entity_term_type(term)) {
        const auto id = std::string_view(term).substr(schema::entity_prefix(*type).size());
        if (const auto* entity = knowledge_base().find_id(*type, id)) {
            return entity->name;
        }
        // Metadata of a sharded database comes from its first shard only: read the name from an article
        // instead.
        if (const auto posting = m_database.postlist_begin(term); posting != m_database.postlist_end(term)) {
            for (const auto& entity : schema::stored_article(m_database.get_document(*posting)).entities) {
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
