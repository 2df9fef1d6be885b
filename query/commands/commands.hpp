// The subcommands of dateline-query, each a function from its arguments to an exit status, and what they
// share.
#pragma once

#include "meetings/meetings.hpp"

#include "access/entity_resolver.hpp"
#include "access/match_scan.hpp"
#include "entities/knowledge_base.hpp"
#include "formats/output_format.hpp"
#include "search/search.hpp"
#include "text/dates.hpp"

#include <boost/program_options.hpp>

#include <initializer_list>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

/// Options every subcommand takes.
struct CommonOptions {
    std::vector<std::string> databases; ///< empty: the default database
    std::string format = "table";
    std::vector<std::string> entity_files; ///< --entities: user knowledge-base files
};

/// The built-in knowledge base plus --entities files (their problems reported on standard error). `storage`
/// holds a user knowledge base when there is one.
const KnowledgeBase& knowledge_base_for(const CommonOptions& common, std::optional<KnowledgeBase>& storage);

/// Parses --from/--to style options; throws UsageError naming the option.
[[nodiscard]] std::optional<Day> day_option(const boost::program_options::variables_map& vm, const char* name,
                                            RangeEnd end);

/// Adds --db, --format (listing `formats`) and --help to a subcommand's options.
void add_common_options(boost::program_options::options_description& options, CommonOptions& common,
                        std::initializer_list<OutputFormat> formats);

/// Parses a subcommand's arguments; throws UsageError naming the subcommand on a bad option.
[[nodiscard]] boost::program_options::variables_map
parse_subcommand(const std::string& name, const std::vector<std::string>& arguments,
                 const boost::program_options::options_description& options,
                 const boost::program_options::positional_options_description& positional);

/// A subcommand's help: usage and description, then the options, then examples.
struct SubcommandHelp {
    const char* usage;
    const char* examples;
};

/// Parses a subcommand's arguments: `options`, plus positional arguments collected under `positional` (at
/// most `count`; -1: any number) if it is not null. Prints the help and returns nothing if --help was given.
[[nodiscard]] std::optional<boost::program_options::variables_map>
parse_or_help(const std::string& name, const std::vector<std::string>& arguments,
              const boost::program_options::options_description& options, const char* positional, int count,
              const SubcommandHelp& help);

/// The positional arguments collected under `name`, joined by spaces ("" if there are none).
[[nodiscard]] std::string joined_positionals(const boost::program_options::variables_map& vm,
                                             const char* name);

/// The databases to open: --db values, or the default.
[[nodiscard]] std::vector<std::string> database_paths(const CommonOptions& common);

/// What a command reads: the knowledge base, the databases (opened as one) and how to resolve names in them.
class QueryContext {
public:
    /// Loads --entities files and opens --db; throws DataError for a missing or unreachable database.
    explicit QueryContext(const CommonOptions& common);
    QueryContext(const QueryContext&) = delete;
    QueryContext& operator=(const QueryContext&) = delete;

    /// Loaded on first use: many commands resolve ids and never need it.
    [[nodiscard]] const KnowledgeBase& knowledge_base() const;
    [[nodiscard]] const Xapian::Database& database() const { return m_database; }
    [[nodiscard]] const EntityResolver& resolver() const { return m_resolver; }
    [[nodiscard]] const Shards& shards() const { return m_shards; }
    [[nodiscard]] const std::vector<std::string>& paths() const { return m_paths; }
    /// Moves to the newest revision of the databases (a server between requests); true if it changed.
    bool reopen();

private:
    std::vector<std::string> m_entity_files;
    mutable std::optional<KnowledgeBase> m_user_knowledge_base;
    mutable const KnowledgeBase* m_knowledge_base = nullptr;
    std::vector<std::string> m_paths;
    Xapian::Database m_database;
    Shards m_shards;
    EntityResolver m_resolver;
};

/// Where a command writes and what it reads. On the command line: standard output, and the databases of its
/// --db options (TerminalSession); in the server (server/): the response, and a database its worker thread
/// keeps open.
class CommandSession {
public:
    virtual ~CommandSession() = default;
    /// Where the command's answer goes.
    [[nodiscard]] virtual std::ostream& out() = 0;
    /// The knowledge base and databases the command reads, for its --db and --entities options.
    [[nodiscard]] virtual const QueryContext& context(const CommonOptions& common) = 0;
};

/// The command line's session: standard output, and a QueryContext opened on first use. Output is held back
/// until the command ends or passes 1 MiB, so that a command the indexer's commits interrupt
/// (DatabaseModifiedError) can be run again on the new revision without having printed half an answer.
class TerminalSession final : public CommandSession {
public:
    TerminalSession();
    [[nodiscard]] std::ostream& out() override;
    [[nodiscard]] const QueryContext& context(const CommonOptions& common) override;

    /// Whether output already reached standard output (a retry would repeat it).
    [[nodiscard]] bool committed() const { return m_spool.committed(); }
    /// Drops what is held back and moves the databases to their newest revision.
    void restart();
    /// Writes what is held back.
    void finish();

private:
    class Spool : public std::streambuf {
    public:
        [[nodiscard]] bool committed() const { return m_committed; }
        void discard() { m_held.clear(); }
        void flush_held();

    protected:
        int_type overflow(int_type c) override;
        std::streamsize xsputn(const char* data, std::streamsize size) override;

    private:
        std::string m_held;
        bool m_committed = false;
    };
    Spool m_spool;
    std::ostream m_out;
    std::optional<QueryContext> m_context;
};

/// Where a command takes its search query: an option (--query Q), or its positional words (search, entities).
enum class QueryFilter : std::uint8_t { option, positional };

/// Whether a command takes --with ENTITY as a filter on articles, or gives --with a meaning of its own (met:
/// the other party of a meeting).
enum class EntityFilter : std::uint8_t { with, none };

/// Adds the filters every command takes, spelled once: --query (unless the query is positional), --from,
/// --to, --source, and (unless `entity` is none) --with ENTITY, also spelled --entity (scripts use both).
void add_filter_options(boost::program_options::options_description& options, SearchRequest& request,
                        QueryFilter query = QueryFilter::option, EntityFilter entity = EntityFilter::with);

/// Reads --from/--to (added by add_filter_options) into the request.
void read_date_filters(const boost::program_options::variables_map& vm, SearchRequest& request);

/// Parses an optional --type value; throws UsageError listing the types.
[[nodiscard]] std::optional<EntityType> parse_type_option(const std::string& name);

int run_entities(const std::vector<std::string>& arguments, CommandSession& session);
int run_search(const std::vector<std::string>& arguments, CommandSession& session);
int run_stats(const std::vector<std::string>& arguments, CommandSession& session);
int run_timeline(const std::vector<std::string>& arguments, CommandSession& session);
int run_graph(const std::vector<std::string>& arguments, CommandSession& session);
int run_met(const std::vector<std::string>& arguments, CommandSession& session);
int run_events(const std::vector<std::string>& arguments, CommandSession& session);

/// Parses an optional --mode value (meetings); throws UsageError listing the modes.
[[nodiscard]] std::optional<MeetingMode> read_mode_option(const std::string& name);
int run_export(const std::vector<std::string>& arguments, CommandSession& session);
int run_article(const std::vector<std::string>& arguments, CommandSession& session);
/// `serve` runs the other commands for HTTP requests (server/), so it takes no session.
int run_serve(const std::vector<std::string>& arguments);

/// The header of timeline CSV (long form), shared by timeline and export timelines.
void write_timeline_csv_header(std::ostream& out);

/// The subcommands by name, for the command line and the server.
using CommandFunction = int (*)(const std::vector<std::string>& arguments, CommandSession& session);
[[nodiscard]] CommandFunction find_command(std::string_view name);

} // namespace dateline
