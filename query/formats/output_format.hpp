// Output formats shared by every query command, and CSV quoting (RFC 4180).
#pragma once

#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

enum class OutputFormat { table, json, csv };

/// Parses a --format value among `allowed`; throws UsageError listing them.
[[nodiscard]] OutputFormat parse_output_format(std::string_view name,
                                               std::initializer_list<OutputFormat> allowed);

[[nodiscard]] std::string_view output_format_name(OutputFormat format);

/// Writes one CSV record ending in "\n": fields are quoted where they contain a comma, a quote or a line
/// break.
void write_csv_row(std::ostream& out, const std::vector<std::string>& fields);

/// With --csv-safe, write_csv_row (on this thread) prefixes a cell that starts with =, +, -, @, tab or
/// carriage return with ' so that a spreadsheet shows it instead of running it (OWASP, CSV injection). Off by
/// default: researchers load CSV into pandas or R, where "-5" and "+82 2" are data.
void set_spreadsheet_safe_csv(bool on);

/// Pads or cuts `text` to `width` display columns (East Asian wide characters count two).
[[nodiscard]] std::string fit_columns(std::string_view text, std::size_t width);

} // namespace dateline
