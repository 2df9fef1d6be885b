#include "schema.hpp"

#include "article_identity.hpp"
#include "errors.hpp"
#include "utf8.hpp"

#include <nlohmann/json.hpp>

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
    for (const char c : collapse_whitespace(source)) {
        term += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return term.substr(0, 240);
}

std::string encode_document_data(const StoredArticle& article) {
    const nlohmann::json data = {{"id", article.id},     {"url", article.url},       {"title", article.title},
                                 {"date", article.date}, {"source", article.source}, {"text", article.text}};
    return data.dump();
}

StoredArticle decode_document_data(std::string_view data) {
    const auto json = nlohmann::json::parse(data, nullptr, false);
    if (!json.is_object()) {
        throw DataError(
            "document data is not a Dateline article; was this database written by dateline-index?");
    }
    const auto field = [&](const char* key) { return json.value(key, std::string{}); };
    return {field("id"), field("url"), field("title"), field("date"), field("source"), field("text")};
}

} // namespace dateline::schema
