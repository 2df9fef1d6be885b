// The statistical name tagger's vocabulary: the name types it finds, its BILOU tags, and the sentences it
// reads.
//
// A sentence is a list of words as CoNLL-2003 cuts them: punctuation marks are words of their own, hyphenated
// words are one word ("Jae-myung"), the possessive "'s" is a word. Words point into a text the caller keeps.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::ner {

/// CoNLL-2003's four name types. MISC (events, nationalities, works) is found but not indexed as an entity.
enum class NameType : std::uint8_t { per, loc, org, misc };
inline constexpr std::size_t k_name_type_count = 4;

/// "PER", "LOC", "ORG", "MISC"
[[nodiscard]] std::string_view name_type_label(NameType type);

/// Tags: 0 is O (outside); type t has B (begin) 1+4t, I (inside) 2+4t, L (last) 3+4t, U (unit) 4+4t.
using Tag = std::uint8_t;
inline constexpr std::size_t k_tag_count = 1 + 4 * k_name_type_count;
inline constexpr Tag k_outside = 0;

/// Where a tagged word stands in its name.
enum class Position : std::uint8_t { begin, inside, last, unit };

[[nodiscard]] constexpr Tag make_tag(NameType type, Position position) {
    return static_cast<Tag>(1 + 4 * static_cast<unsigned>(type) + static_cast<unsigned>(position));
}
[[nodiscard]] constexpr NameType tag_type(Tag tag) {
    return static_cast<NameType>((tag - 1) / 4);
}
[[nodiscard]] constexpr Position tag_position(Tag tag) {
    return static_cast<Position>((tag - 1) % 4);
}

/// Word::document_label, what the other occurrences of a word in its document were tagged as: nowhere else,
/// elsewhere but never inside a name, or the type they were most often named as and whether all of them were.
inline constexpr std::uint8_t k_label_unseen = 0;
inline constexpr std::uint8_t k_label_never_named = 1;
[[nodiscard]] constexpr std::uint8_t named_label(NameType type, bool unanimous) {
    return static_cast<std::uint8_t>(2 + 2 * static_cast<unsigned>(type) + (unanimous ? 1 : 0));
}
/// For a label made by named_label: the type, and whether every other occurrence agreed.
[[nodiscard]] constexpr NameType label_type(std::uint8_t label) {
    return static_cast<NameType>((label - 2) / 2);
}
[[nodiscard]] constexpr bool label_unanimous(std::uint8_t label) {
    return (label & 1) == 1;
}

/// True if BILOU allows `next` right after `previous` (k_outside stands for the sentence start).
[[nodiscard]] bool allowed_transition(Tag previous, Tag next);

/// What the knowledge base says about a word, a feature of the model: the kind of the match covering it.
enum class KbKind : std::uint8_t { none, person, country, org, place, demonym };

struct Word {
    std::string_view text;                 ///< the surface form, inside the caller's text
    KbKind kb = KbKind::none;              ///< the knowledge-base match covering the word, if any
    Position kb_position = Position::unit; ///< where the word stands in that match
    bool given_name = false;               ///< a known first name ("Phil")
    std::uint8_t document_case = 0; ///< DocumentCase: how the word is written elsewhere in its document
    std::uint8_t document_label =
        0;                      ///< what a first pass tagged the word as elsewhere (mark_document_labels)
    Tag first_pass = k_outside; ///< the first pass's tag for this very word (mark_document_labels)
};

/// How a word is written elsewhere in its document, away from sentence starts and all-capital headlines.
enum class DocumentCase : std::uint8_t { unseen, capitalized, lower, mixed };

using Sentence = std::vector<Word>;

/// A name: words [first, last) of a sentence.
struct NameSpan {
    std::size_t first = 0;
    std::size_t last = 0;
    NameType type = NameType::per;
    friend bool operator==(const NameSpan&, const NameSpan&) = default;
};

/// The names a tag sequence spells. Requires a valid BILOU sequence (as decoding produces).
[[nodiscard]] std::vector<NameSpan> spans_of(const std::vector<Tag>& tags);

/// BILOU tags for `length` words holding `spans` (non-overlapping).
[[nodiscard]] std::vector<Tag> tags_of(const std::vector<NameSpan>& spans, std::size_t length);

/// True if most letters of the sentence are capitals (a headline in capitals says nothing about case).
[[nodiscard]] bool is_shouted(const Sentence& sentence);

/// Fills Word::document_case for every word of one document.
void mark_document_case(std::vector<Sentence>& document);

/// Fills Word::document_label for every word of one document from a first pass's names (`names[s]` for
/// sentence s): the type the other occurrences of the word (in any case) were most often tagged with inside
/// a name, and whether they all agree. "Clinton" tagged PER in one sentence is evidence for "CLINTON" in the
/// headline; this is the two-pass, document-level feature of Krishnan and Manning (2006).
void mark_document_labels(std::vector<Sentence>& document, const std::vector<std::vector<NameSpan>>& names);

/// Entity-level counts, as conlleval scores: a name is right only if its words and type both match.
struct SpanScore {
    std::array<std::size_t, k_name_type_count> gold{};
    std::array<std::size_t, k_name_type_count> predicted{};
    std::array<std::size_t, k_name_type_count> correct{};

    void add(const std::vector<NameSpan>& gold_spans, const std::vector<NameSpan>& predicted_spans);
    /// F1 in percent over the given types (all four when empty).
    [[nodiscard]] double f1(std::vector<NameType> types = {}) const;
    [[nodiscard]] double precision(std::vector<NameType> types = {}) const;
    [[nodiscard]] double recall(std::vector<NameType> types = {}) const;
};

} // namespace dateline::ner
