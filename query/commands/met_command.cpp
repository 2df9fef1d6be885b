// dateline-query met
#include "access/database_set.hpp"
#include "access/entity_resolver.hpp"
#include "commands/commands.hpp"
#include "formats/met_formats.hpp"
#include "meetings/met_pairs.hpp"
#include "search/search.hpp"
#include "util/errors.hpp"

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
        ("entity", po::value(&with)->composing(), "the same as --with")
        ("mode", po::value(&mode_name), "only meetings of this mode: visit, phone, video, multilateral, third-party");
    // clang-format on
    add_filter_options(options, request, QueryFilter::option, EntityFilter::none);
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
    const auto met = collect_met_pairs(context.database(), query, required, mode,
                                       [&](const std::string& term) { return resolver.display_name(term); });
    write_met_pairs(session.out(), met.pairs, format);
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
