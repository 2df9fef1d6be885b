#include "aggregations/entity_index.hpp"
#include "aggregations/periods.hpp"
#include "entities/entity_tagger.hpp"
#include "entities/knowledge_base.hpp"
#include "meetings/meetings.hpp"
#include "store/document_builder.hpp"
#include "store/schema.hpp"
#include "util/errors.hpp"

#include <doctest/doctest.h>

using namespace dateline;

namespace {

/// The stored form of an article with this body, as the indexer would write it.
schema::StoredArticle stored(const std::string& body) {
    static DocumentBuilder builder(KnowledgeBase::builtin());
    Article article;
    article.id = "t";
    article.title = "Headline";
    article.text = body;
    article.date = parse_date("2025-11-01");
    return schema::decode_document_data(builder.build(article).document.get_data());
}

/// "A|B|held" for each meeting found in `body`.
std::vector<std::string> meetings(const std::string& body) {
    Tokenizer tokenizer;
    std::vector<std::string> out;
    for (const auto& m : find_meetings(stored(body), tokenizer)) {
        out.push_back(m.first.name + "|" + m.second.name + "|" +
                      (m.kind == MeetingKind::held ? "held" : "planned"));
    }
    return out;
}

using Found = std::vector<std::string>;

} // namespace

TEST_CASE("query::periods") {
    const auto day = [](const char* text) { return *parse_date(text); };
    CHECK(period_of(day("2025-10-29"), Granularity::day) == "2025-10-29");
    CHECK(period_of(day("2025-10-29"), Granularity::week) == "2025-W44");
    CHECK(period_of(day("2025-12-29"), Granularity::week) ==
          "2026-W01"); // ISO: the week of 2026's first Thursday
    CHECK(period_of(day("2027-01-01"), Granularity::week) == "2026-W53");
    CHECK(period_of(day("2025-10-29"), Granularity::month) == "2025-10");
    CHECK(period_of(day("2025-10-29"), Granularity::year) == "2025");
    CHECK(periods_between(day("2025-11-28"), day("2026-01-02"), Granularity::month) ==
          std::vector<std::string>{"2025-11", "2025-12", "2026-01"});
    CHECK(periods_between(day("2025-10-27"), day("2025-11-09"), Granularity::week) ==
          std::vector<std::string>{"2025-W44", "2025-W45"});
    const auto week = period_bounds("2026-W01", Granularity::week);
    CHECK(format_iso_day(week.first) == "2025-12-29");
    CHECK(format_iso_day(week.last) == "2026-01-04");
    CHECK(format_iso_day(period_bounds("2024-02", Granularity::month).last) == "2024-02-29");
    CHECK_THROWS_AS((void)parse_granularity("fortnight"), UsageError);
}

TEST_CASE("schema::entity slot round trip") {
    const std::vector<schema::StoredEntity> entities = {
        {"Q15031", EntityType::person, "Xi Jinping", 3, {0, 2, 5}},
        {"KR", EntityType::country, "South Korea", 1, {2}}};
    const auto value = schema::encode_entity_slot(entities, 7, "20251101");
    CHECK(schema::slot_sentence_count(value) == 7);
    CHECK(schema::slot_date(value) == "20251101");
    std::vector<std::string> seen;
    schema::for_each_slot_entity(value, [&](const schema::SlotEntity& e) {
        seen.push_back(std::string(e.id) + "/" + std::to_string(e.mentions) + "/" + std::string(e.sentences));
    });
    CHECK(seen == std::vector<std::string>{"Q15031/3/0,2,5", "KR/1/2"});
    CHECK(schema::parse_sentences("0,2,5") == std::vector<std::uint32_t>{0, 2, 5});
    CHECK(schema::slot_date(schema::encode_entity_slot({}, 0, "")).empty());
}

TEST_CASE("query::find_meetings") {
    SUBCASE("meetings a sentence reports") {
        CHECK(meetings("Lee Jae-myung met Xi Jinping in Gyeongju.") ==
              Found{"Lee Jae-myung|Xi Jinping|held"});
        CHECK(meetings("Xi Jinping held talks with Donald Trump in Busan.") ==
              Found{"Xi Jinping|Donald Trump|held"});
        CHECK(meetings("Donald Trump hosted South Korean President Lee Jae-myung at the White House.") ==
              Found{"Donald Trump|Lee Jae-myung|held"});
        CHECK(meetings("Lee Jae-myung spoke by phone with Donald Trump on Friday.") ==
              Found{"Lee Jae-myung|Donald Trump|held"});
        CHECK(meetings("Lee Jae-myung and Xi Jinping held talks on trade.") ==
              Found{"Lee Jae-myung|Xi Jinping|held"});
        CHECK(meetings("Lee Jae-myung and U.S. President Donald Trump met on Wednesday.") ==
              Found{"Lee Jae-myung|Donald Trump|held"});
        CHECK(meetings("Talks between Xi Jinping and Donald Trump lasted two hours.") ==
              Found{"Xi Jinping|Donald Trump|held"});
        CHECK(meetings("Lee Jae-myung held his first summit with Japanese Prime Minister Sanae Takaichi.") ==
              Found{"Lee Jae-myung|Sanae Takaichi|held"});
        CHECK(meetings("Wang Yi held talks with Japanese officials in Tokyo.") ==
              Found{"Wang Yi|Japan|held"});
        // Each kind of trigger word gets past the word check that runs before the regexes.
        for (const char* verb : {"welcomed", "received", "visited", "telephoned", "sat down with",
                                 "had a call with", "held a conversation with", "phoned"}) {
            const std::string text = std::string("Xi Jinping ") + verb + " Donald Trump on Monday.";
            CHECK_MESSAGE(meetings(text) == Found{"Xi Jinping|Donald Trump|held"}, text);
        }
    }
    SUBCASE("planned meetings are marked planned") {
        CHECK(meetings("Lee Jae-myung will meet Xi Jinping next week.") ==
              Found{"Lee Jae-myung|Xi Jinping|planned"});
        CHECK(meetings("Donald Trump is expected to meet Xi Jinping in April.") ==
              Found{"Donald Trump|Xi Jinping|planned"});
        CHECK(meetings("Lee Jae-myung plans to hold talks with Sanae Takaichi in Nara.") ==
              Found{"Lee Jae-myung|Sanae Takaichi|planned"});
    }
    SUBCASE("negated, refused, hypothetical or offered meetings are not meetings") {
        for (const char* text : {
                 "Donald Trump said he would be willing to talk with Kim Jong Un.",
                 "Kim Jong Un did not respond when Donald Trump offered talks.",
                 "Kim Jong Un refused to meet Donald Trump.",
                 "Lee Jae-myung did not meet Donald Trump at the summit.",
                 "A planned meeting between Lee Jae-myung and Donald Trump did not take place.",
                 "If Donald Trump meets Kim Jong Un, sanctions could ease.",
                 "Donald Trump hopes to meet Kim Jong Un this year.",
                 "Donald Trump praised Xi Jinping.",
                 "Xi Jinping invited Lee Jae-myung to visit Beijing.",
                 "The chance of a meeting between Donald Trump and Kim Jong Un was low.",
             }) {
            CHECK_MESSAGE(meetings(text).empty(), std::string(text));
        }
    }
}

TEST_CASE("EntityIndex numbers entities densely, by type and id, across growth") {
    EntityIndex index;
    CHECK_FALSE(index.find(EntityType::person, "Q15031").has_value());
    CHECK(index.insert(EntityType::person, "Q15031") == std::pair<std::size_t, bool>{0, true});
    CHECK(index.insert(EntityType::country, "Q15031") ==
          std::pair<std::size_t, bool>{1, true}); // another type
    CHECK(index.insert(EntityType::person, "Q15031") == std::pair<std::size_t, bool>{0, false});
    // Past the first table size, every entity keeps its number and is found again.
    for (int i = 0; i < 5000; ++i) {
        const auto [number, added] = index.insert(EntityType::org, "org-" + std::to_string(i));
        REQUIRE(added);
        REQUIRE(number == static_cast<std::size_t>(i) + 2);
    }
    CHECK(index.size() == 5002);
    for (int i = 0; i < 5000; i += 499) {
        CHECK(index.find(EntityType::org, "org-" + std::to_string(i)) == static_cast<std::size_t>(i) + 2);
        CHECK_FALSE(index.contains(EntityType::place, "org-" + std::to_string(i)));
    }
    CHECK(index.find(EntityType::person, "Q15031") == 0u);
    CHECK(index.type(1) == EntityType::country);
    CHECK(index.id(4001) == "org-3999");
    CHECK_FALSE(index.contains(EntityType::org, "org-5000"));
}
