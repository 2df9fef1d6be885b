#include "store/article_identity.hpp"
#include "store/schema.hpp"

#include <doctest/doctest.h>

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
