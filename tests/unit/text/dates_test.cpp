#include "text/dates.hpp"

#include <doctest/doctest.h>

using namespace dateline;

namespace {

std::string parsed(const std::string& text) {
    const auto day = parse_date(text);
    return day ? format_iso_day(*day) : "none";
}

} // namespace

TEST_CASE("common::parse_date") {
    struct Case {
        const char* input;
        const char* expected;
    };
    SUBCASE("ISO 8601 and RFC 3339, converted to the UTC day") {
        for (const auto& c : std::initializer_list<Case>{
                 {"2025-10-29", "2025-10-29"},
                 {"2025-10-29T10:00:00Z", "2025-10-29"},
                 {"2025-10-29T08:00:00+09:00", "2025-10-28"},
                 {"2025-10-29T23:30:00-05:00", "2025-10-30"},
                 {"2025-10-29 10:00", "2025-10-29"},
                 {"2025-10-29T10:00:00.123+0900", "2025-10-29"},
                 {"20251029", "2025-10-29"},
                 {"  2025-1-5 ", "2025-01-05"},
             }) {
            CHECK_MESSAGE(parsed(c.input) == c.expected, c.input);
        }
    }
    SUBCASE("RFC 2822 and named zones") {
        for (const auto& c : std::initializer_list<Case>{
                 {"Wed, 29 Oct 2025 10:00:00 +0900", "2025-10-29"},
                 {"Wed, 29 Oct 2025 01:00:00 +0900", "2025-10-28"},
                 {"29 Oct 2025 22:00 EST", "2025-10-30"},
                 {"Thu, 30 Oct 2025 08:30:00 GMT", "2025-10-30"},
                 {"1 Nov 2025 23:59:59 KST", "2025-11-01"},
                 {"Sat, 01 Nov 87 10:00:00 GMT", "1987-11-01"},
             }) {
            CHECK_MESSAGE(parsed(c.input) == c.expected, c.input);
        }
    }
    SUBCASE("wire forms") {
        for (const auto& c : std::initializer_list<Case>{
                 {"October 29, 2025", "2025-10-29"},
                 {"Oct. 29, 2025", "2025-10-29"},
                 {"Wednesday, October 29, 2025 10:30 PM EST", "2025-10-30"},
                 {"29 October 2025", "2025-10-29"},
                 {"2025/10/29", "2025-10-29"},
                 {"26-FEB-1987 15:01:11.79", "1987-02-26"},
                 {"Sept 3, 2025", "2025-09-03"},
                 {"27-MAR-1987 00:02:59.13RM", "1987-03-27"}, // Reuters-21578: desk codes glued to the time
                 {"27-MAR-1987 00:03:35.68F", "1987-03-27"},
                 {"27-MAR-1987 02:17:09.88T C", "1987-03-27"},
                 {"27-MAR-1987 08:45:34.42C G T M", "1987-03-27"},
             }) {
            CHECK_MESSAGE(parsed(c.input) == c.expected, c.input);
        }
    }
    SUBCASE("anything else is no date, never a wrong one") {
        for (const char* input : {"", "yesterday", "2025-02-30", "2025-13-01", "31 Foo 2025", "Oct 29",
                                  "12345", "2025-10-29T10:00 XYZT"}) {
            CHECK_MESSAGE(parsed(input) == "none", input);
        }
    }
}

TEST_CASE("common::parse_day_bound widens partial dates") {
    CHECK(format_iso_day(*parse_day_bound("2025-10", RangeEnd::start)) == "2025-10-01");
    CHECK(format_iso_day(*parse_day_bound("2025-10", RangeEnd::end)) == "2025-10-31");
    CHECK(format_iso_day(*parse_day_bound("2024-02", RangeEnd::end)) == "2024-02-29");
    CHECK(format_iso_day(*parse_day_bound("2025", RangeEnd::start)) == "2025-01-01");
    CHECK(format_iso_day(*parse_day_bound("2025", RangeEnd::end)) == "2025-12-31");
    CHECK(format_iso_day(*parse_day_bound("2025-10-29", RangeEnd::end)) == "2025-10-29");
    CHECK_FALSE(parse_day_bound("2025-13", RangeEnd::start));
    CHECK_FALSE(parse_day_bound("soon", RangeEnd::start));
}

TEST_CASE("common::compact day round trip") {
    const auto day = *parse_date("2025-11-01");
    CHECK(format_compact_day(day) == "20251101");
    CHECK(parse_compact_day("20251101") == day);
    CHECK_FALSE(parse_compact_day("20251131"));
    CHECK_FALSE(parse_compact_day("2025110"));
}
