// One run of dateline-index: read every input, build documents, write them, report problems and a summary.
#pragma once

#include "pipeline/input_files.hpp"
#include "readers/read_events.hpp"

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace dateline {

enum class OnBadRecord { skip_and_continue, stop };

struct IndexOptions {
    std::string database;
    InputFormat format = InputFormat::automatic;
    std::size_t batch_size = 1000;
    std::size_t shards = 0; ///< --shards: for a new database (0: one per core, see IndexWriter)
    ReaderOptions reader;
    OnBadRecord on_bad_record = OnBadRecord::skip_and_continue;
    std::size_t max_messages = 100;            ///< diagnostics printed before the rest are only counted
    std::vector<std::string> entity_files;     ///< --entities: user knowledge-base files
    std::size_t workers = 0;                   ///< threads building documents; 0: one per core
    std::string model_file;                    ///< --model: a name-tagger model instead of the built-in one
    bool no_model = false;                     ///< --no-model: knowledge base and rules only
    std::string report_file;                   ///< --report: where the run's JSON summary goes (empty: none)
    std::optional<std::size_t> partition_size; ///< --partition-size: stored in the database (see IndexWriter)
};

/// A record or file that was skipped, or indexed with a warning: where and why.
struct RecordProblem {
    std::string file;
    std::size_t line = 0; ///< 0: the whole file
    bool skipped = true;  ///< false: indexed, with a warning
    std::string message;
};

/// A shard the run wrote to, and what it did there.
struct ShardTouched {
    std::string path;
    std::uint64_t added = 0, replaced = 0, articles = 0;
};

/// A partition the run sealed (writing/partitioning.hpp).
struct PartitionSealed {
    unsigned number = 0;
    std::uint64_t articles = 0;
    double seconds = 0;
};

struct IndexSummary {
    std::size_t files = 0;
    std::uint64_t added = 0;
    std::uint64_t replaced = 0;
    std::uint64_t skipped = 0;  ///< records and files that were not indexed
    std::uint64_t warnings = 0; ///< records indexed with a problem (e.g. no readable date)
    std::uint64_t undated = 0;
    std::uint64_t repaired = 0; ///< ill-formed UTF-8 sequences replaced
    std::uint64_t bytes = 0;
    std::uint64_t articles_in_database = 0;
    double seconds = 0;
    bool interrupted = false;
    /// Every problem counted above, in order, up to k_most_problems (a bounded report for a hostile input);
    /// problems_not_listed counts the rest.
    std::vector<RecordProblem> problems;
    std::uint64_t problems_not_listed = 0;
    std::vector<ShardTouched> shards;    ///< the shards that took an article
    std::vector<PartitionSealed> sealed; ///< partitions sealed during the run
    std::uint64_t replaced_sealed = 0;   ///< of `replaced`, articles rewritten in a sealed partition
    std::uint64_t unchanged = 0; ///< of `replaced`, articles identical to their stored copy, left as is
    static constexpr std::size_t k_most_problems = 10000;

    /// 0: everything indexed; 1: something was skipped; 130: interrupted (what was done is committed).
    [[nodiscard]] int exit_status() const;
    /// One line: "indexed 40 articles (38 added, 2 replaced), 1 skipped, ... in 0.4 s (100 articles/s, 1.2
    /// MB/s)".
    [[nodiscard]] std::string describe() const;
    /// What describe() says of replacements and partitions: "; 30 of the replaced were unchanged...; 12
    /// rewritten in sealed partitions; sealed partition 3 (...)".
    [[nodiscard]] std::string partitions() const;
};

/// Asks a running index_inputs to stop after the current article and commit (called from a signal handler).
void request_stop() noexcept;

/// Runs the whole job. Diagnostics (`dateline-index: FILE:LINE: error: ...`) go to `diagnostics`.
/// Throws DataError for a fatal problem (the database cannot be opened or is locked), and in stop mode for
/// the first bad record (after committing what came before it).
IndexSummary index_inputs(const IndexOptions& options, const std::vector<std::string>& inputs,
                          std::ostream& diagnostics);

} // namespace dateline
