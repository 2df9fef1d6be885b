// Which parts of a text are Chinese or Korean: the tagger sends each to its language's tagger (zh/, ko/) and
// the rest to the English name model.
#pragma once

#include "text/tokenizer.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

namespace dateline {

/// A stretch of one sentence written in Chinese or Korean, read by that language's tagger.
struct CjkRange {
    std::size_t begin = 0, end = 0; ///< bytes
    bool korean = false;            ///< else Chinese
};

/// Han, Hangul and Latin letters in `text[begin, end)`.
struct ScriptCounts {
    std::size_t han = 0, hangul = 0, latin = 0;
};
[[nodiscard]] ScriptCounts count_scripts(std::string_view text, std::size_t begin, std::size_t end);

/// The parts of `text` the Chinese and Korean taggers read, in text order and apart: a sentence mostly in Han
/// or Hangul whole, and in a sentence mostly in Latin letters each run of Han or Hangul words (an English
/// story quoting 习近平). `tokens` are the text's.
[[nodiscard]] std::vector<CjkRange> cjk_ranges(std::string_view text, const std::vector<Token>& tokens);

/// The index of the token holding byte `at` (or the first starting after it). Requires tokens.
[[nodiscard]] std::size_t token_at(const std::vector<Token>& tokens, std::size_t at);

/// True if `text` has a Han or Hangul letter.
[[nodiscard]] bool has_cjk_letters(std::string_view text);

} // namespace dateline
