// How a Dateline database lies on disk. A database is either one Xapian database folder (what --shards 1
// writes, and every database written before shards) or a folder of shards `shard-00`, `shard-01`... listed in
// a Xapian stub file `XAPIANDB` in that folder, which Xapian opens as one database. Shards let the indexer
// write on every core: each has its own writer thread. The first shard holds the metadata (schema version,
// display names, last update), since a combined Xapian database reads metadata from its first member. An
// article's shard follows from its unique id term, so re-indexing it replaces it where it is.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

/// The database both programs use without --db: $DATELINE_DB, else ./dateline.db.
[[nodiscard]] std::string default_database_path();

} // namespace dateline

namespace dateline::layout {

/// The stub file in a sharded database's folder (Xapian's name for a folder stub).
inline constexpr std::string_view k_stub_file = "XAPIANDB";

/// The most shards dateline-index creates: more only add per-shard overhead on today's machines.
inline constexpr std::size_t k_max_shards = 64;

/// What a path given as a database names: its local database folders and whether it reaches a remote one.
struct ShardList {
    std::vector<std::string> local; ///< Xapian database folders, in the order Xapian combines them
    bool remote = false;            ///< a tcp:// address or a stub's `remote` line is among them
    /// Every database in Xapian's order: a folder, "tcp://HOST:PORT" (a tcp:// path or a stub's
    /// `remote HOST:PORT` line), or "remote PROGRAM ARGS" for a stub's `remote :PROGRAM ARGS` line.
    std::vector<std::string> all;
};

/// Expands a database path the way Xapian opens it: a folder holding XAPIANDB and a stub file are read line
/// by line (`auto|glass|chert PATH`, relative to the stub's folder; `remote ...`; `#` comments), recursively;
/// `tcp://HOST:PORT` is remote; anything else is one database folder (not checked here). Throws DataError for
/// an unreadable stub or one that lists itself.
[[nodiscard]] ShardList expand(const std::string& path);

/// True if `path` is a sharded database folder (holds a XAPIANDB stub).
[[nodiscard]] bool is_sharded(const std::string& path);

/// The folder of shard `index` inside a sharded database at `path`.
[[nodiscard]] std::string shard_folder(const std::string& path, std::size_t index);

/// Writes the XAPIANDB stub of a sharded database at `path` listing `count` shards; the file is replaced
/// atomically, so a reader sees either no stub or the whole of it. Throws DataError.
void write_stub(const std::string& path, std::size_t count);

/// The same listing the given shard folders (names inside `path`, in routing order): how a compaction swaps
/// compacted shards in. Synced to disk before it returns.
void write_stub(const std::string& path, const std::vector<std::string>& folders);

/// Which of `count` shards holds the article whose unique term is `id_term`: the same on every run, build
/// and machine (FNV-1a of the term), so that a re-indexed article replaces its earlier copy.
[[nodiscard]] std::size_t shard_of(std::string_view id_term, std::size_t count);

} // namespace dateline::layout
