#include "commands/index_command.hpp"

#include "commands/maintenance_command.hpp"
#include "commands/tag_command.hpp"
#include "commands/train_command.hpp"
#include "pipeline/indexing_run.hpp"
#include "pipeline/run_report.hpp"
#include "store/database_layout.hpp"
#include "util/errors.hpp"
#include "util/exit_status.hpp"
#include "util/options.hpp"
#include "util/version.hpp"
#include "writing/shard_writer.hpp"

#include <boost/program_options.hpp>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <optional>

namespace dateline {

namespace po = boost::program_options;

namespace {

constexpr const char* k_usage = R"(Usage: dateline-index [OPTIONS] INPUT...
       dateline-index tag [FILE|-] [OPTIONS]     (tag entities without indexing; see tag --help)
       dateline-index delete [--db PATH] ID...   (take articles out: takedowns; see delete --help)
       dateline-index compact [--db PATH]        (compact every shard, swapped in atomically)
       dateline-index train --conll FILE --dev FILE --out MODEL   (train the name tagger; see train --help)
       dateline-index train-zh --msra FILE --out MODEL   (train the Chinese name tagger; see train-zh --help)

Reads news articles and adds them to a Dateline (Xapian) database. INPUT is a file, a directory (read
recursively, hidden files skipped) or - for standard input. Re-indexing an article replaces it: running
the same feed again never duplicates anything.

Input formats (--format auto picks by file name, then by content):
  jsonl   one JSON object per line: id, url, title, date, source, text
          (synonyms: body/content, published/published_at, link)
  text    optional "Title:/Date:/Source:/URL:" header lines, a blank line, then the body
  rss     RSS 2.0 feed, one article per item
  atom    Atom feed, one article per entry
  html    one article per page

Options)";

constexpr const char* k_examples = R"(
Examples:
  dateline-index --db news.db corpus/
  curl -s https://example.org/feed.xml | dateline-index --db news.db --format rss -

Exit status: 0 all indexed; 1 some records skipped (see the messages); 2 usage or fatal error;
130 interrupted by Ctrl-C (everything read until then is committed).
)";

std::string format_list() {
    std::string names;
    for (const auto& [name, format] : input_format_names()) {
        names += names.empty() ? "" : "|";
        names += name;
    }
    return names;
}

extern "C" void handle_interrupt(int signal_number) {
    request_stop();
    // A second Ctrl-C kills at once; what was committed stays committed.
    std::signal(signal_number, SIG_DFL);
}

/// The subcommand argv names (tag, delete, compact, train, train-zh), run; nothing if argv is the index
/// command itself.
std::optional<int> run_subcommand(int argc, char** argv) {
    if (argc > 1 && std::string_view(argv[1]) == "tag") {
        return run_tag_command(argc - 1, argv + 1);
    }
    if (argc > 1 && std::string_view(argv[1]) == "delete") {
        return run_delete_command(argc - 1, argv + 1);
    }
    if (argc > 1 && std::string_view(argv[1]) == "compact") {
        return run_compact_command(argc - 1, argv + 1);
    }
    if (argc > 1 && std::string_view(argv[1]) == "train") {
        return run_train_command(argc - 1, argv + 1);
    }
    if (argc > 1 && std::string_view(argv[1]) == "train-zh") {
        return run_train_zh_command(argc - 1, argv + 1);
    }
    return std::nullopt;
}

/// The index command's options and inputs from argv; nothing if it only asked for help.
std::optional<std::pair<IndexOptions, std::vector<std::string>>> parse_index_options(int argc, char** argv) {
    po::options_description visible("");
    std::string format_name = "auto";
    std::size_t max_bytes = 8u << 20;
    IndexOptions options;
    // clang-format off
    visible.add_options()
        ("db", po::value(&options.database)->default_value(default_database_path()),
         "database to create or update (default: $DATELINE_DB, else ./dateline.db)")
        ("format", po::value(&format_name)->default_value("auto"), ("input format: " + format_list()).c_str())
        ("batch", po::value(&options.batch_size)->default_value(1000), "commit after this many articles")
        ("shards", po::value(&options.shards)->default_value(0),
         "for a new database: shards written in parallel, one writer thread each (0: one per core, up to 8; "
         "1: a single Xapian database)")
        ("partition-size", po::value<std::size_t>(),
         "for a sharded database: seal the partition new articles go to once it holds this many, so that a "
         "night's writes cost the same in an archive of any size (stored in the database for later runs; "
         "default 100000; 0: never)")
        ("max-bytes", po::value(&max_bytes)->default_value(max_bytes),
         "skip any record (JSON line, text file, HTML page) larger than this")
        ("strict", "stop at the first bad record instead of skipping it")
        ("threads", po::value(&options.workers)->default_value(0),
         "threads that tokenize and tag while the main thread writes (0: one per core)")
        ("entities", po::value(&options.entity_files)->composing(),
         "add or override knowledge-base entities from this TSV or JSON Lines file (repeatable)")
        ("model", po::value(&options.model_file), "name-tagger model file to use instead of the built-in one")
        ("no-model", "find entities with the knowledge base and rules only (faster, finds fewer names)")
        ("report", po::value(&options.report_file),
         "write a JSON summary of the run here (counts, skipped records with file:line and reason, timings, "
         "shards written, the error of a failed run): for cron and monitoring")
        ("help,h", "show this help")
        ("version", "show version");
    // clang-format on
    po::options_description hidden;
    hidden.add_options()("input", po::value<std::vector<std::string>>());
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positional;
    positional.add("input", -1);

    const auto vm = util::parse_arguments({argv + 1, argv + argc}, all, positional, "dateline-index");
    if (vm.count("help")) {
        std::cout << k_usage << visible << k_examples;
        return std::nullopt;
    }
    if (!vm.count("input")) {
        throw UsageError("no INPUT given; name files, directories or - for standard input (see --help)");
    }
    if (options.batch_size == 0) {
        throw UsageError("--batch must be at least 1");
    }
    options.format = parse_input_format(format_name);
    options.reader.max_record_bytes = max_bytes;
    options.no_model = vm.count("no-model") > 0;
    if (vm.count("partition-size")) {
        options.partition_size = vm["partition-size"].as<std::size_t>();
    }
    if (vm.count("strict")) {
        options.on_bad_record = OnBadRecord::stop;
    }
    return std::pair{std::move(options), vm["input"].as<std::vector<std::string>>()};
}

} // namespace

int run_index_command(int argc, char** argv) {
    // --version works anywhere, after the tag subcommand too.
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--version") {
            std::cout << version_line("dateline-index") << '\n';
            return 0;
        }
    }
    if (const auto status = run_subcommand(argc, argv)) {
        return *status;
    }
    const auto parsed = parse_index_options(argc, argv);
    if (!parsed) {
        return 0;
    }
    // (named, not a structured binding: clang 14 cannot capture one in the lambda below)
    const auto& options = parsed->first;
    const auto& inputs = parsed->second;
    std::signal(SIGINT, handle_interrupt);
    std::signal(SIGTERM, handle_interrupt);
    RunReport report{options.database, utc_now_iso(), {}, exit_status::k_done, std::nullopt, {}};
    const auto write_report = [&] {
        if (!options.report_file.empty()) {
            report.finished = utc_now_iso();
            write_run_report(options.report_file, report);
        }
    };
    try {
        report.summary = index_inputs(options, inputs, std::cerr);
    } catch (const UsageError& e) {
        report.exit_status = exit_status::k_usage;
        report.error = e.what();
        write_report();
        throw;
    } catch (const std::exception& e) {
        report.exit_status = exit_status::k_data;
        report.error = e.what();
        write_report();
        throw;
    }
    report.exit_status = report.summary->exit_status();
    std::cerr << "dateline-index: " << report.summary->describe() << '\n';
    write_report();
    return report.exit_status;
}

} // namespace dateline
