#include "text/tokenizer.hpp"

#include "text/icu_support.hpp"
#include "util/strings.hpp"

#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace dateline {

namespace {

bool is_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

/// Closes a UText on scope exit.
struct UTextCloser {
    void operator()(UText* text) const { utext_close(text); }
};
using UTextPtr = std::unique_ptr<UText, UTextCloser>;

/// A UTF-8 text as the UTF-16 that ICU's break iterators walk fastest (over UTF-8 they convert it chunk by
/// chunk at every move: a third of their time), with the way back from UTF-16 indexes to byte offsets.
class Utf16Text {
public:
    explicit Utf16Text(std::string_view text) : m_size(text.size()) {
        const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
        const auto length = static_cast<int32_t>(text.size());
        m_units.reserve(text.size());
        m_ascii = is_ascii(text);
        if (m_ascii) {
            m_units.assign(text.begin(), text.end());
        } else {
            m_offsets.reserve(text.size() + 1);
            for (int32_t i = 0; i < length;) {
                const auto start = i;
                UChar32 c = 0;
                U8_NEXT(bytes, i, length, c);
                if (c < 0) {
                    c = 0xFFFD; // not reached with repaired text; keeps indexes in step if it is
                }
                const auto units = U16_LENGTH(c);
                for (int32_t u = 0; u < units; ++u) {
                    m_offsets.push_back(static_cast<std::uint32_t>(start));
                }
                if (units == 1) {
                    m_units.push_back(static_cast<char16_t>(c));
                } else {
                    m_units.push_back(static_cast<char16_t>(U16_LEAD(c)));
                    m_units.push_back(static_cast<char16_t>(U16_TRAIL(c)));
                }
            }
            m_offsets.push_back(static_cast<std::uint32_t>(text.size()));
        }
        UErrorCode status = U_ZERO_ERROR;
        m_text.reset(
            utext_openUChars(nullptr, m_units.data(), static_cast<int64_t>(m_units.size()), &status));
        check_icu(status, "utext_openUChars");
    }

    [[nodiscard]] UText* text() const { return m_text.get(); }

    /// The byte offset of a boundary ICU gave as a UTF-16 index.
    [[nodiscard]] std::size_t byte_offset(int32_t index) const {
        const auto at = static_cast<std::size_t>(index);
        if (m_ascii) {
            return at;
        }
        return at < m_offsets.size() ? m_offsets[at] : m_size;
    }

private:
    std::size_t m_size;
    bool m_ascii = true;
    std::u16string m_units;
    std::vector<std::uint32_t>
        m_offsets; ///< per UTF-16 unit, the byte offset of its code point; then the end
    UTextPtr m_text;
};

const icu::Normalizer2& nfkc_casefold() {
    UErrorCode status = U_ZERO_ERROR;
    const auto* instance = icu::Normalizer2::getNFKCCasefoldInstance(status);
    check_icu(status, "Normalizer2::getNFKCCasefoldInstance");
    return *instance;
}

const icu::Normalizer2& nfkc() {
    UErrorCode status = U_ZERO_ERROR;
    const auto* instance = icu::Normalizer2::getNFKCInstance(status);
    check_icu(status, "Normalizer2::getNFKCInstance");
    return *instance;
}

std::string normalize_with(const icu::Normalizer2& normalizer, std::string_view text) {
    const auto source =
        icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    UErrorCode status = U_ZERO_ERROR;
    const auto normalized = normalizer.normalize(source, status);
    check_icu(status, "Normalizer2::normalize");
    std::string out;
    normalized.toUTF8String(out);
    return out;
}

bool is_cjk_script(UChar32 c) {
    UErrorCode status = U_ZERO_ERROR;
    const auto script = uscript_getScript(c, &status);
    return script == USCRIPT_HAN || script == USCRIPT_HANGUL || script == USCRIPT_HIRAGANA ||
           script == USCRIPT_KATAKANA;
}

/// "u.s" -> "us": single letters separated by periods are an acronym.
void drop_acronym_periods(std::string& term) {
    if (term.size() < 3 || term.find('.') == std::string::npos) {
        return;
    }
    for (std::size_t i = 0; i < term.size(); ++i) {
        const bool letter_slot = i % 2 == 0;
        const bool ok = letter_slot ? std::isalpha(static_cast<unsigned char>(term[i])) != 0 : term[i] == '.';
        if (!ok) {
            return;
        }
    }
    std::erase(term, '.');
}

void drop_possessive(std::string& term) {
    if (term.size() > 2 && term.ends_with("'s")) {
        term.resize(term.size() - 2);
    } else if (term.size() > 1 && term.back() == '\'') {
        term.pop_back();
    }
}

} // namespace

std::string normalize_term(std::string_view word) {
    std::string term;
    if (is_ascii(word)) {
        term = util::ascii_lower(word);
    } else {
        term = normalize_with(nfkc_casefold(), word);
        // Curly and modifier apostrophes become the ASCII one (NFKC leaves them).
        for (const std::string_view curly : {"\u2019", "\u02BC", "\u2018"}) {
            for (auto at = term.find(curly); at != std::string::npos; at = term.find(curly, at)) {
                term.replace(at, curly.size(), "'");
            }
        }
    }
    drop_possessive(term);
    drop_acronym_periods(term);
    return term;
}

std::string normalize_query_text(std::string_view query) {
    std::string out;
    out.reserve(query.size());
    std::size_t i = 0;
    while (i < query.size()) {
        const auto start = i;
        if (static_cast<unsigned char>(query[i]) < 0x80) {
            while (i < query.size() && static_cast<unsigned char>(query[i]) < 0x80) {
                ++i;
            }
            out.append(query.substr(start, i - start));
        } else {
            while (i < query.size() && static_cast<unsigned char>(query[i]) >= 0x80) {
                ++i;
            }
            out += normalize_with(nfkc_casefold(), normalize_with(nfkc(), query.substr(start, i - start)));
        }
    }
    return out;
}

/// A sentence iterator that does not break after CLDR's English abbreviations ("Mr.") nor after the ones news
/// text is full of ("U.S.", "Gen.", "Sept."): a sentence-final "U.S." is much rarer than "U.S. President".
std::unique_ptr<icu::BreakIterator> create_sentence_iterator() {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
        icu::FilteredBreakIteratorBuilder::createInstance(icu::Locale::getEnglish(), status));
    check_icu(status, "FilteredBreakIteratorBuilder::createInstance");
    for (const char* abbreviation :
         {"Gov.", "Sen.", "Rep.", "Gen.",  "Lt.",   "Col.",  "Maj.",  "Sgt.",   "Adm.",  "Capt.", "Cmdr.",
          "Jan.", "Feb.", "Mar.", "Apr.",  "Aug.",  "Sep.",  "Sept.", "Oct.",   "Nov.",  "Dec.",  "No.",
          "St.",  "Jr.",  "Sr.",  "Dr.",   "Prof.", "Mr.",   "Mrs.",  "Ms.",    "Corp.", "Inc.",  "Co.",
          "Ltd.", "vs.",  "Rev.", "Sens.", "Reps.", "Govs.", "Gens.", "Messrs."}) {
        builder->suppressBreakAfter(icu::UnicodeString::fromUTF8(abbreviation), status);
        check_icu(status, "FilteredBreakIteratorBuilder::suppressBreakAfter");
    }
    std::unique_ptr<icu::BreakIterator> base(
        icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
    check_icu(status, "BreakIterator::createSentenceInstance");
    std::unique_ptr<icu::BreakIterator> filtered(builder->wrapIteratorWithFilter(base.release(), status));
    check_icu(status, "FilteredBreakIteratorBuilder::wrapIteratorWithFilter");
    return filtered;
}

/// True if the text before `boundary` ends with a dotted acronym ("U.S. ", "U.N. "), which ICU's filter
/// cannot suppress because of the inner period.
bool follows_dotted_acronym(std::string_view text, std::size_t boundary) {
    auto end = boundary;
    while (end > 0 && std::isspace(static_cast<unsigned char>(text[end - 1]))) {
        --end;
    }
    std::size_t letters = 0;
    while (end >= 2 && text[end - 1] == '.' && std::isupper(static_cast<unsigned char>(text[end - 2]))) {
        ++letters;
        end -= 2;
    }
    return letters >= 2 && (end == 0 || !std::isalnum(static_cast<unsigned char>(text[end - 1])));
}

/// True if the break before `boundary` is only a hard line wrap inside a sentence, as in wire copy wrapped at
/// 70 columns ("Foreign\nMinister"): one line break, no sentence-final mark before it, a word right after it.
/// ICU takes every line break for a paragraph's end.
bool is_line_wrap(std::string_view text, std::size_t boundary) {
    if (boundary < 2 || text[boundary - 1] != '\n' ||
        std::isspace(static_cast<unsigned char>(text[boundary]))) {
        return false;
    }
    auto end = boundary - 1;
    if (end > 0 && text[end - 1] == '\r') {
        --end;
    }
    if (end == 0 || text[end - 1] == '\n') {
        return false; // a blank line: a paragraph
    }
    const auto last = static_cast<unsigned char>(text[end - 1]);
    if (last >= 0x80) {
        // A letter of another script wraps; a mark such as "。" or "」" ends the sentence.
        auto at = static_cast<int32_t>(end);
        UChar32 c = 0;
        U8_PREV(reinterpret_cast<const uint8_t*>(text.data()), 0, at, c);
        if (c < 0 || !u_isalnum(c)) {
            return false;
        }
    } else if (!(std::isalnum(last) || last == ',' || last == '-')) {
        return false;
    }
    // A line in capitals is a headline of its own.
    const auto line_begin = text.rfind('\n', end - 1);
    const auto line = text.substr(line_begin == std::string_view::npos ? 0 : line_begin + 1,
                                  end - (line_begin == std::string_view::npos ? 0 : line_begin + 1));
    return std::any_of(line.begin(), line.end(),
                       [](char c) { return std::islower(static_cast<unsigned char>(c)); });
}

/// True if the text before `boundary` ends with a middle initial after a capitalised name ("Ivan F. "), which
/// ICU takes for a sentence's end.
bool follows_initial(std::string_view text, std::size_t boundary) {
    auto end = boundary;
    while (end > 0 && text[end - 1] == ' ') {
        --end;
    }
    if (end < 4 || text[end - 1] != '.' || !std::isupper(static_cast<unsigned char>(text[end - 2])) ||
        text[end - 3] != ' ') {
        return false;
    }
    auto word_end = end - 3;
    auto word_begin = word_end;
    while (word_begin > 0 && std::isalpha(static_cast<unsigned char>(text[word_begin - 1]))) {
        --word_begin;
    }
    return word_end - word_begin >= 2 && std::isupper(static_cast<unsigned char>(text[word_begin])) &&
           std::islower(static_cast<unsigned char>(text[word_end - 1])) && boundary < text.size() &&
           std::isupper(static_cast<unsigned char>(text[boundary]));
}

struct Tokenizer::Impl {
    std::unique_ptr<icu::BreakIterator> words;
    std::unique_ptr<icu::BreakIterator> sentences;

    Impl() {
        UErrorCode status = U_ZERO_ERROR;
        words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getEnglish(), status));
        check_icu(status, "BreakIterator::createWordInstance");
        sentences = create_sentence_iterator();
    }

    std::vector<std::size_t> sentence_starts(std::string_view text) {
        return sentence_starts(text, Utf16Text(text));
    }

    std::vector<std::size_t> sentence_starts(std::string_view text, const Utf16Text& utf16) {
        std::vector<std::size_t> starts;
        UErrorCode status = U_ZERO_ERROR;
        sentences->setText(utf16.text(), status);
        check_icu(status, "BreakIterator::setText");
        for (auto pos = sentences->first(); pos != icu::BreakIterator::DONE; pos = sentences->next()) {
            const auto boundary = utf16.byte_offset(pos);
            if (boundary > 0 && boundary < text.size() &&
                (follows_dotted_acronym(text, boundary) || is_line_wrap(text, boundary) ||
                 follows_initial(text, boundary))) {
                continue;
            }
            starts.push_back(boundary);
        }
        return starts;
    }
};

Tokenizer::Tokenizer() : m_impl(std::make_unique<Impl>()) {}
Tokenizer::~Tokenizer() = default;

std::vector<Token> Tokenizer::tokenize(std::string_view text) {
    std::vector<Token> tokens;
    if (text.empty()) {
        return tokens;
    }
    const Utf16Text utf16(text);
    const auto sentence_starts = m_impl->sentence_starts(text, utf16);
    UErrorCode status = U_ZERO_ERROR;
    auto& words = *m_impl->words;
    words.setText(utf16.text(), status);
    check_icu(status, "BreakIterator::setText");

    std::uint32_t sentence = 0;
    auto start = utf16.byte_offset(words.first());
    for (auto end_pos = words.next(); end_pos != icu::BreakIterator::DONE; end_pos = words.next()) {
        const auto end = utf16.byte_offset(end_pos);
        const auto rule = words.getRuleStatus();
        if (rule != UBRK_WORD_NONE) {
            while (sentence + 1 < sentence_starts.size() && sentence_starts[sentence + 1] <= start) {
                ++sentence;
            }
            const auto word = text.substr(start, end - start);
            UChar32 first;
            int32_t offset = 0;
            U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), offset, static_cast<int32_t>(word.size()),
                    first);
            TokenKind kind = TokenKind::word;
            if ((rule >= UBRK_WORD_KANA && rule < UBRK_WORD_IDEO_LIMIT) || is_cjk_script(first)) {
                kind = TokenKind::cjk;
            } else if (rule >= UBRK_WORD_NUMBER && rule < UBRK_WORD_NUMBER_LIMIT) {
                kind = TokenKind::number;
            }
            auto term = normalize_term(word);
            auto token_end = end;
            if (term.size() < word.size() && word.find('.') != std::string_view::npos && end < text.size() &&
                text[end] == '.' && term.find('.') == std::string::npos) {
                token_end = end + 1; // a dotted acronym's span keeps its last period: "U.S."
            }
            if (!term.empty()) {
                tokens.push_back(Token{{start, token_end}, std::move(term), sentence, kind, false});
            }
        } else if (end == start + 1 && text[start] == '-' && !tokens.empty() &&
                   tokens.back().span.end == start) {
            tokens.back().joined_to_next = true; // confirmed below once the next word starts right here
        } else if (!tokens.empty()) {
            tokens.back().joined_to_next = false;
        }
        start = end;
    }
    // A hyphen only joins two words if the next word starts right after it.
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].joined_to_next) {
            tokens[i].joined_to_next =
                i + 1 < tokens.size() && tokens[i + 1].span.begin == tokens[i].span.end + 1;
        }
    }
    return tokens;
}

std::vector<std::size_t> Tokenizer::sentence_starts(std::string_view text) {
    return m_impl->sentence_starts(text);
}

std::vector<Span> Tokenizer::sentences(std::string_view text) {
    std::vector<Span> spans;
    const auto starts = m_impl->sentence_starts(text);
    for (std::size_t i = 0; i + 1 < starts.size(); ++i) {
        auto begin = starts[i];
        auto end = starts[i + 1];
        while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) {
            ++begin;
        }
        while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) {
            --end;
        }
        if (begin < end) {
            spans.push_back({begin, end});
        }
    }
    return spans;
}

} // namespace dateline
