// Tagging throughput against tokenizing, on the same texts in the same run: reads JSON Lines articles, then
// times (1) ICU tokenizing alone and (2) entity tagging of the already-made tokens, each over all articles,
// best of RUNS. Usage: dateline-tag-bench ARTICLES.jsonl [RUNS]
#include "document_builder.hpp"
#include "entity_tagger.hpp"
#include "knowledge_base.hpp"
#include "tokenizer.hpp"
#include "utf8.hpp"

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
    const auto load_start = std::chrono::steady_clock::now();
    const dateline::EntityTagger tagger(dateline::KnowledgeBase::builtin());
    const double load_seconds = seconds_since(load_start);

    std::vector<std::vector<dateline::Token>> tokens(texts.size());
    double tokenize_best = 1e9, tag_best = 1e9;
    std::size_t mentions = 0;
    for (int run = 0; run < runs; ++run) {
        auto start = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < texts.size(); ++i) {
            tokens[i] = tokenizer.tokenize(texts[i]);
        }
        tokenize_best = std::min(tokenize_best, seconds_since(start));
        start = std::chrono::steady_clock::now();
        mentions = 0;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            mentions += tagger.tag(texts[i], tokens[i]).mentions.size();
        }
        tag_best = std::min(tag_best, seconds_since(start));
    }
    const double mb = static_cast<double>(bytes) / 1e6;
    std::printf("%zu articles, %.1f MB, %zu mentions; knowledge base and tagger ready in %.0f ms\n",
                texts.size(), mb, mentions, load_seconds * 1000);
    std::printf("| step | MB/s | seconds (best of %d) |\n|---|---|---|\n", runs);
    std::printf("| tokenize (ICU words and sentences) | %.2f | %.2f |\n", mb / tokenize_best, tokenize_best);
    std::printf("| tag (given the tokens) | %.2f | %.2f |\n", mb / tag_best, tag_best);
    std::printf("| **tagging time / tokenizing time** | **%.2f** | |\n", tag_best / tokenize_best);
    return 0;
}
