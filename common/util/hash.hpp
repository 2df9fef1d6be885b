// FNV-1a, the one hash Dateline stores or keys on (article identity, shard routing, model features and
// checksums): simple, fast on short strings, and stable across platforms and releases, which stored values
// need.
#pragma once

#include <cstdint>
#include <string_view>

namespace dateline::util {

inline constexpr std::uint64_t k_fnv1a64_basis = 0xcbf29ce484222325ULL;
inline constexpr std::uint64_t k_fnv1a64_prime = 0x100000001b3ULL;
inline constexpr std::uint32_t k_fnv1a32_basis = 2166136261U;
inline constexpr std::uint32_t k_fnv1a32_prime = 16777619U;

/// One more byte into a 64-bit FNV-1a hash (for hashing a string as it is built, without building it).
[[nodiscard]] constexpr std::uint64_t fnv1a64_add(std::uint64_t hash, unsigned char byte) {
    return (hash ^ byte) * k_fnv1a64_prime;
}

/// The 64-bit FNV-1a hash of `bytes`, continuing from `hash`.
[[nodiscard]] constexpr std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash = k_fnv1a64_basis) {
    for (const char c : bytes) {
        hash = fnv1a64_add(hash, static_cast<unsigned char>(c));
    }
    return hash;
}

/// One more byte into a 32-bit FNV-1a hash.
[[nodiscard]] constexpr std::uint32_t fnv1a32_add(std::uint32_t hash, unsigned char byte) {
    return (hash ^ byte) * k_fnv1a32_prime;
}

/// The 32-bit FNV-1a hash of `bytes`, continuing from `hash`.
[[nodiscard]] constexpr std::uint32_t fnv1a32(std::string_view bytes, std::uint32_t hash = k_fnv1a32_basis) {
    for (const char c : bytes) {
        hash = fnv1a32_add(hash, static_cast<unsigned char>(c));
    }
    return hash;
}

} // namespace dateline::util
