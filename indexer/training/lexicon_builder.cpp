#include "training/lexicon_builder.hpp"

#include "entities/ner/ner_words.hpp"
#include "readers/jsonl_reader.hpp"
#include "store/document_builder.hpp"
#include "text/tokenizer.hpp"
#include "training/word_clusters.hpp"
#include "util/errors.hpp"

#include <fstream>
#include <unordered_map>

namespace dateline {

namespace {

bool starts_with_letter(std::string_view word, bool& upper) {
    if (word.empty()) {
        return false;
    }
    const char c = word[0];
    upper = c >= 'A' && c <= 'Z';
    return upper || (c >= 'a' && c <= 'z');
}

struct CaseCounts {
    std::uint32_t capitalized = 0;
    std::uint32_t lower = 0;
};

} // namespace

LearnedLexicon build_lexicon(const std::vector<std::string>& paths, const LexiconOptions& options,
                             const std::function<void(const std::string&)>& on_problem) {
    LearnedLexicon learned;
    auto& report = learned.report;
    std::unordered_map<std::uint32_t, CaseCounts> cases;
    ClusterCorpus corpus;
    Tokenizer tokenizer;
    CallbackEvents events(
        [&](Article&& article) {
            ++report.articles;
            const auto text = tagged_text(article);
            const auto sentences = name_tagger_sentences(text, tokenizer.tokenize(text));
            for (const auto& sentence : sentences) {
                report.words += sentence.size();
                if (options.cluster_words > 0) {
                    corpus.add(sentence);
                }
                if (ner::is_shouted(sentence)) {
                    continue;
                }
                for (std::size_t i = 1; i < sentence.size(); ++i) {
                    bool upper = false;
                    if (starts_with_letter(sentence[i].text, upper)) {
                        auto& counts = cases[ner::Lexicon::key(sentence[i].text)];
                        (upper ? counts.capitalized : counts.lower) += 1;
                    }
                }
            }
        },
        on_problem);
    for (const auto& path : paths) {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            throw DataError(path + ": cannot open the unlabelled text for reading");
        }
        read_jsonl(in, path, ReaderOptions{}, events);
    }
    report.skipped = events.skipped();
    for (const auto& [key, counts] : cases) {
        const auto total = counts.capitalized + counts.lower;
        if (total < options.min_count) {
            continue;
        }
        ner::WordFacts facts;
        facts.lower_share = static_cast<std::uint8_t>((10 * counts.lower + total / 2) / total);
        learned.lexicon.set(key, facts);
    }
    if (options.cluster_words > 0) {
        const auto clusters = corpus.cluster(options.cluster_words);
        for (const auto& [key, cluster] : clusters) {
            auto facts = learned.lexicon.find_key(key);
            facts.cluster = cluster;
            learned.lexicon.set(key, facts);
        }
        report.clustered = clusters.size();
    }
    report.entries = learned.lexicon.entries().size();
    return learned;
}

} // namespace dateline
