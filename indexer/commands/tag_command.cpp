#include "commands/tag_command.hpp"

#include "commands/model_option.hpp"
#include "entities/entity_tagger.hpp"
#include "entities/knowledge_base.hpp"
#include "entities/ner/ner_words.hpp"
#include "readers/jsonl_reader.hpp"
#include "store/article_identity.hpp"
#include "store/document_builder.hpp"
#include "text/utf8.hpp"
#include "training/conll_corpus.hpp"
#include "util/errors.hpp"
#include "util/exit_status.hpp"
#include "util/options.hpp"

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <exception>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

namespace dateline {

namespace po = boost::program_options;

namespace {

constexpr const char* k_usage = R"(Usage: dateline-index tag [FILE|-] [OPTIONS]

Finds the people, countries, organisations and places in a text (a file, or standard input) and prints
one JSON object per mention: begin and end (byte offsets), text, sentence, id, name, type, how (name,
alias, demonym, capital, short, rule, model) and ambiguous. Nothing is indexed.

With --articles the input is JSON Lines articles (as dateline-index reads them); each is tagged on its own
(title, a blank line, then the text, as the indexer does) and one line is printed per article:
{"id", "entities": [{"id", "name", "type", "mentions"}], "mentions": [...]}. Articles are tagged on every
core, and the lines come out in input order.

With --conll the input is CoNLL-2003 columns (the word first; -DOCSTART- lines between documents); each
line is printed with the predicted tag appended (B-PER, I-LOC, O...), so any conlleval scorer can score it.
Demonyms are MISC, countries and places LOC, as CoNLL tags them.

Options)";

constexpr const char* k_examples = R"(
Examples:
  echo "Xi Jinping met Lee Jae-myung in Gyeongju. Lee said..." | dateline-index tag
  dateline-index tag article.txt --entities my-officials.tsv --format text
  dateline-index tag --conll ../shared/data/conll2003/valid.txt > predicted.txt
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

/// One output line of `tag --articles`: the article's entities and mentions.
std::string article_line(const Article& article, const EntityTagger& tagger, Tokenizer& tokenizer) {
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
    return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// Tags batches of articles on every core and prints their lines in input order.
class ParallelArticleTagger {
public:
    ParallelArticleTagger(const KnowledgeBase& knowledge_base, const ner::Model* model) {
        const auto workers = std::max(1u, std::thread::hardware_concurrency());
        for (unsigned i = 0; i < workers; ++i) {
            m_workers.push_back(std::make_unique<Worker>(knowledge_base, model));
        }
    }

    void add(Article&& article) {
        m_batch.push_back(std::move(article));
        if (m_batch.size() == k_batch) {
            flush();
        }
    }

    /// Tags and prints what is batched.
    void flush() {
        std::vector<std::string> lines(m_batch.size());
        // A failure on a worker thread is carried back here: an exception leaving a thread would terminate.
        std::vector<std::exception_ptr> failures(m_workers.size());
        {
            std::vector<std::jthread> threads;
            for (std::size_t w = 0; w < m_workers.size(); ++w) {
                threads.emplace_back([&, w] {
                    try {
                        for (auto i = w; i < m_batch.size(); i += m_workers.size()) {
                            lines[i] =
                                article_line(m_batch[i], m_workers[w]->tagger, m_workers[w]->tokenizer);
                        }
                    } catch (...) {
                        failures[w] = std::current_exception();
                    }
                });
            }
        }
        for (const auto& failure : failures) {
            if (failure) {
                std::rethrow_exception(failure);
            }
        }
        for (const auto& line : lines) {
            std::cout << line << '\n';
        }
        m_batch.clear();
    }

private:
    static constexpr std::size_t k_batch = 512; ///< articles per batch: long enough to keep every core busy

    struct Worker {
        Worker(const KnowledgeBase& knowledge_base, const ner::Model* model)
            : tagger(knowledge_base, model) {}
        EntityTagger tagger;
        Tokenizer tokenizer;
    };

    std::vector<std::unique_ptr<Worker>> m_workers;
    std::vector<Article> m_batch;
};

int tag_articles(const std::string& path, const KnowledgeBase& knowledge_base, const ner::Model* model) {
    ParallelArticleTagger tagger(knowledge_base, model);
    CallbackEvents events(
        [&](Article&& article) { tagger.add(std::move(article)); },
        [](const std::string& problem) { std::cerr << "dateline-index: " << problem << '\n'; });
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
    tagger.flush();
    return events.skipped() > 0 ? exit_status::k_data : exit_status::k_done;
}

/// The type label CoNLL gives a mention: demonyms are MISC ("German"), countries and places LOC.
std::string_view conll_label(const Mention& mention) {
    if (mention.how == MentionHow::demonym) {
        return "MISC";
    }
    switch (mention.entity->type) {
    case EntityType::person:
        return "PER";
    case EntityType::org:
        return "ORG";
    case EntityType::country:
    case EntityType::place:
        return "LOC";
    }
    return "MISC";
}

/// IOB2 tags for the tokens of `sentence` from tagged spans: outermost spans win; a token is in a span if it
/// starts inside it.
std::vector<std::string> conll_tags(const ConllSentence& sentence,
                                    const std::vector<std::pair<Span, std::string_view>>& spans) {
    std::vector<std::string> tags(sentence.spans.size(), "O");
    std::size_t covered_to = 0;
    for (const auto& [span, label] : spans) {
        if (span.begin < covered_to) {
            continue; // nested in the previous one
        }
        covered_to = span.end;
        bool first = true;
        for (std::size_t t = 0; t < sentence.spans.size(); ++t) {
            if (sentence.spans[t].begin >= span.begin && sentence.spans[t].begin < span.end) {
                tags[t] = std::string(first ? "B-" : "I-") + std::string(label);
                first = false;
            }
        }
    }
    return tags;
}

/// Reads CoNLL columns and prints each line with the predicted tag appended (IOB2).
/// The text as CoNLL-style lines, a unit and its IOB2 tag a line, a blank line between sentences: Han, Hangul
/// and Kana one character a line (as MSRA and KLUE are cut), other words and each punctuation mark a line.
/// Nested mentions are left out; MISC names the model found are MISC.
void write_conll_lines(std::ostream& out, std::string_view text, const TaggedText& tagged,
                       Tokenizer& tokenizer) {
    struct Labelled {
        Span span;
        std::string label;
    };
    std::vector<Labelled> spans;
    for (const auto& mention : tagged.mentions) {
        spans.push_back({mention.span, std::string(conll_label(mention))});
    }
    for (const auto& [span, sentence] : tagged.other_names) {
        spans.push_back({span, "MISC"});
    }
    std::sort(spans.begin(), spans.end(), [](const Labelled& a, const Labelled& b) {
        return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end > b.span.end;
    });
    std::vector<Labelled> flat;
    for (auto& s : spans) {
        if (flat.empty() || s.span.begin >= flat.back().span.end) {
            flat.push_back(std::move(s));
        }
    }
    const auto starts = tokenizer.sentence_starts(text);
    std::size_t next_sentence = 1;
    std::size_t current = 0;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    bool line_written = false;
    for (int32_t i = 0; i < length;) {
        const auto begin = static_cast<std::size_t>(i);
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0 || u_isUWhiteSpace(c)) {
            continue;
        }
        const auto script = [](UChar32 ch) {
            UErrorCode status = U_ZERO_ERROR;
            const auto code = uscript_getScript(ch, &status);
            return U_SUCCESS(status) && (code == USCRIPT_HAN || code == USCRIPT_HANGUL ||
                                         code == USCRIPT_HIRAGANA || code == USCRIPT_KATAKANA);
        };
        auto end = static_cast<std::size_t>(i);
        if (u_isalnum(c) && !script(c)) {
            // A word: letters, digits, and apostrophes, periods or hyphens inside it.
            while (i < length) {
                auto j = i;
                UChar32 d;
                U8_NEXT(s, j, length, d);
                if (d >= 0 && ((u_isalnum(d) && !script(d)) ||
                               ((d == '\'' || d == '-' || d == '.') && j < length && u_isalnum(text[j])))) {
                    i = j;
                    end = static_cast<std::size_t>(i);
                    continue;
                }
                break;
            }
        }
        while (next_sentence < starts.size() && starts[next_sentence] <= begin) {
            ++next_sentence;
            if (line_written) {
                out << '\n';
                line_written = false;
            }
        }
        while (current < flat.size() && flat[current].span.end <= begin) {
            ++current;
        }
        std::string tag = "O";
        if (current < flat.size() && flat[current].span.begin <= begin && begin < flat[current].span.end) {
            tag = (flat[current].span.begin == begin ? "B-" : "I-") + flat[current].label;
        } else if (current < flat.size() && begin < flat[current].span.begin &&
                   end > flat[current].span.begin) {
            tag = "B-" + flat[current].label; // a word the name starts inside ("이재명은")
        }
        out << text.substr(begin, end - begin) << '\t' << tag << '\n';
        line_written = true;
    }
    if (line_written) {
        out << '\n';
    }
}

int tag_conll(const std::string& path, const KnowledgeBase& knowledge_base, const ner::Model* model,
              bool model_only) {
    if (model_only && model == nullptr) {
        throw UsageError("--model-only needs a model; this build has none built in: give --model FILE");
    }
    std::ifstream file;
    if (path != "-") {
        file.open(path, std::ios::binary);
        if (!file) {
            throw DataError(path + ": cannot open file for reading");
        }
    }
    std::istream& in = path == "-" ? std::cin : file;
    EntityTagger tagger(knowledge_base, model);
    Tokenizer tokenizer;
    std::optional<ner::NameTagger> names;
    if (model_only) {
        names.emplace(*model);
    }
    read_conll(in, [&](ConllDocument&& document) {
        const std::string_view text = document.text;
        std::vector<std::pair<Span, std::string_view>> spans;
        if (model_only) {
            auto sentences = conll_tagger_sentences(document, text, tagger, knowledge_base, tokenizer);
            const auto found = names->tag(sentences);
            for (std::size_t s = 0; s < sentences.size(); ++s) {
                const auto& sentence = sentences[s];
                for (const auto& name : found[s]) {
                    spans.push_back({{span_in(text, sentence[name.first]).begin,
                                      span_in(text, sentence[name.last - 1]).end},
                                     ner::name_type_label(name.type)});
                }
            }
        } else {
            std::vector<ner::Sentence> sentences;
            for (const auto& conll : document.sentences) {
                auto& sentence = sentences.emplace_back();
                for (const auto& span : conll.spans) {
                    sentence.push_back({text.substr(span.begin, span.end - span.begin)});
                }
            }
            const auto tagged = tagger.tag(text, tokenizer.tokenize(text), std::move(sentences));
            for (const auto& mention : tagged.mentions) {
                spans.emplace_back(mention.span, conll_label(mention));
            }
            for (const auto& [span, sentence] : tagged.other_names) {
                spans.emplace_back(span, "MISC");
            }
            std::sort(spans.begin(), spans.end(), [](const auto& a, const auto& b) {
                return a.first.begin != b.first.begin ? a.first.begin < b.first.begin
                                                      : a.first.end > b.first.end;
            });
        }
        std::vector<std::string> predicted(document.lines.size());
        for (const auto& sentence : document.sentences) {
            const auto tags = conll_tags(sentence, spans);
            for (std::size_t t = 0; t < tags.size(); ++t) {
                predicted[sentence.lines[t]] = tags[t];
            }
        }
        for (std::size_t i = 0; i < document.lines.size(); ++i) {
            std::cout << document.lines[i];
            if (!predicted[i].empty()) {
                std::cout << ' ' << predicted[i];
            }
            std::cout << '\n';
        }
    });
    return 0;
}

struct TagOptions {
    std::string format = "jsonl";
    std::vector<std::string> entity_files;
    std::string model_file;
    std::string input = "-";
    bool articles = false, conll = false, model_only = false, no_model = false;
};

/// The tag command's options from argv; nothing if it only asked for help.
std::optional<TagOptions> parse_tag_options(int argc, char** argv) {
    TagOptions options;
    po::options_description visible("");
    // clang-format off
    visible.add_options()
        ("entities", po::value(&options.entity_files)->composing(), "add or override entities from a TSV or JSON Lines file")
        ("format", po::value(&options.format)->default_value("jsonl"),
         "jsonl (one mention per line), json (one object: text, entities, mentions), text (inline marks) or "
         "conll (a word, or a Han or Hangul character, and its IOB2 tag a line)")
        ("articles", "the input is JSON Lines articles: tag each, one output line per article")
        ("conll", "the input is CoNLL-2003 columns: print each line with the predicted tag (IOB2) appended")
        ("model-only", "with --conll: the statistical tagger's own tags, without the knowledge base's merging")
        ("model", po::value(&options.model_file), "the name-tagger model to use instead of the built-in one")
        ("no-model", "tag with the knowledge base and rules only")
        ("help,h", "show this help");
    // clang-format on
    po::options_description hidden;
    hidden.add_options()("input", po::value(&options.input)->default_value("-"));
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positional;
    positional.add("input", 1);
    const auto vm = util::parse_arguments({argv + 1, argv + argc}, all, positional, "dateline-index tag");
    if (vm.count("help")) {
        std::cout << k_usage << visible << k_examples;
        return std::nullopt;
    }
    if (options.format != "jsonl" && options.format != "json" && options.format != "text" &&
        options.format != "conll") {
        throw UsageError("unknown --format \"" + options.format + "\"; use jsonl, json, text or conll");
    }
    options.articles = vm.count("articles") > 0;
    options.conll = vm.count("conll") > 0;
    options.model_only = vm.count("model-only") > 0;
    options.no_model = vm.count("no-model") > 0;
    if (options.model_only && !options.conll) {
        throw UsageError("--model-only goes with --conll");
    }
    return options;
}

/// Writes one text's mentions in `format`: text (inline marks), conll, json (one object) or jsonl.
void write_tagged(const std::string& text, const TaggedText& tagged, const std::string& format) {
    if (format == "text") {
        std::cout << annotate(text, tagged);
        if (!text.ends_with('\n')) {
            std::cout << '\n';
        }
    } else if (format == "conll") {
        Tokenizer tokenizer;
        write_conll_lines(std::cout, text, tagged, tokenizer);
    } else if (format == "json") {
        nlohmann::json mentions = nlohmann::json::array();
        for (const auto& mention : tagged.mentions) {
            mentions.push_back(mention_json(text, mention));
        }
        const nlohmann::json doc = {{"text", text}, {"mentions", mentions}};
        std::cout << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } else {
        for (const auto& mention : tagged.mentions) {
            std::cout
                << mention_json(text, mention).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                << '\n';
        }
    }
}

/// Tags one text (a file or standard input) and writes its mentions.
int tag_text(const TagOptions& options, const KnowledgeBase& knowledge_base, const ner::Model* model) {
    auto text = read_input(options.input);
    if (const auto repaired = repair_utf8(text); repaired > 0) {
        std::cerr << "dateline-index: warning: replaced " << repaired
                  << " invalid UTF-8 sequences with U+FFFD\n";
    }
    EntityTagger tagger(knowledge_base, model);
    write_tagged(text, tagger.tag(text), options.format);
    return 0;
}

} // namespace

int run_tag_command(int argc, char** argv) {
    const auto options = parse_tag_options(argc, argv);
    if (!options) {
        return 0;
    }
    std::size_t issues = 0;
    const auto knowledge_base =
        KnowledgeBase::with_user_files(options->entity_files, [&](const KnowledgeBaseIssue& issue) {
            ++issues;
            std::cerr << "dateline-index: " << issue.where << ": warning: " << issue.message << '\n';
        });
    std::optional<ner::Model> loaded_model;
    const auto* model = choose_model(options->model_file, options->no_model, loaded_model);
    if (options->conll) {
        return tag_conll(options->input, knowledge_base, model, options->model_only);
    }
    if (options->articles) {
        return tag_articles(options->input, knowledge_base, model);
    }
    return tag_text(*options, knowledge_base, model);
}

} // namespace dateline
