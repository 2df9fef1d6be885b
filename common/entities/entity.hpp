// The entity model: people, countries, organisations and places, and their mentions in a text.
#pragma once

#include "text/tokenizer.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

enum class EntityType : std::uint8_t { person, country, org, place };

/// "person", "country", "org", "place"
[[nodiscard]] std::string_view entity_type_name(EntityType type);
/// Inverse of entity_type_name; nothing for an unknown name.
[[nodiscard]] std::optional<EntityType> parse_entity_type(std::string_view name);

/// A short form of a person's name ("Lee" for Lee Jae-myung).
struct ShortForm {
    std::string text;
    bool standalone = false; ///< links even without a full mention earlier in the article ("Xi", "Trump")
};

struct Entity {
    std::string id; ///< canonical: a Wikidata QID, an ISO 3166-1 code for countries, else a slug of the name
    EntityType type = EntityType::person;
    std::string name; ///< canonical display name
    std::vector<std::string> aliases;
    std::vector<std::string> demonyms; ///< countries: "South Korean"; a mention through one is flagged
    std::vector<std::string> capitals; ///< countries: "Seoul", read as the country's government
    std::vector<ShortForm> short_forms;
    std::string country;     ///< people and places: ISO code of their country, if known
    std::string description; ///< role or kind ("President of South Korea", "news agency")
    std::string since;       ///< people: when the role began (YYYY-MM-DD)
};

/// How a mention was found, from most to least direct.
enum class MentionHow : std::uint8_t {
    name,       ///< the canonical name
    alias,      ///< another knowledge-base name (incl. native script and acronyms)
    demonym,    ///< "Chinese officials" -> China
    capital,    ///< "Seoul said" -> South Korea
    short_form, ///< "Lee" after "Lee Jae-myung" in the same article
    rule,       ///< a name the knowledge base lacks, found by title, age, or form ("Sogang University")
    model,      ///< the statistical tagger (its own issue)
};

[[nodiscard]] std::string_view mention_how_name(MentionHow how);

struct Mention {
    Span span;              ///< bytes of the surface text in the tagged text
    std::uint32_t sentence; ///< sentence index in the tagged text, from 0
    const Entity* entity;   ///< knowledge-base entity, or one discovered in this text (owned by the result)
    MentionHow how;
    bool ambiguous = false; ///< a short form that several earlier names could claim; linked to the nearest
};

} // namespace dateline
