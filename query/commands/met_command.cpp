// dateline-query met
#include "access/database_set.hpp"
#include "access/entity_resolver.hpp"
#include "commands/commands.hpp"
#include "meetings/meeting_graph.hpp"
#include "meetings/meeting_search.hpp"
#include "search/search.hpp"
#include "util/errors.hpp"

#include <nlohmann/json.hpp>

#include <deque>
#include <iostream>
#include <map>
#include <set>

namespace dateline {

namespace po = boost::program_options;

namespace {

constexpr const char* k_help = R"(Usage: dateline-query met [PERSON] [OPTIONS]

Who met whom: pairs of people (or a person and a country's or organisation's delegation) whose meeting
a sentence reports, in English, Korean or Chinese ("X met Y", "X held talks with Y", "X received Y",
"talks between X and Y", "X 장관은 Y 외교부장과 회담했다", "X会见Y"; see `events` for the whole event).
Negated, refused, hypothetical and merely offered meetings are left out; planned and cancelled ones are
kept and marked. Copies of one story count once. Each pair comes with the number of stories, the first and
last day a meeting was held, and every supporting sentence with its article, the meeting's date and mode,
the place and the status.

Options)";

constexpr const char* k_examples = R"(
Examples:
  dateline-query met "Lee Jae-myung"
  dateline-query met Trump --with "Xi Jinping" --format json
  dateline-query met --mode phone --from 2025-10-01 --to 2025-11-30 --format csv
)";

struct Pair {
    MeetingParty source, target;
    std::vector<std::pair<const EventRecord*, std::size_t>> evidence; ///< record, and its slot in `records`
    std::set<std::string> articles, held_articles;
    std::string first, last; ///< days of held meetings
};

bool same(const MeetingParty& party, const ResolvedEntity& entity) {
    return party.id == entity.id && party.type == entity.type;
}

nlohmann::json evidence_json(const EventRecord& record) {
    const auto& e = record.event;
    return {{"article", record.article},
            {"date", e.date},
            {"article_date", record.article_date},
            {"url", record.url},
            {"sentence", e.sentence},
            {"planned", e.status == MeetingStatus::planned},
            {"status", meeting_status_name(e.status)},
            {"mode", meeting_mode_name(e.mode)},
            {"place", e.place ? nlohmann::json{{"id", e.place->id}, {"name", e.place->name}}
                              : nlohmann::json(nullptr)},
            {"event", record.id},
            {"rule", e.rule}};
}

nlohmann::json side_json(const MeetingParty& party) {
    return {{"id", party.id}, {"name", party.name}, {"type", entity_type_name(party.type)}};
}

void print_pairs(std::ostream& out, const std::vector<const Pair*>& ordered, OutputFormat format) {
    switch (format) {
    case OutputFormat::json: {
        nlohmann::json doc = nlohmann::json::array();
        for (const auto* pair : ordered) {
            nlohmann::json evidence = nlohmann::json::array();
            for (const auto& [record, slot] : pair->evidence) {
                evidence.push_back(evidence_json(*record));
            }
            doc.push_back({{"source", side_json(pair->source)},
                           {"target", side_json(pair->target)},
                           {"articles", pair->articles.size()},
                           {"held_articles", pair->held_articles.size()},
                           {"first", pair->first},
                           {"last", pair->last},
                           {"evidence", evidence}});
        }
        out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        break;
    }
    case OutputFormat::csv:
        write_csv_row(out, {"source_id", "source", "target_id", "target", "articles", "first", "last",
                            "article", "date", "url", "planned", "sentence", "status", "mode", "place_id",
                            "place", "article_date"});
        for (const auto* pair : ordered) {
            for (const auto& [record, slot] : pair->evidence) {
                const auto& e = record->event;
                write_csv_row(
                    out, {pair->source.id, pair->source.name, pair->target.id, pair->target.name,
                          std::to_string(pair->articles.size()), pair->first, pair->last, record->article,
                          e.date, record->url, e.status == MeetingStatus::planned ? "yes" : "no", e.sentence,
                          std::string(meeting_status_name(e.status)), std::string(meeting_mode_name(e.mode)),
                          e.place ? e.place->id : "", e.place ? e.place->name : "", record->article_date});
            }
        }
        break;
    case OutputFormat::table:
        if (ordered.empty()) {
            out << "no meetings found\n";
        }
        for (const auto* pair : ordered) {
            out << pair->source.name << " — " << pair->target.name << ": " << pair->articles.size()
                << " article" << (pair->articles.size() == 1 ? "" : "s");
            if (!pair->first.empty()) {
                out << ", " << pair->first << (pair->last != pair->first ? " .. " + pair->last : "");
            }
            out << "\n";
            for (const auto& [record, slot] : pair->evidence) {
                const auto& e = record->event;
                out << "   " << (e.date.empty() ? "(no date)" : e.date) << "  " << record->article;
                if (e.status != MeetingStatus::held) {
                    out << "  [" << meeting_status_name(e.status) << "]";
                }
                if (e.mode != MeetingMode::unspecified) {
                    out << "  (" << meeting_mode_name(e.mode) << ")";
                }
                if (e.place) {
                    out << "  in " << e.place->name;
                }
                out << "\n      " << e.sentence << "\n";
            }
        }
        break;
    }
}

} // namespace

int run_met(const std::vector<std::string>& arguments, CommandSession& session) {
    CommonOptions common;
    SearchRequest request;
    std::vector<std::string> with;
    std::string mode_name;
    po::options_description options("");
    add_common_options(options, common, {OutputFormat::table, OutputFormat::json, OutputFormat::csv});
    // clang-format off
    options.add_options()
        ("with", po::value(&with)->composing(), "only meetings with this person (or country, organisation)")
        ("mode", po::value(&mode_name), "only meetings of this mode: visit, phone, video, multilateral, third-party")
        ("source", po::value(&request.sources)->composing(), "only articles from this source (repeatable)")
        ("query", po::value(&request.query), "only articles matching this search query (see search --help)")
        ("from", po::value<std::string>(), "only articles dated on or after this day (YYYY-MM-DD, YYYY-MM, YYYY)")
        ("to", po::value<std::string>(), "only articles dated on or before this day");
    // clang-format on
    const auto parsed = parse_or_help("met", arguments, options, "person", 1, {k_help, k_examples});
    if (!parsed) {
        return 0;
    }
    const auto& vm = *parsed;
    const auto format =
        parse_output_format(common.format, {OutputFormat::table, OutputFormat::json, OutputFormat::csv});
    const auto mode = read_mode_option(mode_name);
    read_date_filters(vm, request);
    const auto& context = session.context(common);
    const auto& resolver = context.resolver();
    std::vector<ResolvedEntity> required;
    if (vm.count("person")) {
        required.push_back(resolver.resolve(joined_positionals(vm, "person")));
    }
    for (const auto& name : with) {
        required.push_back(resolver.resolve(name));
    }
    auto query = build_query(context.database(), resolver, request);
    for (const auto& entity : required) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(entity.term));
    }
    std::deque<EventRecord> records;
    std::map<std::pair<std::string, std::string>, Pair> pairs;
    for_each_meeting(context.database(), query, [&](const EventRecord& found) {
        if (mode && found.event.mode != *mode) {
            return;
        }
        const EventRecord* record = nullptr;
        for (auto [a, b] : meeting_pairs(found.event)) {
            // (clang 14 cannot capture a structured binding: name them first)
            const auto involves = [&first = a, &second = b](const ResolvedEntity& e) {
                return same(first, e) || same(second, e);
            };
            if (!std::all_of(required.begin(), required.end(), involves)) {
                continue;
            }
            // A pair is unordered; the asked-for person comes first, else the order is by id.
            if (!required.empty() ? !same(a, required[0]) : b.id < a.id) {
                std::swap(a, b);
            }
            if (record == nullptr) {
                records.push_back(found);
                record = &records.back();
            }
            auto& pair = pairs[{a.id, b.id}];
            pair.source = a;
            pair.target = b;
            pair.source.name = resolver.display_name(schema::entity_term(a.type, a.id));
            pair.target.name = resolver.display_name(schema::entity_term(b.type, b.id));
            pair.evidence.emplace_back(record, records.size() - 1);
            pair.articles.insert(record->article);
            if (record->event.status == MeetingStatus::held) {
                pair.held_articles.insert(record->article);
                const auto& day = record->event.date;
                if (!day.empty()) {
                    pair.first = pair.first.empty() ? day : std::min(pair.first, day);
                    pair.last = std::max(pair.last, day);
                }
            }
        }
    });
    std::vector<const Pair*> ordered;
    for (const auto& [key, pair] : pairs) {
        ordered.push_back(&pair);
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const Pair* a, const Pair* b) { return a->articles.size() > b->articles.size(); });
    print_pairs(session.out(), ordered, format);
    return 0;
}

std::optional<MeetingMode> read_mode_option(const std::string& name) {
    if (name.empty()) {
        return std::nullopt;
    }
    const auto mode = parse_meeting_mode(name);
    if (!mode) {
        throw UsageError("unknown --mode \"" + name +
                         "\"; use visit, phone, video, multilateral or third-party");
    }
    return mode;
}

} // namespace dateline
