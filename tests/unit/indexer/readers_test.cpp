#include "pipeline/input_files.hpp"
#include "readers/feed_reader.hpp"
#include "readers/html_reader.hpp"
#include "readers/jsonl_reader.hpp"
#include "readers/text_reader.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <sstream>

using namespace dateline;
using dateline::testing::RecordingEvents;

namespace {

RecordingEvents read_jsonl_text(const std::string& text, std::size_t max_bytes = 1 << 20) {
    RecordingEvents events;
    std::istringstream in(text);
    ReaderOptions options;
    options.max_record_bytes = max_bytes;
    read_jsonl(in, "in.jsonl", options, events);
    return events;
}

} // namespace

TEST_CASE("indexer::read_jsonl") {
    SUBCASE("fields and their synonyms") {
        const auto events = read_jsonl_text(
            R"({"id":"a","url":"https://x.org/a","title":"T","date":"2025-10-29","source":"Yonhap","text":"Body"})"
            "\n"
            R"({"link":"https://x.org/b","title":" Two ","published_at":"Oct 30, 2025","body":"B","source":{"name":"AP"}})"
            "\n"
            R"({"id":7,"title":"Three","published":1761782400,"content":"C"})"
            "\n");
        REQUIRE(events.articles.size() == 3);
        CHECK(events.problems.empty());
        const auto& a = events.articles[0];
        CHECK(a.id == "a");
        CHECK(a.url == "https://x.org/a");
        CHECK(a.source == "Yonhap");
        CHECK(a.text == "Body");
        CHECK(format_iso_day(*a.date) == "2025-10-29");
        CHECK(a.origin.line == 1);
        const auto& b = events.articles[1];
        CHECK(b.url == "https://x.org/b");
        CHECK(b.title == "Two");
        CHECK(b.text == "B");
        CHECK(b.source == "AP");
        CHECK(format_iso_day(*b.date) == "2025-10-30");
        CHECK(events.articles[2].id == "7");
        CHECK(format_iso_day(*events.articles[2].date) == "2025-10-30");
    }
    SUBCASE("bad records are reported with their line and skipped; the rest is read") {
        const auto events = read_jsonl_text("{\"title\":\"ok 1\",\"date\":\"2025-01-01\"}\n"
                                            "{broken\n"
                                            "\n"
                                            "[1,2]\n"
                                            "{\"id\":\"x\",\"date\":\"2025-01-01\"}\n"
                                            "{\"title\":\"ok 2\",\"date\":\"2025-01-02\"}");
        CHECK(events.articles.size() == 2);
        REQUIRE(events.count(Problem::skipped) == 3);
        CHECK(events.problems[0].where.line == 2);
        CHECK(events.problems[0].message.find("not valid JSON") != std::string::npos);
        CHECK(events.problems[1].where.line == 4);
        CHECK(events.problems[1].message.find("array") != std::string::npos);
        CHECK(events.problems[2].where.line == 5);
        CHECK(events.problems[2].message.find("neither") != std::string::npos);
    }
    SUBCASE("invalid UTF-8 is repaired and counted") {
        const auto events = read_jsonl_text("{\"title\":\"caf\xE9 \xFF\",\"date\":\"2025-01-01\"}\n");
        REQUIRE(events.articles.size() == 1);
        CHECK(events.repaired == 2);
        CHECK(events.articles[0].title == "caf\xEF\xBF\xBD \xEF\xBF\xBD");
    }
    SUBCASE("an unreadable or missing date is a warning; the article stays") {
        const auto events = read_jsonl_text("{\"title\":\"a\",\"date\":\"someday\"}\n{\"title\":\"b\"}\n");
        REQUIRE(events.articles.size() == 2);
        CHECK_FALSE(events.articles[0].date);
        CHECK(events.count(Problem::warning) == 2);
        CHECK(events.problems[0].message.find("someday") != std::string::npos);
    }
    SUBCASE("a record over the size limit is skipped without holding it in memory") {
        const std::string huge = "{\"title\":\"" + std::string(200000, 'x') + "\"}\n";
        const auto events = read_jsonl_text(huge + "{\"title\":\"after\",\"date\":\"2025-01-01\"}\n", 1000);
        REQUIRE(events.articles.size() == 1);
        CHECK(events.articles[0].title == "after");
        CHECK(events.articles[0].origin.line == 2);
        REQUIRE(events.count(Problem::skipped) == 1);
        CHECK(events.problems[0].message.find("--max-bytes") != std::string::npos);
    }
    SUBCASE("records read by simdjson and by nlohmann::json give the same articles") {
        // Strings go through simdjson; numbers in a field, escaped surrogates, anything simdjson rejects go
        // through nlohmann::json: the article must not depend on which.
        const auto events = read_jsonl_text(
            R"({"title":"first","title":"last","text":"x","date":"2025-01-01"})"
            "\n"
            R"({"id":null,"guid":"g-1","title":"T","source":{"name":"AP","name":"Reuters"},"date":"2025-01-01"})"
            "\n"
            R"({"id":-0,"title":"minus zero","date":"2025-01-01"})"
            "\n"
            R"({"id":"n","title":"T","text":"x","timestamp":1761782400})"
            "\n"
            R"({"title":"pair \ud83d\ude00 lone \udc00 end","date":"2025-01-01"})"
            "\n"
            R"({"title":"escaped \\ud800 backslash","date":"2025-01-01","extra":[1,{"a":2.5e30}]})"
            "\n"
            "\xEF\xBB\xBF{\"title\":\"after a "
            "BOM\",\"date\":\"2025-01-01\",\"big\":123456789012345678901234567890}\n"
            R"({"title":"T","text":{"name":7},"body":"the body","source":true,"publisher":"P","date":"2025-01-01"})"
            "\n"
            R"({"title":"nul \u0000 inside","date":"2025-01-01"})"
            "\n"
            R"({"title":"a number past double","date":"2025-01-01","extra":2.5e400})"
            "\n");
        REQUIRE(events.articles.size() == 9);
        CHECK(events.articles[0].title == "last"); // the last of equal keys, as nlohmann::json keeps
        CHECK(events.articles[1].id == "g-1");
        CHECK(events.articles[1].source == "Reuters");
        CHECK(events.articles[2].id == "0");
        CHECK(format_iso_day(*events.articles[3].date) == "2025-10-30");
        CHECK(events.articles[4].title == "pair \xF0\x9F\x98\x80 lone \xEF\xBF\xBD end");
        CHECK(events.repaired == 1);
        CHECK(events.articles[5].title == "escaped \\ud800 backslash");
        CHECK(events.articles[6].title == "after a BOM");
        CHECK(events.articles[7].text == "the body");
        CHECK(events.articles[7].source == "P");
        CHECK(events.articles[8].title == std::string("nul \0 inside", 12));
        REQUIRE(events.count(Problem::skipped) == 1); // nlohmann::json rejects 2.5e400 (simdjson too)
        CHECK(events.problems.back().where.line == 10);
    }
    SUBCASE("CRLF line ends and a last line without newline") {
        const auto events = read_jsonl_text(
            "{\"title\":\"a\",\"date\":\"2025-01-01\"}\r\n{\"title\":\"b\",\"date\":\"2025-01-01\"}");
        CHECK(events.articles.size() == 2);
        CHECK(events.problems.empty());
    }
}

TEST_CASE("indexer::read_text") {
    SUBCASE("header block") {
        RecordingEvents events;
        read_text("Title: Lee meets Xi\nDate: 2025-11-01\nSource: Wire\nURL: https://x.org/1\n\nBody line "
                  "one.\n\nTwo.\n",
                  "a.txt", events);
        REQUIRE(events.articles.size() == 1);
        const auto& a = events.articles[0];
        CHECK(a.title == "Lee meets Xi");
        CHECK(a.source == "Wire");
        CHECK(a.url == "https://x.org/1");
        CHECK(format_iso_day(*a.date) == "2025-11-01");
        CHECK(a.text == "Body line one.\n\nTwo.\n");
    }
    SUBCASE("no header: the first line is the title, no date is a warning") {
        RecordingEvents events;
        read_text("\nHeadline here\n\nThe body.\n", "b.txt", events);
        REQUIRE(events.articles.size() == 1);
        CHECK(events.articles[0].title == "Headline here");
        CHECK(events.articles[0].text == "\nThe body.\n");
        CHECK(events.count(Problem::warning) == 1);
    }
    SUBCASE("a body line with a colon is not a header") {
        RecordingEvents events;
        read_text("Note: this is text\nmore\n", "c.txt", events);
        REQUIRE(events.articles.size() == 1);
        CHECK(events.articles[0].title == "Note: this is text");
    }
    SUBCASE("an empty file is skipped") {
        RecordingEvents events;
        read_text("  \n\n", "d.txt", events);
        CHECK(events.articles.empty());
        CHECK(events.count(Problem::skipped) == 1);
    }
}

TEST_CASE("indexer::read_feed") {
    SUBCASE("RSS 2.0 with one broken item") {
        RecordingEvents events;
        read_feed(R"(<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Desk</title>
<item><title>One</title><link>https://x.org/1</link><guid>g1</guid><pubDate>Wed, 29 Oct 2025 10:00:00 +0900</pubDate>
<description>&lt;p&gt;Short &lt;b&gt;html&lt;/b&gt;&lt;/p&gt;</description></item>
<item><link>https://x.org/broken</link></item>
<item><title>Three</title><description>plain</description><content:encoded><![CDATA[<p>Full <i>text</i></p><script>x()</script>]]></content:encoded><pubDate>not a date</pubDate></item>
</channel></rss>)",
                  "feed.rss", events);
        REQUIRE(events.articles.size() == 2);
        CHECK(events.articles[0].title == "One");
        CHECK(events.articles[0].id == "g1");
        CHECK(events.articles[0].source == "Desk");
        CHECK(events.articles[0].text == "Short html");
        CHECK(format_iso_day(*events.articles[0].date) == "2025-10-29");
        CHECK(events.articles[1].text == "Full text");
        CHECK_FALSE(events.articles[1].date);
        REQUIRE(events.count(Problem::skipped) == 1);
        const auto& broken = events.problems[0];
        CHECK(broken.where.line == 6);
        CHECK(broken.message.find("no title and no text") != std::string::npos);
    }
    SUBCASE("malformed XML is recovered where possible and reported") {
        RecordingEvents events;
        read_feed("<rss><channel><title>D</title><item><title>Kept</title><description>a &amp "
                  "b</description></item>"
                  "<item><title>Also</title></item></channel>",
                  "bad.rss", events);
        CHECK(events.articles.size() >= 1);
        CHECK(events.articles[0].title == "Kept");
        CHECK_FALSE(events.problems.empty());
        CHECK(events.problems[0].message.find("XML error") != std::string::npos);
    }
    SUBCASE("not a feed") {
        RecordingEvents events;
        read_feed("<?xml version=\"1.0\"?><html/>", "x.xml", events);
        CHECK(events.articles.empty());
        CHECK(events.count(Problem::skipped) == 1);
    }
    SUBCASE("Atom: content over summary, xhtml and html content, updated as fallback date") {
        RecordingEvents events;
        read_feed(R"(<feed xmlns="http://www.w3.org/2005/Atom"><title>Trade</title>
<entry><title>A</title><id>tag:a</id><link rel="self" href="https://x.org/self"/><link href="https://x.org/a"/>
<updated>2025-11-12T09:00:00Z</updated><summary>S</summary>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One.</p><p>Two.</p></div></content></entry>
<entry><title>B</title><id>tag:b</id><published>2025-10-28T06:00:00Z</published><content type="html">&lt;p&gt;Html &amp;amp; more&lt;/p&gt;</content></entry>
</feed>)",
                  "f.atom", events);
        REQUIRE(events.articles.size() == 2);
        CHECK(events.articles[0].id == "tag:a");
        CHECK(events.articles[0].url == "https://x.org/a");
        CHECK(events.articles[0].text == "One.\n\nTwo.");
        CHECK(format_iso_day(*events.articles[0].date) == "2025-11-12");
        CHECK(events.articles[1].text == "Html & more");
        CHECK(events.articles[1].source == "Trade");
    }
}

TEST_CASE("indexer::read_html") {
    RecordingEvents events;
    read_html(R"(<!DOCTYPE html><html><head><title>Site | Page</title>
<meta property="og:title" content="Real title"><meta property="og:site_name" content="Features">
<script type="application/ld+json">{"datePublished":"2025-10-30T07:00:00+09:00"}</script></head>
<body><nav>Home | World</nav><article><h1>Real title</h1><p>First   para.</p><p>Second <b>para</b>.</p>
<script>track()</script></article><aside>Most read</aside><footer>(c)</footer></body></html>)",
              "page.html", events);
    REQUIRE(events.articles.size() == 1);
    const auto& a = events.articles[0];
    CHECK(a.title == "Real title");
    CHECK(a.source == "Features");
    CHECK(format_iso_day(*a.date) == "2025-10-29");
    CHECK(a.text == "Real title\n\nFirst para.\n\nSecond para.");

    SUBCASE("date from <time> when there is no meta") {
        RecordingEvents more;
        read_html(
            "<html><body><h1>H</h1><time datetime=\"2025-06-04\">June 4</time><p>Text</p></body></html>",
            "t.html", more);
        REQUIRE(more.articles.size() == 1);
        CHECK(more.articles[0].title == "H");
        CHECK(format_iso_day(*more.articles[0].date) == "2025-06-04");
    }
}

TEST_CASE("indexer::detect_format") {
    CHECK(detect_format("a.jsonl", "") == InputFormat::jsonl);
    CHECK(detect_format("a.html", "") == InputFormat::html);
    CHECK(detect_format("-", "  {\"id\":1}") == InputFormat::jsonl);
    CHECK(detect_format("feed.xml", "<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\">") ==
          InputFormat::rss);
    CHECK(detect_format("feed.xml", "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">") ==
          InputFormat::atom);
    CHECK(detect_format("page", "<!DOCTYPE html><html>") == InputFormat::html);
    CHECK(detect_format("notes", "Title: x\n\nbody") == InputFormat::text);
    CHECK(looks_binary(std::string("PK\x03\x04\0\0", 6)));
    CHECK_THROWS_WITH((void)parse_input_format("xml"), doctest::Contains("jsonl"));
}
