#include "writing/index_writer.hpp"

#include "store/database_layout.hpp"
#include "store/schema.hpp"
#include "util/errors.hpp"
#include "writing/partitioning.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace dateline {

namespace {

namespace fs = std::filesystem;

} // namespace

void set_xapian_flush_threshold() {
    ::setenv("XAPIAN_FLUSH_THRESHOLD", k_flush_threshold, 0);
}

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

/// The database folders to write (the current partition's shards), first shard first; creates the stub of a
/// new sharded database.
std::vector<std::string> shard_folders(const std::string& path, std::size_t requested) {
    if (layout::is_sharded(path)) {
        const auto shards = layout::read_partitions(path).current.shards;
        if (requested != 0 && requested != shards.size()) {
            throw UsageError(
                "--shards " + std::to_string(requested) + ": " + path + " already has " +
                std::to_string(shards.size()) +
                " shards; --shards only applies to a new database (leave it out to update this one)");
        }
        return shards;
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
                         std::size_t queue_limit, std::optional<std::size_t> partition_size)
    : m_path(path), m_batch_size(batch_size), m_queue_limit(queue_limit) {
    if (shards > layout::k_max_shards) {
        throw UsageError("--shards " + std::to_string(shards) + " is too many; use at most " +
                         std::to_string(layout::k_max_shards));
    }
    const auto folders = shard_folders(path, shards);
    if (!layout::is_sharded(path)) {
        open_shards(folders, nullptr);
        return;
    }
    const auto partitions = layout::read_partitions(path);
    open_shards(folders, &partitions);
    const auto stored = stored_partition_size(Xapian::Database(folders.front()));
    m_partition_size = partition_size.value_or(stored);
    if (partition_size && *partition_size != stored) {
        // Committed before any article, so that a run killed before its first batch leaves the setting for
        // the run that completes it.
        auto& first = *m_shards.front();
        first.write(std::nullopt,
                    {{std::string(schema::k_meta_partition_size), std::to_string(*partition_size), true}});
        first.wait_for_commit(first.request_commit());
    }
    m_current_at_base = current_articles();
}

void IndexWriter::open_shards(const std::vector<std::string>& current, const layout::Partitions* partitions) {
    // Each shard commits after its share of a batch, so a batch is still about `batch_size` articles.
    const auto shard_batch = std::max<std::size_t>(1, (m_batch_size + current.size() - 1) / current.size());
    for (std::size_t i = 0; i < current.size(); ++i) {
        auto database = open_writable_database(current[i]);
        check_schema_version(database, current[i]);
        std::vector<Xapian::WritableDatabase> sealed;
        if (partitions) {
            for (const auto& partition : partitions->sealed) {
                sealed.push_back(open_writable_database(partition.shards.at(i), Xapian::DB_OPEN));
            }
        }
        const auto thread_name =
            current.size() == 1 ? std::string("dl-writer") : "dl-writer-" + std::to_string(i);
        m_shards.push_back(std::make_unique<ShardWriter>(std::move(database), current[i], shard_batch,
                                                         m_queue_limit, thread_name, std::move(sealed)));
    }
}

void IndexWriter::seal_if_full() {
    // Every write counts as an article added to the current partition until a commit says how many were
    // replacements (some in sealed partitions): a cheap bound, checked exactly only when it reaches the size.
    if (m_partition_size == 0 || m_current_at_base + ++m_written_since_base < m_partition_size) {
        return;
    }
    commit_shards();
    m_current_at_base = current_articles();
    m_written_since_base = 0;
    if (m_current_at_base >= m_partition_size) {
        seal();
    }
}

Xapian::doccount IndexWriter::current_articles() {
    Xapian::doccount current = 0;
    for (auto& shard : m_shards) {
        current += shard->current_count();
    }
    return current;
}

void IndexWriter::seal() {
    const auto start = std::chrono::steady_clock::now();
    commit_shards();
    const auto before = layout::read_partitions(m_path);
    (void)remove_unlisted(m_path, before);
    // The current shards stay locked by their writers while they are copied; the new layout goes live in one
    // rename, and only then are the writers closed and opened on the new current partition.
    const auto after = seal_current(m_path, before);
    layout::write_stub(m_path, after);
    const auto articles = current_articles();
    for (auto& shard : m_shards) {
        m_added_earlier += shard->added();
        m_replaced_earlier += shard->replaced();
        m_replaced_sealed_earlier += shard->replaced_sealed();
        m_unchanged_earlier += shard->unchanged();
    }
    m_shards.clear();
    open_shards(after.current.shards, &after);
    m_current_at_base = 0;
    m_written_since_base = 0;
    m_sealed.push_back({after.sealed.back().number, articles,
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()});
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
        seal_if_full();
        return;
    }
    if (!names.empty()) {
        m_shards[0]->write(std::nullopt, std::move(names));
    }
    m_shards[shard]->write(std::move(built), {});
    seal_if_full();
}

void IndexWriter::commit() {
    commit_shards();
    if (m_partition_size != 0 && current_articles() >= m_partition_size) {
        seal();
    }
}

void IndexWriter::commit_shards() {
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

std::size_t IndexWriter::sum_over_shards(std::size_t earlier, std::size_t (ShardWriter::*count)()) {
    for (auto& shard : m_shards) {
        earlier += ((*shard).*count)();
    }
    return earlier;
}

std::size_t IndexWriter::added() {
    return sum_over_shards(m_added_earlier, &ShardWriter::added);
}

std::size_t IndexWriter::replaced() {
    return sum_over_shards(m_replaced_earlier, &ShardWriter::replaced);
}

std::size_t IndexWriter::replaced_sealed() {
    return sum_over_shards(m_replaced_sealed_earlier, &ShardWriter::replaced_sealed);
}

std::size_t IndexWriter::unchanged() {
    return sum_over_shards(m_unchanged_earlier, &ShardWriter::unchanged);
}

} // namespace dateline
