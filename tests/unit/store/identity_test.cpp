#include "store/article_identity.hpp"
#include "store/schema.hpp"
#include "util/errors.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace dateline;

TEST_CASE("common::normalize_url") {
    CHECK(normalize_url("https://Example.com:443/a/?utm_source=x#c") == "example.com/a");
    CHECK(normalize_url("http://www.example.com/a") == "example.com/a");
    CHECK(normalize_url("https://example.com/a?id=3&utm_medium=rss&page=2") == "example.com/a?id=3&page=2");
    CHECK(normalize_url("example.com/b/") == "example.com/b");
    CHECK(normalize_url("") == "");
}

TEST_CASE("common::article_identity rules") {
    Article article;
    article.title = "Title";
    article.text = "Body text.";
    SUBCASE("the id wins") {
        article.id = " abc-1 ";
        article.url = "https://example.com/x";
        CHECK(article_identity(article) == "abc-1");
    }
    SUBCASE("else the normalised URL") {
        article.url = "https://www.example.com/x?utm_source=feed";
        CHECK(article_identity(article) == "example.com/x");
    }
    SUBCASE("else a hash of title and text, insensitive to white space") {
        const auto first = article_identity(article);
        CHECK(first.starts_with("text:"));
        article.text = "  Body\n text. ";
        CHECK(article_identity(article) == first);
        article.text = "Other body.";
        CHECK(article_identity(article) != first);
    }
}

TEST_CASE("common::content_hash groups copies of one story") {
    Article a, b;
    a.title = "One headline";
    b.title = "Another headline";
    a.text = "Same wire story.\n\nSecond paragraph.";
    b.text = "Same wire story. Second paragraph.";
    CHECK(content_hash(a) == content_hash(b));
    b.text += " Extra.";
    CHECK(content_hash(a) != content_hash(b));
    CHECK(stable_hash("") ==
          0xcbf29ce484222325ULL); // FNV-1a offset basis: the hash is stored, it must never change
}

TEST_CASE("common::schema terms") {
    CHECK(schema::id_term("abc") == "Qabc");
    const std::string long_id(400, 'x');
    const auto term = schema::id_term(long_id);
    CHECK(term.size() < 245);
    CHECK(term != schema::id_term(long_id + "y"));
    CHECK(schema::source_term("  Korea   Herald ") == "XSRCkorea herald");
    const schema::StoredArticle stored{"id", "u", "t", "2025-10-29", "s", "text \xEC\x9D\xB4", {}, {}};
    const auto decoded = schema::decode_document_data(schema::encode_document_data(stored));
    CHECK(decoded.text == stored.text);
    CHECK(decoded.date == "2025-10-29");
    CHECK_THROWS(schema::decode_document_data("not json"));
}

TEST_CASE(
    "common::schema stores the article in its slot and still reads articles kept in the document data") {
    schema::StoredArticle article{"id-1",
                                  "https://example.com/1",
                                  "Lee meets Xi",
                                  "2025-11-01",
                                  "Yonhap",
                                  "이재명 met 习近平 in Gyeongju.",
                                  {},
                                  {}};
    article.entities.push_back({"Q15031", EntityType::person, "Xi Jinping", 1, {1}});
    article.mentions.push_back({0, 30, 39, 1, MentionHow::name, false});
    Xapian::Document stored;
    schema::store_article(stored, article);
    CHECK(stored.get_data().empty());
    const auto value = stored.get_value(schema::slot(schema::Slot::article));
    REQUIRE_FALSE(value.empty());
    CHECK(value.find("Gyeongju") == std::string::npos); // compressed, not the JSON itself
    CHECK(schema::stored_article_json(stored) == schema::encode_document_data(article));
    const auto read = schema::stored_article(stored);
    CHECK(read.text == article.text);
    CHECK(read.title == article.title);
    REQUIRE(read.entities.size() == 1);
    CHECK(read.entities[0].name == "Xi Jinping");
    REQUIRE(read.mentions.size() == 1);
    CHECK(read.mentions[0].end == 39);

    SUBCASE("a document written before the slot: the JSON in its data") {
        Xapian::Document earlier;
        earlier.set_data(schema::encode_document_data(article));
        CHECK(schema::stored_article(earlier).text == article.text);
        CHECK_FALSE(schema::same_article(earlier, stored)); // replacing it moves it into the slot
    }
    SUBCASE("the same article stored twice is the same; another is not") {
        Xapian::Document again;
        schema::store_article(again, article);
        CHECK(schema::same_article(stored, again));
        article.text += " Updated.";
        Xapian::Document changed;
        schema::store_article(changed, article);
        CHECK_FALSE(schema::same_article(stored, changed));
    }
    SUBCASE("a damaged slot is an error that says what to do") {
        Xapian::Document damaged;
        damaged.add_value(schema::slot(schema::Slot::article), value.substr(0, value.size() / 2));
        CHECK_THROWS_WITH_AS(schema::stored_article(damaged), doctest::Contains("re-index"), DataError);
        damaged.add_value(schema::slot(schema::Slot::article), "plain text");
        CHECK_THROWS_AS(schema::stored_article(damaged), DataError);
    }
}

namespace {

/// The document data as nlohmann::json writes the object: what encode_document_data must equal byte for byte.
std::string reference_encoding(const schema::StoredArticle& article) {
    nlohmann::json entities = nlohmann::json::array();
    for (const auto& entity : article.entities) {
        entities.push_back({{"id", entity.id},
                            {"type", entity_type_name(entity.type)},
                            {"name", entity.name},
                            {"mentions", entity.mentions}});
    }
    nlohmann::json mentions = nlohmann::json::array();
    for (const auto& mention : article.mentions) {
        mentions.push_back({mention.entity, mention.begin, mention.end, mention.sentence,
                            mention_how_name(mention.how), mention.ambiguous ? 1 : 0});
    }
    const nlohmann::json data = {{"id", article.id},     {"url", article.url},       {"title", article.title},
                                 {"date", article.date}, {"source", article.source}, {"text", article.text},
                                 {"entities", entities}, {"mentions", mentions}};
    return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace

TEST_CASE("common::schema::encode_document_data writes what nlohmann::json writes") {
    schema::StoredArticle article{"id \"1\"",
                                  "https://example.com/a?b=c&d",
                                  "Title\twith \\ and \x01",
                                  "",
                                  "Wire",
                                  "Bad \xFF byte, 이재명, 习近平, \"quoted\"\n\nnext",
                                  {},
                                  {}};
    CHECK(schema::encode_document_data(article) == reference_encoding(article));
    article.date = "2025-11-01";
    article.entities.push_back({"Q15031", EntityType::person, "Xi \"Jinping\"", 3, {0, 2}});
    article.entities.push_back({"KR", EntityType::country, "South Korea", 1, {1}});
    article.mentions.push_back({0, 4, 13, 0, MentionHow::name, false});
    article.mentions.push_back({1, 20, 4294967295U, 1, MentionHow::short_form, true});
    article.mentions.push_back({0, 30, 32, 2, MentionHow::model, false});
    CHECK(schema::encode_document_data(article) == reference_encoding(article));
    const auto decoded = schema::decode_document_data(schema::encode_document_data(article));
    REQUIRE(decoded.mentions.size() == 3);
    CHECK(decoded.mentions[1].how == MentionHow::short_form);
    CHECK(decoded.mentions[1].ambiguous);
    CHECK(decoded.entities[0].name == "Xi \"Jinping\"");
    // Well-formed text with every ASCII byte (controls, quotes, backslash, DEL) and other scripts is escaped
    // by Dateline's own writer, the same way.
    std::string every_byte(1, '\0');
    for (int c = 1; c < 0x80; ++c) {
        every_byte += static_cast<char>(c);
    }
    article.text = every_byte + "이재명 习近平 😀 \"end\"\n";
    article.title = every_byte;
    CHECK(schema::encode_document_data(article) == reference_encoding(article));
}
