// ASCII case and checked number parsing: the string helpers both programs share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dateline::util {

/// `c` in lower case if it is an ASCII capital; any other byte (UTF-8 included) as it is.
[[nodiscard]] constexpr char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// `text` with its ASCII capitals in lower case; other bytes, UTF-8 included, unchanged (same length).
[[nodiscard]] std::string ascii_lower(std::string_view text);

/// The unsigned decimal number `text` spells, digits only (no sign, space or other character), or nothing if
/// it is empty, has another character, or exceeds `max`.
[[nodiscard]] std::optional<std::uint64_t> parse_unsigned(std::string_view text,
                                                          std::uint64_t max = UINT64_MAX);

/// `text` fit for any output - a terminal, XML, DOT, CSV: control characters (C0 including NUL, DEL, and C1
/// U+0080-U+009F) are removed, except tab, line feed and carriage return, which become spaces. Names pass
/// through this before they are stored or written; valid UTF-8 in, valid UTF-8 out.
[[nodiscard]] std::string without_controls(std::string_view text);

} // namespace dateline::util
