#include "text/utf8.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>

namespace dateline {

namespace {

bool is_replaced_control(UChar32 c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
}

/// True if each of the 8 bytes of `word` is printable ASCII (0x20-0x7E): nothing repair_utf8() could change.
bool all_printable_ascii(std::uint64_t word) {
    constexpr std::uint64_t k_ones = 0x0101010101010101, k_highs = 0x8080808080808080;
    const auto below_space =
        (word - 0x20 * k_ones) & ~word;             // a byte < 0x20 sets its high bit (exact for "any")
    const auto delete_xor = word ^ (0x7f * k_ones); // a byte 0x7F becomes 0
    const auto has_delete = (delete_xor - k_ones) & ~delete_xor;
    return ((word | below_space | has_delete) & k_highs) == 0;
}

} // namespace

bool is_valid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) {
            return false;
        }
    }
    return true;
}

std::size_t repair_utf8(std::string& text) {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    bool needs_change = false;
    for (int32_t i = 0; i < length && !needs_change;) {
        // Eight bytes at a time through printable ASCII, most of any text in a Latin script.
        std::uint64_t word;
        if (i + 8 <= length && (std::memcpy(&word, s + i, 8), all_printable_ascii(word))) {
            i += 8;
            continue;
        }
        UChar32 c;
        U8_NEXT(s, i, length, c);
        needs_change = c < 0 || is_replaced_control(c);
    }
    if (!needs_change) {
        return 0;
    }
    std::size_t repaired = 0;
    std::string out;
    out.reserve(text.size() + 16);
    for (int32_t i = 0; i < length;) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) {
            out += "\xEF\xBF\xBD";
            ++repaired;
        } else if (is_replaced_control(c)) {
            out += ' ';
        } else {
            out.append(text, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
        }
    }
    text = std::move(out);
    return repaired;
}

std::string collapse_whitespace(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    bool pending_space = false;
    const auto ascii_word_byte = [](uint8_t b) { return b < 0x80 && b != ' ' && (b < '\t' || b > '\r'); };
    for (int32_t i = 0; i < length;) {
        const int32_t start = i;
        if (ascii_word_byte(s[i])) {
            // A run of ASCII other than white space, most of news text, copied at once.
            while (i < length && ascii_word_byte(s[i])) {
                ++i;
            }
            if (pending_space) {
                out += ' ';
                pending_space = false;
            }
            out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
            continue;
        }
        UChar32 c;
        if (s[i] < 0x80) {
            c = s[i++]; // ASCII white space: tab to carriage return and the space
        } else {
            U8_NEXT(s, i, length, c);
        }
        if (c < 0x80 ? (c == ' ' || (c >= '\t' && c <= '\r')) : (c >= 0 && u_isUWhiteSpace(c))) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) {
            out += ' ';
            pending_space = false;
        }
        out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
    return out;
}

std::u32string code_points(std::string_view text) {
    std::u32string out;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        out.push_back(static_cast<char32_t>(c < 0 ? 0xFFFD : c));
    }
    return out;
}

std::vector<std::u32string> code_point_words(std::initializer_list<std::string_view> words) {
    std::vector<std::u32string> out;
    for (const auto word : words) {
        out.push_back(code_points(word));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return out;
}

} // namespace dateline
