#include "document_pipeline.hpp"
#include "errors.hpp"
#include "index_writer.hpp"
#include "schema.hpp"
#include "test_support.hpp"

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

namespace {

BuiltDocument document_with_id(const std::string& id, const std::string& extra_term = {}) {
    BuiltDocument built;
    built.id_term = schema::id_term(id);
    built.document.add_boolean_term(built.id_term);
    built.document.add_term("word");
    if (!extra_term.empty()) {
        built.document.add_term(extra_term);
    }
    return built;
}

} // namespace

TEST_CASE("indexer::IndexWriter writes on its own thread and counts added and replaced articles") {
    dateline::testing::TempDir dir;
    const auto path = (dir.path() / "db").string();
    {
        // A queue of 2 and batches of 3: write() waits for room and the writer commits mid-stream.
        IndexWriter writer(path, 3, 2);
        for (int i = 0; i < 50; ++i) {
            writer.write(document_with_id("a" + std::to_string(i % 20)));
        }
        writer.commit();
        CHECK(writer.added() == 20);
        CHECK(writer.replaced() == 30);
        CHECK(writer.article_count() == 20);
        writer.write(document_with_id("late")); // committed by the destructor
    }
    CHECK(Xapian::Database(path).get_doccount() == 21);
}

TEST_CASE("indexer::IndexWriter reports a failed write to the caller and keeps what was committed") {
    dateline::testing::TempDir dir;
    const auto path = (dir.path() / "db").string();
    {
        IndexWriter writer(path, 100);
        writer.write(document_with_id("good"));
        writer.commit();
        // Xapian refuses terms longer than 245 bytes: the failure surfaces at the next call.
        writer.write(document_with_id("bad", std::string(300, 'x')));
        CHECK_THROWS_AS(writer.commit(), DataError);
        CHECK_THROWS_AS(writer.write(document_with_id("after")), DataError);
    }
    CHECK(Xapian::Database(path).get_doccount() == 1);
}
