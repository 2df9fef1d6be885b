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

namespace {

/// The `words` most frequent keys, most frequent first; ties by key so that the order never depends on the
/// hash table's.
std::vector<std::uint32_t> most_frequent(const std::unordered_map<std::uint32_t, std::uint64_t>& frequency,
                                         std::size_t words) {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> by_frequency;
    for (const auto& [key, count] : frequency) {
        by_frequency.emplace_back(count, key);
    }
    std::sort(by_frequency.begin(), by_frequency.end(), std::greater<>());
    by_frequency.resize(std::min(by_frequency.size(), words));
    std::vector<std::uint32_t> keys;
    for (const auto& entry : by_frequency) {
        keys.push_back(entry.second);
    }
    return keys;
}

/// Each target word's neighbours as a vector of positive PMI over the most frequent words (left neighbours,
/// then right ones), L2-normalised; `dimensions` gets the vectors' length.
std::vector<SparseVector> context_vectors(const std::unordered_map<std::uint64_t, std::uint32_t>& pairs,
                                          const std::vector<std::uint32_t>& targets,
                                          std::size_t& dimensions) {
    std::unordered_map<std::uint32_t, std::uint32_t> target_index;
    std::unordered_map<std::uint32_t, std::uint32_t> context_index{{k_boundary, 0}};
    for (std::size_t i = 0; i < targets.size(); ++i) {
        target_index.emplace(targets[i], static_cast<std::uint32_t>(i));
        if (i + 1 < k_context_words) {
            context_index.emplace(targets[i], static_cast<std::uint32_t>(i + 1));
        }
    }
    const auto contexts = static_cast<std::uint32_t>(context_index.size());
    dimensions = 2 * contexts;
    std::vector<std::unordered_map<std::uint32_t, double>> counts(targets.size());
    std::vector<double> context_total(2 * contexts, 0.0);
    double total = 0;
    const auto count_pair = [&](std::uint32_t target, std::uint32_t context, std::uint32_t side,
                                double count) {
        if (const auto t = target_index.find(target), c = context_index.find(context);
            t != target_index.end() && c != context_index.end()) {
            counts[t->second][side + c->second] += count;
            context_total[side + c->second] += count;
            total += count;
        }
    };
    for (const auto& [pair, count] : pairs) {
        const auto left = static_cast<std::uint32_t>(pair >> 32);
        const auto right = static_cast<std::uint32_t>(pair);
        count_pair(right, left, 0, count);        // the right word's left neighbour
        count_pair(left, right, contexts, count); // the left word's right neighbour
    }
    std::vector<SparseVector> vectors(targets.size());
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
    return vectors;
}

/// A 16-bit code per vector: three levels of k-means splits, four bits each (empty vectors: 0).
std::vector<std::uint16_t> hierarchical_codes(const std::vector<SparseVector>& vectors,
                                              std::size_t dimensions) {
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
            const auto assignment = split(vectors, members, dimensions, random);
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
    return codes;
}

} // namespace

std::vector<std::pair<std::uint32_t, std::uint16_t>> ClusterCorpus::cluster(std::size_t words) const {
    const auto targets = most_frequent(m_frequency, words);
    std::size_t dimensions = 0;
    const auto vectors = context_vectors(m_pairs, targets, dimensions);
    const auto codes = hierarchical_codes(vectors, dimensions);
    std::vector<std::pair<std::uint32_t, std::uint16_t>> result;
    for (std::size_t t = 0; t < vectors.size(); ++t) {
        if (!vectors[t].empty()) {
            result.emplace_back(targets[t], codes[t]);
        }
    }
    return result;
}

} // namespace dateline
