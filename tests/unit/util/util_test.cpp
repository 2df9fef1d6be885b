#include "util/bloom_filter.hpp"
#include "util/compression.hpp"
#include "util/deadline.hpp"
#include "util/errors.hpp"
#include "util/exit_status.hpp"
#include "util/hash.hpp"
#include "util/key_table.hpp"
#include "util/options.hpp"
#include "util/slot_index.hpp"
#include "util/strings.hpp"

#include <boost/program_options.hpp>
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

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

TEST_CASE("util::BloomFilter never misses a key it holds, rarely claims one it does not") {
    util::BloomFilter filter(2000);
    for (int i = 0; i < 2000; ++i) {
        filter.add("Qgen-" + std::to_string(i));
    }
    for (int i = 0; i < 2000; ++i) {
        CHECK(filter.may_contain("Qgen-" + std::to_string(i)));
    }
    int false_positives = 0;
    for (int i = 0; i < 20000; ++i) {
        false_positives += filter.may_contain("Qother-" + std::to_string(i)) ? 1 : 0;
    }
    CHECK(false_positives < 20000 * 3 / 100); // ~1% expected
    const auto copy = util::BloomFilter::parse(filter.serialise());
    REQUIRE(copy.has_value());
    CHECK(copy->may_contain("Qgen-1999"));
    CHECK(copy->serialise() == filter.serialise());
    CHECK_FALSE(util::BloomFilter::parse("").has_value());
    CHECK_FALSE(util::BloomFilter::parse("dateline-bloom-1:abc").has_value());
    CHECK_FALSE(util::BloomFilter::parse("something else entirely").has_value());
}

TEST_CASE("util::exit_status: the one table both programs follow") {
    CHECK(exit_status::k_done == 0);
    CHECK(exit_status::k_data == 1);
    CHECK(exit_status::k_usage == 2);
    CHECK(exit_status::k_interrupted == 130);
}

TEST_CASE("util::without_controls") {
    CHECK(util::without_controls("Kim\x01"
                                 "Bad\x1b"
                                 "[31mName") == "KimBad[31mName");
    CHECK(util::without_controls(std::string("Evil\0Null", 9)) == "EvilNull");
    CHECK(util::without_controls("a\tb\nc\rd") == "a b c d");
    CHECK(util::without_controls("C1\xc2\x85"
                                 "next") == "C1next");                           // U+0085, NEL
    CHECK(util::without_controls("이재명 习近平 Żółw") == "이재명 习近平 Żółw"); // other scripts untouched
    CHECK(util::without_controls("\x7f").empty());
}

TEST_CASE("util::check_unsigned_options") {
    namespace po = boost::program_options;
    unsigned threads = 0;
    std::size_t limit = 0;
    int depth = 0;
    std::string name;
    po::options_description options;
    options.add_options()("threads", po::value(&threads))("limit", po::value(&limit))(
        "depth", po::value(&depth))("name", po::value(&name));
    const auto check = [&](std::vector<std::string> arguments) {
        util::check_unsigned_options(arguments, options);
    };
    CHECK_NOTHROW(check({"--threads", "4", "--limit=0"}));
    CHECK_NOTHROW(check({"--depth", "-1", "--name", "-x"})); // signed and text options are not checked
    CHECK_THROWS_WITH_AS(check({"--threads", "-1"}), "--threads -1: give a whole number, 0 or more",
                         po::error);
    CHECK_THROWS_AS(check({"--limit=-5"}), po::error);
    CHECK_THROWS_AS(check({"--limit", "1e3"}), po::error);
    CHECK_THROWS_AS(check({"--limit", ""}), po::error);
    CHECK_NOTHROW(check({"--", "--limit", "-1"})); // after "--" nothing is an option
}

TEST_CASE("util::SlotIndex keeps entries in insertion order and finds each") {
    util::SlotIndex index;
    std::vector<std::uint64_t> entries;
    const auto hash = [](std::uint64_t key) { return key * 0x9E3779B97F4A7C15ULL; };
    for (std::uint64_t key = 0; key < 5000; key += 7) {
        index.grow_for(entries.size(), [&](std::size_t number) { return hash(entries[number]); });
        const auto at = index.probe(hash(key), [&](std::size_t number) { return entries[number] == key; });
        REQUIRE_FALSE(index.occupied(at));
        entries.push_back(key);
        index.assign(at, entries.size() - 1);
    }
    for (std::size_t number = 0; number < entries.size(); ++number) {
        const auto key = entries[number];
        const auto at = index.probe(hash(key), [&](std::size_t n) { return entries[n] == key; });
        REQUIRE(index.occupied(at));
        CHECK(index.number(at) == number);
    }
    const auto absent = index.probe(hash(3), [&](std::size_t n) { return entries[n] == 3; });
    CHECK_FALSE(index.occupied(absent));
}

TEST_CASE("util::KeyTable sets, keeps or replaces, finds, and grows") {
    util::KeyTable<std::uint32_t> table;
    CHECK(table.find(42) == nullptr); // empty: no slots at all
    CHECK(table.set(42, 1));
    CHECK_FALSE(table.set(42, 2, false)); // kept: the first one counts
    REQUIRE(table.find(42) != nullptr);
    CHECK(*table.find(42) == 1);
    CHECK_FALSE(table.set(42, 3)); // replaced
    CHECK(*table.find(42) == 3);
    // Keys that collide on their low bits, and enough of them to grow the table many times.
    for (std::uint32_t i = 1; i <= 20000; ++i) {
        (void)table.set(i << 12, i);
    }
    CHECK(table.size() == 20001);
    for (std::uint32_t i = 1; i <= 20000; ++i) {
        REQUIRE(table.find(i << 12) != nullptr);
        REQUIRE(*table.find(i << 12) == i);
    }
    CHECK(table.find(7) == nullptr);
    std::size_t visited = 0;
    table.for_each([&](std::uint32_t, std::uint32_t) { ++visited; });
    CHECK(visited == table.size());
    util::KeyTable<std::uint32_t> reserved;
    reserved.reserve(1000);
    CHECK(reserved.size() == 0);
    CHECK(reserved.find(5) == nullptr);
    // at(): counting, inserting a zero value the first time, growing as needed.
    util::KeyTable<std::uint32_t> counts;
    for (std::uint32_t i = 1; i <= 3000; ++i) {
        ++counts.at(i % 7 + 1);
        ++counts.at(i << 12);
    }
    CHECK(counts.size() == 3007);
    CHECK(*counts.find(1) == 428);
    CHECK(*counts.find(3000u << 12) == 1);
}

TEST_CASE("ScopedDeadline") {
    CHECK_NOTHROW(check_deadline()); // no deadline: never
    {
        const ScopedDeadline deadline(std::chrono::hours(1));
        CHECK_NOTHROW(check_deadline());
        {
            const ScopedDeadline passed(std::chrono::nanoseconds(-1));
            CHECK_THROWS_AS(check_deadline(), TimeoutError);
        }
        CHECK_NOTHROW(check_deadline()); // the outer one again
    }
    CHECK_NOTHROW(check_deadline());
}

TEST_CASE("util::zstd_compress and zstd_decompress") {
    std::string text;
    for (int i = 0; i < 200; ++i) {
        text += "Lee Jae-myung met Xi Jinping in Gyeongju. 이재명 习近平 ";
    }
    const auto frame = util::zstd_compress(text);
    CHECK(frame.size() < text.size() / 10);
    CHECK(util::zstd_decompress(frame) == text);
    CHECK(util::zstd_decompress(util::zstd_compress("")).empty());
    CHECK_THROWS_AS(util::zstd_decompress(frame.substr(0, frame.size() - 3)), DataError);
    CHECK_THROWS_AS(util::zstd_decompress("not a frame"), DataError);
    CHECK_THROWS_AS(util::zstd_decompress(frame, text.size() - 1), DataError); // claims more than allowed
}
