// The machine-readable summary of a run (`dateline-index --report FILE`), for cron and monitoring: what was
// indexed, every skipped record with its file, line and reason, timings, the shards written, and the error
// that ended a failed run. Written whole or not at all (a temporary file renamed over FILE).
#pragma once

#include "pipeline/indexing_run.hpp"

#include <optional>
#include <string>

namespace dateline {

struct RunReport {
    std::string database;
    std::string started, finished; ///< ISO 8601 UTC
    int exit_status = 0;
    std::optional<IndexSummary> summary; ///< absent when the run failed before it could summarise
    std::string error;                   ///< the message of a failed run, or empty
};

/// Writes `report` as JSON to `path`: {"program", "version", "database", "started", "finished",
/// "exit_status", "error", "seconds", "files", "bytes", "articles": {"added", "replaced", "skipped",
/// "warnings", "undated", "repaired_utf8", "in_database"}, "articles_per_second", "interrupted", "problems":
/// [{"file", "line", "skipped", "message"}], "problems_not_listed", "shards": [{"path", "added", "replaced",
/// "articles"}]}. Throws DataError if it cannot be written.
void write_run_report(const std::string& path, const RunReport& report);

} // namespace dateline
