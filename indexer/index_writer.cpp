#include "index_writer.hpp"

#include "errors.hpp"
#include "schema.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <pthread.h>

namespace dateline {

namespace {

std::string utc_now_iso() {
    const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

Xapian::WritableDatabase open_writable(const std::string& path) {
    try {
        if (const auto parent = std::filesystem::path(path).parent_path(); !parent.empty()) {
            std::filesystem::create_directories(parent);
        }
        return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
        throw DataError(path +
                        ": database is locked by another indexer; wait for it to finish, or index into a "
                        "different --db");
    } catch (const Xapian::Error& e) {
        throw DataError(path + ": cannot open database for writing: " + e.get_description());
    } catch (const std::filesystem::filesystem_error& e) {
        throw DataError(path + ": cannot create database folder: " + e.code().message());
    }
}

} // namespace

IndexWriter::IndexWriter(const std::string& path, std::size_t batch_size, std::size_t queue_limit)
    : m_database(open_writable(path)), m_batch_size(batch_size == 0 ? 1 : batch_size),
      m_queue_limit(queue_limit == 0 ? 1 : queue_limit) {
    const auto version = m_database.get_metadata(std::string(schema::k_meta_version));
    if (!version.empty() && version != std::to_string(schema::k_version)) {
        throw DataError(path + ": database has schema version " + version +
                        ", this dateline-index writes version " + std::to_string(schema::k_version) +
                        "; re-index into a new --db");
    }
    m_thread = std::thread([this] { run(); });
}

IndexWriter::~IndexWriter() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_work_ready.notify_one();
    m_thread.join();
}

void IndexWriter::rethrow_failure() {
    if (m_failure) {
        std::rethrow_exception(m_failure);
    }
}

void IndexWriter::write(BuiltDocument&& built) {
    std::unique_lock lock(m_mutex);
    m_work_done.wait(lock, [&] { return m_queue.size() < m_queue_limit || m_failure; });
    rethrow_failure();
    m_queue.push_back(std::move(built));
    if (m_queue.size() == 1) {
        lock.unlock();
        m_work_ready.notify_one();
    }
}

void IndexWriter::commit() {
    std::unique_lock lock(m_mutex);
    const auto request = ++m_commit_requests;
    m_work_ready.notify_one();
    m_work_done.wait(lock, [&] { return m_commits_done >= request || m_failure; });
    rethrow_failure();
}

Xapian::doccount IndexWriter::article_count() {
    commit(); // the writing thread is idle once commit() returns
    return m_database.get_doccount();
}

std::size_t IndexWriter::added() {
    std::lock_guard lock(m_mutex);
    return m_added;
}

std::size_t IndexWriter::replaced() {
    std::lock_guard lock(m_mutex);
    return m_replaced;
}

void IndexWriter::run() {
    pthread_setname_np(pthread_self(), "dl-writer"); // names the thread in top -H, perf and gdb
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
                auto built = std::move(m_queue.front());
                m_queue.pop_front();
                const bool had_room = m_queue.size() + 1 < m_queue_limit;
                lock.unlock();
                if (!had_room) {
                    m_work_done.notify_all();
                }
                write_now(built);
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
            m_failure =
                std::make_exception_ptr(DataError("writing the database failed: " + e.get_description() +
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

void IndexWriter::write_now(const BuiltDocument& built) {
    const bool exists = m_database.term_exists(built.id_term);
    m_database.replace_document(built.id_term, built.document);
    for (const auto& entity : built.entities) {
        // Names are registered once per run; the first name seen for an id is kept.
        const auto term = schema::entity_term(entity.type, entity.id);
        if (m_known_entities.insert(term).second) {
            const auto key = std::string(schema::k_meta_entity_name) + term;
            if (m_database.get_metadata(key).empty()) {
                m_database.set_metadata(key, entity.name);
            }
        }
    }
    if (!built.source_term.empty() && m_known_sources.insert(built.source_term).second) {
        const auto key = std::string(schema::k_meta_source_name) + built.source_term;
        if (m_database.get_metadata(key).empty()) {
            m_database.set_metadata(key, built.source_name);
        }
    }
    {
        std::lock_guard lock(m_mutex);
        ++(exists ? m_replaced : m_added);
    }
    if (++m_pending >= m_batch_size) {
        commit_now();
    }
}

void IndexWriter::commit_now() {
    if (m_pending == 0) {
        return;
    }
    m_database.set_metadata(std::string(schema::k_meta_version), std::to_string(schema::k_version));
    m_database.set_metadata(std::string(schema::k_meta_last_update), utc_now_iso());
    m_database.commit();
    m_pending = 0;
}

} // namespace dateline
