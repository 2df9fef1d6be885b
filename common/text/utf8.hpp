// UTF-8 validation and repair. Every text that enters Dateline passes through here once, so the tokenizer and
// Xapian only ever see valid UTF-8.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

/// Replaces each ill-formed UTF-8 sequence in `text` with U+FFFD (ICU's maximal-subpart rule) and NUL and
/// other C0 control characters except tab and newline with a space. Returns how many ill-formed sequences
/// were replaced (control characters are not counted: they are legal UTF-8). Valid ASCII-only input is left
/// untouched in one pass.
std::size_t repair_utf8(std::string& text);

/// True if `text` is well-formed UTF-8.
[[nodiscard]] bool is_valid_utf8(std::string_view text);

/// Trims ASCII and Unicode white space from both ends and collapses every inner run of white space to one
/// space.
[[nodiscard]] std::string collapse_whitespace(std::string_view text);

/// The code points of `text` (valid UTF-8; an ill-formed sequence reads as U+FFFD).
[[nodiscard]] std::u32string code_points(std::string_view text);

/// Each of `words` as code points, the longest first (so that the first that fits is the longest).
[[nodiscard]] std::vector<std::u32string> code_point_words(std::initializer_list<std::string_view> words);

} // namespace dateline
