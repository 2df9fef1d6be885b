// Step 1 of tagging: the knowledge base's names, aliases, demonyms and capitals found in a text, longest
// match first and within a sentence.
//
// Latin, Cyrillic and other spaced scripts are matched word by word over one token trie, with case rules: an
// acronym alias ("US", "WHO") matches only in capitals (or in title case from four letters: "Apec"); a
// capitalised word of a name must be capitalised in the text ("fine china" is not China). Hyphen and spacing
// variants ("Wi Sung-lac", "Wi Sunglac"), diacritics and British spellings ("Organisation") are folded. Han,
// Hangul and Kana names are found inside longer runs of text (이재명은, 习近平主席), and CJK names of several
// words ("도널드 트럼프") across their spaces.
#pragma once

#include "entities/entity.hpp"
#include "entities/knowledge_base.hpp"
#include "entities/short_forms.hpp"
#include "text/tokenizer.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dateline {

/// Each token's term with diacritics removed and spelling folded (CJK terms as they are): what names are
/// matched on.
[[nodiscard]] std::vector<std::string> folded_terms(const std::vector<Token>& tokens);

/// Immutable once built; safe to share between threads. The knowledge base must outlive it.
class KnowledgeBaseMatcher {
public:
    explicit KnowledgeBaseMatcher(const KnowledgeBase& knowledge_base);

    /// Appends the matches in `text` (tokens and their folded_terms) to `mentions`, in text order. Marks the
    /// tokens a match claims in `claimed`, and in `absorbable` those of places and countries (which an
    /// organisation's name may take in: "U.S. Agriculture Department").
    void match(std::string_view text, const std::vector<Token>& tokens,
               const std::vector<std::string>& folded, std::vector<Mention>& mentions,
               std::vector<bool>& claimed, std::vector<bool>& absorbable) const;

    /// The knowledge base's short forms ("Xi", "Lee"), by their folded words joined by ' '.
    [[nodiscard]] const ShortForms& short_forms() const { return m_short_forms; }

private:
    enum class CaseRule : std::uint8_t {
        none,        ///< lower-case or non-Latin alias: any case
        acronym,     ///< "US", "WHO": capitals only (title case allowed from four letters: "Apec")
        capitalized, ///< each capitalised word of the alias must be capitalised in the text
    };
    struct Target {
        const Entity* entity;
        MentionHow how;
        CaseRule rule;
        std::uint32_t capital_mask; ///< bit k: the k-th word of the alias is capitalised
        std::size_t letters;        ///< letters in the alias (for the acronym title-case rule)
    };
    struct TrieNode {
        std::unordered_map<std::string, std::uint32_t> next;
        std::vector<Target> targets; ///< later (user) entries last: the last passing target wins
    };
    struct CjkAlias {
        std::string text; ///< NFKC case-folded
        Target target;
    };
    /// An alias's words and which of them are capitalised.
    using Words = std::pair<std::vector<std::string>, std::vector<bool>>;

    void add_alias(Tokenizer& tokenizer, const Entity& entity, std::string_view alias, MentionHow how);
    void add_cjk_alias(Tokenizer& tokenizer, std::string_view alias, const Target& target);
    void add_words(const Entity& entity, const Words& words, const Target& target);

    [[nodiscard]] bool case_ok(std::string_view text, const std::vector<Token>& tokens, std::size_t first,
                               std::size_t count, const Target& target) const;
    std::size_t match_at(const std::vector<Token>& tokens, const std::vector<std::string>& folded,
                         std::size_t first, std::string_view text, std::vector<Mention>& mentions) const;
    std::size_t match_cjk_words(std::string_view text, const std::vector<Token>& tokens, std::size_t i,
                                std::vector<Mention>& mentions) const;
    void match_cjk_run(std::string_view text, const std::vector<Token>& tokens, std::size_t first,
                       std::size_t last, std::vector<Mention>& mentions) const;

    std::vector<TrieNode> m_trie{1};
    std::unordered_map<std::string, std::vector<CjkAlias>> m_cjk; ///< by first code point, longest first
    /// CJK aliases of several words ("도널드 트럼프"): their words' terms, by the first word's term.
    std::unordered_map<std::string, std::vector<std::pair<std::vector<std::string>, Target>>> m_cjk_words;
    ShortForms m_short_forms;
};

} // namespace dateline
