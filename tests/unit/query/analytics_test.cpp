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
    return schema::stored_article(builder.build(article).document);
}

/// "A|B|held" for each meeting found in `body`: the participants in the order the text names them.
std::vector<std::string> meetings(const std::string& body) {
    Tokenizer tokenizer;
    std::vector<std::string> out;
    for (const auto& m : find_meetings(stored(body), tokenizer)) {
        auto parties = m.participants();
        std::stable_sort(parties.begin(), parties.end(), [&](const MeetingParty& a, const MeetingParty& b) {
            return body.find(a.surface) < body.find(b.surface);
        });
        std::string line;
        for (const auto& party : parties) {
            line += party.name + "|";
        }
        out.push_back(line + std::string(meeting_status_name(m.status)));
    }
    return out;
}

/// "actors>recipients|status|mode|place|date" for each meeting in `body`, dated 2025-11-01 (a Saturday).
std::vector<std::string> events(const std::string& body) {
    Tokenizer tokenizer;
    std::vector<std::string> out;
    const auto names = [](const std::vector<MeetingParty>& parties) {
        std::string line;
        for (const auto& p : parties) {
            line += (line.empty() ? "" : ",") + p.name;
        }
        return line;
    };
    for (const auto& m : find_meetings(stored(body), tokenizer)) {
        out.push_back(names(m.actors) + ">" + names(m.recipients) + "|" +
                      std::string(meeting_status_name(m.status)) + "|" +
                      std::string(meeting_mode_name(m.mode)) + "|" + (m.place ? m.place->name : "") + "|" +
                      m.date);
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

TEST_CASE("query::find_meetings as events: roles, status, mode, place, date") {
    // stored() dates every article 2025-11-01, a Saturday.
    struct Case {
        const char* text;
        Found expected;
    };
    for (const auto& c : std::initializer_list<Case>{
             {"Foreign Minister Cho Hyun met German Finance Minister Lars Klingbeil, Central Bank Governor "
              "Joachim Nagel and Economy Minister Katherina Reiche in Berlin.",
              Found{"Cho Hyun>Lars Klingbeil,Joachim Nagel,Katherina Reiche|held||Germany|2025-11-01"}},
             {"Lee Jae-myung met his Swiss counterpart Karin Keller-Sutter on Thursday.",
              Found{"Lee Jae-myung>Karin Keller-Sutter|held|||2025-10-30"}},
             {"Xi Jinping had talks with Donald Trump in Busan.",
              Found{"Xi Jinping>Donald Trump|held|third-party|Busan|2025-11-01"}},
             {"Marco Rubio met for more than an hour with Wang Yi.",
              Found{"Marco Rubio>Wang Yi|held|||2025-11-01"}},
             {"Lee Jae-myung met in the residence with Cho Hyun, Wi Sung-lac and Kim Min-seok.",
              Found{"Lee Jae-myung>Cho Hyun,Wi Sung-lac,Kim Min-seok|held|||2025-11-01"}},
             {"Donald Trump was meeting with his top advisers Marco Rubio and Scott Bessent.",
              Found{"Donald Trump>Marco Rubio,Scott Bessent|held|||2025-11-01"}},
             {"Xi Jinping received Lee Jae-myung.", Found{"Lee Jae-myung>Xi Jinping|held|visit||2025-11-01"}},
             {"Lee Jae-myung was received by Xi Jinping.",
              Found{"Lee Jae-myung>Xi Jinping|held|visit||2025-11-01"}},
             {"Cho Hyun flew home directly after a meeting with Wang Yi.",
              Found{"Cho Hyun>Wang Yi|held|||2025-11-01"}},
             {"Lee Jae-myung and Sanae Takaichi shook hands before their talks in Gyeongju.",
              Found{"Lee Jae-myung,Sanae Takaichi>|held||Gyeongju|2025-11-01"}},
             {"The talks between Xi Jinping and Donald Trump ended without a deal.",
              Found{"Xi Jinping,Donald Trump>|held|||2025-11-01"}},
             {"Lee Jae-myung's meeting with Xi Jinping was cancelled.",
              Found{"Lee Jae-myung>Xi Jinping|cancelled|||2025-11-01"}},
             {"Lee Jae-myung spoke by phone with Donald Trump yesterday.",
              Found{"Lee Jae-myung>Donald Trump|held|phone||2025-10-31"}},
             {"Xi Jinping, Lee Jae-myung and Sanae Takaichi met at the summit in Gyeongju.",
              Found{"Xi Jinping,Lee Jae-myung,Sanae Takaichi>|held|multilateral|Gyeongju|2025-11-01"}},
             {"Lee Jae-myung arrived in Tokyo. He met Sanae Takaichi on Friday.",
              Found{"Lee Jae-myung>Sanae Takaichi|held|||2025-10-31"}},
             {"Lee Jae-myung will meet Xi Jinping next week.",
              Found{"Lee Jae-myung>Xi Jinping|planned|||2025-11-08"}},
             {"조현 외교부 장관은 10일 서울에서 왕이 중국 외교부장과 회담했다.",
              Found{"Cho Hyun>Wang Yi|held||South Korea|2025-10-10"}},
             {"이재명 대통령은 다카이치 사나에 일본 총리와 전화 통화를 했다.",
              Found{"Lee Jae-myung>Sanae Takaichi|held|phone||2025-11-01"}},
             {"이재명 대통령은 시진핑 주석과 회담할 예정이다.",
              Found{"Lee Jae-myung>Xi Jinping|planned|||2025-11-01"}},
             {"이재명 대통령은 트럼프 대통령을 만나지 못했다.", Found{}},
             {"国家主席习近平在北京会见法国总统马克龙。",
              Found{"Xi Jinping>Emmanuel Macron|held||China|2025-11-01"}},
             {"习近平应约同普京通电话。", Found{"Xi Jinping>Vladimir Putin|held|phone||2025-11-01"}},
             {"习近平将会见马克龙。", Found{"Xi Jinping>Emmanuel Macron|planned|||2025-11-01"}},
             {"习近平没有会见马克龙。", Found{}},
             {"이재명 대통령과 다카이치 총리의 회담이 취소됐다.",
              Found{"다카이치>Lee Jae-myung|cancelled|||2025-11-01"}},
         }) {
        CHECK_MESSAGE(events(c.text) == c.expected, c.text);
    }
}

TEST_CASE("query::find_meetings reads sentences from offsets, not stored sentence numbers") {
    // A database indexed by a release that cut sentences otherwise: the stored numbers are off.
    auto article = stored("Lee Jae-myung met Xi Jinping in Gyeongju. Donald Trump praised Xi Jinping.");
    Tokenizer tokenizer;
    const auto expected = find_meetings(article, tokenizer);
    REQUIRE(expected.size() == 1);
    for (auto& mention : article.mentions) {
        mention.sentence += 7;
    }
    const auto found = find_meetings(article, tokenizer);
    REQUIRE(found.size() == 1);
    CHECK(found[0].actors[0].name == expected[0].actors[0].name);
    CHECK(found[0].sentence == expected[0].sentence);
}
