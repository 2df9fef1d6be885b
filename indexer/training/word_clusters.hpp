// Word clusters for the name tagger, learnt from unlabelled text: words that share left and right neighbours
// (weighted by positive pointwise mutual information) fall in one cluster. Spherical k-means, three levels of
// 16, gives each word a 12-bit code whose 4- and 8-bit prefixes are coarser clusters, as Brown clusters'
// paths are (Miller et al. 2004; Ratinov and Roth 2009 use such prefixes as features).
#pragma once

#include "entities/ner/ner_types.hpp"

#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

namespace dateline {

/// Counts words and neighbour pairs, keyed by ner::Lexicon::key. Memory grows with distinct pairs, not text.
class ClusterCorpus {
public:
    void add(const ner::Sentence& sentence);

    /// The cluster code (level 1 in bits 15-12, level 2 in 11-8, level 3 in 7-4) of each of the `words` most
    /// frequent words. Deterministic for the same input.
    [[nodiscard]] std::vector<std::pair<std::uint32_t, std::uint16_t>> cluster(std::size_t words) const;

private:
    std::unordered_map<std::uint32_t, std::uint64_t> m_frequency;
    std::unordered_map<std::uint64_t, std::uint32_t> m_pairs; ///< left key << 32 | right key
};

} // namespace dateline
