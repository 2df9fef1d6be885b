// Calendar buckets for timelines and dynamic graphs: day, ISO week, month, year.
#pragma once

#include "text/dates.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace dateline {

enum class Granularity { day, week, month, year };

/// Parses --by; throws UsageError listing day, week, month, year.
[[nodiscard]] Granularity parse_granularity(std::string_view name);

/// The bucket label of a day: "2025-10-29", "2025-W44" (ISO 8601 week), "2025-10", "2025".
[[nodiscard]] std::string period_of(Day day, Granularity granularity);

/// Every bucket label from `first` to `last` inclusive, in order: what zero-filled timelines are laid over.
[[nodiscard]] std::vector<std::string> periods_between(Day first, Day last, Granularity granularity);

/// The first and last day of a bucket label made by period_of.
struct PeriodBounds {
    Day first;
    Day last;
};
[[nodiscard]] PeriodBounds period_bounds(std::string_view label, Granularity granularity);

} // namespace dateline
