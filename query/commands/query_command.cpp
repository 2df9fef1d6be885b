#include "commands/query_command.hpp"

#include "access/database_set.hpp"
#include "commands/commands.hpp"
#include "util/errors.hpp"
#include "util/options.hpp"
#include "util/version.hpp"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <iostream>
#include <string_view>
#include <thread>

namespace dateline {

namespace po = boost::program_options;

namespace {

struct Subcommand {
    std::string_view name;
    std::string_view summary;
    CommandFunction run;
};

constexpr std::array<Subcommand, 10> k_subcommands = {{
    {"search", "full-text search with field prefixes, date ranges and filters", &run_search},
    {"entities", "people, countries, organisations and places, ranked by matching articles", &run_entities},
    {"timeline", "articles and mentions per day, week, month or year for one or more entities",
     &run_timeline},
    {"graph", "co-mention graph (whole or around an entity) as JSON, CSV, GraphML, GEXF or DOT", &run_graph},
    {"met", "who met whom, read from sentences, with evidence", &run_met},
    {"events", "every meeting as a coded event (CONSULT): mode, place, date, status", &run_events},
    {"export", "every entity's timeline, streamed as long CSV or JSON Lines", &run_export},
    {"stats", "what the database holds: articles, dates, sources, size", &run_stats},
    {"article", "one article: its fields, text and entities", &run_article},
    {"serve", "the HTTP API and the page in a browser (read-only)", nullptr},
}};

void print_usage(std::ostream& out) {
    out << "Usage: dateline-query [--db PATH]... COMMAND [ARGS] [OPTIONS]\n\n"
           "Answers questions over a Dateline database built by dateline-index.\n\nCommands:\n";
    for (const auto& command : k_subcommands) {
        out << "  " << command.name << std::string(10 - command.name.size(), ' ') << command.summary << '\n';
    }
    out << "\nGlobal options:\n"
           "  --db PATH      database to read; repeat to search several shards as one (default: "
           "$DATELINE_DB,\n"
           "                 else ./dateline.db). A Xapian stub file listing shards works too.\n"
           "  --help         this help; COMMAND --help shows a command's options and an example\n"
           "  --version      show version\n\n"
           "Example:\n"
           "  dateline-query --db news.db search '\"Lee Jae-myung\" AND tariffs' --from 2025-10-01\n";
}

} // namespace

void add_common_options(po::options_description& options, CommonOptions& common,
                        std::initializer_list<OutputFormat> formats) {
    std::string names;
    for (const auto format : formats) {
        names += names.empty() ? "" : "|";
        names += output_format_name(format);
    }
    // clang-format off
    options.add_options()
        ("db", po::value(&common.databases)->composing(),
         "database to read; repeat for shards (default: $DATELINE_DB, else ./dateline.db)")
        ("format", po::value(&common.format)->default_value("table"), ("output format: " + names).c_str())
        ("entities", po::value(&common.entity_files)->composing(),
         "add or override knowledge-base entities from this TSV or JSON Lines file (repeatable)")
        ("csv-safe", "CSV for spreadsheets: a cell starting with = + - @ gets a leading ' (not a formula)")
        ("help,h", "show this help");
    // clang-format on
}

po::variables_map parse_subcommand(const std::string& name, const std::vector<std::string>& arguments,
                                   const po::options_description& options,
                                   const po::positional_options_description& positional) {
    auto vm = util::parse_arguments(arguments, options, positional, "dateline-query " + name, name + ": ");
    return vm;
}

const KnowledgeBase& knowledge_base_for(const CommonOptions& common, std::optional<KnowledgeBase>& storage) {
    if (common.entity_files.empty()) {
        return KnowledgeBase::builtin();
    }
    storage.emplace(KnowledgeBase::with_user_files(common.entity_files, [](const KnowledgeBaseIssue& issue) {
        std::cerr << "dateline-query: " << issue.where << ": warning: " << issue.message << '\n';
    }));
    return *storage;
}

std::optional<Day> day_option(const po::variables_map& vm, const char* name, RangeEnd end) {
    if (!vm.count(name)) {
        return std::nullopt;
    }
    const auto& text = vm[name].as<std::string>();
    const auto day = parse_day_bound(text, end);
    if (!day) {
        throw UsageError(std::string("--") + name + " \"" + text +
                         "\" is not a date; use YYYY-MM-DD, YYYY-MM or YYYY");
    }
    return day;
}

QueryContext::QueryContext(const CommonOptions& common)
    : m_entity_files(common.entity_files), m_paths(database_paths(common)),
      m_database(open_databases(m_paths)), m_shards(shards_of(m_paths)),
      m_resolver(m_database, [this]() -> const KnowledgeBase& { return knowledge_base(); }) {
    if (!m_entity_files.empty()) {
        (void)knowledge_base(); // a user's file is read at once, so that its problems show first
    }
}

bool QueryContext::reopen() {
    return m_database.reopen();
}

namespace {

constexpr std::size_t k_held_output = 1 << 20;

} // namespace

TerminalSession::TerminalSession() : m_out(&m_spool) {}

std::ostream& TerminalSession::out() {
    return m_out;
}

const QueryContext& TerminalSession::context(const CommonOptions& common) {
    if (!m_context) {
        m_context.emplace(common);
    }
    return *m_context;
}

void TerminalSession::restart() {
    m_spool.discard();
    m_out.clear();
    if (m_context) {
        m_context->reopen();
    }
}

void TerminalSession::finish() {
    m_out.flush();
    m_spool.flush_held();
    std::cout.flush();
}

void TerminalSession::Spool::flush_held() {
    std::cout.write(m_held.data(), static_cast<std::streamsize>(m_held.size()));
    m_held.clear();
}

TerminalSession::Spool::int_type TerminalSession::Spool::overflow(int_type c) {
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
        const char ch = traits_type::to_char_type(c);
        xsputn(&ch, 1);
    }
    return traits_type::not_eof(c);
}

std::streamsize TerminalSession::Spool::xsputn(const char* data, std::streamsize size) {
    if (m_committed) {
        std::cout.write(data, size);
        return size;
    }
    m_held.append(data, static_cast<std::size_t>(size));
    if (m_held.size() > k_held_output) {
        m_committed = true; // a long export: stream it from here on
        flush_held();
    }
    return size;
}

CommandFunction find_command(std::string_view name) {
    for (const auto& command : k_subcommands) {
        if (command.name == name) {
            return command.run;
        }
    }
    return nullptr;
}

const KnowledgeBase& QueryContext::knowledge_base() const {
    if (m_knowledge_base == nullptr) {
        CommonOptions options;
        options.entity_files = m_entity_files;
        m_knowledge_base = &knowledge_base_for(options, m_user_knowledge_base);
    }
    return *m_knowledge_base;
}

void add_filter_options(po::options_description& options, SearchRequest& request, QueryFilter query,
                        EntityFilter entity) {
    if (query == QueryFilter::option) {
        options.add_options()("query", po::value(&request.query),
                              "only articles matching this search query (see search --help)");
    }
    // clang-format off
    options.add_options()
        ("from", po::value<std::string>(), "only articles dated on or after this day (YYYY-MM-DD, YYYY-MM, YYYY)")
        ("to", po::value<std::string>(), "only articles dated on or before this day")
        ("source", po::value(&request.sources)->composing(), "only articles from this source (repeatable: any of)");
    if (entity == EntityFilter::with) {
        options.add_options()
            ("with", po::value(&request.entities)->composing(),
             "only articles that mention this entity: a name, alias or id (repeatable: all of)")
            ("entity", po::value(&request.entities)->composing(), "the same as --with");
    }
    // clang-format on
}

void read_date_filters(const po::variables_map& vm, SearchRequest& request) {
    request.from = day_option(vm, "from", RangeEnd::start);
    request.to = day_option(vm, "to", RangeEnd::end);
    if (request.from && request.to && *request.from > *request.to) {
        throw UsageError("--from is after --to; swap them");
    }
}

std::optional<EntityType> parse_type_option(const std::string& name) {
    if (name.empty()) {
        return std::nullopt;
    }
    if (const auto type = parse_entity_type(name)) {
        return type;
    }
    throw UsageError("unknown --type \"" + name + "\"; use person, country, org or place");
}

std::optional<po::variables_map> parse_or_help(const std::string& name,
                                               const std::vector<std::string>& arguments,
                                               const po::options_description& options, const char* positional,
                                               int count, const SubcommandHelp& help) {
    po::options_description all;
    all.add(options);
    po::options_description hidden;
    po::positional_options_description positionals;
    if (positional != nullptr) {
        hidden.add_options()(positional, po::value<std::vector<std::string>>());
        all.add(hidden);
        positionals.add(positional, count);
    }
    auto vm = parse_subcommand(name, arguments, all, positionals);
    set_spreadsheet_safe_csv(vm.count("csv-safe") > 0);
    if (vm.count("help")) {
        std::cout << help.usage << options << help.examples;
        return std::nullopt;
    }
    return vm;
}

std::string joined_positionals(const po::variables_map& vm, const char* name) {
    std::string out;
    if (vm.count(name)) {
        for (const auto& word : vm[name].as<std::vector<std::string>>()) {
            out += out.empty() ? "" : " ";
            out += word;
        }
    }
    return out;
}

std::vector<std::string> database_paths(const CommonOptions& common) {
    return common.databases.empty() ? std::vector<std::string>{default_database_path()} : common.databases;
}

namespace {

/// Runs a command for the terminal. The nightly indexer may commit twice while a long query reads (Xapian's
/// DatabaseModifiedError): the command then runs again on the newest revision, as long as none of its output
/// has been printed; an export already streaming stops with a message instead of leaving a silent gap.
int run_in_terminal(CommandFunction run, const std::vector<std::string>& arguments) {
    constexpr int k_attempts = 5;
    TerminalSession session;
    for (int attempt = 1;; ++attempt) {
        try {
            const int status = run(arguments, session);
            session.finish();
            return status;
        } catch (const Xapian::DatabaseModifiedError&) {
            if (session.committed()) {
                throw DataError(
                    "the database changed under this export after part of it was written (the "
                    "indexer committed twice); the output above is incomplete: run it again, or write "
                    "it with --out FILE, which is replaced only when complete");
            }
            if (attempt == k_attempts) {
                throw DataError("the database changed under this query " + std::to_string(k_attempts) +
                                " times in a row (the indexer commits often); run it again, or index with a "
                                "larger --batch");
            }
            // The indexer commits at most once a second: a moment later, a new revision has room to be read.
            std::this_thread::sleep_for(std::chrono::milliseconds(50 * attempt));
            session.restart();
        }
    }
}

} // namespace

int run_query_command(int argc, char** argv) {
    std::vector<std::string> arguments(argv + 1, argv + argc);
    // --version works anywhere, after a subcommand too.
    if (std::find(arguments.begin(), arguments.end(), "--version") != arguments.end()) {
        std::cout << version_line("dateline-query") << '\n';
        return 0;
    }
    // The subcommand is the first argument that is not an option or the value of --db.
    std::size_t command_index = arguments.size();
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == "--db") {
            ++i;
            continue;
        }
        if (!arguments[i].starts_with("-")) {
            command_index = i;
            break;
        }
    }
    if (command_index == arguments.size()) {
        for (const auto& argument : arguments) {
            if (argument == "--version") {
                std::cout << version_line("dateline-query") << '\n';
                return 0;
            }
            if (argument == "--help" || argument == "-h") {
                print_usage(std::cout);
                return 0;
            }
        }
        print_usage(std::cerr);
        throw UsageError("no command given; choose one of the commands above");
    }
    const auto name = arguments[command_index];
    arguments.erase(arguments.begin() + static_cast<std::ptrdiff_t>(command_index));
    if (name == "serve") {
        return run_serve(arguments);
    }
    if (const auto run = find_command(name)) {
        return run_in_terminal(run, arguments);
    }
    std::string names;
    for (const auto& command : k_subcommands) {
        names += names.empty() ? "" : ", ";
        names += command.name;
    }
    throw UsageError("unknown command \"" + name + "\"; use one of: " + names);
}

} // namespace dateline
