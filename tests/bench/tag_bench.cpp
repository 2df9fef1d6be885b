// Tagging throughput against tokenizing, on the same texts in the same run: reads JSON Lines articles, then
// times (1) ICU tokenizing alone, (2) entity tagging of the already-made tokens with the knowledge base and
// rules only, (3) the same with the built-in name model, and (4) the name model alone over prepared sentences
// (words per second, one thread), each over all articles, best of RUNS.
// Usage: dateline-tag-bench ARTICLES.jsonl [RUNS]
#include "entities/entity_tagger.hpp"
#include "entities/knowledge_base.hpp"
#include "entities/name_merge.hpp"
#include "entities/ner/ner_words.hpp"
#include "store/document_builder.hpp"
#include "text/tokenizer.hpp"
#include "text/utf8.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: dateline-tag-bench ARTICLES.jsonl [RUNS]\n";
        return 2;
    }
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    std::ifstream in(argv[1]);
    std::vector<std::string> texts;
    std::size_t bytes = 0;
    for (std::string line; std::getline(in, line);) {
        dateline::repair_utf8(line);
        const auto record = nlohmann::json::parse(line, nullptr, false);
        if (!record.is_object()) {
            continue;
        }
        texts.push_back(record.value("title", std::string{}) + "\n\n" + record.value("text", std::string{}));
        bytes += texts.back().size();
    }
    dateline::Tokenizer tokenizer;
    const auto& kb = dateline::KnowledgeBase::builtin();
    const auto load_start = std::chrono::steady_clock::now();
    const auto* model = dateline::ner::Model::builtin();
    if (model == nullptr) {
        std::cerr << "dateline-tag-bench: this build has no name model\n";
        return 1;
    }
    const dateline::EntityTagger tagger(kb, model);
    const double load_seconds = seconds_since(load_start);
    const dateline::EntityTagger rules_only(kb, nullptr);

    std::vector<std::vector<dateline::Token>> tokens(texts.size());
    double tokenize_best = 1e9, rules_best = 1e9, tag_best = 1e9, model_best = 1e9;
    std::size_t mentions = 0, rule_mentions = 0, words = 0;
    std::vector<std::vector<dateline::ner::Sentence>> prepared(texts.size());
    for (int run = 0; run < runs; ++run) {
        auto start = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < texts.size(); ++i) {
            tokens[i] = tokenizer.tokenize(texts[i]);
        }
        tokenize_best = std::min(tokenize_best, seconds_since(start));
        start = std::chrono::steady_clock::now();
        rule_mentions = 0;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            rule_mentions += rules_only.tag(texts[i], tokens[i]).mentions.size();
        }
        rules_best = std::min(rules_best, seconds_since(start));
        start = std::chrono::steady_clock::now();
        mentions = 0;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            mentions += tagger.tag(texts[i], tokens[i]).mentions.size();
        }
        tag_best = std::min(tag_best, seconds_since(start));
        // The model alone: sentences cut and given their knowledge-base hints beforehand.
        words = 0;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            prepared[i] = dateline::name_tagger_sentences(texts[i], tokens[i]);
            dateline::add_knowledge_base_hints(prepared[i], texts[i],
                                               rules_only.knowledge_base_mentions(texts[i], tokens[i]),
                                               kb.given_names());
            dateline::ner::mark_document_case(prepared[i]);
            for (const auto& sentence : prepared[i]) {
                words += sentence.size();
            }
        }
        dateline::ner::NameTagger names(*model);
        std::size_t found = 0;
        start = std::chrono::steady_clock::now();
        for (auto& sentences : prepared) {
            for (const auto& names_in_sentence : names.tag(sentences)) {
                found += names_in_sentence.size();
            }
        }
        model_best = std::min(model_best, seconds_since(start));
        if (found == 0) {
            std::cerr << "dateline-tag-bench: the model found no names\n";
            return 1;
        }
    }
    const double mb = static_cast<double>(bytes) / 1e6;
    std::printf(
        "%zu articles, %.1f MB, %zu words; %zu mentions with the model, %zu without; knowledge base, model "
        "and tagger ready in %.0f ms\n",
        texts.size(), mb, words, mentions, rule_mentions, load_seconds * 1000);
    std::printf("| step | MB/s | words/s | seconds (best of %d) |\n|---|---|---|---|\n", runs);
    const auto row = [&](const char* name, double seconds) {
        std::printf("| %s | %.2f | %.0f | %.2f |\n", name, mb / seconds, static_cast<double>(words) / seconds,
                    seconds);
    };
    row("tokenize (ICU words and sentences)", tokenize_best);
    row("tag: knowledge base + rules (given the tokens)", rules_best);
    row("tag: knowledge base + name model + rules (given the tokens)", tag_best);
    row("name model alone (features + Viterbi, one thread)", model_best);
    std::printf(
        "| **tagging time / tokenizing time**, without / with the model | **%.2f** / **%.2f** | | |\n",
        rules_best / tokenize_best, tag_best / tokenize_best);
    return 0;
}
