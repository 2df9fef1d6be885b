// How a Dateline database lies on disk. A database is either one Xapian database folder (what --shards 1
// writes, and every database written before shards) or a folder of shards `shard-00`, `shard-01`... listed in
// a Xapian stub file `XAPIANDB` in that folder, which Xapian opens as one database. Shards let the indexer
// write on every core: each has its own writer thread. The first shard holds the metadata (schema version,
// display names, last update), since a combined Xapian database reads metadata from its first member. An
// article's shard follows from its unique id term, so re-indexing it replaces it where it is.
//
// Partitions keep a night's writes small in an archive of any size. The shards the indexer adds to are the
// current partition (`shard-00`, `shard-01`...); once it holds enough articles it is sealed: compacted into
// `part-0001-00`, `part-0001-01`... and replaced by empty shards, and `dateline-index compact` later merges
// sealed partitions of a size into one. Every partition has the same number of shards and the same routing,
// so an article re-sent years later is found by one lookup per partition and replaced where it lives. The
// stub lists the current partition first (its first shard holds the metadata), then the sealed ones, oldest
// first; a folder's name says which partition it belongs to. A compacted copy of a folder has its name plus
// `-cTIMESTAMP`.
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

/// One partition of a sharded database: its shard folders (full paths) in routing order.
struct Partition {
    unsigned number = 0; ///< 0 for the current partition; sealed ones count up from 1 (`part-0001-...`)
    std::vector<std::string> shards;
};

/// The partitions of a sharded database, read from its stub.
struct Partitions {
    Partition current;
    std::vector<Partition> sealed; ///< oldest (lowest number) first
    /// Every shard folder, in the order the stub lists them.
    [[nodiscard]] std::vector<std::string> all_shards() const;
};

/// What a folder name in a sharded database says: the partition it belongs to (0: current), its shard's
/// index, and whether it is a name Dateline gives at all ("shard-03", "part-0002-03", either with
/// "-c20261201T063000" or "-c20261201T063000-2" after it). Anything else in the folder is not Dateline's.
struct FolderName {
    bool valid = false;
    unsigned partition = 0;
    std::size_t shard = 0;
};
[[nodiscard]] FolderName parse_folder_name(std::string_view name);

/// The name of shard `index` of sealed partition `number` ("part-0002-03").
[[nodiscard]] std::string sealed_folder_name(unsigned number, std::size_t index);

/// Reads the partitions of the sharded database at `path`. Throws DataError if the stub names a remote
/// database or one outside `path`, a folder whose name is not Dateline's, or partitions of unequal shard
/// counts (a stub edited by hand: the writer would not know where an article lives).
[[nodiscard]] Partitions read_partitions(const std::string& path);

/// Writes the stub of `partitions` (current first, then sealed oldest first), atomically and synced, like
/// write_stub.
void write_stub(const std::string& path, const Partitions& partitions);

/// Which of `count` shards holds the article whose unique term is `id_term`: the same on every run, build
/// and machine (FNV-1a of the term), so that a re-indexed article replaces its earlier copy.
[[nodiscard]] std::size_t shard_of(std::string_view id_term, std::size_t count);

} // namespace dateline::layout
