#include "writing/shard_writer.hpp"

#include "store/schema.hpp"
#include "util/errors.hpp"
#include "writing/write_failure.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <pthread.h>

namespace dateline {

std::string utc_now_iso() {
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

void commit_held_changes(Xapian::WritableDatabase& database) {
    database.commit_transaction();
    database.commit();
}

ShardWriter::ShardWriter(Xapian::WritableDatabase database, std::string path, std::size_t batch_size,
                         std::size_t queue_limit, std::string thread_name,
                         std::vector<Xapian::WritableDatabase> sealed)
    : m_database(std::move(database)), m_path(std::move(path)),
      m_batch_size(batch_size == 0 ? 1 : batch_size), m_queue_limit(queue_limit == 0 ? 1 : queue_limit) {
    for (auto& shard : sealed) {
        auto ids = util::BloomFilter::parse(shard.get_metadata(std::string(schema::k_meta_id_filter)));
        m_sealed.push_back({std::move(shard), std::move(ids), 0});
    }
    m_current_count = m_database.get_doccount();
    // Changes wait in an unflushed transaction until the next commit: Xapian then flushes its inverted lists
    // into the tables every XAPIAN_FLUSH_THRESHOLD documents without committing a revision in between
    // (set_xapian_flush_threshold()).
    m_database.begin_transaction(false);
    m_thread = std::thread([this, name = std::move(thread_name)] { run(name); });
}

ShardWriter::~ShardWriter() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_work_ready.notify_one();
    m_thread.join();
}

void ShardWriter::rethrow_failure() {
    if (m_failure) {
        std::rethrow_exception(m_failure);
    }
}

void ShardWriter::write(std::optional<BuiltDocument>&& document, std::vector<MetadataDefault>&& metadata) {
    std::unique_lock lock(m_mutex);
    m_work_done.wait(lock, [&] { return m_queue.size() < m_queue_limit || m_failure; });
    rethrow_failure();
    m_queue.push_back({std::move(document), std::move(metadata)});
    // The thread is woken with a handful of jobs, not for each (a context switch per article); what is left
    // in the queue is written at the next commit request or when the writer stops.
    if (m_queue.size() == std::min(k_wake_batch, m_queue_limit)) {
        lock.unlock();
        m_work_ready.notify_one();
    }
}

void ShardWriter::check() {
    std::lock_guard lock(m_mutex);
    rethrow_failure();
}

std::size_t ShardWriter::request_commit() {
    std::lock_guard lock(m_mutex);
    const auto ticket = ++m_commit_requests;
    m_work_ready.notify_one();
    return ticket;
}

void ShardWriter::wait_for_commit(std::size_t ticket) {
    std::unique_lock lock(m_mutex);
    m_work_done.wait(lock, [&] { return m_commits_done >= ticket || m_failure; });
    rethrow_failure();
}

Xapian::doccount ShardWriter::article_count() {
    wait_for_commit(request_commit()); // the writing thread is idle once the commit is done
    auto total = m_database.get_doccount();
    for (auto& shard : m_sealed) {
        total += shard.database.get_doccount();
    }
    return total;
}

Xapian::doccount ShardWriter::current_count() {
    std::lock_guard lock(m_mutex);
    return m_current_count;
}

std::size_t ShardWriter::unchanged() {
    std::lock_guard lock(m_mutex);
    return m_unchanged;
}

std::size_t ShardWriter::replaced_sealed() {
    std::lock_guard lock(m_mutex);
    return m_replaced_sealed;
}

std::size_t ShardWriter::added() {
    std::lock_guard lock(m_mutex);
    return m_added;
}

std::size_t ShardWriter::replaced() {
    std::lock_guard lock(m_mutex);
    return m_replaced;
}

void ShardWriter::run(const std::string& thread_name) {
    pthread_setname_np(pthread_self(), thread_name.c_str());
    const WritingDatabase writing(m_path); // names it should Xapian end the process on a failed write
    std::unique_lock lock(m_mutex);
    while (true) {
        m_work_ready.wait(
            lock, [&] { return !m_queue.empty() || m_commit_requests > m_commits_done || m_stopping; });
        if (m_failure) {
            // Nothing more is written after a failure; waiting callers have been told.
            m_queue.clear();
            m_commits_done = m_commit_requests;
            m_work_done.notify_all();
            if (m_stopping) {
                return;
            }
            continue;
        }
        try {
            if (!m_queue.empty()) {
                auto job = std::move(m_queue.front());
                m_queue.pop_front();
                const bool had_room = m_queue.size() + 1 < m_queue_limit;
                lock.unlock();
                if (!had_room) {
                    m_work_done.notify_all();
                }
                write_now(job);
                lock.lock();
                continue;
            }
            // The queue is empty: a commit request or the end.
            const auto request = m_commit_requests;
            lock.unlock();
            commit_now(true);
            lock.lock();
            m_commits_done = request;
            m_work_done.notify_all();
            if (m_stopping && m_queue.empty() && m_commit_requests == m_commits_done) {
                return;
            }
        } catch (const Xapian::Error& e) {
            if (!lock.owns_lock()) {
                lock.lock();
            }
            m_failure =
                std::make_exception_ptr(DataError(write_failure_message(m_path, e.get_description())));
            m_work_done.notify_all();
        } catch (...) {
            if (!lock.owns_lock()) {
                lock.lock();
            }
            m_failure = std::current_exception();
            m_work_done.notify_all();
        }
    }
}

void ShardWriter::write_now(const Job& job) {
    for (const auto& entry : job.metadata) {
        if (entry.overwrite || m_database.get_metadata(entry.key).empty()) {
            m_database.set_metadata(entry.key, entry.value);
            m_metadata_pending = true;
        }
    }
    if (!job.document) {
        return;
    }
    const auto& built = *job.document;
    if (write_to_sealed(built)) {
        return;
    }
    // One lookup of the unique term tells new from stored; a stored copy identical to this one is left as it
    // is (feeds list the same stories night after night), any other is replaced by its document id.
    const auto stored = stored_docid(m_database, built.id_term);
    if (stored != 0 && schema::same_article(m_database.get_document(stored), built.document)) {
        std::lock_guard lock(m_mutex);
        ++m_replaced;
        ++m_unchanged;
        return;
    }
    if (stored == 0) {
        m_database.add_document(built.document);
    } else {
        m_database.replace_document(stored, built.document);
    }
    {
        std::lock_guard lock(m_mutex);
        ++(stored == 0 ? m_added : m_replaced);
        m_current_count = m_database.get_doccount();
    }
    // At a batch boundary, commit once a second has passed since the last commit, or once the pending
    // documents would make an uncommitted revision (lost to a kill) of more than 8,000 articles.
    constexpr auto k_min_interval = std::chrono::seconds(1);
    constexpr std::size_t k_most_pending = 8000;
    if (++m_pending % m_batch_size == 0 &&
        (std::chrono::steady_clock::now() - m_last_commit >= k_min_interval ||
         m_pending + m_batch_size > k_most_pending)) {
        commit_now(false);
    }
}

Xapian::docid ShardWriter::stored_docid(Xapian::WritableDatabase& database, const std::string& id_term) {
    const auto postings = database.postlist_begin(id_term);
    return postings == database.postlist_end(id_term) ? 0 : *postings;
}

bool ShardWriter::write_to_sealed(const BuiltDocument& built) {
    for (auto& shard : m_sealed) {
        if (shard.ids && !shard.ids->may_contain(built.id_term)) {
            continue;
        }
        const auto stored = stored_docid(shard.database, built.id_term);
        if (stored == 0) {
            continue;
        }
        const bool unchanged = schema::same_article(shard.database.get_document(stored), built.document);
        if (!unchanged) {
            if (shard.pending == 0) {
                shard.database.begin_transaction(false); // as the current shard's: flushed, not committed
            }
            shard.database.replace_document(stored, built.document);
            // At most 5,000 uncommitted corrections (lost to a kill) per sealed shard.
            constexpr std::size_t k_most_sealed_pending = 5000;
            if (++shard.pending >= k_most_sealed_pending) {
                commit_sealed(shard);
            }
        }
        std::lock_guard lock(m_mutex);
        ++m_replaced;
        ++(unchanged ? m_unchanged : m_replaced_sealed);
        return true;
    }
    return false;
}

void ShardWriter::commit_sealed(SealedShard& shard) {
    commit_held_changes(shard.database);
    shard.pending = 0;
}

void ShardWriter::commit_now(bool everything) {
    for (auto& shard : m_sealed) {
        if (everything && shard.pending > 0) {
            commit_sealed(shard);
        }
    }
    if (m_pending == 0 && !m_metadata_pending) {
        return;
    }
    m_database.set_metadata(std::string(schema::k_meta_version), std::to_string(schema::k_version));
    m_database.set_metadata(std::string(schema::k_meta_last_update), utc_now_iso());
    commit_held_changes(m_database);
    m_database.begin_transaction(false);
    m_last_commit = std::chrono::steady_clock::now();
    m_pending = 0;
    m_metadata_pending = false;
}

} // namespace dateline
