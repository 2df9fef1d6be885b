#include "entities/scripts.hpp"

#include "entities/ko/korean_tagger.hpp"
#include "entities/zh/chinese_tagger.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace dateline {

ScriptCounts count_scripts(std::string_view text, std::size_t begin, std::size_t end) {
    ScriptCounts counts;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    auto i = static_cast<int32_t>(begin);
    const auto length = static_cast<int32_t>(end);
    while (i < length) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) {
            continue;
        }
        if (zh::is_han(static_cast<char32_t>(c))) {
            ++counts.han;
        } else if (ko::is_hangul(static_cast<char32_t>(c))) {
            ++counts.hangul;
        } else if (c < 0x250 && u_isalpha(c)) {
            ++counts.latin;
        }
    }
    return counts;
}

/// The parts of `text` the Chinese and Korean taggers read: a sentence mostly in Han or Hangul whole, and
/// in a sentence mostly in Latin letters each run of Han or Hangul words (an English story quoting 习近平).
std::vector<CjkRange> cjk_ranges(std::string_view text, const std::vector<Token>& tokens) {
    std::vector<CjkRange> ranges;
    // Han and Hangul are three-byte UTF-8 sequences led by 0xE3..0xED: most English stories have none.
    if (std::none_of(text.begin(), text.end(), [](char c) {
            const auto b = static_cast<unsigned char>(c);
            return b >= 0xE3 && b <= 0xED;
        })) {
        return ranges;
    }
    const auto add = [&](std::size_t begin, std::size_t end) {
        const auto counts = count_scripts(text, begin, end);
        if (counts.han + counts.hangul < 2) {
            return;
        }
        ranges.push_back({begin, end, counts.hangul >= counts.han});
    };
    for (std::size_t first = 0; first < tokens.size();) {
        auto last = first;
        while (last + 1 < tokens.size() && tokens[last + 1].sentence == tokens[first].sentence) {
            ++last;
        }
        const auto begin = tokens[first].span.begin;
        const auto end = tokens[last].span.end;
        const auto counts = count_scripts(text, begin, end);
        if (counts.han + counts.hangul > counts.latin) {
            add(begin, end);
        } else if (counts.han + counts.hangul >= 2) {
            for (auto k = first; k <= last;) {
                if (tokens[k].kind != TokenKind::cjk) {
                    ++k;
                    continue;
                }
                auto run_end = k;
                while (run_end + 1 <= last && tokens[run_end + 1].kind == TokenKind::cjk) {
                    ++run_end;
                }
                add(tokens[k].span.begin, tokens[run_end].span.end);
                k = run_end + 1;
            }
        }
        first = last + 1;
    }
    return ranges;
}

/// The index of the token holding byte `at` (or the first starting after it).
std::size_t token_at(const std::vector<Token>& tokens, std::size_t at) {
    const auto after = std::upper_bound(tokens.begin(), tokens.end(), at,
                                        [](std::size_t byte, const Token& t) { return byte < t.span.begin; });
    if (after != tokens.begin() && std::prev(after)->span.end > at) {
        return static_cast<std::size_t>(std::prev(after) - tokens.begin());
    }
    return std::min(static_cast<std::size_t>(after - tokens.begin()), tokens.size() - 1);
}

bool has_cjk_letters(std::string_view text) {
    const auto counts = count_scripts(text, 0, text.size());
    return counts.han + counts.hangul > 0;
}

} // namespace dateline
