// The Chinese name tagger: an averaged perceptron over characters, BILOU tags for PER, LOC and ORG, decoded
// with Viterbi (the English tagger's container, ner::Model, holds its weights under its own feature set).
//
// Chinese is written without spaces, so the tagger reads characters, not words. Each character's features:
//   - the characters at -2..+2, the bigrams (-2,-1) (-1,0) (0,+1) (+1,+2) (-1,+1) and the trigram (-1,0,+1);
//   - the character classes (Han, digit, Latin, punctuation, other) at -1, 0, +1;
//   - the knowledge base: the kind of a knowledge-base match covering the character and its position in it
//     (习近平 is a known person; 中国 inside 发展中国家 is a match the model learns to distrust);
//   - a common surname at 0 or -1; a title or role word (主席, 总统, 外长, 发言人 ...) right before or right
//     after; an organisation suffix (委员会, 公司, 大学 ...) or a place suffix (省, 市, 县 ...) ending here.
// Text is folded with NFKC first (full-width digits and Latin letters become ASCII) and Latin letters are
// lower-cased, so that text written either way gets the same features.
#pragma once

#include "entities/entity.hpp"
#include "entities/ner/ner_model.hpp"
#include "entities/ner/ner_types.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace dateline::zh {

/// The feature set a Chinese model is trained with; a model from another set is refused.
inline constexpr std::string_view k_feature_set = "dateline-zh-chars-1";

/// One character of a sentence, folded, with what the knowledge base says about it.
struct Char {
    char32_t code = 0;     ///< NFKC-folded, Latin lower-cased
    std::size_t begin = 0; ///< byte span of the character in the caller's text
    std::size_t end = 0;
    ner::KbKind kb = ner::KbKind::none;
    ner::Position kb_position = ner::Position::unit;
};

using CharSentence = std::vector<Char>;

/// The characters of `text` (valid UTF-8) from byte `begin` to `end`, folded, without knowledge-base marks.
[[nodiscard]] CharSentence characters(std::string_view text, std::size_t begin, std::size_t end);

/// Marks the characters the knowledge base's `mentions` cover (spans in the same text as the characters').
void mark_knowledge_base(CharSentence& sentence, const std::vector<Mention>& mentions);

/// True for a character of the Han script (the ones the tagger is for).
[[nodiscard]] bool is_han(char32_t c);

/// The feature keys of every character of `sentence`, `per_char` keys for each, in order (never 0).
[[nodiscard]] std::vector<std::uint32_t> character_features(const CharSentence& sentence);

/// Keys per character produced by character_features.
inline constexpr std::size_t k_features_per_char = 22;

/// The built-in Chinese model (common/model/ner-zh.dlner, trained by scripts/train-ner-zh), or null in a
/// build without one.
[[nodiscard]] const ner::Model* builtin_model();

/// Tags sentences with a Chinese model. Keeps scratch buffers: not thread-safe, use one per thread.
class ChineseTagger {
public:
    /// The model must outlive the tagger.
    explicit ChineseTagger(const ner::Model& model) : m_model(model) {}

    /// The names in `sentence` as character ranges [first, last), in order, not overlapping; PER, LOC, ORG.
    [[nodiscard]] std::vector<ner::NameSpan> tag(const CharSentence& sentence);

private:
    const ner::Model& m_model;
    std::vector<float> m_emissions;
};

} // namespace dateline::zh
