#include "writing/shard_writer.hpp"

#include "store/schema.hpp"
#include "util/errors.hpp"

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

ShardWriter::ShardWriter(Xapian::WritableDatabase database, std::string path, std::size_t batch_size,
                         std::size_t queue_limit, std::string thread_name)
    : m_database(std::move(database)), m_path(std::move(path)),
      m_batch_size(batch_size == 0 ? 1 : batch_size), m_queue_limit(queue_limit == 0 ? 1 : queue_limit) {
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
    if (m_queue.size() == 1) {
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
    return m_database.get_doccount();
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
            commit_now();
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
            m_failure = std::make_exception_ptr(
                DataError(m_path + ": writing the database failed: " + e.get_description() +
                          "; the last commit holds "
                          "every article before it"));
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
        if (m_database.get_metadata(entry.key).empty()) {
            m_database.set_metadata(entry.key, entry.value);
            m_metadata_pending = true;
        }
    }
    if (!job.document) {
        return;
    }
    const auto& built = *job.document;
    // Whether it replaced an article, from the document count rather than a lookup of its own: the unique
    // term's B-tree search is replace_document's already.
    const auto before = m_database.get_doccount();
    m_database.replace_document(built.id_term, built.document);
    const bool added = m_database.get_doccount() > before;
    {
        std::lock_guard lock(m_mutex);
        ++(added ? m_added : m_replaced);
    }
    // At a batch boundary, commit once a second has passed since the last commit, or once the pending
    // documents reach Xapian's own flush threshold (which would commit mid-batch by itself).
    constexpr auto k_min_interval = std::chrono::seconds(1);
    constexpr std::size_t k_most_pending = 8000;
    if (++m_pending % m_batch_size == 0 &&
        (std::chrono::steady_clock::now() - m_last_commit >= k_min_interval ||
         m_pending + m_batch_size > k_most_pending)) {
        commit_now();
    }
}

void ShardWriter::commit_now() {
    if (m_pending == 0 && !m_metadata_pending) {
        return;
    }
    m_database.set_metadata(std::string(schema::k_meta_version), std::to_string(schema::k_version));
    m_database.set_metadata(std::string(schema::k_meta_last_update), utc_now_iso());
    m_database.commit();
    m_last_commit = std::chrono::steady_clock::now();
    m_pending = 0;
    m_metadata_pending = false;
}

} // namespace dateline
