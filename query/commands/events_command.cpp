// dateline-query events
#include "access/entity_resolver.hpp"
#include "commands/commands.hpp"
#include "meetings/meeting_search.hpp"
#include "search/search.hpp"
#include "util/errors.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace dateline {

namespace po = boost::program_options;

namespace {

constexpr const char* k_help = R"(Usage: dateline-query events [ENTITY] [OPTIONS]

Every meeting the articles report, as a coded event (PLOVER's CONSULT), streamed in date order: id, type,
mode (visit, phone, video, multilateral, third-party or empty), actors (the visitor, the caller), recipients
(the host), participants, date (the day of the meeting: the article's date moved by "on Saturday",
"yesterday", "10일", "2日"), place, status (held, planned, cancelled), article, article_date, url, source,
sentence, rule and confidence. A summit is one event with all its participants. Copies of one story count
once. With ENTITY, only events it takes part in.

Options)";

constexpr const char* k_examples = R"(
Examples:
  dateline-query events "Xi Jinping"
  dateline-query events --mode multilateral --format csv
  dateline-query events --from 2025-10-01 --to 2025-11-30 --query APEC --format json
)";

enum class EventFormat { jsonl, json, csv };

std::string names(const std::vector<MeetingParty>& parties, bool ids) {
    std::string out;
    for (const auto& p : parties) {
        out += (out.empty() ? "" : "; ") + (ids ? p.id : p.name);
    }
    return out;
}

} // namespace

int run_events(const std::vector<std::string>& arguments, CommandSession& session) {
    std::ostream& out = session.out();
    CommonOptions common;
    common.format = "jsonl";
    SearchRequest request;
    std::string mode_name;
    po::options_description options("");
    // clang-format off
    options.add_options()
        ("db", po::value(&common.databases)->composing(),
         "database to read; repeat for shards (default: $DATELINE_DB, else ./dateline.db)")
        ("format", po::value(&common.format)->default_value("jsonl"), "output format: jsonl|json|csv")
        ("entities", po::value(&common.entity_files)->composing(), "add or override entities from a TSV or JSON Lines file")
        ("mode", po::value(&mode_name), "only events of this mode: visit, phone, video, multilateral, third-party")
        ("help,h", "show this help");
    // clang-format on
    add_filter_options(options, request);
    const auto parsed = parse_or_help("events", arguments, options, "subject", 1, {k_help, k_examples});
    if (!parsed) {
        return 0;
    }
    const auto& vm = *parsed;
    EventFormat format = EventFormat::jsonl;
    if (common.format == "json") {
        format = EventFormat::json;
    } else if (common.format == "csv") {
        format = EventFormat::csv;
    } else if (common.format != "jsonl") {
        throw UsageError("unknown --format \"" + common.format + "\"; use jsonl, json or csv");
    }
    const auto mode = read_mode_option(mode_name);
    read_date_filters(vm, request);
    const auto& context = session.context(common);
    std::optional<ResolvedEntity> entity;
    auto query = build_query(context.database(), context.resolver(), request);
    if (vm.count("subject")) {
        entity = context.resolver().resolve(joined_positionals(vm, "subject"));
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(entity->term));
    }
    if (format == EventFormat::csv) {
        write_csv_row(out, {"id", "type", "mode", "actor_ids", "actors", "recipient_ids", "recipients",
                            "date", "place_id", "place", "status", "article", "article_date", "url",
                            "sentence", "rule", "confidence"});
    }
    auto all = nlohmann::json::array();
    for_each_meeting(context.database(), query, [&](const EventRecord& record) {
        const auto& e = record.event;
        if (mode && e.mode != *mode) {
            return;
        }
        if (entity) {
            const auto participants = e.participants();
            if (std::none_of(participants.begin(), participants.end(), [&](const MeetingParty& p) {
                    return p.id == entity->id && p.type == entity->type;
                })) {
                return;
            }
        }
        switch (format) {
        case EventFormat::jsonl:
            out << event_json(record).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
            break;
        case EventFormat::json:
            all.push_back(event_json(record));
            break;
        case EventFormat::csv:
            write_csv_row(out, {record.id, "CONSULT", std::string(meeting_mode_name(e.mode)),
                                names(e.actors, true), names(e.actors, false), names(e.recipients, true),
                                names(e.recipients, false), e.date, e.place ? e.place->id : "",
                                e.place ? e.place->name : "", std::string(meeting_status_name(e.status)),
                                record.article, record.article_date, record.url, e.sentence, e.rule,
                                std::to_string(e.confidence)});
            break;
        }
    });
    if (format == EventFormat::json) {
        out << all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
    return 0;
}

} // namespace dateline
