#include "entities/ner/ner_words.hpp"

#include "entities/knowledge_base.hpp"

#include <unicode/utf8.h>

#include <algorithm>

namespace dateline {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// Opening marks belong to the sentence after a sentence break, everything else to the one before.
bool opens(std::string_view mark) {
    return mark == "\"" || mark == "(" || mark == "[" || mark == "'" || mark == "\xE2\x80\x9C" ||
           mark == "\xE2\x80\x98";
}

/// The marks between two words, as words: each run of one character is one word; spaces separate.
std::vector<std::string_view> marks_in(std::string_view text, std::size_t begin, std::size_t end) {
    std::vector<std::string_view> marks;
    auto at = begin;
    while (at < end) {
        if (is_space(text[at])) {
            ++at;
            continue;
        }
        auto next = static_cast<int32_t>(at);
        UChar32 c = 0;
        U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), next, static_cast<int32_t>(end), c);
        if (c == 0xA0 || c == 0x2009 || c == 0x202F) { // no-break and thin spaces
            at = static_cast<std::size_t>(next);
            continue;
        }
        const auto width = static_cast<std::size_t>(next) - at;
        auto run_end = static_cast<std::size_t>(next);
        while (run_end + width <= end && text.substr(run_end, width) == text.substr(at, width)) {
            run_end += width;
        }
        marks.push_back(text.substr(at, run_end - at));
        at = run_end;
    }
    return marks;
}

/// True for numbers one colon or slash apart: "10:30", "3/4" are one word in CoNLL.
bool joined_numbers(std::string_view text, const Token& left, const Token& right) {
    return left.kind == TokenKind::number && right.kind == TokenKind::number &&
           right.span.begin == left.span.end + 1 &&
           (text[left.span.end] == ':' || text[left.span.end] == '/');
}

/// Length of a possessive ending ("'s", "’s") at the end of `word`, or 0.
std::size_t possessive_length(std::string_view word) {
    for (const std::string_view ending : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")}) {
        if (word.size() > ending.size() && word.ends_with(ending)) {
            return ending.size();
        }
    }
    return 0;
}

/// True for a word CoNLL writes with its period: a title ("Mr.", "Sen.") or an initial ("F."). Company
/// endings
/// ("Co.") keep theirs apart: at a sentence's end the period is the sentence's.
bool takes_period(std::string_view word) {
    static constexpr std::string_view k_abbreviations[] = {
        "Mr",  "Mrs", "Ms",   "Dr",   "Sen",  "Rep", "Gov", "Gen", "Lt",  "Col",    "Maj",
        "Sgt", "Adm", "Capt", "Cmdr", "Prof", "St",  "Jr",  "Sr",  "Rev", "Messrs", "Sens"};
    if (word.size() == 1) {
        return word[0] >= 'A' && word[0] <= 'Z';
    }
    return std::find(std::begin(k_abbreviations), std::end(k_abbreviations), word) !=
           std::end(k_abbreviations);
}

} // namespace

std::vector<ner::Sentence> name_tagger_sentences(std::string_view text, const std::vector<Token>& tokens) {
    std::vector<ner::Sentence> sentences;
    std::size_t previous_end = 0;
    std::uint32_t previous_sentence = 0;
    const auto add = [&](std::string_view word) { sentences.back().push_back({word}); };
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].kind == TokenKind::cjk) {
            continue;
        }
        auto last = i;
        while (last + 1 < tokens.size() && tokens[last + 1].sentence == tokens[i].sentence &&
               tokens[last + 1].kind != TokenKind::cjk &&
               (tokens[last].joined_to_next || joined_numbers(text, tokens[last], tokens[last + 1]))) {
            ++last;
        }
        const auto begin = tokens[i].span.begin;
        const auto end = tokens[last].span.end;
        const auto marks = marks_in(text, previous_end, begin);
        const bool new_sentence = sentences.empty() || tokens[i].sentence != previous_sentence;
        std::size_t m = 0;
        if (new_sentence) {
            // Marks before the break end the previous sentence; opening ones start the new one.
            auto opening = marks.size();
            while (opening > 0 && opens(marks[opening - 1])) {
                --opening;
            }
            for (; m < opening && !sentences.empty(); ++m) {
                add(marks[m]);
            }
            sentences.emplace_back();
        }
        for (; m < marks.size(); ++m) {
            add(marks[m]);
        }
        auto word = text.substr(begin, end - begin);
        auto word_end = end;
        if (end < text.size() && text[end] == '.' && takes_period(word)) {
            word = text.substr(begin, end + 1 - begin); // "Mr.", "F.": one word, as CoNLL writes them
            word_end = end + 1;
        }
        const auto possessive = possessive_length(word);
        add(word.substr(0, word.size() - possessive));
        if (possessive > 0) {
            add(word.substr(word.size() - possessive));
        }
        previous_end = word_end;
        previous_sentence = tokens[i].sentence;
        i = last;
    }
    if (!sentences.empty()) {
        // Marks after the last word: up to the end of its line (a final period), not the whole rest.
        auto line_end = text.find('\n', previous_end);
        line_end = line_end == std::string_view::npos ? text.size() : line_end;
        for (const auto mark : marks_in(text, previous_end, line_end)) {
            add(mark);
        }
    }
    return sentences;
}

void add_knowledge_base_hints(std::vector<ner::Sentence>& sentences, std::string_view text,
                              const std::vector<Mention>& mentions,
                              const std::unordered_set<std::string>& given_names) {
    std::vector<const Mention*> ordered;
    for (const auto& mention : mentions) {
        ordered.push_back(&mention);
    }
    std::sort(ordered.begin(), ordered.end(),
              [](const Mention* a, const Mention* b) { return a->span.begin < b->span.begin; });
    std::size_t next = 0;
    for (auto& sentence : sentences) {
        for (std::size_t w = 0; w < sentence.size(); ++w) {
            auto& word = sentence[w];
            const auto span = span_in(text, word);
            const auto first = static_cast<unsigned char>(word.text.empty() ? 0 : word.text[0]);
            if ((first >= 'A' && first <= 'Z') || first >= 0x80) {
                word.given_name = given_names.contains(fold_diacritics(normalize_term(word.text)));
            }
            while (next < ordered.size() && ordered[next]->span.end <= span.begin) {
                ++next;
            }
            if (next == ordered.size() || ordered[next]->span.begin > span.begin ||
                ordered[next]->span.end < span.end) {
                continue;
            }
            const auto& mention = *ordered[next];
            if (mention.how == MentionHow::demonym) {
                word.kb = ner::KbKind::demonym;
            } else {
                switch (mention.entity->type) {
                case EntityType::person:
                    word.kb = ner::KbKind::person;
                    break;
                case EntityType::country:
                    word.kb = ner::KbKind::country;
                    break;
                case EntityType::org:
                    word.kb = ner::KbKind::org;
                    break;
                case EntityType::place:
                    word.kb = ner::KbKind::place;
                    break;
                }
            }
            const bool starts = w == 0 || span_in(text, sentence[w - 1]).end <= mention.span.begin;
            const bool ends =
                w + 1 == sentence.size() || span_in(text, sentence[w + 1]).begin >= mention.span.end;
            word.kb_position = starts && ends ? ner::Position::unit
                               : starts       ? ner::Position::begin
                               : ends         ? ner::Position::last
                                              : ner::Position::inside;
        }
    }
}

} // namespace dateline
