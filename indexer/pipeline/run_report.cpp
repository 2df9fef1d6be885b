#include "pipeline/run_report.hpp"

#include "util/errors.hpp"
#include "util/version.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace dateline {

namespace {

nlohmann::json summary_json(const IndexSummary& summary) {
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& problem : summary.problems) {
        problems.push_back({{"file", problem.file},
                            {"line", problem.line},
                            {"skipped", problem.skipped},
                            {"message", problem.message}});
    }
    nlohmann::json shards = nlohmann::json::array();
    for (const auto& shard : summary.shards) {
        shards.push_back({{"path", shard.path},
                          {"added", shard.added},
                          {"replaced", shard.replaced},
                          {"articles", shard.articles}});
    }
    nlohmann::json sealed = nlohmann::json::array();
    for (const auto& partition : summary.sealed) {
        sealed.push_back({{"partition", partition.number},
                          {"articles", partition.articles},
                          {"seconds", partition.seconds}});
    }
    const auto indexed = summary.added + summary.replaced;
    return {
        {"seconds", summary.seconds},
        {"files", summary.files},
        {"bytes", summary.bytes},
        {"articles",
         {{"added", summary.added},
          {"replaced", summary.replaced},
          {"unchanged", summary.unchanged},
          {"rewritten_in_sealed_partitions", summary.replaced_sealed},
          {"unchanged", summary.unchanged},
          {"rewritten_in_sealed_partitions", summary.replaced_sealed},
          {"skipped", summary.skipped},
          {"warnings", summary.warnings},
          {"undated", summary.undated},
          {"repaired_utf8", summary.repaired},
          {"in_database", summary.articles_in_database}}},
        {"articles_per_second", summary.seconds > 0 ? static_cast<double>(indexed) / summary.seconds : 0.0},
        {"interrupted", summary.interrupted},
        {"problems", problems},
        {"problems_not_listed", summary.problems_not_listed},
        {"shards", shards},
        {"partitions_sealed", sealed}};
}

} // namespace

void write_run_report(const std::string& path, const RunReport& report) {
    nlohmann::json doc = {
        {"program", "dateline-index"},
        {"version", version_line("dateline-index")},
        {"database", report.database},
        {"started", report.started},
        {"finished", report.finished},
        {"exit_status", report.exit_status},
        {"error", report.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.error)}};
    if (report.summary) {
        doc.update(summary_json(*report.summary));
    }
    const auto temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        out.flush();
        if (!out) {
            std::remove(temporary.c_str());
            throw DataError(path + ": cannot write the run report");
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        throw DataError(path + ": cannot write the run report: " + error.message());
    }
}

} // namespace dateline
