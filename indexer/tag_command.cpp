#include "tag_command.hpp"

#include "article_identity.hpp"
#include "document_builder.hpp"
#include "entity_tagger.hpp"
#include "errors.hpp"
#include "knowledge_base.hpp"
#include "readers/jsonl_reader.hpp"
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

With --articles the input is JSON Lines articles (as dateline-index reads them); each is tagged on its own
(title, a blank line, then the text, as the indexer does) and one line is printed per article:
{"id", "entities": [{"id", "name", "type", "mentions"}], "mentions": [...]}.

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

nlohmann::json mention_json(std::string_view text, const Mention& mention) {
    return {{"begin", mention.span.begin},
            {"end", mention.span.end},
            {"text", text.substr(mention.span.begin, mention.span.end - mention.span.begin)},
            {"sentence", mention.sentence},
            {"id", mention.entity->id},
            {"name", mention.entity->name},
            {"type", entity_type_name(mention.entity->type)},
            {"how", mention_how_name(mention.how)},
            {"ambiguous", mention.ambiguous}};
}

/// Events that collect the articles a reader produces and print its problems.
class CollectingEvents final : public ReadEvents {
public:
    explicit CollectingEvents(std::function<void(Article&&)> each) : m_each(std::move(each)) {}
    void on_article(Article&& article) override { m_each(std::move(article)); }
    void on_problem(const SourceLocation& where, Problem kind, const std::string& message) override {
        std::cerr << "dateline-index: " << where.file << ":" << where.line << ": "
                  << (kind == Problem::skipped ? "error: " : "warning: ") << message << '\n';
        skipped += kind == Problem::skipped ? 1 : 0;
    }
    void on_repaired(const SourceLocation&, std::size_t) override {}
    [[nodiscard]] bool should_stop() const override { return false; }
    std::size_t skipped = 0;

private:
    std::function<void(Article&&)> m_each;
};

int tag_articles(const std::string& path, const KnowledgeBase& knowledge_base) {
    EntityTagger tagger(knowledge_base);
    Tokenizer tokenizer;
    CollectingEvents events([&](Article&& article) {
        const auto text = tagged_text(article);
        const auto tagged = tagger.tag(text, tokenizer.tokenize(text));
        nlohmann::json entities = nlohmann::json::array();
        nlohmann::json mentions = nlohmann::json::array();
        std::vector<const Entity*> seen;
        std::vector<std::uint32_t> counts;
        for (const auto& mention : tagged.mentions) {
            mentions.push_back(mention_json(text, mention));
            const auto it = std::find(seen.begin(), seen.end(), mention.entity);
            if (it == seen.end()) {
                seen.push_back(mention.entity);
                counts.push_back(1);
            } else {
                ++counts[static_cast<std::size_t>(it - seen.begin())];
            }
        }
        for (std::size_t i = 0; i < seen.size(); ++i) {
            entities.push_back({{"id", seen[i]->id},
                                {"name", seen[i]->name},
                                {"type", entity_type_name(seen[i]->type)},
                                {"mentions", counts[i]}});
        }
        const nlohmann::json line = {
            {"id", article_identity(article)}, {"entities", entities}, {"mentions", mentions}};
        std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    });
    ReaderOptions options;
    if (path == "-") {
        read_jsonl(std::cin, "-", options, events);
    } else {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            throw DataError(path + ": cannot open file for reading");
        }
        read_jsonl(in, path, options, events);
    }
    return events.skipped > 0 ? 1 : 0;
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
        ("articles", "the input is JSON Lines articles: tag each, one output line per article")
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
    if (vm.count("articles")) {
        return tag_articles(vm["input"].as<std::string>(), knowledge_base);
    }
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
        std::cout
            << mention_json(text, mention).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
            << '\n';
    }
    return 0;
}

} // namespace dateline
