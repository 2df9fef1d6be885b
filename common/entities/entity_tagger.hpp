// Finds the people, countries, organisations and places a text mentions and links each mention to one entity.
//
// Pipeline, in order (each step only looks at tokens no earlier step claimed):
//   1. knowledge-base names, aliases, demonyms and capitals, matched over ICU tokens with one token trie,
//   longest
//      match first, within a sentence. Case rules: an acronym alias ("US", "WHO") matches only in capitals
//      (or in title case from four letters: "Apec"); a capitalised name word must be capitalised in the text
//      ("fine china" is not China). Hyphen and spacing variants ("Wi Sung-lac", "Wi Sunglac") and diacritics
//      are folded. Han, Hangul and Kana names are found inside longer runs (이재명은, 习近平主席).
//   2. the statistical name tagger (ner_model.hpp), run on every sentence with the step-1 matches as
//      features, merged by the rules of name_merge.hpp: the knowledge base wins on identity, the model adds
//      the names the base lacks (canonical ids are slugs of the name, as for rules, so they link across
//      articles) and drops matches inside a longer name of another kind ("Chad Smith", "French Open").
//      MISC names are reported (TaggedText::other_names), not linked. A surname the model finds alone waits
//      for step 4 and becomes a person of its own only if no short form claims it.
//   3. names neither found, by rule (name_rules.hpp): people introduced by a title, a role or an age,
//      organisations by their form ("Sogang University", "Ministry of ...").
//   4. short forms ("Lee", "Xi", "Kim"): linked to the nearest earlier full mention of an entity with that
//      short form; several candidates -> the nearest, flagged ambiguous. With none earlier (a headline): to
//      the first later full mention, flagged ambiguous if several entities follow. With no full mention at
//      all: linked only if the short form is standalone in the knowledge base ("Xi", "Trump") or follows a
//      title and one known person has it ("President Lee"); else left unlinked, never guessed.
#pragma once

#include "entities/entity.hpp"
#include "entities/knowledge_base.hpp"
#include "entities/ner/ner_model.hpp"
#include "text/tokenizer.hpp"

#include <deque>
#include <memory>
#include <string_view>
#include <vector>

namespace dateline {

/// The mentions of one text. Entities discovered by rules are owned here; knowledge-base ones by the base.
struct TaggedText {
    std::vector<Mention> mentions; ///< in text order
    std::deque<Entity> discovered;
    /// MISC names the model found (events, nationalities, works): reported, not entities.
    std::vector<std::pair<Span, std::uint32_t>> other_names; ///< span and sentence, in text order
};

/// Not thread-safe (owns a tokenizer and caches); use one per thread. The knowledge base must outlive it.
class EntityTagger {
public:
    /// With a name-tagger model (null: knowledge base and rules only). Both must outlive the tagger.
    explicit EntityTagger(const KnowledgeBase& knowledge_base,
                          const ner::Model* model = ner::Model::builtin());
    ~EntityTagger();
    EntityTagger(const EntityTagger&) = delete;
    EntityTagger& operator=(const EntityTagger&) = delete;

    /// Tags `text` (valid UTF-8) given its tokens from Tokenizer::tokenize(text).
    [[nodiscard]] TaggedText tag(std::string_view text, const std::vector<Token>& tokens) const;

    /// Tags `text` with the name tagger reading `sentences`, words of `text` as CoNLL cuts them (for CoNLL
    /// files, whose words are given), instead of cutting them from `tokens`.
    [[nodiscard]] TaggedText tag(std::string_view text, const std::vector<Token>& tokens,
                                 std::vector<ner::Sentence> sentences) const;

    /// Step 1 alone: the knowledge base's matches in `text`, in text order (the name tagger's features).
    [[nodiscard]] std::vector<Mention> knowledge_base_mentions(std::string_view text,
                                                               const std::vector<Token>& tokens) const;

    /// Tokenizes and tags.
    [[nodiscard]] TaggedText tag(std::string_view text);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// A one-line dump for tests and debugging: "[PERSON Xi Jinping] met [PERSON Lee Jae-myung] in [PLACE
/// Gyeongju]", with the surface text inside the brackets and `=id` where the surface differs from the name.
[[nodiscard]] std::string annotate(std::string_view text, const TaggedText& tagged);

} // namespace dateline
