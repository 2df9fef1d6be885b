#include "pipeline/document_pipeline.hpp"
#include "store/database_layout.hpp"
#include "store/schema.hpp"
#include "test_support.hpp"
#include "util/bloom_filter.hpp"
#include "util/errors.hpp"
#include "writing/article_removal.hpp"
#include "writing/compaction.hpp"
#include "writing/index_writer.hpp"
#include "writing/partitioning.hpp"
#include "writing/write_failure.hpp"

#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <functional>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

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

TEST_CASE("indexer::DocumentPipeline builds on one thread per core by default") {
    // The writers wait on the builders; one per core keeps the indexer's share of a busy machine.
    CHECK(DocumentPipeline::default_workers() == std::max(1U, std::thread::hardware_concurrency()));
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
    std::size_t shards = 1;
    SUBCASE("one Xapian database") {
        shards = 1;
    }
    SUBCASE("three shards, each with its writer") {
        shards = 3;
    }
    dateline::testing::TempDir dir;
    const auto path = (dir.path() / "db").string();
    {
        // A queue of 2 and batches of 3: write() waits for room and the writer commits mid-stream.
        IndexWriter writer(path, 3, shards, 2);
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

TEST_CASE("indexer::IndexWriter: Xapian's flushes between commits are not commits") {
    // With a flush every 5 documents outside a transaction, Xapian would commit every 5: readers would see
    // revisions the indexer never asked for (and queries longer than two of them would fail).
    const dateline::testing::ScopedEnvironment flush_often("XAPIAN_FLUSH_THRESHOLD", "5");
    dateline::testing::TempDir dir;
    const auto path = (dir.path() / "db").string();
    std::size_t shards = 1;
    SUBCASE("one Xapian database") {
        shards = 1;
    }
    SUBCASE("two shards") {
        shards = 2;
    }
    {
        // A queue of one: once write() returns for the 40th article, the writer has taken all but the last
        // two.
        IndexWriter writer(path, 1000, shards, 1);
        for (int i = 0; i < 40; ++i) {
            writer.write(document_with_id("a" + std::to_string(i)));
        }
        CHECK(Xapian::Database(path).get_doccount() == 0);
        writer.commit();
        CHECK(Xapian::Database(path).get_doccount() == 40);
    }
}

TEST_CASE("indexer::IndexWriter reports a failed write to the caller and keeps what was committed") {
    std::size_t shards = 1;
    SUBCASE("one Xapian database") {
        shards = 1;
    }
    SUBCASE("three shards, each with its writer") {
        shards = 3;
    }
    dateline::testing::TempDir dir;
    const auto path = (dir.path() / "db").string();
    {
        IndexWriter writer(path, 100, shards);
        writer.write(document_with_id("good"));
        writer.commit();
        // Xapian refuses terms longer than 245 bytes: the failure surfaces at the next call.
        writer.write(document_with_id("bad", std::string(300, 'x')));
        CHECK_THROWS_AS(writer.commit(), DataError);
        CHECK_THROWS_AS(writer.write(document_with_id("after")), DataError);
    }
    CHECK(Xapian::Database(path).get_doccount() == 1);
}

TEST_CASE(
    "indexer::IndexWriter shards: one database to readers, articles replaced in their shard, metadata in "
    "the first") {
    dateline::testing::TempDir dir;
    const auto path = (dir.path() / "db").string();
    const auto with_entity = [](const std::string& id) {
        auto built = document_with_id(id);
        built.entities.push_back({"Q1", EntityType::person, "Ada Lovelace", 1, {0}});
        built.source_term = schema::source_term("Wire");
        built.source_name = "Wire";
        return built;
    };
    {
        IndexWriter writer(path, 7, 2);
        CHECK(writer.shard_count() == 2);
        for (int i = 0; i < 40; ++i) {
            writer.write(with_entity("a" + std::to_string(i)));
        }
        writer.commit();
        CHECK(writer.added() == 40);
    }
    CHECK(layout::is_sharded(path));
    const auto shards = layout::expand(path);
    REQUIRE(shards.local.size() == 2);
    CHECK_FALSE(shards.remote);
    // Both shards hold articles, and Xapian opens the folder as one database.
    CHECK(Xapian::Database(shards.local[0]).get_doccount() > 0);
    CHECK(Xapian::Database(shards.local[1]).get_doccount() > 0);
    const Xapian::Database combined(path);
    CHECK(combined.get_doccount() == 40);
    CHECK(combined.get_metadata(std::string(schema::k_meta_entity_name) +
                                schema::entity_term(EntityType::person, "Q1")) == "Ada Lovelace");
    CHECK(combined.get_metadata(std::string(schema::k_meta_source_name) + schema::source_term("Wire")) ==
          "Wire");
    CHECK(combined.get_metadata(std::string(schema::k_meta_version)) == std::to_string(schema::k_version));
    {
        // Reopened without --shards: the existing layout; a second run replaces instead of duplicating.
        IndexWriter writer(path, 1000);
        CHECK(writer.shard_count() == 2);
        for (int i = 0; i < 40; i += 2) {
            writer.write(document_with_id("a" + std::to_string(i)));
        }
        writer.commit();
        CHECK(writer.replaced() == 20);
        CHECK(writer.added() == 0);
        CHECK(writer.article_count() == 40);
    }
    CHECK_THROWS_AS(IndexWriter(path, 1000, 3), UsageError);
    CHECK(Xapian::Database(path).get_doccount() == 40);
}

TEST_CASE("layout: folder names say which partition and shard") {
    const auto current = layout::parse_folder_name("shard-03");
    CHECK(current.valid);
    CHECK(current.partition == 0);
    CHECK(current.shard == 3);
    const auto copy = layout::parse_folder_name("part-0012-01-c20261201T063000-2");
    CHECK(copy.valid);
    CHECK(copy.partition == 12);
    CHECK(copy.shard == 1);
    CHECK(layout::sealed_folder_name(12, 1) == "part-0012-01");
    for (const char* other : {"shard-", "shard-00.my-backup", "part-0000-01", "part-0001", "part-01-x",
                              "XAPIANDB", "shard-00-cX", "partition-0001-00"}) {
        CAPTURE(other);
        CHECK_FALSE(layout::parse_folder_name(other).valid);
    }
}

TEST_CASE("partitions: tiers of four are merged, smaller groups are left") {
    // Partition size 100: tier 0 is [100, 400), tier 1 [400, 1600)...
    CHECK(plan_merges({100, 120, 90, 300}, 100) == std::vector<std::vector<std::size_t>>{{0, 1, 2, 3}});
    CHECK(plan_merges({100, 120, 500, 300}, 100).empty());
    CHECK(plan_merges({500, 100, 600, 700, 20, 1000}, 100) ==
          std::vector<std::vector<std::size_t>>{{0, 2, 3, 5}});
    CHECK(plan_merges({}, 100).empty());
}

TEST_CASE("indexer::IndexWriter partitions: sealed when full, re-sent articles replaced where they live") {
    dateline::testing::TempDir dir;
    const auto path = (dir.path() / "db").string();
    {
        IndexWriter writer(path, 5, 2, 256, 10);
        for (int i = 0; i < 35; ++i) {
            writer.write(document_with_id("a" + std::to_string(i)));
        }
        writer.commit();
        CHECK(writer.added() == 35);
        CHECK(writer.sealed().size() == 3);
    }
    auto partitions = layout::read_partitions(path);
    CHECK(partitions.sealed.size() == 3);
    CHECK(partitions.current.shards.size() == 2);
    CHECK(articles_in(partitions.current) == 5);
    CHECK(Xapian::Database(path).get_doccount() == 35);
    // Each sealed shard records its ids: the writer skips looking up the others there.
    for (const auto& shard : partitions.sealed.front().shards) {
        const Xapian::Database sealed(shard);
        const auto ids = util::BloomFilter::parse(sealed.get_metadata(std::string(schema::k_meta_id_filter)));
        REQUIRE(ids.has_value());
        for (auto term = sealed.allterms_begin("Q"); term != sealed.allterms_end("Q"); ++term) {
            CHECK(ids->may_contain(*term));
        }
    }
    {
        // Without a size: the stored one. The old articles again, changed: rewritten in the sealed
        // partitions; then once more as they are now: left as they are.
        IndexWriter writer(path, 1000);
        for (int i = 0; i < 35; ++i) {
            auto changed = document_with_id("a" + std::to_string(i), "corrected");
            changed.document.set_data("corrected");
            writer.write(std::move(changed));
        }
        writer.commit();
        CHECK(writer.replaced() == 35);
        CHECK(writer.replaced_sealed() == 30);
        CHECK(writer.unchanged() == 0);
        CHECK(writer.added() == 0);
        CHECK(writer.sealed().empty());
        for (int i = 0; i < 35; ++i) {
            auto same = document_with_id("a" + std::to_string(i), "corrected");
            same.document.set_data("corrected");
            writer.write(std::move(same));
        }
        writer.commit();
        CHECK(writer.replaced() == 70);
        CHECK(writer.unchanged() == 35);
        CHECK(writer.replaced_sealed() == 30);
    }
    CHECK(Xapian::Database(path).get_termfreq("corrected") == 35);
    CHECK(Xapian::Database(path).get_doccount() == 35);
    // compact merges the three (one tier) and, with seal, the current one too: one partition, every article.
    const auto summary = compact_database(path, true);
    CHECK(summary.sealed == 4);
    CHECK(summary.merged == 4);
    CHECK(summary.partitions == 1);
    partitions = layout::read_partitions(path);
    CHECK(articles_in(partitions.sealed.front()) == 35);
    CHECK(articles_in(partitions.current) == 0);
    CHECK(Xapian::Database(path).get_doccount() == 35);
    CHECK(Xapian::Database(path).term_exists(schema::id_term("a7")));
    // Deletion finds an article in the sealed partition.
    CHECK(remove_articles(path, {"a7"}).deleted.size() == 1);
    CHECK(Xapian::Database(path).get_doccount() == 34);
}

TEST_CASE("layout::shard_of is stable and spreads ids over the shards") {
    CHECK(layout::shard_of("Qanything", 1) == 0);
    // FNV-1a: fixed values, so databases written by one build are updated correctly by the next.
    CHECK(layout::shard_of("Qreuters-1", 7) == 5);
    CHECK(layout::shard_of("Qgen-0", 2) == 1);
    CHECK(layout::shard_of("Qgen-1", 2) == 0);
    std::vector<int> counts(4, 0);
    for (int i = 0; i < 4000; ++i) {
        ++counts[layout::shard_of("Qreuters-" + std::to_string(i), 4)];
    }
    for (const auto count : counts) {
        CHECK(count > 800);
        CHECK(count < 1200);
    }
}

namespace {

struct ChildOutcome {
    int status = 0;     ///< as waitpid() gives it
    std::string stderr; ///< what the child wrote to standard error
};

/// Runs `body` in a forked child (which must end the process) and returns how it ended.
ChildOutcome run_in_child(const std::function<void()>& body) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(fds[0]);
        ::dup2(fds[1], STDERR_FILENO);
        body();
        std::_Exit(99); // body did not end the process
    }
    ::close(fds[1]);
    ChildOutcome outcome;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;) {
        outcome.stderr.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fds[0]);
    REQUIRE(::waitpid(child, &outcome.status, 0) == child);
    return outcome;
}

/// What Xapian 1.4 does on a full disk inside Glass::ValueUpdater's destructor: a DatabaseError thrown where
/// it cannot leave (through a pointer, so that the compiler cannot see the throw and refuse it).
void (*volatile g_fail_write)() = [] { throw Xapian::DatabaseError("Error writing block 33", ENOSPC); };
struct FailsInDestructor {
    ~FailsInDestructor() { g_fail_write(); }
};

} // namespace

TEST_CASE("indexer: a Xapian write failure that ends the process is reported against the database written") {
    const auto outcome = run_in_child([] {
        report_write_failures_at_terminate();
        const std::string path = "news.db/shard-1";
        const WritingDatabase writing(path);
        FailsInDestructor fails;
    });
    REQUIRE(WIFEXITED(outcome.status));
    CHECK(WEXITSTATUS(outcome.status) == 1);
    CHECK(outcome.stderr ==
          "dateline-index: error: " +
              write_failure_message("news.db/shard-1",
                                    "DatabaseError: Error writing block 33 (No space left on "
                                    "device)") +
              "\n");
    CHECK(outcome.stderr.find("the last commit holds every article before it") != std::string::npos);
}

TEST_CASE("indexer: a failure outside a database write still aborts") {
    // Another thread is inside a write scope: this thread writes nothing, so its failure is a bug, not a full
    // disk.
    const auto outcome = run_in_child([] {
        report_write_failures_at_terminate();
        std::promise<void> writing_started;
        std::thread([&writing_started] {
            const std::string path = "news.db/shard-0";
            const WritingDatabase writing(path);
            writing_started.set_value();
            while (true) {
                ::pause();
            }
        }).detach();
        writing_started.get_future().wait();
        FailsInDestructor fails;
    });
    REQUIRE(WIFSIGNALED(outcome.status));
    CHECK(WTERMSIG(outcome.status) == SIGABRT);
    CHECK(outcome.stderr.find("writing the database failed") == std::string::npos);
    CHECK(outcome.stderr.find("Xapian::DatabaseError") != std::string::npos); // the runtime's own message
}
