#include "entities/knowledge_base.hpp"
#include "store/document_builder.hpp"
#include "store/schema.hpp"
#include "text/dates.hpp"

#include <doctest/doctest.h>

using namespace dateline;

TEST_CASE("common::DocumentBuilder writes what the schema says") {
    DocumentBuilder builder(KnowledgeBase::builtin(), nullptr);
    Article article;
    article.id = "a-1";
    article.title = "Japan and China talk";
    article.text = "Japan said on Monday that talks with China went well. Japan will host the next round.";
    article.date = parse_date("2025-11-01");
    const auto built = builder.build(article);
    const auto& document = built.document;
    const auto wdf_and_positions = [&](const std::string& term) {
        auto it = document.termlist_begin();
        it.skip_to(term);
        REQUIRE(it != document.termlist_end());
        REQUIRE(*it == term);
        return std::pair{it.get_wdf(), it.positionlist_count()};
    };
    SUBCASE("entity terms: a wdf of one per mention and no positions") {
        const auto japan = schema::entity_term(EntityType::country, "JP");
        CHECK(wdf_and_positions(japan) == std::pair<Xapian::termcount, Xapian::termcount>{3, 0});
        CHECK(wdf_and_positions(schema::entity_day_term(japan, "20251101")).first == 3);
    }
    SUBCASE("words: positions, stems without") {
        CHECK(wdf_and_positions("talks").second == 1);
        CHECK(wdf_and_positions("japan").second == 3);
        CHECK(wdf_and_positions("Ztalk").second == 0);
        CHECK(wdf_and_positions("Stalk").second == 1);
    }
    SUBCASE("the sentences an entity is in are in the entities slot") {
        std::string sentences;
        schema::for_each_slot_entity(document.get_value(schema::slot(schema::Slot::entities)),
                                     [&](const schema::SlotEntity& entity) {
                                         if (entity.id == "JP") {
                                             sentences = std::string(entity.sentences);
                                         }
                                     });
        const auto numbers = schema::parse_sentences(sentences);
        REQUIRE(numbers.size() == 3); // the title (sentence 0) and both sentences of the body
        CHECK(numbers.front() == 0);
    }
}
