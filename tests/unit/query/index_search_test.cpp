#include "access/entity_resolver.hpp"
#include "aggregations/entity_counts.hpp"
#include "aggregations/stats.hpp"
#include "aggregations/timeline.hpp"
#include "pipeline/indexing_run.hpp"
#include "search/search.hpp"
#include "store/schema.hpp"
#include "test_support.hpp"
#include "text/dates.hpp"
#include "util/errors.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <sstream>

using namespace dateline;
using dateline::testing::TempDir;

namespace {

const char* k_articles =
    R"({"id":"a1","title":"Lee Jae-myung meets Xi Jinping","date":"2025-11-01","source":"Yonhap","text":"South Korean President Lee Jae-myung held talks with Xi Jinping in Gyeongju. 이재명 대통령은 习近平 주석과 회담했다."})"
    "\n"
    R"({"id":"a2","title":"Tariff deal","date":"2025-10-29","source":"Wire","text":"Trump and Lee agreed on tariffs in Gyeongju."})"
    "\n"
    R"({"id":"a3","title":"Copy of tariff deal","date":"2025-10-30","source":"Partner Daily","text":"Trump and Lee agreed on tariffs in Gyeongju."})"
    "\n"
    R"({"id":"a4","title":"Undated explainer","source":"Wire","text":"APEC has 21 member economies meeting in Gyeongju."})"
    "\n";

struct IndexedFixture {
    TempDir dir;
    std::string db = (dir.path() / "db").string();
    IndexSummary summary;
    std::ostringstream diagnostics;

    IndexedFixture() {
        const auto input = dir.write("in.jsonl", k_articles);
        IndexOptions options;
        options.database = db;
        options.batch_size = 2;
        summary = index_inputs(options, {input.string()}, diagnostics);
    }

    std::vector<std::string> ids(SearchRequest request) const {
        const Xapian::Database database(db);
        std::vector<std::string> out;
        for (const auto& hit : search(database, KnowledgeBase::builtin(), request).hits) {
            out.push_back(hit.id);
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    std::vector<std::string> ids(const std::string& query) const {
        SearchRequest request;
        request.query = query;
        return ids(request);
    }
};

using Ids = std::vector<std::string>;

} // namespace

TEST_CASE("indexer::index_inputs then query::search") {
    IndexedFixture f;
    CHECK(f.summary.added == 4);
    CHECK(f.summary.undated == 1);
    CHECK(f.summary.exit_status() == 0);
    CHECK(f.summary.articles_in_database == 4);

    SUBCASE("words, stems and phrases") {
        CHECK(f.ids("gyeongju") == Ids{"a1", "a2", "a3", "a4"});
        CHECK(f.ids("tariff") == Ids{"a2", "a3"}); // stemmed: tariffs
        CHECK(f.ids("\"Xi Jinping\"") == Ids{"a1"});
        CHECK(f.ids("\"Jinping Xi\"").empty());
        CHECK(f.ids("Jae-myung") == Ids{"a1"});
        CHECK(f.ids("Jaemyung") == Ids{"a1"});
        CHECK(f.ids("Lee NOT Xi") == Ids{"a2", "a3"});
    }
    SUBCASE("CJK and Hangul inside longer runs") {
        CHECK(f.ids("习近平") == Ids{"a1"});
        CHECK(f.ids("이재명") == Ids{"a1"});
        CHECK(f.ids("회담").size() == 1);
    }
    SUBCASE("fields") {
        CHECK(f.ids("title:tariff") == Ids{"a2", "a3"});
        CHECK(f.ids("title:gyeongju").empty());
        CHECK(f.ids("source:yonhap") == Ids{"a1"});
        CHECK(f.ids("source:\"Partner Daily\"") == Ids{"a3"});
        CHECK(f.ids("gyeongju date:2025-10-29..2025-10-30") == Ids{"a2", "a3"});
    }
    SUBCASE("date options leave undated articles out") {
        SearchRequest request;
        request.from = parse_date("2025-10-30");
        CHECK(f.ids(request) == Ids{"a1", "a3"});
        request.to = parse_date("2025-10-31");
        CHECK(f.ids(request) == Ids{"a3"});
    }
    SUBCASE("source option") {
        SearchRequest request;
        request.query = "gyeongju";
        request.sources = {"Wire", "yonhap"};
        CHECK(f.ids(request) == Ids{"a1", "a2", "a4"});
    }
    SUBCASE("collapse syndicated copies") {
        SearchRequest request;
        request.query = "tariffs";
        request.duplicates = Duplicates::collapse;
        const Xapian::Database database(f.db);
        const auto result = search(database, KnowledgeBase::builtin(), request);
        REQUIRE(result.hits.size() == 1);
        CHECK(result.hits[0].collapsed == 1);
    }
    SUBCASE("sort by date, newest first; count and snippet") {
        SearchRequest request;
        request.query = "gyeongju";
        request.sort = SortOrder::date;
        const Xapian::Database database(f.db);
        const auto result = search(database, KnowledgeBase::builtin(), request);
        CHECK(result.total == 4);
        CHECK(result.total_is_exact);
        REQUIRE(result.hits.size() == 4);
        CHECK(result.hits[0].id == "a1");
        CHECK(result.hits[0].date == "2025-11-01");
        CHECK(result.hits[0].snippet.find("**Gyeongju**") != std::string::npos);
    }
    SUBCASE("a syntax error is a usage error with a hint") {
        SearchRequest request;
        request.query = "Lee AND";
        const Xapian::Database database(f.db);
        CHECK_THROWS_AS((void)search(database, KnowledgeBase::builtin(), request), UsageError);
    }
    SUBCASE("re-indexing replaces, never duplicates") {
        IndexOptions options;
        options.database = f.db;
        std::ostringstream diagnostics;
        const auto again = index_inputs(options, {(f.dir.path() / "in.jsonl").string()}, diagnostics);
        CHECK(again.added == 0);
        CHECK(again.replaced == 4);
        CHECK(again.articles_in_database == 4);
    }
    SUBCASE("stats") {
        const Xapian::Database database(f.db);
        const auto stats = collect_stats(database, {f.db});
        CHECK(stats.articles == 4);
        CHECK(stats.undated == 1);
        CHECK(stats.first_date == "2025-10-29");
        CHECK(stats.last_date == "2025-11-01");
        REQUIRE(stats.sources.size() == 3);
        CHECK(stats.sources[0].name == "Wire");
        CHECK(stats.sources[0].articles == 2);
        CHECK_FALSE(stats.last_update.empty());
        CHECK(stats.size_bytes > 0);
    }
}

TEST_CASE("query::search reads articles stored before Slot::article, and re-indexing moves them there") {
    IndexedFixture f;
    // Rewrite a2 as databases written before 2026-12-03 hold it: the article's JSON in the document data.
    std::size_t rewritten = 0;
    for (const auto& shard : std::filesystem::directory_iterator(f.db)) {
        if (!shard.is_directory()) {
            continue;
        }
        Xapian::WritableDatabase database(shard.path().string());
        for (auto it = database.postlist_begin("Qa2"); it != database.postlist_end("Qa2"); ++it) {
            auto document = database.get_document(*it);
            const auto json = schema::stored_article_json(document);
            document.remove_value(schema::slot(schema::Slot::article));
            document.set_data(json);
            database.replace_document(*it, document);
            ++rewritten;
        }
        database.commit();
    }
    REQUIRE(rewritten == 1);
    SearchRequest request;
    request.query = "tariffs";
    const Xapian::Database database(f.db);
    std::set<std::string> titles;
    for (const auto& hit : search(database, KnowledgeBase::builtin(), request).hits) {
        titles.insert(hit.title);
        CHECK(hit.snippet.find("**tariffs**") != std::string::npos);
    }
    CHECK(titles == std::set<std::string>{"Tariff deal", "Copy of tariff deal"});

    // The same input again: the three stored in the slot are unchanged, a2 is replaced into the slot.
    IndexOptions options;
    options.database = f.db;
    std::ostringstream diagnostics;
    const auto again = index_inputs(options, {(f.dir.path() / "in.jsonl").string()}, diagnostics);
    CHECK(again.replaced == 4);
    CHECK(again.unchanged == 3);
    CHECK(again.added == 0);
    const Xapian::Database reopened(f.db);
    for (auto it = reopened.postlist_begin("Qa2"); it != reopened.postlist_end("Qa2"); ++it) {
        const auto document = reopened.get_document(*it);
        CHECK(document.get_data().empty());
        CHECK(schema::stored_article(document).title == "Tariff deal");
    }
}

TEST_CASE("indexer::index_inputs reports bad input and goes on") {
    TempDir dir;
    dir.write("in/good.jsonl", "{\"id\":\"g\",\"title\":\"Good\",\"date\":\"2025-01-01\"}\n{oops\n");
    dir.write("in/empty.txt", "");
    dir.write("in/binary.bin", std::string("\x7f"
                                           "ELF\0\0\0",
                                           7));
    dir.write("in/.hidden.jsonl", "{\"id\":\"h\",\"title\":\"Hidden\"}\n");
    IndexOptions options;
    options.database = (dir.path() / "db").string();
    std::ostringstream diagnostics;
    const auto summary =
        index_inputs(options, {(dir.path() / "in").string(), (dir.path() / "missing").string()}, diagnostics);
    CHECK(summary.added == 1);
    CHECK(summary.skipped == 4); // bad line, empty file, binary file, missing path
    CHECK(summary.exit_status() == 1);
    const auto messages = diagnostics.str();
    CHECK(messages.find("good.jsonl:2: error: not valid JSON") != std::string::npos);
    CHECK(messages.find("empty.txt: error: empty file") != std::string::npos);
    CHECK(messages.find("binary.bin: error: binary file") != std::string::npos);
    CHECK(messages.find("missing: error: no such file") != std::string::npos);

    SUBCASE("strict mode stops at the first bad record, keeping what came before") {
        options.on_bad_record = OnBadRecord::stop;
        std::ostringstream strict_messages;
        CHECK_THROWS_WITH_AS(
            (void)index_inputs(options, {(dir.path() / "in/good.jsonl").string()}, strict_messages),
            doctest::Contains("--strict"), DataError);
        CHECK(Xapian::Database(options.database).get_doccount() == 1);
    }
    SUBCASE("a second writer gets a clear lock error") {
        Xapian::WritableDatabase holder(options.database, Xapian::DB_OPEN);
        std::ostringstream locked;
        CHECK_THROWS_WITH_AS((void)index_inputs(options, {(dir.path() / "in/good.jsonl").string()}, locked),
                             doctest::Contains("locked by another indexer"), DataError);
    }
}

TEST_CASE("query::entity filters and counts") {
    IndexedFixture f;
    SUBCASE("filters by any name, script or id; several mean AND") {
        CHECK(f.ids("person:习近平") == Ids{"a1"});
        CHECK(f.ids("person:\"Xi Jinping\"") == Ids{"a1"});
        CHECK(f.ids("person:Trump") == Ids{"a2", "a3"});
        CHECK(f.ids("country:KR") == Ids{"a1"}); // "South Korean" is a demonym of South Korea
        CHECK(f.ids("person:Xi person:Trump").empty());
        CHECK(f.ids("person:Xi OR person:Trump") == Ids{"a1", "a2", "a3"});
        CHECK(f.ids("place:Gyeongju -person:Trump") == Ids{"a1", "a4"});
        // Text right after a quoted name is a word of its own, not part of the filter (found by fuzz_query).
        CHECK(f.ids("person:\"Xi Jinping\"Gyeongju") == Ids{"a1"});
        SearchRequest request;
        request.entities = {"Trump", "Gyeongju"};
        CHECK(f.ids(request) == Ids{"a2", "a3"});
    }
    SUBCASE("an unknown name is a usage error with suggestions") {
        SearchRequest request;
        request.query = "person:\"Xi Jinpeng\"";
        const Xapian::Database database(f.db);
        CHECK_THROWS_WITH_AS((void)search(database, KnowledgeBase::builtin(), request),
                             doctest::Contains("closest known: Xi Jinping"), UsageError);
    }
    SUBCASE("the hidden field entity filters become is no search field") {
        SearchRequest request;
        request.query = "dlentityref:7";
        const Xapian::Database database(f.db);
        CHECK_THROWS_WITH_AS((void)search(database, KnowledgeBase::builtin(), request),
                             doctest::Contains("not a search field"), UsageError);
    }
    SUBCASE("counts over the whole database and over a query agree with the documents") {
        const Xapian::Database database(f.db);
        const EntityResolver resolver(database, KnowledgeBase::builtin());
        const auto all = count_entities(database, Shards{}, std::nullopt, std::nullopt, resolver);
        const auto via_spy =
            count_entities(database, Shards{}, Xapian::Query::MatchAll, std::nullopt, resolver);
        REQUIRE(all.size() == via_spy.size());
        for (std::size_t i = 0; i < all.size(); ++i) {
            CHECK(all[i].id == via_spy[i].id);
            CHECK(all[i].articles == via_spy[i].articles);
            CHECK(all[i].mentions == via_spy[i].mentions);
        }
        REQUIRE_FALSE(all.empty());
        CHECK(all.front().name == "Gyeongju"); // in all four articles
        CHECK(all.front().articles == 4);
        const auto people =
            count_entities(database, Shards{}, Xapian::Query("XP:Q22686"), EntityType::person, resolver);
        REQUIRE(people.size() == 1);
        CHECK(people[0].name == "Donald Trump");
        CHECK(people[0].articles == 2);
    }
}

TEST_CASE("query::whole_database_timelines equal the scan over every article") {
    IndexedFixture f;
    const Xapian::Database database(f.db);
    REQUIRE(has_entity_day_terms(database));
    const EntityResolver resolver(database, KnowledgeBase::builtin());
    const std::vector<ResolvedEntity> entities = {resolver.resolve("Gyeongju"), resolver.resolve("Trump"),
                                                  resolver.resolve("Xi Jinping")};
    const auto dump = [](const TimelineResult& result) {
        std::string out;
        for (const auto& timeline : result.timelines) {
            out += timeline.entity.id + " " + std::to_string(timeline.articles) + " " +
                   std::to_string(timeline.mentions) + " undated " + std::to_string(timeline.undated) + ":";
            for (const auto& point : timeline.points) {
                out += " " + point.period + "=" + std::to_string(point.articles) + "/" +
                       std::to_string(point.mentions);
            }
            out += "\n";
        }
        return out;
    };
    for (const auto granularity : {Granularity::day, Granularity::month}) {
        for (const auto& [from, to] :
             std::initializer_list<std::pair<std::optional<Day>, std::optional<Day>>>{
                 {std::nullopt, std::nullopt},
                 {parse_compact_day("20251030"), std::nullopt},
                 {std::nullopt, parse_compact_day("20251030")}}) {
            SearchRequest request;
            request.from = from;
            request.to = to;
            const auto base = build_query(database, resolver, request);
            const auto scanned = compute_timelines(database, Shards{}, base, entities, granularity, from, to);
            const auto from_terms = whole_database_timelines(database, entities, granularity, from, to);
            CHECK(dump(from_terms) == dump(scanned));
        }
    }
    const auto all =
        whole_database_timelines(database, entities, Granularity::month, std::nullopt, std::nullopt);
    CHECK(all.timelines[0].articles == 3); // Gyeongju: three dated articles and the undated explainer
    CHECK(all.timelines[0].undated == 1);
}
