#include "store/schema.hpp"

#include "store/article_identity.hpp"
#include "text/utf8.hpp"
#include "util/compression.hpp"
#include "util/errors.hpp"
#include "util/strings.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace dateline::schema {

namespace {

// Xapian's limit is 245 bytes for a term; leave room for the prefix.
constexpr std::size_t k_max_identity_bytes = 200;

} // namespace

std::string id_term(std::string_view identity) {
    std::string term(k_id);
    if (identity.size() <= k_max_identity_bytes) {
        term += identity;
    } else {
        char suffix[24];
        std::snprintf(suffix, sizeof suffix, "#%016llx",
                      static_cast<unsigned long long>(stable_hash(identity)));
        term += identity.substr(0, k_max_identity_bytes - 17);
        term += suffix;
    }
    return term;
}

std::string source_term(std::string_view source) {
    std::string term(k_source);
    term += util::ascii_lower(collapse_whitespace(source));
    return term.substr(0, 240);
}

std::string_view entity_prefix(EntityType type) {
    switch (type) {
    case EntityType::person:
        return k_person;
    case EntityType::country:
        return k_country;
    case EntityType::org:
        return k_org;
    case EntityType::place:
        return k_place;
    }
    return k_person;
}

std::string entity_day_prefix(std::string_view entity_term) {
    return std::string(k_entity_day) + std::string(entity_term) + "@";
}

std::string entity_day_term(std::string_view entity_term, std::string_view compact_day) {
    return entity_day_prefix(entity_term) + std::string(compact_day);
}

std::string entity_term(EntityType type, std::string_view id) {
    std::string term(entity_prefix(type));
    term += id.substr(0, 200);
    return term;
}

std::optional<EntityType> entity_term_type(std::string_view term) {
    for (const auto type : {EntityType::person, EntityType::country, EntityType::org, EntityType::place}) {
        if (term.starts_with(entity_prefix(type))) {
            return type;
        }
    }
    return std::nullopt;
}

namespace {

constexpr char k_type_letters[] = {'P', 'C', 'O', 'L'};

} // namespace

namespace {

/// The fields of the header line "#\tN\tDATE".
std::pair<std::string_view, std::string_view> slot_header(std::string_view value) {
    if (!value.starts_with("#\t")) {
        return {};
    }
    auto line = value.substr(2, value.find('\n') - 2);
    const auto tab = line.find('\t');
    if (tab == std::string_view::npos) {
        return {line, {}};
    }
    return {line.substr(0, tab), line.substr(tab + 1)};
}

} // namespace

std::uint32_t slot_sentence_count(std::string_view value) {
    // A damaged value reads as 0 rather than as a wrapped-around number.
    return static_cast<std::uint32_t>(util::parse_unsigned(slot_header(value).first, UINT32_MAX).value_or(0));
}

std::string_view slot_date(std::string_view value) {
    return slot_header(value).second;
}

std::string encode_entity_slot(const std::vector<StoredEntity>& entities, std::uint32_t sentences,
                               std::string_view compact_date) {
    std::string value = "#\t" + std::to_string(sentences) + "\t" + std::string(compact_date) + "\n";
    for (const auto& entity : entities) {
        value += k_type_letters[static_cast<int>(entity.type)];
        value += ':';
        value += entity.id;
        value += '\t';
        value += std::to_string(entity.mentions);
        value += '\t';
        for (std::size_t i = 0; i < entity.sentences.size(); ++i) {
            value += i ? "," : "";
            value += std::to_string(entity.sentences[i]);
        }
        value += '\n';
    }
    return value;
}

std::vector<std::uint32_t> parse_sentences(std::string_view sentences) {
    std::vector<std::uint32_t> out;
    while (!sentences.empty()) {
        const auto comma = sentences.find(',');
        if (const auto number = util::parse_unsigned(sentences.substr(0, comma), UINT32_MAX)) {
            out.push_back(static_cast<std::uint32_t>(*number));
        }
        sentences = comma == std::string_view::npos ? std::string_view{} : sentences.substr(comma + 1);
    }
    return out;
}

void for_each_slot_entity(std::string_view value, const std::function<void(const SlotEntity&)>& each) {
    while (!value.empty()) {
        const auto end = value.find('\n');
        const auto line = value.substr(0, end);
        value = end == std::string_view::npos ? std::string_view{} : value.substr(end + 1);
        const auto tab = line.find('\t');
        if (line.size() < 3 || line[1] != ':' || tab == std::string_view::npos) {
            continue;
        }
        const auto* letter = std::find(std::begin(k_type_letters), std::end(k_type_letters), line[0]);
        if (letter == std::end(k_type_letters)) {
            continue;
        }
        const auto tab2 = line.find('\t', tab + 1);
        const auto mentions = static_cast<std::uint32_t>(
            util::parse_unsigned(line.substr(tab + 1, tab2 == std::string_view::npos ? std::string_view::npos
                                                                                     : tab2 - tab - 1),
                                 UINT32_MAX)
                .value_or(0));
        const auto sentences = tab2 == std::string_view::npos ? std::string_view{} : line.substr(tab2 + 1);
        each({static_cast<EntityType>(letter - std::begin(k_type_letters)), line.substr(2, tab - 2), mentions,
              sentences});
    }
}

namespace {

/// Appends `text` as a JSON string, as nlohmann::json dumps it (ill-formed UTF-8 replaced): well-formed text,
/// all of it in practice, is escaped here in runs without copying it into a json value first (the article's
/// text was a tenth of the time spent storing it); other text goes through nlohmann::json.
void append_json_string(std::string& out, std::string_view text) {
    if (!is_valid_utf8(text)) {
        out += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
    }
    static constexpr char k_hex[] = "0123456789abcdef";
    out += '"';
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') {
            continue;
        }
        out.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += "\\u00";
            out += k_hex[c >> 4];
            out += k_hex[c & 0xF];
        }
    }
    out.append(text.data() + run, text.size() - run);
    out += '"';
}

void append_json_field(std::string& out, std::string_view key, std::string_view text) {
    out += '"';
    out += key;
    out += "\":";
    append_json_string(out, text);
}

} // namespace

std::string encode_document_data(const StoredArticle& article) {
    // Written field by field, in the order and form nlohmann::json's dump() gives an object of these fields
    // (keys sorted; mentions as compact arrays [entity, begin, end, sentence, how, ambiguous]): the same
    // bytes without building the object, which cost a twentieth of building a document.
    std::string out;
    out.reserve(article.text.size() + article.title.size() + 64 * article.mentions.size() + 256);
    out += '{';
    append_json_field(out, "date", article.date);
    out += ",\"entities\":[";
    for (std::size_t i = 0; i < article.entities.size(); ++i) {
        const auto& entity = article.entities[i];
        out += i ? ",{" : "{";
        append_json_field(out, "id", entity.id);
        out += ",\"mentions\":" + std::to_string(entity.mentions) + ',';
        append_json_field(out, "name", entity.name);
        out += ',';
        append_json_field(out, "type", entity_type_name(entity.type));
        out += '}';
    }
    out += "],";
    append_json_field(out, "id", article.id);
    out += ",\"mentions\":[";
    for (std::size_t i = 0; i < article.mentions.size(); ++i) {
        const auto& mention = article.mentions[i];
        out += i ? ",[" : "[";
        for (const auto number : {mention.entity, mention.begin, mention.end, mention.sentence}) {
            out += std::to_string(number);
            out += ',';
        }
        append_json_string(out, mention_how_name(mention.how));
        out += mention.ambiguous ? ",1]" : ",0]";
    }
    out += "],";
    append_json_field(out, "source", article.source);
    out += ',';
    append_json_field(out, "text", article.text);
    out += ',';
    append_json_field(out, "title", article.title);
    out += ',';
    append_json_field(out, "url", article.url);
    out += '}';
    return out;
}

StoredArticle decode_document_data(std::string_view data) {
    const auto json = nlohmann::json::parse(data, nullptr, false);
    if (!json.is_object()) {
        throw DataError(
            "document data is not a Dateline article; was this database written by dateline-index?");
    }
    const auto field = [&](const char* key) { return json.value(key, std::string{}); };
    StoredArticle article{
        field("id"), field("url"), field("title"), field("date"), field("source"), field("text"), {}, {}};
    if (const auto it = json.find("entities"); it != json.end() && it->is_array()) {
        for (const auto& entity : *it) {
            article.entities.push_back(
                {entity.value("id", std::string{}),
                 parse_entity_type(entity.value("type", std::string{})).value_or(EntityType::person),
                 entity.value("name", std::string{}),
                 entity.value("mentions", 0u),
                 {}});
        }
    }
    if (const auto it = json.find("mentions"); it != json.end() && it->is_array()) {
        for (const auto& m : *it) {
            if (!m.is_array() || m.size() < 6) {
                continue;
            }
            MentionHow how = MentionHow::name;
            for (const auto candidate :
                 {MentionHow::name, MentionHow::alias, MentionHow::demonym, MentionHow::capital,
                  MentionHow::short_form, MentionHow::rule, MentionHow::model}) {
                if (mention_how_name(candidate) == m[4].get<std::string>()) {
                    how = candidate;
                }
            }
            article.mentions.push_back({m[0].get<std::uint32_t>(), m[1].get<std::uint32_t>(),
                                        m[2].get<std::uint32_t>(), m[3].get<std::uint32_t>(), how,
                                        m[5].get<int>() != 0});
        }
    }
    return article;
}

void store_article(Xapian::Document& document, const StoredArticle& article) {
    document.add_value(slot(Slot::article), util::zstd_compress(encode_document_data(article)));
}

std::string stored_article_json(const Xapian::Document& document) {
    auto value = document.get_value(slot(Slot::article));
    if (value.empty()) {
        return document.get_data(); // written before Slot::article
    }
    return util::zstd_decompress(value);
}

bool same_article(const Xapian::Document& stored, const Xapian::Document& other) {
    const auto value = stored.get_value(slot(Slot::article));
    if (value != other.get_value(slot(Slot::article))) {
        return false;
    }
    return !value.empty() || stored.get_data() == other.get_data();
}

StoredArticle stored_article(const Xapian::Document& document) {
    return decode_document_data(stored_article_json(document));
}

} // namespace dateline::schema
