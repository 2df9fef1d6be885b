#include "util/exit_status.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

#include <doctest/doctest.h>

using namespace dateline;

TEST_CASE("util::fnv1a") {
    SUBCASE("the published test vectors: stored hashes must never change") {
        CHECK(util::fnv1a64("") == 0xcbf29ce484222325ULL);
        CHECK(util::fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
        CHECK(util::fnv1a64("foobar") == 0x85944171f73967e8ULL);
        CHECK(util::fnv1a32("") == 0x811c9dc5U);
        CHECK(util::fnv1a32("a") == 0xe40c292cU);
        CHECK(util::fnv1a32("foobar") == 0xbf9cf968U);
    }
    SUBCASE("byte by byte equals the whole, and continues from a hash") {
        auto hash = util::k_fnv1a64_basis;
        for (const char c : std::string_view("foobar")) {
            hash = util::fnv1a64_add(hash, static_cast<unsigned char>(c));
        }
        CHECK(hash == util::fnv1a64("foobar"));
        CHECK(util::fnv1a64("bar", util::fnv1a64("foo")) == util::fnv1a64("foobar"));
    }
}

TEST_CASE("util::ascii_lower") {
    CHECK(util::ascii_lower("Xi JINPING") == "xi jinping");
    CHECK(util::ascii_lower("").empty());
    CHECK(util::ascii_lower("Ü 이재명 ABC") == "Ü 이재명 abc"); // UTF-8 bytes untouched, same length
    CHECK(util::ascii_lower('Z') == 'z');
    CHECK(util::ascii_lower('[') == '[');
}

TEST_CASE("util::parse_unsigned") {
    CHECK(util::parse_unsigned("0") == 0U);
    CHECK(util::parse_unsigned("4294967295", UINT32_MAX) == 4294967295U);
    CHECK_FALSE(util::parse_unsigned("4294967296", UINT32_MAX)); // one past: no wrap-around
    CHECK(util::parse_unsigned("18446744073709551615") == UINT64_MAX);
    CHECK_FALSE(util::parse_unsigned("18446744073709551616"));
    CHECK_FALSE(util::parse_unsigned(""));
    CHECK_FALSE(util::parse_unsigned("-1"));
    CHECK_FALSE(util::parse_unsigned("12a"));
    CHECK_FALSE(util::parse_unsigned(" 1"));
}

TEST_CASE("util::exit_status: the one table both programs follow") {
    CHECK(exit_status::k_done == 0);
    CHECK(exit_status::k_data == 1);
    CHECK(exit_status::k_usage == 2);
    CHECK(exit_status::k_interrupted == 130);
}
