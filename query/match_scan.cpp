#include "match_scan.hpp"

#include "schema.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace dateline {

namespace {

/// Hands each match's values to a callback as the matcher visits it. The entity slot (which also holds the
/// date) is read from the slot's value stream rather than through the document: the matcher visits documents
/// in ascending docid order, so one iterator decodes each value chunk once, where Document::get_value looks
/// the chunk up in the B-tree again for every match.
class RecordSpy : public Xapian::MatchSpy {
public:
    RecordSpy(const Xapian::Database& database, const std::function<void(const MatchRecord&)>& each)
        : m_database(database), m_each(each), m_streamed(database.size() == 1) {
        if (m_streamed) {
            restart();
        }
    }
    void operator()(const Xapian::Document& document, double) override {
        if (!m_streamed) {
            const auto entities = document.get_value(schema::slot(schema::Slot::entities));
            m_each({schema::slot_date(entities), entities});
            return;
        }
        const auto docid = document.get_docid();
        if (docid < m_last) {
            restart(); // not expected: the matcher goes in docid order; stay correct if it does not
        }
        m_last = docid;
        std::string entities;
        if (m_values != m_end) {
            m_values.skip_to(docid);
            if (m_values != m_end && m_values.get_docid() == docid) {
                entities = *m_values;
            }
        }
        m_each({schema::slot_date(entities), entities});
    }
    std::string name() const override { return "Dateline::RecordSpy"; }

private:
    void restart() {
        m_values = m_database.valuestream_begin(schema::slot(schema::Slot::entities));
        m_end = m_database.valuestream_end(schema::slot(schema::Slot::entities));
        m_last = 0;
    }

    const Xapian::Database& m_database;
    const std::function<void(const MatchRecord&)>& m_each;
    Xapian::ValueIterator m_values;
    Xapian::ValueIterator m_end;
    Xapian::docid m_last = 0;
    /// With several shards the spy's documents carry their shard's docids, which a combined value stream does
    /// not use: read through the document there (for_each_match scans local shards one by one instead).
    bool m_streamed;
};

void spy_on_matches(const Xapian::Database& database, const Xapian::Query& query,
                    const std::function<void(const MatchRecord&)>& each) {
    Xapian::Enquire enquire(database);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    RecordSpy spy(database, each);
    enquire.add_matchspy(&spy);
    (void)enquire.get_mset(0, 0, database.get_doccount()); // checkatleast = all: the spy sees every match
}

/// Entity slots of matches, passed in chunks from the shards' threads to the one that aggregates them.
using RecordChunk = std::vector<std::string>;

/// A bounded queue of chunks from several producers (one per shard) to one consumer. If the consumer fails it
/// cancels, and producers stop at their next push; a producer's failure reaches the consumer.
class ChunkQueue {
public:
    explicit ChunkQueue(std::size_t producers) : m_producers(producers) {}

    /// Blocks while the queue is full; throws Cancelled once the consumer has given up.
    void push(RecordChunk&& chunk) {
        std::unique_lock lock(m_mutex);
        m_not_full.wait(lock, [&] { return m_chunks.size() < k_limit || m_cancelled; });
        if (m_cancelled) {
            throw Cancelled{};
        }
        m_chunks.push_back(std::move(chunk));
        m_not_empty.notify_one();
    }

    void producer_done(std::exception_ptr failure) {
        std::lock_guard lock(m_mutex);
        if (failure && !m_failure) {
            m_failure = failure;
        }
        --m_producers;
        m_not_empty.notify_one();
    }

    /// The next chunk, or nothing once every producer is done; rethrows a producer's failure.
    std::optional<RecordChunk> pop() {
        std::unique_lock lock(m_mutex);
        m_not_empty.wait(lock, [&] { return !m_chunks.empty() || m_producers == 0 || m_failure; });
        if (m_failure) {
            std::rethrow_exception(m_failure);
        }
        if (m_chunks.empty()) {
            return std::nullopt;
        }
        auto chunk = std::move(m_chunks.front());
        m_chunks.pop_front();
        m_not_full.notify_one();
        return chunk;
    }

    void cancel() {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
        m_not_full.notify_all();
    }

    struct Cancelled {};

private:
    static constexpr std::size_t k_limit = 64; ///< chunks waiting: bounds memory when aggregating is slower

    std::mutex m_mutex;
    std::condition_variable m_not_empty;
    std::condition_variable m_not_full;
    std::deque<RecordChunk> m_chunks;
    std::size_t m_producers;
    bool m_cancelled = false;
    std::exception_ptr m_failure;
};

/// Runs one shard's match on the calling thread, handing its records to the queue in chunks. The query comes
/// serialised: a Xapian::Query's reference count is not atomic, so threads must not share one.
void produce(const std::string& folder, const std::string& serialised_query, ChunkQueue& queue) {
    constexpr std::size_t k_chunk = 512;
    std::exception_ptr failure;
    try {
        RecordChunk chunk;
        chunk.reserve(k_chunk);
        const std::function<void(const MatchRecord&)> collect = [&](const MatchRecord& record) {
            chunk.emplace_back(record.entities);
            if (chunk.size() == k_chunk) {
                queue.push(std::move(chunk));
                chunk = RecordChunk();
                chunk.reserve(k_chunk);
            }
        };
        spy_on_matches(Xapian::Database(folder), Xapian::Query::unserialise(serialised_query), collect);
        if (!chunk.empty()) {
            queue.push(std::move(chunk));
        }
    } catch (const ChunkQueue::Cancelled&) {
        // The consumer failed and reports why.
    } catch (...) {
        failure = std::current_exception();
    }
    queue.producer_done(failure);
}

/// Scans every shard on a thread of its own, calling `each` on this thread: the matcher and reading the
/// values (about half of an aggregation's time) run in parallel, and `each` need not be thread-safe.
void scan_shards_in_parallel(const std::vector<std::string>& folders, const Xapian::Query& query,
                             const std::function<void(const MatchRecord&)>& each) {
    const auto serialised_query = query.serialise();
    ChunkQueue queue(folders.size());
    std::vector<std::jthread> threads; // declared after the queue: joined before it is destroyed
    for (const auto& folder : folders) {
        threads.emplace_back(
            [&queue, &folder, &serialised_query] { produce(folder, serialised_query, queue); });
    }
    try {
        while (auto chunk = queue.pop()) {
            for (const auto& entities : *chunk) {
                each({schema::slot_date(entities), entities});
            }
        }
    } catch (...) {
        queue.cancel();
        throw;
    }
}

} // namespace

void for_each_match(const Xapian::Database& database, const Xapian::Query& query, const Shards& shards,
                    const std::function<void(const MatchRecord&)>& each) {
    if (!shards.remote) {
        if (shards.local.size() <= 1) {
            spy_on_matches(database, query, each);
            return;
        }
        scan_shards_in_parallel(shards.local, query, each);
        return;
    }
    Xapian::Enquire enquire(database);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const auto all = database.get_doccount();
    // Sorting by the entity slot makes each match carry it back as its sort key; the slot also holds the
    // date.
    enquire.set_sort_by_value(schema::slot(schema::Slot::entities), false);
    const auto mset = enquire.get_mset(0, all, all);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        const auto key = it.get_sort_key();
        each({schema::slot_date(key), key});
    }
}

} // namespace dateline
