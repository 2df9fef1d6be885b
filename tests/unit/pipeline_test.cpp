#include "document_pipeline.hpp"
#include "schema.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace dateline;

TEST_CASE("indexer::DocumentPipeline keeps submission order") {
    std::vector<std::string> written;
    const auto write = [&](PipelineResult&& result) { written.push_back(result.built.id_term); };
    std::vector<std::string> expected;
    {
        // Three builders and a small window: documents finish out of order (long and short texts alternate)
        // and submit() has to wait and write while it does.
        DocumentPipeline pipeline(KnowledgeBase::builtin(), ner::Model::builtin(), 3, 4);
        for (int i = 0; i < 120; ++i) {
            Article article;
            article.id = "a" + std::to_string(i);
            article.title = "Xi Jinping met Lee Jae-myung";
            std::string body;
            for (int k = 0; k < (i % 7 == 0 ? 200 : 1); ++k) {
                body += "Donald Trump and Xi Jinping held talks in Busan. ";
            }
            article.text = body;
            article.date = i % 2 ? parse_date("2025-10-30") : std::nullopt;
            expected.push_back(schema::id_term(article.id));
            pipeline.submit(std::move(article), write);
        }
        pipeline.drain_all(write);
    }
    CHECK(written == expected);
}

TEST_CASE("indexer::DocumentPipeline reports undated articles") {
    DocumentPipeline pipeline(KnowledgeBase::builtin(), ner::Model::builtin(), 1, 8);
    std::vector<bool> undated;
    const auto write = [&](PipelineResult&& result) { undated.push_back(result.undated); };
    for (const bool dated : {true, false, true}) {
        Article article;
        article.title = "Title";
        article.text = dated ? "dated" : "undated";
        if (dated) {
            article.date = parse_date("2025-01-01");
        }
        pipeline.submit(std::move(article), write);
    }
    pipeline.drain_all(write);
    CHECK(undated == std::vector<bool>{false, true, false});
}
