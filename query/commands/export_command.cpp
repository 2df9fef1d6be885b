// dateline-query export
#include "access/database_set.hpp"
#include "access/entity_resolver.hpp"
#include "access/match_scan.hpp"
#include "aggregations/article_list.hpp"
#include "aggregations/entity_index.hpp"
#include "aggregations/periods.hpp"
#include "aggregations/timeline.hpp"
#include "commands/commands.hpp"
#include "search/search.hpp"
#include "store/schema.hpp"
#include "util/errors.hpp"
#include "util/strings.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <vector>

namespace dateline {

namespace po = boost::program_options;

namespace {

constexpr const char* k_help = R"(Usage: dateline-query export timelines|articles [OPTIONS]

export articles: every article that matches --query and the filters (all of them without), uncapped, in
document order, with its cursor, id, date, source, title, url and entities; streamed as JSON Lines (or
CSV) as they are read. --limit N stops after N; --after CURSOR continues after a record's cursor, so a
client can page through any number of articles without a gap (--format json: one page,
{"articles": [...], "next": CURSOR or null}).

export timelines:
Every entity's timeline over the whole database (or the articles matching --query and the filters), in
long form: one row per entity and period in which it is mentioned, with the number of articles and of
mentions (periods without mentions are left out). Rows are grouped by entity, most mentioned first,
and written as they are ready.
  csv:   entity_id,name,type,period,articles,mentions
  jsonl: one JSON object per row with the same keys

Options)";

constexpr const char* k_examples = R"(
Examples:
  dateline-query export timelines --by month --out timelines.csv
  dateline-query export timelines --type person --query tariffs --format jsonl
  dateline-query export articles --with "Xi Jinping" --from 2025-10 --format csv --out xi.csv
  dateline-query export articles --limit 1000 --after 52311 --format json
)";

struct Counts {
    Xapian::doccount articles = 0;
    Xapian::termcount mentions = 0;
};

} // namespace

namespace {

/// Where an export goes: standard output (or the server's response), or the --out file, written as
/// FILE.partial and renamed when complete, so that FILE is never a half-written export.
class ExportTarget {
public:
    ExportTarget(CommandSession& session, const std::string& path) : m_path(path) {
        if (!path.empty()) {
            m_file.open(partial(), std::ios::binary | std::ios::trunc);
            if (!m_file) {
                throw DataError(path + ": cannot open for writing");
            }
        }
        m_out = path.empty() ? &session.out() : &m_file;
    }
    ExportTarget(const ExportTarget&) = delete;
    ExportTarget& operator=(const ExportTarget&) = delete;
    ~ExportTarget() {
        if (!m_path.empty() && !m_finished) {
            m_file.close();
            std::error_code ignored;
            std::filesystem::remove(partial(), ignored);
        }
    }
    [[nodiscard]] std::ostream& out() { return *m_out; }
    void finish() {
        m_out->flush();
        if (m_path.empty()) {
            return;
        }
        m_file.close();
        if (!m_file) {
            throw DataError(m_path + ": write failed (disk full?)");
        }
        std::error_code error;
        std::filesystem::rename(partial(), m_path, error);
        if (error) {
            throw DataError(m_path + ": " + error.message());
        }
        m_finished = true;
    }

private:
    [[nodiscard]] std::string partial() const { return m_path + ".partial"; }
    std::string m_path;
    std::ofstream m_file;
    std::ostream* m_out = nullptr;
    bool m_finished = false;
};

void export_timelines(const QueryContext& context, const Xapian::Query& query, Granularity granularity,
                      std::optional<EntityType> type, bool csv, std::ostream& out) {
    const auto& database = context.database();
    // Per entity (seen's numbers): period -> counts; periods sort as strings in time order.
    EntityIndex seen;
    std::vector<std::map<std::string, Counts>> timelines;
    std::vector<Xapian::termcount> totals;
    for_each_match(database, query, context.shards(), [&](const MatchRecord& record) {
        const auto day = parse_compact_day(record.date);
        if (!day) {
            return;
        }
        const auto period = period_of(*day, granularity);
        schema::for_each_slot_entity(record.entities, [&](const schema::SlotEntity& entity) {
            if (type && entity.type != *type) {
                return;
            }
            const auto [number, added] = seen.insert(entity.type, entity.id);
            if (added) {
                timelines.emplace_back();
                totals.push_back(0);
            }
            auto& counts = timelines[number][period];
            ++counts.articles;
            counts.mentions += entity.mentions;
            totals[number] += entity.mentions;
        });
    });
    std::vector<std::size_t> order(seen.size());
    for (std::size_t number = 0; number < order.size(); ++number) {
        order[number] = number;
    }
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return totals[a] != totals[b]
                   ? totals[a] > totals[b]
                   : slot_key(seen.type(a), seen.id(a)) < slot_key(seen.type(b), seen.id(b));
    });
    if (csv) {
        write_timeline_csv_header(out);
    }
    for (const auto number : order) {
        const auto term_type = seen.type(number);
        const auto& id = seen.id(number);
        const auto name = context.resolver().display_name(schema::entity_term(term_type, id));
        for (const auto& [period, counts] : timelines[number]) {
            if (csv) {
                write_csv_row(out, {id, name, std::string(entity_type_name(term_type)), period,
                                    std::to_string(counts.articles), std::to_string(counts.mentions)});
            } else {
                const nlohmann::json row = {{"entity_id", id},
                                            {"name", name},
                                            {"type", entity_type_name(term_type)},
                                            {"period", period},
                                            {"articles", counts.articles},
                                            {"mentions", counts.mentions}};
                out << row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
            }
        }
    }
}

nlohmann::json article_record_json(ArticleCursor cursor, const schema::StoredArticle& article) {
    nlohmann::json entities = nlohmann::json::array();
    for (const auto& entity : article.entities) {
        entities.push_back({{"id", entity.id},
                            {"type", entity_type_name(entity.type)},
                            {"name", entity.name},
                            {"mentions", entity.mentions}});
    }
    return {{"cursor", std::to_string(cursor)},
            {"id", article.id},
            {"date", article.date},
            {"source", article.source},
            {"title", article.title},
            {"url", article.url},
            {"entities", entities}};
}

/// Every matching article after the cursor, in document order: a line (JSON or CSV) each as it is read, or
/// one JSON page {"articles": [...], "next": cursor or null}.
void export_articles(const QueryContext& context, const Xapian::Query& query, ArticleCursor after,
                     Xapian::doccount limit, const std::string& format, std::ostream& out) {
    if (format == "csv") {
        write_csv_row(out, {"cursor", "id", "date", "source", "title", "url", "entity_ids", "entities"});
    }
    nlohmann::json page = nlohmann::json::array();
    bool more = false;
    const auto last = for_each_article_after(
        context.database(), context.shards(), query, after, limit, more,
        [&](ArticleCursor cursor, const schema::StoredArticle& article) {
            if (format == "csv") {
                std::string ids, names;
                for (const auto& entity : article.entities) {
                    ids += (ids.empty() ? "" : ";") + std::string(entity_type_name(entity.type)) + ":" +
                           entity.id;
                    names += (names.empty() ? "" : ";") + entity.name;
                }
                write_csv_row(out, {std::to_string(cursor), article.id, article.date, article.source,
                                    article.title, article.url, ids, names});
            } else if (format == "jsonl") {
                out << article_record_json(cursor, article)
                           .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                    << '\n';
            } else {
                page.push_back(article_record_json(cursor, article));
            }
        });
    if (format == "json") {
        const nlohmann::json doc = {{"articles", page},
                                    {"next", more ? nlohmann::json(std::to_string(last)) : nlohmann::json()}};
        out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
}

ArticleCursor parse_cursor(const std::string& text) {
    if (text.empty()) {
        return 0;
    }
    const auto value = util::parse_unsigned(text);
    if (!value || *value > std::numeric_limits<ArticleCursor>::max()) {
        throw UsageError("--after \"" + text +
                         "\" is not a cursor; pass the \"cursor\" or \"next\" of a record");
    }
    return static_cast<ArticleCursor>(*value);
}

} // namespace

int run_export(const std::vector<std::string>& arguments, CommandSession& session) {
    CommonOptions common;
    SearchRequest request;
    std::string by = "month", type_name, out_path, after;
    Xapian::doccount limit = 0;
    po::options_description options("");
    // clang-format off
    options.add_options()
        ("db", po::value(&common.databases)->composing(),
         "database to read; repeat for shards (default: $DATELINE_DB, else ./dateline.db)")
        ("format", po::value(&common.format),
         "output format: csv|jsonl (timelines: csv by default), also json for articles (jsonl by default)")
        ("entities", po::value(&common.entity_files)->composing(), "add or override knowledge-base entities")
        ("csv-safe", "CSV for spreadsheets: a cell starting with = + - @ gets a leading ' (not a formula)")
        ("help,h", "show this help")
        ("type", po::value(&type_name), "timelines: only this entity type: person, country, org or place")
        ("by", po::value(&by)->default_value("month"), "timelines: period: day, week, month or year")
        ("after", po::value(&after), "articles: start after the article of this cursor")
        ("limit", po::value(&limit)->default_value(0), "articles: at most this many (0: all)")
        ("out", po::value(&out_path), "write to this file instead of standard output");
    // clang-format on
    add_filter_options(options, request);
    const auto parsed = parse_or_help("export", arguments, options, "what", 1, {k_help, k_examples});
    if (!parsed) {
        return 0;
    }
    const auto& vm = *parsed;
    const auto what = joined_positionals(vm, "what");
    if (what != "timelines" && what != "articles") {
        throw UsageError("export: say what to export: dateline-query export timelines|articles [OPTIONS]");
    }
    if (!vm.count("format")) {
        common.format = what == "timelines" ? "csv" : "jsonl";
    }
    if (common.format != "csv" && common.format != "jsonl" &&
        (what == "timelines" || common.format != "json")) {
        throw UsageError("unknown --format \"" + common.format + "\"; use csv or jsonl" +
                         (what == "articles" ? " or json" : ""));
    }
    const auto granularity = parse_granularity(by);
    const auto type = parse_type_option(type_name);
    const auto cursor = parse_cursor(after);
    read_date_filters(vm, request);
    const auto& context = session.context(common);
    const auto query = build_query(context.database(), context.resolver(), request);
    ExportTarget target(session, out_path);
    if (what == "timelines") {
        export_timelines(context, query, granularity, type, common.format == "csv", target.out());
    } else {
        export_articles(context, query, cursor, limit, common.format, target.out());
    }
    target.finish();
    return 0;
}

} // namespace dateline
