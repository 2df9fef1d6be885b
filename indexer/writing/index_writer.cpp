#include "writing/index_writer.hpp"

#include "store/database_layout.hpp"
#include "store/schema.hpp"
#include "util/errors.hpp"

#include <algorithm>
#include <filesystem>
#include <thread>

namespace dateline {

namespace {

namespace fs = std::filesystem;

} // namespace

Xapian::WritableDatabase open_writable_database(const std::string& path, int action) {
    try {
        if (const auto parent = fs::path(path).parent_path(); !parent.empty() && action != Xapian::DB_OPEN) {
            fs::create_directories(parent);
        }
        return Xapian::WritableDatabase(path, action);
    } catch (const Xapian::DatabaseLockError&) {
        throw DataError(path +
                        ": database is locked by another indexer; wait for it to finish, or index into a "
                        "different --db");
    } catch (const Xapian::Error& e) {
        throw DataError(path + ": cannot open database for writing: " + e.get_description());
    } catch (const fs::filesystem_error& e) {
        throw DataError(path + ": cannot create database folder: " + e.code().message());
    }
}

namespace {

void check_schema_version(Xapian::WritableDatabase& database, const std::string& path) {
    const auto version = database.get_metadata(std::string(schema::k_meta_version));
    if (!version.empty() && version != std::to_string(schema::k_version)) {
        throw DataError(path + ": database has schema version " + version +
                        ", this dateline-index writes version " + std::to_string(schema::k_version) +
                        "; re-index into a new --db");
    }
}

bool is_new_database(const std::string& path) {
    std::error_code error;
    return !fs::exists(path, error) || (fs::is_directory(path, error) && fs::is_empty(path, error));
}

/// The database folders to write, first shard first; creates the stub of a new sharded database.
std::vector<std::string> shard_folders(const std::string& path, std::size_t requested) {
    if (layout::is_sharded(path)) {
        const auto shards = layout::expand(path);
        if (shards.remote || shards.local.empty()) {
            throw DataError(path + ": its shard list (" + std::string(layout::k_stub_file) +
                            ") names a remote or no database; dateline-index writes local shards only");
        }
        if (requested != 0 && requested != shards.local.size()) {
            throw UsageError(
                "--shards " + std::to_string(requested) + ": " + path + " already has " +
                std::to_string(shards.local.size()) +
                " shards; --shards only applies to a new database (leave it out to update this one)");
        }
        return shards.local;
    }
    const auto count = requested != 0 ? requested : IndexWriter::default_shards();
    if (!is_new_database(path)) {
        if (requested > 1) {
            throw UsageError(
                "--shards " + std::to_string(requested) + ": " + path +
                " is an existing database of one shard; --shards only applies to a new database");
        }
        return {path};
    }
    if (count == 1) {
        return {path};
    }
    // The stub first: if a kill comes before the shards exist, the next run finds the stub and creates them.
    std::error_code error;
    fs::create_directories(path, error);
    if (error) {
        throw DataError(path + ": cannot create database folder: " + error.message());
    }
    layout::write_stub(path, count);
    std::vector<std::string> folders;
    for (std::size_t i = 0; i < count; ++i) {
        folders.push_back(layout::shard_folder(path, i));
    }
    return folders;
}

} // namespace

std::size_t IndexWriter::default_shards() {
    return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
}

IndexWriter::IndexWriter(const std::string& path, std::size_t batch_size, std::size_t shards,
                         std::size_t queue_limit) {
    if (shards > layout::k_max_shards) {
        throw UsageError("--shards " + std::to_string(shards) + " is too many; use at most " +
                         std::to_string(layout::k_max_shards));
    }
    const auto folders = shard_folders(path, shards);
    // Each shard commits after its share of a batch, so a batch is still about `batch_size` articles.
    const auto shard_batch = std::max<std::size_t>(1, (batch_size + folders.size() - 1) / folders.size());
    for (std::size_t i = 0; i < folders.size(); ++i) {
        auto database = open_writable_database(folders[i]);
        check_schema_version(database, folders[i]);
        const auto thread_name =
            folders.size() == 1 ? std::string("dl-writer") : "dl-writer-" + std::to_string(i);
        m_shards.push_back(std::make_unique<ShardWriter>(std::move(database), folders[i], shard_batch,
                                                         queue_limit, thread_name));
    }
}

IndexWriter::~IndexWriter() = default;

void IndexWriter::write(BuiltDocument&& built) {
    // A failed shard stops the whole run, not only the articles routed to it.
    for (auto& shard : m_shards) {
        shard->check();
    }
    std::vector<MetadataDefault> names;
    for (const auto& entity : built.entities) {
        auto term = schema::entity_term(entity.type, entity.id);
        if (!m_known_entities.contains(term)) {
            names.push_back({std::string(schema::k_meta_entity_name) + term, entity.name});
            m_known_entities.insert(std::move(term));
        }
    }
    if (!built.source_term.empty() && m_known_sources.insert(built.source_term).second) {
        names.push_back({std::string(schema::k_meta_source_name) + built.source_term, built.source_name});
    }
    const auto shard = layout::shard_of(built.id_term, m_shards.size());
    if (shard == 0) {
        m_shards[0]->write(std::move(built), std::move(names));
        return;
    }
    if (!names.empty()) {
        m_shards[0]->write(std::nullopt, std::move(names));
    }
    m_shards[shard]->write(std::move(built), {});
}

void IndexWriter::commit() {
    std::vector<std::size_t> tickets;
    for (auto& shard : m_shards) {
        tickets.push_back(shard->request_commit());
    }
    for (std::size_t i = 0; i < m_shards.size(); ++i) {
        m_shards[i]->wait_for_commit(tickets[i]);
    }
}

Xapian::doccount IndexWriter::article_count() {
    Xapian::doccount total = 0;
    for (auto& shard : m_shards) {
        total += shard->article_count();
    }
    return total;
}

std::vector<IndexWriter::ShardCounts> IndexWriter::shard_counts() {
    std::vector<ShardCounts> out;
    for (auto& shard : m_shards) {
        out.push_back({shard->path(), shard->added(), shard->replaced(), shard->article_count()});
    }
    return out;
}

std::size_t IndexWriter::added() {
    std::size_t total = 0;
    for (auto& shard : m_shards) {
        total += shard->added();
    }
    return total;
}

std::size_t IndexWriter::replaced() {
    std::size_t total = 0;
    for (auto& shard : m_shards) {
        total += shard->replaced();
    }
    return total;
}

} // namespace dateline
