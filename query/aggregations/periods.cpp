#include "aggregations/periods.hpp"

#include "util/errors.hpp"

#include <cstdio>

namespace dateline {

using namespace std::chrono;

namespace {

/// ISO 8601: weeks start on Monday; week 1 is the week with the year's first Thursday.
std::pair<int, unsigned> iso_week(Day day) {
    const weekday wd{day};
    const auto thursday = day + days{4 - static_cast<int>(wd.iso_encoding())};
    const year_month_day ymd{thursday};
    const Day january_first{ymd.year() / January / 1};
    return {static_cast<int>(ymd.year()), static_cast<unsigned>((thursday - january_first).count() / 7 + 1)};
}

} // namespace

Granularity parse_granularity(std::string_view name) {
    if (name == "day") {
        return Granularity::day;
    }
    if (name == "week") {
        return Granularity::week;
    }
    if (name == "month") {
        return Granularity::month;
    }
    if (name == "year") {
        return Granularity::year;
    }
    throw UsageError("unknown --by \"" + std::string(name) + "\"; use day, week, month or year");
}

std::string period_of(Day day, Granularity granularity) {
    const year_month_day ymd{day};
    char buffer[16];
    switch (granularity) {
    case Granularity::day:
        return format_iso_day(day);
    case Granularity::week: {
        const auto [year, week] = iso_week(day);
        std::snprintf(buffer, sizeof buffer, "%04d-W%02u", year, week);
        return buffer;
    }
    case Granularity::month:
        std::snprintf(buffer, sizeof buffer, "%04d-%02u", static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()));
        return buffer;
    case Granularity::year:
        std::snprintf(buffer, sizeof buffer, "%04d", static_cast<int>(ymd.year()));
        return buffer;
    }
    return {};
}

std::vector<std::string> periods_between(Day first, Day last, Granularity granularity) {
    std::vector<std::string> out;
    for (auto day = first; day <= last; day += days{1}) {
        auto label = period_of(day, granularity);
        if (out.empty() || out.back() != label) {
            out.push_back(std::move(label));
        }
    }
    return out;
}

PeriodBounds period_bounds(std::string_view label, Granularity granularity) {
    const std::string text(label);
    switch (granularity) {
    case Granularity::day: {
        const auto day = parse_day_bound(text, RangeEnd::start);
        return {*day, *day};
    }
    case Granularity::week: {
        int year = 0;
        unsigned week = 0;
        std::sscanf(text.c_str(), "%d-W%u", &year, &week);
        // The Monday of ISO week 1 is the Monday on or before January 4th.
        const Day january_fourth{std::chrono::year{year} / January / 4};
        const auto monday =
            january_fourth - days{static_cast<int>(weekday{january_fourth}.iso_encoding()) - 1};
        const auto first = monday + days{7 * (static_cast<int>(week) - 1)};
        return {first, first + days{6}};
    }
    case Granularity::month:
    case Granularity::year:
        return {*parse_day_bound(text, RangeEnd::start), *parse_day_bound(text, RangeEnd::end)};
    }
    return {};
}

} // namespace dateline
