#include "text/dates.hpp"

#include "util/strings.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <regex>

namespace dateline {

namespace {

using namespace std::chrono;

int to_int(const std::ssub_match& m) {
    int value = 0;
    std::from_chars(&*m.first, &*m.first + m.length(), value);
    return value;
}

std::optional<unsigned> month_from_name(std::string name) {
    static constexpr std::array<const char*, 12> k_months = {"jan", "feb", "mar", "apr", "may", "jun",
                                                             "jul", "aug", "sep", "oct", "nov", "dec"};
    if (name.size() < 3) {
        return std::nullopt;
    }
    name = util::ascii_lower(name);
    static const std::array<const char*, 12> k_full = {"january",   "february", "march",    "april",
                                                       "may",       "june",     "july",     "august",
                                                       "september", "october",  "november", "december"};
    for (unsigned i = 0; i < 12; ++i) {
        if (name == k_full[i] || name == k_months[i] || (name == "sept" && i == 8)) {
            return i + 1;
        }
    }
    return std::nullopt;
}

/// Offset of a zone from UTC in minutes, or nothing if the zone is not recognised.
std::optional<int> zone_offset_minutes(const std::string& zone) {
    if (zone.empty()) {
        return 0;
    }
    if (zone[0] == '+' || zone[0] == '-') {
        std::string digits;
        for (char c : zone.substr(1)) {
            if (std::isdigit(static_cast<unsigned char>(c))) {
                digits += c;
            }
        }
        if (digits.size() != 4 && digits.size() != 2) {
            return std::nullopt;
        }
        const int hours = std::stoi(digits.substr(0, 2));
        const int minutes = digits.size() == 4 ? std::stoi(digits.substr(2, 2)) : 0;
        const int offset = hours * 60 + minutes;
        return zone[0] == '-' ? -offset : offset;
    }
    struct Named {
        const char* name;
        int hours;
    };
    static constexpr std::array<Named, 19> k_zones = {{{"z", 0},
                                                       {"ut", 0},
                                                       {"utc", 0},
                                                       {"gmt", 0},
                                                       {"est", -5},
                                                       {"edt", -4},
                                                       {"cst", -6},
                                                       {"cdt", -5},
                                                       {"mst", -7},
                                                       {"mdt", -6},
                                                       {"pst", -8},
                                                       {"pdt", -7},
                                                       {"kst", 9},
                                                       {"jst", 9},
                                                       {"cet", 1},
                                                       {"cest", 2},
                                                       {"bst", 1},
                                                       {"hkt", 8},
                                                       {"sgt", 8}}};
    const auto lower = util::ascii_lower(zone);
    for (const auto& z : k_zones) {
        if (lower == z.name) {
            return z.hours * 60;
        }
    }
    return std::nullopt;
}

int expand_year(int year, std::size_t digits) {
    if (digits == 2) {
        return year >= 50 ? 1900 + year : 2000 + year;
    }
    return year;
}

/// Builds the UTC day from local date, time and zone; nothing if the date is impossible or the zone unknown.
std::optional<Day> make_day(int year, unsigned month, unsigned day, int hour, int minute,
                            const std::string& zone) {
    if (year < k_first_year || year > k_last_year) {
        return std::nullopt;
    }
    const year_month_day ymd{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
    if (!ymd.ok() || hour > 24 || minute > 59) {
        return std::nullopt;
    }
    const auto offset = zone_offset_minutes(zone);
    if (!offset) {
        return std::nullopt;
    }
    const auto local = sys_days{ymd} + hours{hour} + minutes{minute} - minutes{*offset};
    const auto utc = floor<days>(local);
    return in_supported_range(utc) ? std::optional(utc) : std::nullopt;
}

const std::string k_zone = R"((Z|UTC?|GMT|[A-Za-z]{3,4}|[+-]\d{2}:?\d{2}|[+-]\d{2})?)";

const std::regex& iso_pattern() {
    static const std::regex re(
        R"(^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*)" + k_zone +
        R"()?$)");
    return re;
}

const std::regex& compact_pattern() {
    static const std::regex re(R"(^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(?:(\d{2}))?)" + k_zone + R"()?$)");
    return re;
}

const std::regex& slash_pattern() {
    static const std::regex re(
        R"(^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$)");
    return re;
}

// Day first: RFC 2822, "29 October 2025", Reuters' "26-FEB-1987 15:01:11.79".
const std::regex& day_month_pattern() {
    static const std::regex re(
        R"(^(?:[A-Za-z]{3,9}\.?,?\s+)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{4}|\d{2}))"
        R"((?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*)" +
        k_zone + R"()?$)");
    return re;
}

// Month first: "October 29, 2025", "Wednesday, Oct. 29, 2025 10:30 AM EST".
const std::regex& month_day_pattern() {
    static const std::regex re(
        R"(^(?:[A-Za-z]{3,9}\.?,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))"
        R"((?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?\s*)" +
        k_zone + R"()?$)");
    return re;
}

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

int optional_int(const std::ssub_match& m) {
    return m.matched ? to_int(m) : 0;
}

} // namespace

bool in_supported_range(Day day) {
    const int year = static_cast<int>(year_month_day{day}.year());
    return year >= k_first_year && year <= k_last_year;
}

std::optional<Day> day_from_unix_seconds(double seconds) {
    // 0001-01-01 and 9999-12-31T23:59:59 as Unix seconds.
    constexpr double k_first = -62135596800.0, k_last = 253402300799.0;
    if (!std::isfinite(seconds) || seconds < k_first || seconds > k_last) {
        return std::nullopt;
    }
    return floor<days>(sys_seconds{std::chrono::seconds{static_cast<long long>(std::floor(seconds))}});
}

std::optional<Day> parse_date(std::string_view raw) {
    const std::string text = trim(raw);
    if (text.empty() || text.size() > 64) {
        return std::nullopt;
    }
    std::smatch m;
    if (std::regex_match(text, m, iso_pattern()) || std::regex_match(text, m, compact_pattern())) {
        return make_day(to_int(m[1]), static_cast<unsigned>(to_int(m[2])),
                        static_cast<unsigned>(to_int(m[3])), optional_int(m[4]), optional_int(m[5]),
                        m[7].str());
    }
    if (std::regex_match(text, m, slash_pattern())) {
        return make_day(to_int(m[1]), static_cast<unsigned>(to_int(m[2])),
                        static_cast<unsigned>(to_int(m[3])), optional_int(m[4]), optional_int(m[5]), "");
    }
    if (std::regex_match(text, m, day_month_pattern())) {
        const auto month = month_from_name(m[2].str());
        if (!month) {
            return std::nullopt;
        }
        return make_day(expand_year(to_int(m[3]), static_cast<std::size_t>(m[3].length())), *month,
                        static_cast<unsigned>(to_int(m[1])), optional_int(m[4]), optional_int(m[5]),
                        m[7].str());
    }
    if (std::regex_match(text, m, month_day_pattern())) {
        const auto month = month_from_name(m[1].str());
        if (!month) {
            return std::nullopt;
        }
        int hour = optional_int(m[4]);
        if (m[7].matched) {
            const bool pm = std::tolower(static_cast<unsigned char>(m[7].str()[0])) == 'p';
            hour = hour % 12 + (pm ? 12 : 0);
        }
        return make_day(to_int(m[3]), *month, static_cast<unsigned>(to_int(m[2])), hour, optional_int(m[5]),
                        m[8].str());
    }
    // Wire systems sometimes glue a desk code to the time ("27-MAR-1987 00:02:59.13RM"): drop one or two
    // letters stuck to a digit and try again (a real zone is separated by a space, or is Z, handled above).
    static const std::regex desk_code(R"(^(.*\d)[A-Za-z]{1,2}(?:\s+[A-Za-z]{1,2})*$)");
    if (std::regex_match(text, m, desk_code)) {
        return parse_date(m[1].str());
    }
    return std::nullopt;
}

std::optional<Day> parse_day_bound(std::string_view raw, RangeEnd end) {
    const std::string text = trim(raw);
    static const std::regex year_month(R"(^(\d{4})(?:-(\d{1,2}))?$)");
    std::smatch m;
    if (std::regex_match(text, m, year_month)) {
        const std::chrono::year y{to_int(m[1])};
        if (static_cast<int>(y) < k_first_year) {
            return std::nullopt;
        }
        if (!m[2].matched) {
            return end == RangeEnd::start ? Day{y / January / 1} : Day{y / December / 31};
        }
        const std::chrono::month mo{static_cast<unsigned>(to_int(m[2]))};
        if (!mo.ok()) {
            return std::nullopt;
        }
        return end == RangeEnd::start ? Day{y / mo / 1} : Day{y / mo / last};
    }
    return parse_date(text);
}

namespace {

std::string format_day(Day day, const char* pattern) {
    const year_month_day ymd{day};
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, pattern, static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buffer;
}

} // namespace

std::string format_iso_day(Day day) {
    return format_day(day, "%04d-%02u-%02u");
}

std::string format_compact_day(Day day) {
    return format_day(day, "%04d%02u%02u");
}

std::optional<Day> parse_compact_day(std::string_view text) {
    if (text.size() != 8) {
        return std::nullopt;
    }
    for (char c : text) {
        if (!std::isdigit(static_cast<unsigned char>(c))) {
            return std::nullopt;
        }
    }
    int y = 0;
    unsigned mo = 0, d = 0;
    std::from_chars(text.data(), text.data() + 4, y);
    std::from_chars(text.data() + 4, text.data() + 6, mo);
    std::from_chars(text.data() + 6, text.data() + 8, d);
    if (y < k_first_year) {
        return std::nullopt; // year 0 (found by fuzzing: "00001112")
    }
    const year_month_day ymd{std::chrono::year{y}, std::chrono::month{mo}, std::chrono::day{d}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return Day{ymd};
}

} // namespace dateline
