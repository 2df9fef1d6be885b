#include "index_writer.hpp"

#include "errors.hpp"
#include "schema.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>

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

IndexWriter::IndexWriter(const std::string& path, std::size_t batch_size)
    : m_database(open_writable(path)), m_batch_size(batch_size == 0 ? 1 : batch_size) {
    const auto version = m_database.get_metadata(std::string(schema::k_meta_version));
    if (!version.empty() && version != std::to_string(schema::k_version)) {
        throw DataError(path + ": database has schema version " + version +
                        ", this dateline-index writes version " + std::to_string(schema::k_version) +
                        "; re-index into a new --db");
    }
}

WriteResult IndexWriter::write(const BuiltDocument& built) {
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
    if (++m_pending >= m_batch_size) {
        commit();
    }
    return exists ? WriteResult::replaced : WriteResult::added;
}

void IndexWriter::commit() {
    if (m_pending == 0) {
        return;
    }
    m_database.set_metadata(std::string(schema::k_meta_version), std::to_string(schema::k_version));
    m_database.set_metadata(std::string(schema::k_meta_last_update), utc_now_iso());
    m_database.commit();
    m_pending = 0;
    ++m_commits;
}

} // namespace dateline
