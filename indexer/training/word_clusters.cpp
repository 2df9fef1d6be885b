#include "training/word_clusters.hpp"

#include "entities/ner/ner_features.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace dateline {

namespace {

constexpr std::size_t k_context_words = 1000; ///< neighbours counted as features: the most frequent words
constexpr std::size_t k_branching = 16;
constexpr int k_iterations = 12;
constexpr std::uint32_t k_boundary = 0; ///< the sentence edge, as a neighbour

/// A word's contexts: feature index (left neighbours 0..C, right C+1..2C+1) and weight, L2-normalised.
using SparseVector = std::vector<std::pair<std::uint32_t, float>>;

float dot(const SparseVector& vector, const std::vector<float>& centroid) {
    float sum = 0;
    for (const auto& [index, weight] : vector) {
        sum += weight * centroid[index];
    }
    return sum;
}

/// Splits `members` into up to k_branching clusters by spherical k-means (k-means++ seeding, fixed seed).
std::vector<std::uint8_t> split(const std::vector<SparseVector>& vectors,
                                const std::vector<std::size_t>& members, std::size_t dimensions,
                                std::mt19937_64& random) {
    std::vector<std::uint8_t> assignment(members.size(), 0);
    const auto k = std::min(k_branching, members.size());
    if (k <= 1) {
        return assignment;
    }
    std::vector<std::vector<float>> centroids;
    const auto to_dense = [&](const SparseVector& vector) {
        std::vector<float> dense(dimensions, 0.0F);
        for (const auto& [index, weight] : vector) {
            dense[index] = weight;
        }
        return dense;
    };
    centroids.push_back(to_dense(vectors[members[random() % members.size()]]));
    std::vector<float> distance(members.size(), std::numeric_limits<float>::max());
    while (centroids.size() < k) {
        double total = 0;
        for (std::size_t m = 0; m < members.size(); ++m) {
            distance[m] =
                std::min(distance[m], std::max(0.0F, 1.0F - dot(vectors[members[m]], centroids.back())));
            total += distance[m];
        }
        auto target = std::uniform_real_distribution<double>(0, total)(random);
        std::size_t chosen = 0;
        for (; chosen + 1 < members.size() && target > distance[chosen]; ++chosen) {
            target -= distance[chosen];
        }
        centroids.push_back(to_dense(vectors[members[chosen]]));
    }
    for (int iteration = 0; iteration < k_iterations; ++iteration) {
        for (std::size_t m = 0; m < members.size(); ++m) {
            float best = -2;
            for (std::size_t c = 0; c < k; ++c) {
                const auto similarity = dot(vectors[members[m]], centroids[c]);
                if (similarity > best) {
                    best = similarity;
                    assignment[m] = static_cast<std::uint8_t>(c);
                }
            }
        }
        for (auto& centroid : centroids) {
            std::fill(centroid.begin(), centroid.end(), 0.0F);
        }
        for (std::size_t m = 0; m < members.size(); ++m) {
            for (const auto& [index, weight] : vectors[members[m]]) {
                centroids[assignment[m]][index] += weight;
            }
        }
        for (auto& centroid : centroids) {
            const auto norm =
                std::sqrt(std::inner_product(centroid.begin(), centroid.end(), centroid.begin(), 0.0F));
            if (norm > 0) {
                for (auto& value : centroid) {
                    value /= norm;
                }
            }
        }
    }
    return assignment;
}

} // namespace

void ClusterCorpus::add(const ner::Sentence& sentence) {
    std::uint32_t previous = k_boundary;
    for (const auto& word : sentence) {
        const auto key = ner::Lexicon::key(word.text);
        ++m_frequency[key];
        ++m_pairs[static_cast<std::uint64_t>(previous) << 32 | key];
        previous = key;
    }
    ++m_pairs[static_cast<std::uint64_t>(previous) << 32 | k_boundary];
}

std::vector<std::pair<std::uint32_t, std::uint16_t>> ClusterCorpus::cluster(std::size_t words) const {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> by_frequency;
    for (const auto& [key, count] : m_frequency) {
        by_frequency.emplace_back(count, key);
    }
    // Most frequent first; ties by key so that the order never depends on the hash table's.
    std::sort(by_frequency.begin(), by_frequency.end(), std::greater<>());
    by_frequency.resize(std::min(by_frequency.size(), words));
    std::unordered_map<std::uint32_t, std::uint32_t> target_index;
    std::unordered_map<std::uint32_t, std::uint32_t> context_index{{k_boundary, 0}};
    for (std::size_t i = 0; i < by_frequency.size(); ++i) {
        target_index.emplace(by_frequency[i].second, static_cast<std::uint32_t>(i));
        if (i + 1 < k_context_words) {
            context_index.emplace(by_frequency[i].second, static_cast<std::uint32_t>(i + 1));
        }
    }
    const auto contexts = static_cast<std::uint32_t>(context_index.size());
    std::vector<std::unordered_map<std::uint32_t, double>> counts(by_frequency.size());
    std::vector<double> context_total(2 * contexts, 0.0);
    double total = 0;
    for (const auto& [pair, count] : m_pairs) {
        const auto left = static_cast<std::uint32_t>(pair >> 32);
        const auto right = static_cast<std::uint32_t>(pair);
        // The right word's left neighbour, and the left word's right neighbour.
        if (const auto t = target_index.find(right), c = context_index.find(left);
            t != target_index.end() && c != context_index.end()) {
            counts[t->second][c->second] += count;
            context_total[c->second] += count;
            total += count;
        }
        if (const auto t = target_index.find(left), c = context_index.find(right);
            t != target_index.end() && c != context_index.end()) {
            counts[t->second][contexts + c->second] += count;
            context_total[contexts + c->second] += count;
            total += count;
        }
    }
    std::vector<SparseVector> vectors(by_frequency.size());
    for (std::size_t t = 0; t < counts.size(); ++t) {
        double word_total = 0;
        for (const auto& [context, count] : counts[t]) {
            word_total += count;
        }
        double norm = 0;
        for (const auto& [context, count] : counts[t]) {
            const auto pmi = std::log(count * total / (word_total * context_total[context]));
            if (pmi > 0) {
                vectors[t].emplace_back(context, static_cast<float>(pmi));
                norm += pmi * pmi;
            }
        }
        std::sort(vectors[t].begin(), vectors[t].end());
        for (auto& entry : vectors[t]) {
            entry.second = static_cast<float>(entry.second / std::sqrt(norm));
        }
    }
    std::mt19937_64 random(20261123);
    std::vector<std::uint16_t> codes(vectors.size(), 0);
    std::vector<std::vector<std::size_t>> groups(1);
    for (std::size_t t = 0; t < vectors.size(); ++t) {
        if (!vectors[t].empty()) {
            groups[0].push_back(t);
        }
    }
    for (int level = 0; level < 3; ++level) {
        std::vector<std::vector<std::size_t>> next;
        for (const auto& members : groups) {
            const auto assignment = split(vectors, members, 2 * contexts, random);
            std::vector<std::vector<std::size_t>> children(k_branching);
            for (std::size_t m = 0; m < members.size(); ++m) {
                codes[members[m]] |= static_cast<std::uint16_t>(assignment[m] << (12 - 4 * level));
                children[assignment[m]].push_back(members[m]);
            }
            for (auto& child : children) {
                if (!child.empty()) {
                    next.push_back(std::move(child));
                }
            }
        }
        groups = std::move(next);
    }
    std::vector<std::pair<std::uint32_t, std::uint16_t>> result;
    for (std::size_t t = 0; t < vectors.size(); ++t) {
        if (!vectors[t].empty()) {
            result.emplace_back(by_frequency[t].second, codes[t]);
        }
    }
    return result;
}

} // namespace dateline
