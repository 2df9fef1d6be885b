// Publication dates. Dateline keeps one date per article, normalised to a UTC calendar day; an article whose
// date cannot be read has none (it stays searchable but is left out of date filters rather than given a wrong
// date).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace dateline {

using Day = std::chrono::sys_days;

/// Parses the date forms news sources use and converts to the UTC day:
///  - ISO 8601 / RFC 3339: `2025-10-29`, `2025-10-29T10:00:00+09:00`, `2025-10-29 10:00Z`, `20251029`;
///  - RFC 2822 (RSS): `Wed, 29 Oct 2025 10:00:00 +0900`, also with named zones (GMT, EST, KST, ...);
///  - wire forms: `October 29, 2025`, `Oct. 29, 2025 10:30 AM EST`, `29 October 2025`, `2025/10/29`,
///    Reuters' `26-FEB-1987 15:01:11.79`.
/// Returns nothing for anything else, including an impossible calendar date (`2025-02-30`). A time without a
/// zone is taken as UTC.
[[nodiscard]] std::optional<Day> parse_date(std::string_view text);

/// Dates Dateline keeps: years 1 to 9999, what the stored YYYYMMDD form can hold. A date outside them is
/// treated as unreadable (the article is indexed undated, and the reader says so).
inline constexpr int k_first_year = 1;
inline constexpr int k_last_year = 9999;
[[nodiscard]] bool in_supported_range(Day day);

/// The day of a Unix time in seconds, or nothing if it is not finite or falls outside the supported years.
[[nodiscard]] std::optional<Day> day_from_unix_seconds(double seconds);

/// Which end of a range a partial date names: `--from 2025-10` means 2025-10-01, `--to 2025-10` means
/// 2025-10-31.
enum class RangeEnd { start, end };

/// Parses a day given on the command line or in a query: `YYYY-MM-DD`, `YYYYMMDD`, `YYYY-MM` or `YYYY` (a
/// partial date is widened to the start or end of its month or year), or any form `parse_date` reads.
[[nodiscard]] std::optional<Day> parse_day_bound(std::string_view text, RangeEnd end);

/// `2025-10-29`
[[nodiscard]] std::string format_iso_day(Day day);

/// `20251029`: the form stored in the date value slot; it sorts as the date does.
[[nodiscard]] std::string format_compact_day(Day day);

/// Inverse of format_compact_day; nothing if `text` is not eight digits naming a real day.
[[nodiscard]] std::optional<Day> parse_compact_day(std::string_view text);

} // namespace dateline
