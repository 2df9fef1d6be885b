#include "commands/train_command.hpp"

#include "entities/knowledge_base.hpp"
#include "training/conll_corpus.hpp"
#include "training/lexicon_builder.hpp"
#include "training/ner_training.hpp"
#include "training/zh_training.hpp"
#include "util/errors.hpp"
#include "util/exit_status.hpp"
#include "util/options.hpp"

#include <boost/program_options.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace dateline {

namespace po = boost::program_options;

namespace {

constexpr const char* k_usage = R"(Usage: dateline-index train --conll TRAIN --dev DEV --out MODEL [OPTIONS]

Trains the statistical name tagger (an averaged perceptron over BILOU tags) on CoNLL-2003 column files
(the word first, the name tag last; IOB1 or IOB2; -DOCSTART- lines between documents), prints the
development F1 after every epoch and writes the best epoch's model to MODEL.

Options)";

constexpr const char* k_examples = R"(
Example (what scripts/train-ner runs to make the built-in model):
  dateline-index train --conll ../shared/data/conll2003/iob1/eng.train \
      --dev ../shared/data/conll2003/iob1/eng.testa --out common/model/ner-en.dlner
)";

void print_epoch(const EpochReport& report) {
    using ner::NameType;
    std::fprintf(stderr,
                 "pass %u, epoch %2u: %5zu training sentences corrected; dev F1 %5.2f (PER %5.2f LOC %5.2f "
                 "ORG %5.2f MISC "
                 "%5.2f; P %5.2f R %5.2f) %5.1f s%s\n",
                 report.pass, report.epoch, report.sentences_wrong, report.dev.f1(),
                 report.dev.f1({NameType::per}), report.dev.f1({NameType::loc}),
                 report.dev.f1({NameType::org}), report.dev.f1({NameType::misc}), report.dev.precision(),
                 report.dev.recall(), report.seconds, report.best ? "  best" : "");
}

/// Parses a training command's options; nothing after printing --help. Throws UsageError naming the command.
std::optional<po::variables_map> parse_training_options(int argc, char** argv,
                                                        const po::options_description& visible,
                                                        std::string_view command, const char* usage,
                                                        const char* examples) {
    auto vm =
        util::parse_arguments({argv + 1, argv + argc}, visible, {}, "dateline-index " + std::string(command));
    if (vm.count("help")) {
        std::cout << usage << visible << examples;
        return std::nullopt;
    }
    return vm;
}

/// The knowledge base the features read: the built-in one and --entities files, whose bad lines are warned
/// of.
KnowledgeBase training_knowledge_base(const std::vector<std::string>& entity_files) {
    return KnowledgeBase::with_user_files(entity_files, [](const KnowledgeBaseIssue& issue) {
        std::cerr << "dateline-index: " << issue.where << ": warning: " << issue.message << '\n';
    });
}

void check_epochs(std::uint32_t epochs) {
    if (epochs == 0 || epochs > 100) {
        throw UsageError("--epochs must be between 1 and 100");
    }
}

/// Writes next to the target and renames, so an interrupted run never leaves half a model.
void write_model(const ner::Model& model, const std::string& path) {
    const auto temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        const auto bytes = model.to_bytes();
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out.flush()) {
            throw DataError(temporary + ": cannot write the model");
        }
    }
    std::filesystem::rename(temporary, path);
}

} // namespace

int run_train_command(int argc, char** argv) {
    std::string train_path;
    std::string dev_path;
    std::string out_path;
    std::vector<std::string> entity_files;
    TrainingOptions options;
    std::vector<std::string> unlabelled;
    LexiconOptions lexicon_options;
    po::options_description visible("");
    // clang-format off
    visible.add_options()
        ("conll", po::value(&train_path)->required(), "training data: a CoNLL-2003 column file")
        ("dev", po::value(&dev_path), "development data, scored after every epoch; the best epoch is kept")
        ("out", po::value(&out_path)->required(), "where to write the model")
        ("epochs", po::value(&options.epochs)->default_value(options.epochs), "passes over the training data")
        ("unlabelled", po::value(&unlabelled)->composing(),
         "JSON Lines news articles to learn word case and clusters from (e.g. Reuters-21578)")
        ("cluster-words", po::value(&lexicon_options.cluster_words)->default_value(20000),
         "cluster this many of the most frequent unlabelled words (0: no clusters)")
        ("passes", po::value(&options.passes)->default_value(options.passes),
         "2: a second pass that reads the first pass's labels elsewhere in the document; 1: one pass")
        ("no-kb-features", "train without the knowledge-base features (for comparison)")
        ("entities", po::value(&entity_files)->composing(), "add entities to the knowledge base the features read")
        ("help,h", "show this help");
    // clang-format on
    const auto vm = parse_training_options(argc, argv, visible, "train", k_usage, k_examples);
    if (!vm) {
        return 0;
    }
    check_epochs(options.epochs);
    if (options.passes != 1 && options.passes != 2) {
        throw UsageError("--passes must be 1 or 2");
    }
    if (vm->count("no-kb-features")) {
        options.kb_features = ner::KbFeatures::off;
    }
    const auto knowledge_base = training_knowledge_base(entity_files);
    std::size_t problems = 0;
    const auto report_problem = [&](const std::string& message) {
        ++problems;
        std::cerr << "dateline-index: " << message << " (skipped)\n";
    };
    const auto train = read_labeled_conll(train_path, knowledge_base, report_problem);
    LabeledCorpus dev;
    if (!dev_path.empty()) {
        dev = read_labeled_conll(dev_path, knowledge_base, report_problem);
    }
    options.training = std::filesystem::path(train_path).filename().string() + ": " +
                       std::to_string(train.sentences.size()) + " sentences, " +
                       std::to_string(train.tokens) + " tokens";
    std::cerr << "dateline-index: training on " << train.sentences.size() << " sentences (" << train.tokens
              << " tokens), dev " << dev.sentences.size() << " sentences, knowledge-base features "
              << (options.kb_features == ner::KbFeatures::on ? "on" : "off") << '\n';
    LearnedLexicon learned;
    if (!unlabelled.empty()) {
        learned = build_lexicon(unlabelled, lexicon_options, [](const std::string& message) {
            std::cerr << "dateline-index: " << message << '\n';
        });
        std::cerr << "dateline-index: lexicon from " << learned.report.articles << " unlabelled articles ("
                  << learned.report.words << " words): " << learned.report.entries << " words, "
                  << learned.report.clustered << " clustered\n";
        problems += learned.report.skipped;
        options.training += "; lexicon from " + std::to_string(learned.report.articles) + " articles of " +
                            std::filesystem::path(unlabelled.front()).filename().string();
    }
    const auto model =
        train_name_tagger(train.sentences, dev.sentences, learned.lexicon, options, print_epoch);
    write_model(model, out_path);
    std::cerr << "dateline-index: wrote " << out_path << " (" << model.pass_count() << " passes, "
              << model.feature_count() << " features, last pass's best epoch " << model.info().epochs
              << ", dev F1 " << model.info().dev_f1 << "); " << problems << " sentences skipped\n";
    return problems > 0 ? exit_status::k_data : exit_status::k_done;
}

namespace {

constexpr const char* k_zh_usage = R"(Usage: dateline-index train-zh --msra TRAIN --out MODEL [OPTIONS]

Trains the Chinese name tagger (an averaged perceptron over characters, BILOU tags for PER, LOC, ORG) on
MSRA-style files: one character and its IOB2 tag a line (CHAR<TAB>TAG), a blank line between sentences.
Every --dev-every'th sentence of TRAIN is held out as development data (unless --dev is given), scored after
every epoch; the best epoch is written to MODEL.

Options)";

constexpr const char* k_zh_examples = R"(
Example (what scripts/train-ner-zh runs to make the built-in model):
  dateline-index train-zh --msra ../shared/data/ner-zh/msra_train.tsv --out common/model/ner-zh.dlner
)";

} // namespace

int run_train_zh_command(int argc, char** argv) {
    std::string train_path;
    std::string dev_path;
    std::string out_path;
    std::vector<std::string> entity_files;
    std::uint32_t dev_every = 10;
    ZhTrainingOptions options;
    po::options_description visible("");
    // clang-format off
    visible.add_options()
        ("msra", po::value(&train_path)->required(), "training data: CHAR<TAB>TAG lines, IOB2 over PER, LOC, ORG")
        ("dev", po::value(&dev_path), "development data in the same form (default: held out of --msra)")
        ("dev-every", po::value(&dev_every)->default_value(dev_every),
         "without --dev, every N-th sentence of --msra is development data (0: none)")
        ("out", po::value(&out_path)->required(), "where to write the model")
        ("epochs", po::value(&options.epochs)->default_value(options.epochs), "passes over the training data")
        ("min-count", po::value(&options.min_count)->default_value(options.min_count),
         "leave out features seen fewer times in training")
        ("prune", po::value(&options.prune)->default_value(options.prune),
         "drop averaged weights smaller than this from the model (a smaller file)")
        ("entities", po::value(&entity_files)->composing(), "add entities to the knowledge base the features read")
        ("help,h", "show this help");
    // clang-format on
    if (!parse_training_options(argc, argv, visible, "train-zh", k_zh_usage, k_zh_examples)) {
        return 0;
    }
    check_epochs(options.epochs);
    const auto knowledge_base = training_knowledge_base(entity_files);
    std::size_t problems = 0;
    const auto report_problem = [&](const std::string& message) {
        ++problems;
        std::cerr << "dateline-index: " << message << " (skipped)\n";
    };
    auto all = read_msra(train_path, knowledge_base, report_problem);
    std::vector<ZhLabeledSentence> train;
    std::vector<ZhLabeledSentence> dev;
    if (!dev_path.empty()) {
        train = std::move(all.sentences);
        dev = read_msra(dev_path, knowledge_base, report_problem).sentences;
    } else {
        for (std::size_t i = 0; i < all.sentences.size(); ++i) {
            auto& target = dev_every > 0 && i % dev_every == dev_every - 1 ? dev : train;
            target.push_back(std::move(all.sentences[i]));
        }
    }
    std::size_t train_chars = 0;
    for (const auto& s : train) {
        train_chars += s.chars.size();
    }
    options.training =
        std::filesystem::path(train_path).filename().string() + ": " + std::to_string(train.size()) +
        " sentences, " + std::to_string(train_chars) + " characters" +
        (dev_path.empty() && dev_every > 0
             ? " (every " + std::to_string(dev_every) + "th sentence held out as development data)"
             : std::string());
    std::cerr << "dateline-index: training on " << train.size() << " sentences (" << train_chars
              << " characters), dev " << dev.size() << " sentences\n";
    const auto model = train_chinese_tagger(train, dev, options, [](const ZhEpochReport& report) {
        using ner::NameType;
        std::fprintf(
            stderr,
            "epoch %2u: %5zu training sentences corrected; dev F1 %5.2f (PER %5.2f LOC %5.2f ORG %5.2f; "
            "P %5.2f R %5.2f) %5.1f s%s\n",
            report.epoch, report.sentences_wrong, report.dev.f1(), report.dev.f1({NameType::per}),
            report.dev.f1({NameType::loc}), report.dev.f1({NameType::org}), report.dev.precision(),
            report.dev.recall(), report.seconds, report.best ? "  best" : "");
    });
    write_model(model, out_path);
    std::cerr << "dateline-index: wrote " << out_path << " (" << model.feature_count()
              << " features, best epoch " << model.info().epochs << ", dev F1 " << model.info().dev_f1
              << "); " << problems << " lines skipped\n";
    return problems > 0 ? exit_status::k_data : exit_status::k_done;
}

} // namespace dateline
