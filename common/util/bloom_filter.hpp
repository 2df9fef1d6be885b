// A Bloom filter over strings: a key is certainly absent, or may be present. The indexer keeps one of the
// article ids of each sealed partition's shard (in the shard's own metadata), so that a night's new articles
// skip the look-up in every sealed partition, a random read each in a database that may not be in memory;
// sealed partitions never gain ids, so the filter never misses one (Lucene's BloomFilteringPostingsFormat
// does the same for updates by id). ~1% false positives at 10 bits and 7 probes a key.
#pragma once

#include "util/hash.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::util {

class BloomFilter {
public:
    /// Sized for `expected` keys (at least one word of bits).
    explicit BloomFilter(std::size_t expected)
        : m_words(std::max<std::size_t>(1, (expected * 10 + 63) / 64)) {}

    void add(std::string_view key) {
        probe(key, [&](std::uint64_t bit) { m_words[bit / 64] |= std::uint64_t{1} << (bit % 64); });
    }

    [[nodiscard]] bool may_contain(std::string_view key) const {
        bool present = true;
        probe(key,
              [&](std::uint64_t bit) { present = present && (m_words[bit / 64] >> (bit % 64) & 1) != 0; });
        return present;
    }

    /// The filter as bytes: a tag, a byte-order mark, then the bit words in the machine's byte order (a
    /// machine of the other order finds no filter, and looks every id up).
    [[nodiscard]] std::string serialise() const {
        std::string out(k_tag);
        out.append(reinterpret_cast<const char*>(&k_byte_order), sizeof k_byte_order);
        out.append(reinterpret_cast<const char*>(m_words.data()), m_words.size() * sizeof(std::uint64_t));
        return out;
    }

    /// A filter serialise() wrote, or nothing for anything else (an empty or foreign value).
    [[nodiscard]] static std::optional<BloomFilter> parse(std::string_view bytes) {
        if (!bytes.starts_with(k_tag)) {
            return std::nullopt;
        }
        bytes.remove_prefix(k_tag.size());
        std::uint64_t order = 0;
        if (bytes.size() < 2 * sizeof order || bytes.size() % sizeof order != 0) {
            return std::nullopt;
        }
        std::memcpy(&order, bytes.data(), sizeof order);
        if (order != k_byte_order) {
            return std::nullopt; // written on a machine of another byte order: look every id up
        }
        bytes.remove_prefix(sizeof order);
        BloomFilter filter(0);
        filter.m_words.resize(bytes.size() / sizeof(std::uint64_t));
        std::memcpy(filter.m_words.data(), bytes.data(), bytes.size());
        return filter;
    }

private:
    static constexpr std::string_view k_tag = "dateline-bloom-1:";
    static constexpr int k_probes = 7;
    static constexpr std::uint64_t k_byte_order = 0x0102030405060708ULL;

    static std::uint64_t mix(std::uint64_t x) { // splitmix64's finaliser
        x ^= x >> 30;
        x *= 0xbf58476d1ce4e5b9ULL;
        x ^= x >> 27;
        x *= 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    }

    template <typename Each>
    void probe(std::string_view key, Each&& each) const {
        // Mixed, since the key's plain FNV-1a also routes it to its shard (all keys here share a residue).
        const auto first = mix(fnv1a64(key));
        const auto step = mix(first) | 1;
        const auto bits = static_cast<std::uint64_t>(m_words.size()) * 64;
        for (int i = 0; i < k_probes; ++i) {
            each((first + static_cast<std::uint64_t>(i) * step) % bits);
        }
    }

    std::vector<std::uint64_t> m_words;
};

} // namespace dateline::util
