#include "training/conll_corpus.hpp"

#include "entities/ner/ner_words.hpp"
#include "util/errors.hpp"

#include <fstream>

namespace dateline {

std::vector<ner::Sentence> conll_tagger_sentences(const ConllDocument& document, std::string_view text,
                                                  const EntityTagger& tagger,
                                                  const KnowledgeBase& knowledge_base, Tokenizer& tokenizer) {
    std::vector<ner::Sentence> sentences;
    sentences.reserve(document.sentences.size());
    for (const auto& conll : document.sentences) {
        ner::Sentence sentence;
        for (const auto& span : conll.spans) {
            sentence.push_back({text.substr(span.begin, span.end - span.begin)});
        }
        sentences.push_back(std::move(sentence));
    }
    const auto tokens = tokenizer.tokenize(text);
    add_knowledge_base_hints(sentences, text, tagger.knowledge_base_mentions(text, tokens),
                             knowledge_base.given_names());
    ner::mark_document_case(sentences);
    return sentences;
}

LabeledCorpus read_labeled_conll(const std::string& path, const KnowledgeBase& knowledge_base,
                                 const std::function<void(const std::string&)>& on_problem) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw DataError(path + ": cannot open the CoNLL file for reading");
    }
    LabeledCorpus corpus;
    const EntityTagger tagger(knowledge_base, nullptr);
    Tokenizer tokenizer;
    std::size_t documents = 0;
    read_conll(in, [&](ConllDocument&& document) {
        ++documents;
        const auto& text = corpus.texts.emplace_back(document.text);
        auto sentences = conll_tagger_sentences(document, text, tagger, knowledge_base, tokenizer);
        for (std::size_t s = 0; s < sentences.size(); ++s) {
            const auto& conll = document.sentences[s];
            try {
                auto names = conll_names(conll.tags, path + ":" + std::to_string(conll.first_line_number));
                corpus.tokens += sentences[s].size();
                corpus.sentences.push_back({std::move(sentences[s]), std::move(names), documents - 1});
            } catch (const DataError& e) {
                ++corpus.skipped;
                on_problem(e.what());
            }
        }
    });
    return corpus;
}

} // namespace dateline
