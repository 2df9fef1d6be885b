// dateline-query article
#include "aggregations/article_list.hpp"
#include "commands/commands.hpp"
#include "util/errors.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace dateline {

namespace po = boost::program_options;

namespace {

constexpr const char* k_help = R"(Usage: dateline-query article ID [OPTIONS]

One article as the database holds it: id, date, source, title, url, its text, and the entities tagged in
it with their mentions and the sentences (0: the title) that mention them.

Options)";

constexpr const char* k_examples = R"(
Examples:
  dateline-query article dl-2025-1101-lee-xi-summit
  dateline-query article dl-2025-1101-lee-xi-summit --format json | jq '.entities[].name'
)";

nlohmann::json article_json(const schema::StoredArticle& article) {
    nlohmann::json entities = nlohmann::json::array();
    for (const auto& entity : article.entities) {
        entities.push_back({{"id", entity.id},
                            {"type", entity_type_name(entity.type)},
                            {"name", entity.name},
                            {"mentions", entity.mentions},
                            {"sentences", entity.sentences}});
    }
    return {{"id", article.id},       {"date", article.date}, {"source", article.source},
            {"title", article.title}, {"url", article.url},   {"text", article.text},
            {"entities", entities}};
}

void print_table(std::ostream& out, const schema::StoredArticle& article) {
    out << article.title << '\n'
        << (article.date.empty() ? "(no date)" : article.date) << "  " << article.source << "  " << article.id
        << '\n';
    if (!article.url.empty()) {
        out << article.url << '\n';
    }
    out << '\n' << article.text << "\n\nentities:\n";
    for (const auto& entity : article.entities) {
        out << "  " << fit_columns(entity_type_name(entity.type), 8) << ' ' << fit_columns(entity.name, 32)
            << ' ' << entity.mentions << " mention" << (entity.mentions == 1 ? "" : "s") << '\n';
    }
}

} // namespace

int run_article(const std::vector<std::string>& arguments, CommandSession& session) {
    CommonOptions common;
    po::options_description options("");
    add_common_options(options, common, {OutputFormat::table, OutputFormat::json});
    const auto parsed = parse_or_help("article", arguments, options, "id", 1, {k_help, k_examples});
    if (!parsed) {
        return 0;
    }
    const auto& vm = *parsed;
    const auto format = parse_output_format(common.format, {OutputFormat::table, OutputFormat::json});
    if (!vm.count("id")) {
        throw UsageError(
            "article: name the article's ID, e.g. dateline-query article dl-2025-1101-lee-xi-summit");
    }
    const auto article = find_article(session.context(common).database(), joined_positionals(vm, "id"));
    if (format == OutputFormat::json) {
        session.out() << article_json(article).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                      << '\n';
    } else {
        print_table(session.out(), article);
    }
    return 0;
}

} // namespace dateline
