#include "commands/maintenance_command.hpp"

#include "store/database_layout.hpp"
#include "util/errors.hpp"
#include "util/exit_status.hpp"
#include "util/options.hpp"
#include "writing/article_removal.hpp"
#include "writing/compaction.hpp"

#include <boost/program_options.hpp>

#include <fstream>
#include <iostream>
#include <optional>

namespace dateline {

namespace po = boost::program_options;

namespace {

constexpr const char* k_delete_usage = R"(Usage: dateline-index delete [--db PATH] ID... [--ids FILE]

Takes articles out of the database (a takedown): each ID is an article's id as search, export and
`dateline-query article` show it (the source's id, the normalised URL, or text:HASH); a URL is also
looked up in its normalised form. Every shard touched commits once: when the command returns, the
articles are gone for every reader, and an interrupted run leaves them all in place. An id that no article
has is reported and left alone (deleting twice is harmless), so the exit status is 0 unless the database
cannot be written.

Options)";

constexpr const char* k_delete_examples = R"(
Examples:
  dateline-index delete --db news.db dl-2025-1101-lee-xi-summit
  dateline-index delete --db news.db --ids takedowns.txt      (one id a line; - reads standard input)
)";

/// The ids in `path` (one a line, blank lines and # comments left out; - is standard input).
std::vector<std::string> read_ids(const std::string& path) {
    std::ifstream file;
    if (path != "-") {
        file.open(path);
        if (!file) {
            throw DataError(path + ": cannot open the list of ids");
        }
    }
    std::istream& in = path == "-" ? std::cin : file;
    std::vector<std::string> ids;
    for (std::string line; std::getline(in, line);) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
            line.pop_back();
        }
        if (!line.empty() && line.front() != '#') {
            ids.push_back(line);
        }
    }
    return ids;
}

struct DeleteOptions {
    std::string database;
    std::vector<std::string> ids;
};

std::optional<DeleteOptions> parse_delete_options(int argc, char** argv) {
    DeleteOptions options;
    std::vector<std::string> id_files;
    po::options_description visible("");
    // clang-format off
    visible.add_options()
        ("db", po::value(&options.database)->default_value(default_database_path()),
         "database to delete from (default: $DATELINE_DB, else ./dateline.db)")
        ("ids", po::value(&id_files)->composing(), "read ids from this file, one a line (- : standard input)")
        ("help,h", "show this help");
    // clang-format on
    po::options_description hidden;
    hidden.add_options()("id", po::value(&options.ids)->composing());
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positional;
    positional.add("id", -1);
    const auto vm = util::parse_arguments({argv + 1, argv + argc}, all, positional, "dateline-index delete");
    if (vm.count("help")) {
        std::cout << k_delete_usage << visible << k_delete_examples;
        return std::nullopt;
    }
    for (const auto& file : id_files) {
        const auto more = read_ids(file);
        options.ids.insert(options.ids.end(), more.begin(), more.end());
    }
    if (options.ids.empty()) {
        throw UsageError("no ID given; name the articles to delete, or --ids FILE (see delete --help)");
    }
    return options;
}

constexpr const char* k_compact_usage = R"(Usage: dateline-index compact [--db PATH] [--seal]

Compacts every shard of a sharded database with Xapian's compactor (what xapian-compact does): each shard
is copied into a new folder beside it, its B-tree blocks full and its document ids kept, and the shard list
(XAPIANDB) is then swapped to the new folders in one atomic rename. Sealed partitions (the indexer seals
the partition it adds to at --partition-size articles) are merged four of a size into one on the way, so
that an archive of any size stays a handful of partitions. Queries go on throughout and see the old shards
or the new ones; an indexer that starts meanwhile is told the database is locked. The old folders are
removed by the next compaction (readers may still have them open). A kill at any point leaves the database
as it was or compacted, with every committed article once. Run it weekly, or after a large night.

Options)";

constexpr const char* k_compact_examples = R"(
Example:
  dateline-index compact --db /srv/dateline/news.db
)";

struct CompactOptions {
    std::string database;
    bool seal = false;
};

std::optional<CompactOptions> parse_compact_options(int argc, char** argv) {
    CompactOptions options;
    po::options_description visible("");
    visible.add_options()("db", po::value(&options.database)->default_value(default_database_path()),
                          "database to compact (default: $DATELINE_DB, else ./dateline.db)")(
        "seal", "seal the current partition first, however small (before a backup: every article then lies "
                "in a sealed folder that no night writes to)")("help,h", "show this help");
    const auto vm = util::parse_arguments({argv + 1, argv + argc}, visible, {}, "dateline-index compact");
    if (vm.count("help")) {
        std::cout << k_compact_usage << visible << k_compact_examples;
        return std::nullopt;
    }
    options.seal = vm.count("seal") > 0;
    return options;
}

std::string megabytes(std::uint64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
    return text;
}

} // namespace

int run_compact_command(int argc, char** argv) {
    const auto options = parse_compact_options(argc, argv);
    if (!options) {
        return exit_status::k_done;
    }
    const auto* database = &options->database;
    std::cerr << "dateline-index: compacting " << *database << " ...\n";
    const auto summary = compact_database(*database, options->seal);
    for (const auto& folder : summary.removed) {
        std::cerr << "dateline-index: removed " << folder << " (left by an earlier compaction)\n";
    }
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", summary.seconds);
    std::cerr << "dateline-index: compacted " << summary.shards << " shard"
              << (summary.shards == 1 ? "" : "s") << " of " << *database << ": "
              << megabytes(summary.bytes_before) << " -> " << megabytes(summary.bytes_after) << " in "
              << seconds << " s";
    if (summary.sealed != 0) {
        std::cerr << "; sealed the current partition as partition " << summary.sealed;
    }
    if (summary.merged != 0) {
        std::cerr << "; merged " << summary.merged << " sealed partitions";
    }
    std::cerr << "; " << summary.partitions << " sealed partition" << (summary.partitions == 1 ? "" : "s")
              << " now\n";
    return exit_status::k_done;
}

int run_delete_command(int argc, char** argv) {
    const auto options = parse_delete_options(argc, argv);
    if (!options) {
        return exit_status::k_done;
    }
    const auto summary = remove_articles(options->database, options->ids);
    for (const auto& id : summary.not_found) {
        std::cerr << "dateline-index: note: no article \"" << id << "\" in " << options->database
                  << " (already deleted, or never indexed)\n";
    }
    std::cerr << "dateline-index: deleted " << summary.deleted.size() << " article"
              << (summary.deleted.size() == 1 ? "" : "s") << " of " << options->ids.size() << " ids given ("
              << summary.not_found.size() << " not found) from " << options->database << '\n';
    return exit_status::k_done;
}

} // namespace dateline
