#include "entities/entity_tagger.hpp"
#include "entities/knowledge_base.hpp"
#include "entities/mention_links.hpp"
#include "entities/ner/ner_model.hpp"
#include "entities/zh/chinese_tagger.hpp"
#include "test_support.hpp"
#include "util/errors.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace dateline;

namespace {

std::string tagged(const std::string& text) {
    static EntityTagger tagger(KnowledgeBase::builtin());
    return annotate(text, tagger.tag(text));
}

const Mention* find_mention(const TaggedText& result, std::string_view text, std::string_view surface) {
    for (const auto& mention : result.mentions) {
        if (text.substr(mention.span.begin, mention.span.end - mention.span.begin) == surface) {
            return &mention;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("common::KnowledgeBase built-in") {
    const auto& kb = KnowledgeBase::builtin();
    CHECK(kb.entities().size() > 900);
    SUBCASE("any name, alias, script or id resolves") {
        for (const char* name : {"Xi Jinping", "习近平", "習近平", "xi jinping", "Q15031", "Xi"}) {
            const auto found = kb.resolve(name, EntityType::person);
            REQUIRE_MESSAGE(!found.empty(), name);
            CHECK(found.front()->id == "Q15031");
        }
        for (const char* name : {"Lee Jae Myung", "Lee Jae-myung", "이재명", "LEE JAEMYUNG"}) {
            const auto found = kb.resolve(name, EntityType::person);
            REQUIRE_MESSAGE(!found.empty(), name);
            CHECK(found.front()->name == "Lee Jae-myung");
            CHECK(found.front()->since == "2025-06-04");
        }
        CHECK(kb.resolve("KR", EntityType::country).front()->name == "South Korea");
        CHECK(kb.resolve("U.S.", EntityType::country).front()->id == "US");
        CHECK(kb.resolve("Asia-Pacific Economic Cooperation", EntityType::org).front()->id ==
              kb.resolve("APEC", EntityType::org).front()->id);
        CHECK(kb.resolve("G20", EntityType::org).size() == 1);
        CHECK(kb.resolve("Yonhap", EntityType::org).size() == 1);
        CHECK(kb.resolve("Gyeongju", EntityType::place).front()->country == "KR");
    }
    SUBCASE("unknown names get suggestions") {
        CHECK(kb.resolve("Xi Jinpeng").empty());
        const auto close = kb.closest_names("Xi Jinpeng", 3);
        REQUIRE_FALSE(close.empty());
        CHECK(close.front().find("Xi Jinping") != std::string::npos);
    }
    SUBCASE("name keys ignore case, hyphens, spaces and diacritics") {
        CHECK(name_key("Lee Jae-myung") == name_key("LEE JAE MYUNG"));
        CHECK(name_key("Recep Tayyip Erdoğan") == name_key("Recep Tayyip Erdogan"));
        CHECK(fold_diacritics("são") == "sao");
        CHECK(fold_diacritics("이재명") == "이재명");
    }
}

TEST_CASE("common::KnowledgeBase user files") {
    testing::TempDir dir;
    std::vector<std::string> issues;
    const auto collect = [&](const KnowledgeBaseIssue& issue) {
        issues.push_back(issue.where + ": " + issue.message);
    };
    const auto tsv = dir.write("mine.tsv", "# my entities\n"
                                           "org\tHanjin Heavy\tHHIC|Hanjin\tKR\tcompany\n"
                                           "robot\tR2\n"
                                           "person\t\n"
                                           "person\tJane Roe\tYonhap\t\tanalyst\n");
    const auto jsonl = dir.write(
        "mine.jsonl",
        "{\"type\":\"person\",\"name\":\"Park Ji-won\",\"id\":\"park-jiwon\"}\n"
        "{oops\n"
        "{\"type\":\"person\",\"id\":\"Q15031\",\"name\":\"Xi Jinping\",\"aliases\":[\"Chairman Xi\"]}\n");
    const auto kb = KnowledgeBase::with_user_files({tsv.string(), jsonl.string()}, collect);
    REQUIRE(issues.size() == 4);
    CHECK(issues[0].find("mine.tsv:3: unknown type \"robot\"") != std::string::npos);
    CHECK(issues[1].find("mine.tsv:4: missing name") != std::string::npos);
    CHECK(issues[2].find("mine.tsv:5: \"Yonhap\" also names Yonhap News Agency") != std::string::npos);
    CHECK(issues[3].find("mine.jsonl:2: not a JSON object") != std::string::npos);
    CHECK(kb.resolve("HHIC").front()->name == "Hanjin Heavy");
    CHECK(kb.resolve("Park Ji-won").front()->id == "park-jiwon");
    // The user's entity wins the alias, and a user entry with a built-in id replaces it.
    CHECK(kb.resolve("Yonhap").front()->name == "Jane Roe");
    CHECK(kb.resolve("Chairman Xi").front()->id == "Q15031");
    CHECK(KnowledgeBase::builtin().resolve("Chairman Xi").empty());
    CHECK_THROWS_AS((void)KnowledgeBase::with_user_files({(dir.path() / "none.tsv").string()}, collect),
                    DataError);
}

TEST_CASE("common::EntityTagger") {
    struct Case {
        const char* input;
        const char* expected;
    };
    SUBCASE("knowledge-base names, aliases, scripts") {
        for (const auto& c : std::initializer_list<Case>{
                 {"Xi Jinping met Lee Jae-myung in Gyeongju.",
                  "[PERSON Xi Jinping] met [PERSON Lee Jae-myung] in [PLACE Gyeongju]."},
                 {"Lee Jae Myung and Kim Jong-un",
                  "[PERSON Lee Jae Myung=Lee Jae-myung] and [PERSON Kim Jong-un=Kim Jong Un]"},
                 {"이재명은 习近平主席과 만났다",
                  "[PERSON 이재명=Lee Jae-myung]은 [PERSON 习近平=Xi Jinping]主席과 만났다"},
                 {"Wi Sunglac and Wi Sung Lac",
                  "[PERSON Wi Sunglac=Wi Sung-lac] and [PERSON Wi Sung Lac=Wi Sung-lac]"},
                 {"Recep Tayyip Erdogan", "[PERSON Recep Tayyip Erdogan=Recep Tayyip Erdoğan]"},
                 {"The Asia-Pacific Economic Cooperation forum",
                  "The [ORG Asia-Pacific Economic Cooperation] forum"},
             }) {
            CHECK(tagged(c.input) == c.expected);
        }
    }
    SUBCASE("case rules: acronyms in capitals, title-case acronyms from four letters, names capitalised") {
        for (const auto& c : std::initializer_list<Case>{
                 {"The US and the U.S. told us",
                  "The [COUNTRY US=United States] and the [COUNTRY U.S.=United States] told us"},
                 {"APEC, Apec and apec", "[ORG APEC=Asia-Pacific Economic Cooperation], [ORG "
                                         "Apec=Asia-Pacific Economic Cooperation] and apec"},
                 {"WHO said who knows", "[ORG WHO=World Health Organization] said who knows"},
                 {"China sells fine china", "[COUNTRY China] sells fine china"},
                 {"G7 and G-20 leaders", "[ORG G7=Group of Seven] and [ORG G-20=Group of Twenty] leaders"},
             }) {
            CHECK(tagged(c.input) == c.expected);
        }
    }
    SUBCASE("possessives, demonyms, capitals") {
        for (const auto& c : std::initializer_list<Case>{
                 {"Xi's visit and Lee’s reply", "[PERSON Xi's=Xi Jinping] visit and Lee’s reply"},
                 {"Chinese officials met South Koreans",
                  "[COUNTRY Chinese=China] officials met [COUNTRY South Koreans=South Korea]"},
                 {"Seoul and Washington agreed",
                  "[COUNTRY Seoul=South Korea] and [COUNTRY Washington=United States] agreed"},
             }) {
            CHECK(tagged(c.input) == c.expected);
        }
        EntityTagger tagger(KnowledgeBase::builtin());
        const std::string text = "Chinese officials";
        const auto result = tagger.tag(text);
        REQUIRE(result.mentions.size() == 1);
        CHECK(result.mentions[0].how == MentionHow::demonym);
    }
    SUBCASE("short forms link to the nearest earlier full name") {
        CHECK(tagged("Lee Jae-myung arrived. Lee said so.") ==
              "[PERSON Lee Jae-myung] arrived. [PERSON Lee=Lee Jae-myung] said so.");
        CHECK(tagged("Lee said so.") == "Lee said so."); // no full name first: not guessed
        CHECK(tagged("Lee and Trump meet\n\nLee Jae-myung met Donald Trump.") ==
              "[PERSON Lee=Lee Jae-myung] and [PERSON Trump=Donald Trump] meet\n\n[PERSON Lee Jae-myung] met "
              "[PERSON Donald Trump].");
        CHECK(tagged("Xi arrived.") == "[PERSON Xi=Xi Jinping] arrived."); // standalone short form
        CHECK(tagged("President Trump spoke.") == "President [PERSON Trump=Donald Trump] spoke.");
        CHECK(tagged("President Lee spoke.") == "President [PERSON Lee=Lee Jae-myung] spoke.");
        CHECK(tagged("Kim said.") == "Kim said."); // many Kims, no title, none named
    }
    SUBCASE("two Kims: the nearest earlier one, flagged ambiguous") {
        EntityTagger tagger(KnowledgeBase::builtin());
        const std::string text = "Kim Jong Un spoke. Kim Yo Jong replied. Kim said it was final.";
        const auto result = tagger.tag(text);
        const auto* last = &result.mentions.back();
        CHECK(text.substr(last->span.begin, last->span.end - last->span.begin) == "Kim");
        CHECK(last->entity->name == "Kim Yo Jong");
        CHECK(last->ambiguous);
        CHECK(last->sentence == 2);
    }
    SUBCASE("names the knowledge base lacks") {
        for (const auto& c : std::initializer_list<Case>{
                 {"Kim Hye-kyung, a 64-year-old protester, said",
                  "[PERSON Kim Hye-kyung], a 64-year-old protester, said"},
                 {"said professor Heo Yoon of Sogang University.",
                  "said professor [PERSON Heo Yoon] of [ORG Sogang University]."},
                 {"Professor Heo Yoon said", "Professor [PERSON Heo Yoon] said"},
                 {"at the Gyeongju National Museum", "at the [ORG Gyeongju National Museum]"},
                 {"the Ministry of Foreign Affairs said", "the [ORG Ministry of Foreign Affairs] said"},
                 {"Park Ji-won, 52, said", "[PERSON Park Ji-won], 52, said"},
             }) {
            CHECK(tagged(c.input) == c.expected);
        }
        EntityTagger tagger(KnowledgeBase::builtin(), nullptr); // the rules alone
        const std::string a = "Kim Hye-kyung, a protester, spoke. Kim said the rally was peaceful.";
        const std::string b = "Farmer Kim Hye Kyung returned.";
        const auto first = tagger.tag(a);
        const auto second = tagger.tag(b);
        const auto* full = find_mention(first, a, "Kim Hye-kyung");
        const auto* again = find_mention(second, b, "Kim Hye Kyung");
        REQUIRE(full != nullptr);
        REQUIRE(again != nullptr);
        CHECK(full->entity->id == "kim-hyekyung");
        CHECK(again->entity->id == full->entity->id); // the same unknown person in two articles is one entity
        CHECK(full->how == MentionHow::rule);
        const auto* short_form = find_mention(first, a, "Kim");
        REQUIRE(short_form != nullptr);
        CHECK(short_form->entity == full->entity);
    }
    SUBCASE("no junk") {
        for (const char* text : {"On Monday, the Officials said.", "BREAKING: Analysis of the Summit",
                                 "In March, The Government said", "Police said Tuesday"}) {
            CHECK(tagged(text) == text);
        }
    }
}

TEST_CASE("common::EntityTagger with the built-in name model") {
    REQUIRE(ner::Model::builtin() != nullptr);
    EntityTagger tagger(KnowledgeBase::builtin());
    SUBCASE("a news agency's credit is not a mention of it; what the story says of the agency is") {
        const std::string signed_off = "Wheat exports rose 3 pct in March, the ministry said.\n  Reuter";
        const std::string spaced = "Total 55.8 (33.7).        REUTER\n";
        const std::string dateline =
            "SEOUL (Yonhap) -- Lee Jae-myung met Xi Jinping. Officials told Yonhap the talks went well.";
        const std::string quoted = "The minister said so in an interview with Reuters.";
        const auto ids = [&](const std::string& text) {
            std::vector<std::string> out;
            for (const auto& mention : tagger.tag(text).mentions) {
                out.push_back(mention.entity->id + "@" + std::to_string(mention.span.begin));
            }
            return out;
        };
        CHECK(tagged(signed_off).find("Reuter]") == std::string::npos);
        for (const auto& id : ids(signed_off)) {
            CHECK(id.find("reuter") == std::string::npos); // neither the agency nor a person "Reuter"
        }
        for (const auto& id : ids(spaced)) {
            CHECK(id.find("reuter") == std::string::npos);
        }
        const auto in_dateline = ids(dateline);
        CHECK(std::count(in_dateline.begin(), in_dateline.end(), "yonhap-news-agency@7") == 0);
        CHECK(std::count(in_dateline.begin(), in_dateline.end(),
                         "yonhap-news-agency@" + std::to_string(dateline.rfind("Yonhap"))) == 1);
        const auto in_quote = ids(quoted);
        CHECK(std::count(in_quote.begin(), in_quote.end(),
                         "reuters@" + std::to_string(quoted.find("Reuters"))) == 1);
    }
    SUBCASE("finds names no knowledge base lists, links the surname, and gives stable ids") {
        const std::string a =
            "Fabrizio Ravanelli scored twice for Middlesbrough. Ravanelli said the team was happy.";
        const std::string b = "Middlesbrough striker Fabrizio Ravanelli was injured.";
        const auto first = tagger.tag(a);
        const auto second = tagger.tag(b);
        const auto* full = find_mention(first, a, "Fabrizio Ravanelli");
        const auto* surname = find_mention(first, a, "Ravanelli");
        const auto* again = find_mention(second, b, "Fabrizio Ravanelli");
        REQUIRE(full != nullptr);
        REQUIRE(surname != nullptr);
        REQUIRE(again != nullptr);
        CHECK(full->how == MentionHow::model);
        CHECK(full->entity->type == EntityType::person);
        CHECK(full->entity->id == "fabrizio-ravanelli");
        CHECK(surname->entity == full->entity);
        CHECK(surname->how == MentionHow::short_form);
        CHECK(again->entity->id == full->entity->id);
        const auto* club = find_mention(first, a, "Middlesbrough");
        REQUIRE(club != nullptr);
        CHECK(club->how == MentionHow::model);
        // Without the model, the knowledge base and rules find neither.
        EntityTagger without(KnowledgeBase::builtin(), nullptr);
        CHECK(find_mention(without.tag(a), a, "Fabrizio Ravanelli") == nullptr);
    }
    SUBCASE("a longer name of another kind replaces a knowledge-base match inside it") {
        for (const auto& c : std::initializer_list<std::pair<const char*, const char*>>{
                 {"The drummer Chad Smith arrived.", "The drummer [PERSON Chad Smith] arrived."},
                 {"Fans saw Jordan Henderson score.", "Fans saw [PERSON Jordan Henderson] score."},
                 {"He flew to Panama City on Monday.", "He flew to [PLACE Panama City] on Monday."},
                 {"Xi Jinping met Lee Jae-myung in Gyeongju.",
                  "[PERSON Xi Jinping] met [PERSON Lee Jae-myung] in [PLACE Gyeongju]."},
             }) {
            CHECK(annotate(c.first, tagger.tag(c.first)) == c.second);
        }
        const std::string open = "Sampras lost at the French Open on Sunday.";
        const auto tagged_open = tagger.tag(open);
        CHECK(find_mention(tagged_open, open, "French") == nullptr); // not France
        REQUIRE(tagged_open.other_names.size() == 1);
        const auto misc = tagged_open.other_names[0].first;
        CHECK(open.substr(misc.begin, misc.end - misc.begin) == "French Open");
    }
    SUBCASE("an organisation keeps the places inside it; the knowledge base keeps identity") {
        const std::string text = "The U.S. Agriculture Department said on Friday.";
        const auto result = tagger.tag(text);
        const auto* department = find_mention(result, text, "U.S. Agriculture Department");
        const auto* country = find_mention(result, text, "U.S.");
        REQUIRE(department != nullptr);
        REQUIRE(country != nullptr);
        CHECK(department->entity->type == EntityType::org);
        CHECK(country->entity->id == "US");
        const std::string apec = "The Asia-Pacific Economic Cooperation forum met.";
        CHECK(annotate(apec, tagger.tag(apec)) == "The [ORG Asia-Pacific Economic Cooperation] forum met.");
    }
    SUBCASE("one word the knowledge base knows as several people's short form is not guessed") {
        const std::string text = "Lee said so.";
        CHECK(tagger.tag(text).mentions.empty());
    }
}

TEST_CASE("common::EntityTagger Chinese and Korean") {
    struct Case {
        const char* input;
        const char* expected;
    };
    SUBCASE("Chinese: the character model finds names the base lacks and links those it knows") {
        REQUIRE(zh::builtin_model() != nullptr);
        for (const auto& c : std::initializer_list<Case>{
                 {"国家主席习近平在北京会见法国总统马克龙。",
                  "国家主席[PERSON 习近平=Xi Jinping]在[COUNTRY 北京=China]会见[COUNTRY "
                  "法国=France]总统[PERSON "
                  "马克龙=Emmanuel Macron]。"},
                 {"习近平应约同普京通电话。",
                  "[PERSON 习近平=Xi Jinping]应约同[PERSON 普京=Vladimir Putin]通电话。"},
                 // A country inside a longer word is not a mention; an organisation is not cut to its
                 // country.
                 {"发展中国家的代表出席了会议。", "发展中国家的代表出席了会议。"},
                 {"外交部发言人华春莹答记者问。", "[ORG 外交部]发言人[PERSON 华春莹]答记者问。"},
             }) {
            CHECK(tagged(c.input) == c.expected);
        }
    }
    SUBCASE("Korean: whole eojeol, particles outside, titles introduce people") {
        for (const auto& c : std::initializer_list<Case>{
                 {"조현 외교부 장관은 10일 서울에서 왕이 중국 외교부장과 회담했다.",
                  "[PERSON 조현=Cho Hyun] [ORG 외교부] 장관은 10일 [COUNTRY 서울=South Korea]에서 [PERSON "
                  "왕이=Wang "
                  "Yi] [COUNTRY 중국=China] 외교부장과 회담했다."},
                 {"시진핑 중국 국가주석과 도널드 트럼프 미국 대통령",
                  "[PERSON 시진핑=Xi Jinping] [COUNTRY 중국=China] 국가주석과 [PERSON 도널드 트럼프=Donald "
                  "Trump] "
                  "[COUNTRY 미국=United States] 대통령"},
                 {"홍길동 씨는 부산시청 앞에서 박서연 교수를 만났다.",
                  "[PERSON 홍길동] 씨는 [ORG 부산시청] 앞에서 [PERSON 박서연] 교수를 만났다."},
                 {"일본 정부는 그것이란 본인도 모른다고 밝혔다.",
                  "[ORG 일본 정부]는 그것이란 본인도 모른다고 밝혔다."},
                 {"김모(49) 씨와 A씨", "김모(49) 씨와 A씨"},
                 {"우원식 국회의장은 김병기, 송언석 원내대표를 불렀다.",
                  "[PERSON 우원식=Woo Won-shik] 국회의장은 [PERSON 김병기], [PERSON 송언석] 원내대표를 "
                  "불렀다."},
             }) {
            CHECK(tagged(c.input) == c.expected);
        }
    }
}

TEST_CASE("common::EntityTagger on newswire") {
    struct Case {
        const char* input;
        const char* expected;
    };
    for (const auto& c : std::initializer_list<Case>{
             // Titles and sentence-opening adverbs are not names; an initial does not end a sentence.
             {"Moreover, Mr. Baker said the talks went well.",
              "Moreover, Mr. [PERSON Baker] said the talks went well."},
             {"Ivan F. Boesky agreed to pay.", "[PERSON Ivan F. Boesky] agreed to pay."},
             // A possessive stays outside the person; a province is a place.
             {"China's Xi told reporters.", "[COUNTRY China's=China] [PERSON Xi=Xi Jinping] told reporters."},
             {"Gansu Province reported record output.", "[PLACE Gansu Province] reported record output."},
             // Companies named after people, and a one-word name the text has called a company.
             {"Robert C. Brown and Co would receive stock.",
              "[ORG Robert C. Brown and Co] would receive stock."},
             {"Enzo Biochem Inc said it sued Ortho. Ortho said it suspended payments to Enzo.",
              "[ORG Enzo Biochem Inc] said it sued [ORG Ortho]. [ORG Ortho] said it suspended payments to "
              "[ORG Enzo]."},
             // A headline in capitals names nobody its words do not name elsewhere.
             {"KENYAN LEADER APPEALS FOR U.S. INVESTMENT",
              "[COUNTRY KENYAN=Kenya] LEADER APPEALS FOR [COUNTRY U.S.=United States] INVESTMENT"},
             {"The North and the South argued about Communism.",
              "The North and the South argued about Communism."},
             // Spelling variants and acronyms are one entity; the country before an organisation is part of
             // it.
             {"The World Trade Organisation ruled.",
              "The [ORG World Trade Organisation=World Trade Organization] ruled."},
             {"The Terminal High Altitude Area Defense (THAAD) system angered Beijing; THAAD stays.",
              "The [ORG Terminal High Altitude Area Defense] ([ORG THAAD=Terminal High Altitude Area "
              "Defense]) system "
              "angered [COUNTRY Beijing=China]; [ORG THAAD=Terminal High Altitude Area Defense] stays."},
             {"The U.S. Federal Reserve added reserves.",
              "The [ORG U.S. Federal Reserve=Federal Reserve] added reserves."},
             // Places the model takes for organisations; other languages' names of countries in a person's
             // name.
             {"Ships waited in the Sea of Marmara.", "Ships waited in the [PLACE Sea of Marmara]."},
             {"Maurice Mann, chairman of the exchange, said.",
              "[PERSON Maurice Mann], chairman of the exchange, said."},
         }) {
        CHECK(tagged(c.input) == c.expected);
    }
}

TEST_CASE("common::EntityTagger finds Korean names without a title, and links distinctive surnames") {
    CHECK(tagged("김민준은 서울에서 박서연과 만났다.") ==
          "[PERSON 김민준]은 [COUNTRY 서울=South Korea]에서 [PERSON 박서연]과 만났다.");
    // Common words of the same shape are not names: verbs, and words ending in syllables names rarely end in.
    CHECK(tagged("동영상을 지원하는 사용자가 늘었다.") == "동영상을 지원하는 사용자가 늘었다.");
    // A surname and a title name nobody in particular.
    CHECK(tagged("이 회장은 말했다.") == "이 회장은 말했다.");
    CHECK(tagged("Rubio said the talks went well.") ==
          "[PERSON Rubio=Marco Rubio] said the talks went well.");
}

TEST_CASE("common::spells_initials") {
    CHECK(spells_initials("THAAD", "Terminal High Altitude Area Defense"));
    CHECK(spells_initials("DOT", "Department of Transportation")); // every word
    CHECK(spells_initials("DT", "Department of Transportation"));  // small words aside
    CHECK_FALSE(spells_initials("US", "United Kingdom"));
    CHECK_FALSE(spells_initials("A", "Apple")); // one letter is not an acronym
}
