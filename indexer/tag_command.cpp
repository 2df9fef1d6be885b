#include "tag_command.hpp"

#include "entity_tagger.hpp"
#include "errors.hpp"
#include "knowledge_base.hpp"
#include "utf8.hpp"

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace dateline {

namespace po = boost::program_options;

namespace {

constexpr const char* k_usage = R"(Usage: dateline-index tag [FILE|-] [OPTIONS]

Finds the people, countries, organisations and places in a text (a file, or standard input) and prints
one JSON object per mention: begin and end (byte offsets), text, sentence, id, name, type, how (name,
alias, demonym, capital, short, rule) and ambiguous. Nothing is indexed.

Options)";

constexpr const char* k_examples = R"(
Examples:
  echo "Xi Jinping met Lee Jae-myung in Gyeongju. Lee said..." | dateline-index tag
  dateline-index tag article.txt --entities my-officials.tsv --format text
)";

std::string read_input(const std::string& path) {
    std::stringstream content;
    if (path == "-") {
        content << std::cin.rdbuf();
    } else {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            throw DataError(path + ": cannot open file for reading");
        }
        content << in.rdbuf();
    }
    return content.str();
}

} // namespace

int run_tag_command(int argc, char** argv) {
    std::string format = "jsonl";
    std::vector<std::string> entity_files;
    po::options_description visible("");
    // clang-format off
    visible.add_options()
        ("entities", po::value(&entity_files)->composing(), "add or override entities from a TSV or JSON Lines file")
        ("format", po::value(&format)->default_value("jsonl"), "jsonl (one mention per line) or text (inline marks)")
        ("help,h", "show this help");
    // clang-format on
    po::options_description hidden;
    hidden.add_options()("input", po::value<std::string>()->default_value("-"));
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positional;
    positional.add("input", 1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(std::string(e.what()) + "; see dateline-index tag --help");
    }
    if (vm.count("help")) {
        std::cout << k_usage << visible << k_examples;
        return 0;
    }
    if (format != "jsonl" && format != "text") {
        throw UsageError("unknown --format \"" + format + "\"; use jsonl or text");
    }
    std::size_t issues = 0;
    const auto knowledge_base =
        KnowledgeBase::with_user_files(entity_files, [&](const KnowledgeBaseIssue& issue) {
            ++issues;
            std::cerr << "dateline-index: " << issue.where << ": warning: " << issue.message << '\n';
        });
    auto text = read_input(vm["input"].as<std::string>());
    if (const auto repaired = repair_utf8(text); repaired > 0) {
        std::cerr << "dateline-index: warning: replaced " << repaired
                  << " invalid UTF-8 sequences with U+FFFD\n";
    }
    EntityTagger tagger(knowledge_base);
    const auto tagged = tagger.tag(text);
    if (format == "text") {
        std::cout << annotate(text, tagged);
        if (!text.ends_with('\n')) {
            std::cout << '\n';
        }
        return 0;
    }
    for (const auto& mention : tagged.mentions) {
        const nlohmann::json line = {
            {"begin", mention.span.begin},
            {"end", mention.span.end},
            {"text", text.substr(mention.span.begin, mention.span.end - mention.span.begin)},
            {"sentence", mention.sentence},
            {"id", mention.entity->id},
            {"name", mention.entity->name},
            {"type", entity_type_name(mention.entity->type)},
            {"how", mention_how_name(mention.how)},
            {"ambiguous", mention.ambiguous}};
        std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
    return 0;
}

} // namespace dateline
