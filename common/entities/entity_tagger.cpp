#include "entities/entity_tagger.hpp"

#include "entities/ko/korean_tagger.hpp"
#include "entities/mention_links.hpp"
#include "entities/mention_spans.hpp"
#include "entities/name_merge.hpp"
#include "entities/name_rules.hpp"
#include "entities/ner/ner_words.hpp"
#include "entities/scripts.hpp"
#include "entities/zh/chinese_tagger.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>

namespace dateline {

/// Where each person is fully named in a text: byte positions, sorted.
using FullMentions = std::unordered_map<const Entity*, std::vector<std::size_t>>;

namespace {

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

struct ShortOwner {
    const Entity* entity;
    bool standalone;
};

/// British spellings folded to American ones, so that "World Trade Organisation" is the WTO's "World Trade
/// Organization" and "Ministry of Defence" meets "Defense".
std::string fold_spelling(std::string word) {
    static constexpr std::pair<std::string_view, std::string_view> k_endings[] = {{"isation", "ization"},
                                                                                  {"isations", "izations"}};
    static constexpr std::pair<std::string_view, std::string_view> k_words[] = {
        {"organisation", "organization"},
        {"organisations", "organizations"},
        {"programme", "program"},
        {"defence", "defense"},
        {"centre", "center"},
        {"labour", "labor"},
        {"harbour", "harbor"},
        {"theatre", "theater"}};
    for (const auto& [from, to] : k_words) {
        if (word == from) {
            return std::string(to);
        }
    }
    for (const auto& [from, to] : k_endings) {
        if (from.size() > 4 && word.size() > from.size() + 3 && word.ends_with(from)) {
            return word.substr(0, word.size() - from.size()) + std::string(to);
        }
    }
    return word;
}

/// Each token's term with diacritics removed and spelling folded (CJK terms as they are): what names are
/// matched on.
std::vector<std::string> folded_terms(const std::vector<Token>& tokens) {
    std::vector<std::string> folded;
    folded.reserve(tokens.size());
    for (const auto& token : tokens) {
        folded.push_back(token.kind == TokenKind::cjk ? token.term
                                                      : fold_spelling(fold_diacritics(token.term)));
    }
    return folded;
}

std::string_view surface_of(std::string_view text, const Span& span) {
    return text.substr(span.begin, span.end - span.begin);
}

/// Letters in `text`, and whether all of them are upper case / the first is upper and the rest lower.
struct LetterCase {
    std::size_t letters = 0;
    bool all_upper = true;
    bool title = true;
};

LetterCase letter_case(std::string_view text) {
    LetterCase result;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0 || !u_isalpha(c)) {
            continue;
        }
        const bool upper = u_isupper(c) || u_istitle(c);
        result.all_upper = result.all_upper && upper;
        result.title = result.title && (result.letters == 0 ? upper : !upper);
        ++result.letters;
    }
    return result;
}

bool is_acronym(std::string_view alias) {
    if (alias.find(' ') != std::string_view::npos || alias.size() > 10) {
        return false;
    }
    const auto lc = letter_case(alias);
    return lc.letters >= 2 && lc.all_upper;
}

/// Adds "s" to demonyms that take it ("Americans", "South Koreans"; not "Chinese", "French").
std::vector<std::string> with_plurals(const std::vector<std::string>& demonyms) {
    std::vector<std::string> out = demonyms;
    for (const auto& demonym : demonyms) {
        if (!demonym.ends_with("s") && !demonym.ends_with("sh") && !demonym.ends_with("ch") &&
            !demonym.ends_with("ese") && !demonym.ends_with("ss")) {
            out.push_back(demonym + "s");
        }
    }
    return out;
}

bool is_cjk_text(std::string_view text) {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        UErrorCode status = U_ZERO_ERROR;
        const auto script = uscript_getScript(c, &status);
        if (script == USCRIPT_HAN || script == USCRIPT_HANGUL || script == USCRIPT_HIRAGANA ||
            script == USCRIPT_KATAKANA) {
            return true;
        }
    }
    return false;
}

/// Adds mentions of names the knowledge base lacks (model and rule names), giving each a canonical id and
/// one entity per id in the text, and remembers people's surnames for the short-form step.
class NewNames {
public:
    NewNames(const KnowledgeBase& kb, std::string_view text, const std::vector<Token>& tokens,
             const std::vector<std::string>& folded, TaggedText& out)
        : m_kb(kb), m_text(text), m_tokens(tokens), m_folded(folded), m_out(out) {}

    /// `span` covers tokens [first, last]. Without a name or id, they come from the span's words.
    void add(Span span, std::size_t first, std::size_t last, EntityType type, MentionHow how,
             std::string name = {}, std::string id = {}) {
        if (id.empty()) {
            std::vector<std::string> words(m_folded.begin() + static_cast<std::ptrdiff_t>(first),
                                           m_folded.begin() + static_cast<std::ptrdiff_t>(last) + 1);
            std::vector<bool> joined;
            for (auto k = first; k <= last; ++k) {
                joined.push_back(m_tokens[k].joined_to_next);
            }
            id = rule_entity_id(type, words, joined);
            name = std::string(m_text.substr(span.begin, span.end - span.begin));
        }
        const Entity* entity = m_kb.find_id(type, id);
        if (entity == nullptr) {
            auto& slot = m_by_id[std::string(entity_type_name(type)) + ":" + id];
            if (slot == nullptr) {
                Entity discovered;
                discovered.id = id;
                discovered.type = type;
                discovered.name = std::move(name);
                m_out.discovered.push_back(std::move(discovered));
                slot = &m_out.discovered.back();
            }
            entity = slot;
        }
        m_out.mentions.push_back({span, m_tokens[first].sentence, entity, how, false});
        if (type == EntityType::person && last > first) {
            // East Asian names put the surname first ("Kim" for Kim Hye-kyung), others last.
            const auto surname = is_east_asian_surname(m_folded[first]) ? first : last;
            auto& owners = m_article_short[m_folded[surname]];
            if (std::none_of(owners.begin(), owners.end(),
                             [&](const auto& o) { return o.entity == entity; })) {
                owners.push_back({entity, false});
            }
        }
    }

    [[nodiscard]] const std::unordered_map<std::string, std::vector<ShortOwner>>& article_short() const {
        return m_article_short;
    }

private:
    const KnowledgeBase& m_kb;
    std::string_view m_text;
    const std::vector<Token>& m_tokens;
    const std::vector<std::string>& m_folded;
    TaggedText& m_out;
    std::unordered_map<std::string, const Entity*> m_by_id;
    std::unordered_map<std::string, std::vector<ShortOwner>> m_article_short;
};

/// A news agency named as the story's credit is not a mention of it: the sign-off alone on the last line
/// ("Reuter", "-- AP") and the dateline's credit ("SEOUL (Yonhap) -"). Reuters-21578 ends 18,848 of its
/// 20,841 stories with "Reuter", which the name model took for a person.
bool is_credit_line(std::string_view text, Span span) {
    const auto decoration = [](char c) {
        return std::isspace(static_cast<unsigned char>(c)) || std::ispunct(static_cast<unsigned char>(c));
    };
    auto line_start = text.rfind('\n', span.begin == 0 ? 0 : span.begin - 1);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    const auto before = text.substr(line_start, span.begin - line_start);
    const auto after = text.substr(span.end);
    const bool set_apart = std::all_of(before.begin(), before.end(), decoration) || before.ends_with("  ") ||
                           before.ends_with('\t'); // alone on its line, or spaced off the last line's text
    if (set_apart && std::all_of(after.begin(), after.end(), decoration)) {
        return true; // the sign-off
    }
    // "SEOUL (Yonhap) -" or "TOKYO, Nov 3 (Reuters) -": capitals and a date before, a dash after.
    if (before.empty() || before.back() != '(' || !after.starts_with(")")) {
        return false;
    }
    const auto place = before.substr(0, before.size() - 1);
    const auto first_word = place.substr(0, place.find_first_of(" ,"));
    const bool capitals_first =
        !first_word.empty() && std::isupper(static_cast<unsigned char>(first_word.front())) &&
        std::none_of(first_word.begin(), first_word.end(),
                     [](char c) { return std::islower(static_cast<unsigned char>(c)); });
    const auto rest = after.substr(1, 4);
    return capitals_first && place.size() <= 40 &&
           (rest.starts_with(" -") || rest.starts_with(" \xe2\x80\x94") || rest.starts_with(" \xe2\x80\x93"));
}

EntityType entity_type_for(ner::NameType type, const Entity* entity) {
    if (entity != nullptr) {
        return entity->type;
    }
    switch (type) {
    case ner::NameType::per:
        return EntityType::person;
    case ner::NameType::org:
        return EntityType::org;
    default:
        return EntityType::place;
    }
}

} // namespace

struct EntityTagger::Impl {
    const KnowledgeBase& kb;
    Tokenizer tokenizer;
    std::vector<TrieNode> trie{1};
    std::unordered_map<std::string, std::vector<CjkAlias>> cjk; ///< by first code point, longest first
    /// CJK aliases of several words ("도널드 트럼프"): their words' terms, by the first word's term.
    std::unordered_map<std::string, std::vector<std::pair<std::vector<std::string>, Target>>> cjk_words;
    std::unordered_map<std::string, std::vector<ShortOwner>> short_forms; ///< folded words joined by ' '
    const ner::Model* model;
    mutable std::optional<ner::NameTagger> names; ///< the statistical tagger; scratch buffers, hence mutable
    /// The Chinese tagger, made when the first Han sentence comes (its model is 10 MB in memory).
    mutable std::optional<zh::ChineseTagger> chinese;

    Impl(const KnowledgeBase& knowledge_base, const ner::Model* name_model)
        : kb(knowledge_base), model(name_model) {
        if (model != nullptr) {
            names.emplace(*model);
        }

        for (const auto& entity : kb.entities()) {
            add_alias(entity, entity.name, MentionHow::name);
            for (const auto& alias : entity.aliases) {
                add_alias(entity, alias, MentionHow::alias);
            }
            for (const auto& demonym : with_plurals(entity.demonyms)) {
                add_alias(entity, demonym, MentionHow::demonym);
            }
            for (const auto& capital : entity.capitals) {
                add_alias(entity, capital, MentionHow::capital);
            }
            for (const auto& short_form : entity.short_forms) {
                short_forms[short_key(short_form.text)].push_back({&entity, short_form.standalone});
            }
        }
        for (auto& [first, aliases] : cjk) {
            std::stable_sort(aliases.begin(), aliases.end(),
                             [](const auto& a, const auto& b) { return a.text.size() > b.text.size(); });
        }
    }

    std::string short_key(std::string_view text) {
        std::string key;
        for (const auto& token : tokenizer.tokenize(text)) {
            key += key.empty() ? "" : " ";
            key += fold_diacritics(token.term);
        }
        return key;
    }

    void add_alias(const Entity& entity, std::string_view alias, MentionHow how) {
        if (alias.empty()) {
            return;
        }
        const auto lc = letter_case(alias);
        Target target{&entity, how, CaseRule::capitalized, 0, lc.letters};
        if (is_cjk_text(alias)) {
            target.rule = CaseRule::none;
            std::string folded;
            std::vector<std::string> words;
            for (const auto& token : tokenizer.tokenize(alias)) {
                folded += token.term;
                words.push_back(token.term);
            }
            if (folded.empty()) {
                return;
            }
            if (alias.find(' ') != std::string_view::npos && words.size() > 1) {
                cjk_words[words.front()].emplace_back(words, target);
            }
            int32_t offset = 0;
            UChar32 c;
            U8_NEXT(reinterpret_cast<const uint8_t*>(folded.data()), offset,
                    static_cast<int32_t>(folded.size()), c);
            cjk[folded.substr(0, static_cast<std::size_t>(offset))].push_back({folded, target});
            return;
        }
        const auto tokens = tokenizer.tokenize(alias);
        if (tokens.empty() || tokens.size() > 32) {
            return;
        }
        if (is_acronym(alias)) {
            target.rule = CaseRule::acronym;
        }
        std::vector<std::string> words;
        std::vector<bool> capitalised;
        for (const auto& token : tokens) {
            words.push_back(fold_spelling(fold_diacritics(token.term)));
            capitalised.push_back(starts_upper(alias, token));
        }
        if (std::none_of(capitalised.begin(), capitalised.end(), [](bool b) { return b; }) &&
            target.rule != CaseRule::acronym) {
            target.rule = CaseRule::none;
        }
        // Every hyphenated pair also as one word: "Sung-lac" matches "Sunglac" and "Sung Lac".
        std::vector<std::pair<std::vector<std::string>, std::vector<bool>>> variants{{words, capitalised}};
        for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
            if (!tokens[i].joined_to_next) {
                continue;
            }
            const auto count = variants.size();
            for (std::size_t v = 0; v < count && variants.size() < 16; ++v) {
                auto [w, c] = variants[v];
                // Find where token i sits in this variant (earlier joins shift it left).
                const auto shift = words.size() - w.size();
                const auto at = i - shift;
                if (at + 1 >= w.size() || w[at] != words[i]) {
                    continue;
                }
                w[at] += w[at + 1];
                w.erase(w.begin() + static_cast<std::ptrdiff_t>(at) + 1);
                c.erase(c.begin() + static_cast<std::ptrdiff_t>(at) + 1);
                variants.emplace_back(std::move(w), std::move(c));
            }
        }
        for (const auto& [variant_words, variant_caps] : variants) {
            std::uint32_t node = 0;
            for (const auto& word : variant_words) {
                const auto found = trie[node].next.find(word);
                if (found == trie[node].next.end()) {
                    trie.emplace_back();
                    const auto child = static_cast<std::uint32_t>(trie.size() - 1);
                    trie[node].next.emplace(word, child);
                    node = child;
                } else {
                    node = found->second;
                }
            }
            Target variant_target = target;
            for (std::size_t k = 0; k < variant_caps.size() && k < 32; ++k) {
                variant_target.capital_mask |= variant_caps[k] ? (1u << k) : 0u;
            }
            auto& targets = trie[node].targets;
            const auto same = std::find_if(targets.begin(), targets.end(),
                                           [&](const Target& t) { return t.entity == &entity; });
            if (same == targets.end()) {
                targets.push_back(variant_target);
            } else if (how < same->how) {
                *same = variant_target; // the canonical name beats an alias for the same entity
            }
        }
    }

    bool case_ok(std::string_view text, const std::vector<Token>& tokens, std::size_t first,
                 std::size_t count, const Target& target) const {
        switch (target.rule) {
        case CaseRule::none:
            return true;
        case CaseRule::acronym: {
            const auto lc = letter_case(text.substr(
                tokens[first].span.begin, tokens[first + count - 1].span.end - tokens[first].span.begin));
            return lc.all_upper || (target.letters >= 4 && lc.title);
        }
        case CaseRule::capitalized:
            for (std::size_t k = 0; k < count && k < 32; ++k) {
                // The second half of a hyphenated name is written either way: "Kim Jong-un", "Kim Jong Un".
                const bool continues_hyphen = k > 0 && tokens[first + k - 1].joined_to_next;
                if ((target.capital_mask & (1u << k)) && !continues_hyphen &&
                    !starts_upper(text, tokens[first + k])) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /// Step 1: knowledge-base names over the token trie. Returns the index of the token after the match, or
    /// `first` if nothing matched.
    std::size_t match_at(std::string_view text, const std::vector<Token>& tokens,
                         const std::vector<std::string>& folded, std::size_t first, TaggedText& out) const {
        std::uint32_t node = 0;
        std::size_t best_end = first;
        const Target* best = nullptr;
        for (std::size_t j = first; j < tokens.size(); ++j) {
            if (tokens[j].sentence != tokens[first].sentence || tokens[j].kind == TokenKind::cjk) {
                break;
            }
            const auto found = trie[node].next.find(folded[j]);
            if (found == trie[node].next.end()) {
                break;
            }
            node = found->second;
            const auto& targets = trie[node].targets;
            for (auto it = targets.rbegin(); it != targets.rend(); ++it) {
                if (case_ok(text, tokens, first, j - first + 1, *it)) {
                    best = &*it;
                    best_end = j + 1;
                    break;
                }
            }
        }
        if (best != nullptr) {
            // An alias may need its article to match ("the Fed"); the mention, like a name, leaves it out.
            const auto begin = folded[first] == "the" && best_end - first > 1 ? first + 1 : first;
            out.mentions.push_back({{tokens[begin].span.begin, tokens[best_end - 1].span.end},
                                    tokens[first].sentence,
                                    best->entity,
                                    best->how,
                                    false});
        }
        return best_end;
    }

    /// A CJK alias of several words separated by white space ("도널드 트럼프") starting at token `i`: the
    /// token after the match, or `i` if none matches.
    std::size_t match_cjk_words(std::string_view text, const std::vector<Token>& tokens, std::size_t i,
                                TaggedText& out) const {
        const auto found = cjk_words.find(tokens[i].term);
        if (found == cjk_words.end()) {
            return i;
        }
        for (const auto& [words, target] : found->second) {
            const auto end = i + words.size();
            bool match = end <= tokens.size();
            for (auto k = i; match && k < end; ++k) {
                const bool spaced =
                    k == i || std::all_of(text.begin() + static_cast<std::ptrdiff_t>(tokens[k - 1].span.end),
                                          text.begin() + static_cast<std::ptrdiff_t>(tokens[k].span.begin),
                                          [](char c) { return c == ' '; });
                match = spaced && tokens[k].term == words[k - i] &&
                        tokens[k].sentence == tokens[i].sentence &&
                        tokens[k].span.begin > (k == i ? 0 : tokens[k - 1].span.end - 1);
            }
            if (match) {
                out.mentions.push_back({{tokens[i].span.begin, tokens[end - 1].span.end},
                                        tokens[i].sentence,
                                        target.entity,
                                        target.how,
                                        false});
                return end;
            }
        }
        return i;
    }

    /// Han, Hangul and Kana: find aliases inside each run of adjacent CJK tokens, longest first.
    void match_cjk_run(std::string_view text, const std::vector<Token>& tokens, std::size_t first,
                       std::size_t last, TaggedText& out) const {
        // Work on the normalised terms, remembering where each byte of them came from in the text.
        std::string run;
        std::vector<std::pair<std::size_t, std::size_t>> origin; // per byte of `run`: token index, and offset
        for (std::size_t t = first; t <= last; ++t) {
            for (std::size_t b = 0; b < tokens[t].term.size(); ++b) {
                origin.emplace_back(t, b);
            }
            run += tokens[t].term;
        }
        std::size_t i = 0;
        while (i < run.size()) {
            int32_t offset = static_cast<int32_t>(i);
            UChar32 c;
            U8_NEXT(reinterpret_cast<const uint8_t*>(run.data()), offset, static_cast<int32_t>(run.size()),
                    c);
            const auto width = static_cast<std::size_t>(offset) - i;
            const auto candidates = cjk.find(run.substr(i, width));
            bool matched = false;
            if (candidates != cjk.end()) {
                for (const auto& alias : candidates->second) {
                    if (run.compare(i, alias.text.size(), alias.text) != 0) {
                        continue;
                    }
                    // Map back to the text: whole tokens where the match covers them, else the token's span
                    // (CJK terms are the text itself after NFKC, so byte offsets agree for the usual
                    // scripts).
                    const auto& [first_token, first_offset] = origin[i];
                    const auto& [last_token, last_offset] = origin[i + alias.text.size() - 1];
                    auto begin = tokens[first_token].span.begin + first_offset;
                    auto end = tokens[last_token].span.begin + last_offset + 1;
                    if (surface_of(text, tokens[first_token].span) != tokens[first_token].term ||
                        surface_of(text, tokens[last_token].span) != tokens[last_token].term) {
                        begin = tokens[first_token].span.begin;
                        end = tokens[last_token].span.end;
                    }
                    out.mentions.push_back({{begin, end},
                                            tokens[first_token].sentence,
                                            alias.target.entity,
                                            alias.target.how,
                                            false});
                    i += alias.text.size();
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                i += width;
            }
        }
    }

    /// Step 1: knowledge-base names. Marks the tokens it claims; `absorbable` marks places and countries.
    void match_knowledge_base(std::string_view text, const std::vector<Token>& tokens,
                              const std::vector<std::string>& folded, TaggedText& out,
                              std::vector<bool>& claimed, std::vector<bool>& absorbable) const {
        for (std::size_t i = 0; i < tokens.size();) {
            if (tokens[i].kind == TokenKind::cjk) {
                if (const auto end = match_cjk_words(text, tokens, i, out); end > i) {
                    for (auto k = i; k < end; ++k) {
                        claimed[k] = true;
                    }
                    i = end;
                    continue;
                }
                auto last = i;
                while (last + 1 < tokens.size() && tokens[last + 1].kind == TokenKind::cjk &&
                       tokens[last + 1].span.begin == tokens[last].span.end) {
                    ++last;
                }
                match_cjk_run(text, tokens, i, last, out);
                i = last + 1;
                continue;
            }
            const auto end = match_at(text, tokens, folded, i, out);
            if (end == i) {
                ++i;
                continue;
            }
            const auto type = out.mentions.back().entity->type;
            for (auto k = i; k < end; ++k) {
                claimed[k] = true;
                absorbable[k] = type == EntityType::place || type == EntityType::country;
            }
            i = end;
        }
    }

    /// Step 1b: Chinese and Korean text, read by their own taggers. Their names replace the knowledge
    /// base's matches in that text except where the two agree (then the base's entity is kept); a known
    /// person the Chinese tagger missed stays.
    /// Returns the ranges read; their tokens are claimed, so that no later step reads them again.
    zh::ChineseTagger* chinese_tagger() const {
        if (!chinese && zh::builtin_model() != nullptr) {
            chinese.emplace(*zh::builtin_model());
        }
        return chinese ? &*chinese : nullptr;
    }

    std::vector<CjkRange> tag_cjk(std::string_view text, const std::vector<Token>& tokens, TaggedText& out,
                                  std::vector<bool>& claimed, NewNames& found) const {
        auto ranges = cjk_ranges(text, tokens); // in text order, apart
        if (ranges.empty()) {
            return ranges;
        }
        // Each range meets only the knowledge base's matches inside it (step 1 leaves them in text order):
        // a long article costs what its sentences cost, not their product.
        const std::vector<Mention> kb_mentions = out.mentions;
        const auto by_begin = [](const Mention& m, std::size_t at) { return m.span.begin < at; };
        std::vector<std::vector<ko::KoreanName>> range_names(ranges.size());
        std::vector<bool> read(ranges.size(), false);
        std::vector<MentionHow> how(ranges.size(), MentionHow::rule);
        for (std::size_t r = 0; r < ranges.size(); ++r) {
            const auto& range = ranges[r];
            const std::vector<Mention> inside(
                std::lower_bound(kb_mentions.begin(), kb_mentions.end(), range.begin, by_begin),
                std::lower_bound(kb_mentions.begin(), kb_mentions.end(), range.end, by_begin));
            if (range.korean) {
                range_names[r] = ko::find_names(text, range.begin, range.end, inside);
            } else if (chinese_tagger() != nullptr) {
                auto chars = zh::characters(text, range.begin, range.end);
                zh::mark_knowledge_base(chars, inside);
                for (const auto& span : chinese_tagger()->tag(chars)) {
                    range_names[r].push_back(
                        {{chars[span.first].begin, chars[span.last - 1].end}, span.type, nullptr});
                }
                how[r] = MentionHow::model;
            } else {
                continue; // a build without the Chinese model: the knowledge base's matches stand
            }
            read[r] = true;
        }
        std::erase_if(out.mentions, [&](const Mention& m) {
            const auto after =
                std::upper_bound(ranges.begin(), ranges.end(), m.span.begin,
                                 [](std::size_t at, const CjkRange& r) { return at < r.begin; });
            if (after == ranges.begin()) {
                return false;
            }
            const auto r = static_cast<std::size_t>(after - ranges.begin()) - 1;
            return read[r] && m.span.end <= ranges[r].end && has_cjk_letters(surface_of(text, m.span)) &&
                   contradicted(m, range_names[r], ranges[r].korean);
        });
        for (std::size_t r = 0; r < ranges.size(); ++r) {
            if (!read[r]) {
                continue;
            }
            for (const auto& name : range_names[r]) {
                add_cjk_name(text, tokens, name, how[r], out, found);
            }
            for (std::size_t k = token_at(tokens, ranges[r].begin);
                 k < tokens.size() && tokens[k].span.begin < ranges[r].end; ++k) {
                claimed[k] = true;
            }
        }
        return ranges;
    }

    /// True if the knowledge base's match `m` (Han or Hangul) gives way to the language's `cjk_names`: it
    /// crosses one or lies inside one (Chinese and Korean range_names are flat: "中国" in "中国外交部"), or
    /// no name covers it (but a known person the Chinese tagger missed stays). A match equal to a name lends
    /// it its entity and gives way to it.
    static bool contradicted(const Mention& m, std::vector<ko::KoreanName>& cjk_names, bool korean) {
        for (auto& name : cjk_names) {
            if (name.span.begin == m.span.begin && name.span.end == m.span.end) {
                name.entity = m.entity;
                return true; // added again, with the name
            }
            if (m.span.begin < name.span.end && name.span.begin < m.span.end) {
                return true;
            }
        }
        return !(m.entity->type == EntityType::person && !korean);
    }

    void add_cjk_name(std::string_view text, const std::vector<Token>& tokens, const ko::KoreanName& name,
                      MentionHow how, TaggedText& out, NewNames& found) const {
        const auto surface = std::string(surface_of(text, name.span));
        const auto token = token_at(tokens, name.span.begin);
        const Entity* entity = name.entity;
        if (entity == nullptr) {
            for (const auto* candidate : kb.resolve(surface)) {
                const bool fits =
                    name.type == ner::NameType::per ? candidate->type == EntityType::person
                    : name.type == ner::NameType::org
                        ? candidate->type == EntityType::org
                        : candidate->type == EntityType::country || candidate->type == EntityType::place;
                if (fits) {
                    entity = candidate;
                    break;
                }
            }
        }
        if (entity != nullptr) {
            out.mentions.push_back({name.span, tokens[token].sentence, entity,
                                    entity->name == surface ? MentionHow::name : MentionHow::alias, false});
            return;
        }
        found.add(name.span, token, token, entity_type_for(name.type, nullptr), how, surface,
                  normalize_term(surface));
    }

    /// Step 3: short forms, after full names and rule names are known.
    void link_short_forms(std::string_view text, const std::vector<Token>& tokens,
                          const std::vector<std::string>& folded, const std::vector<bool>& claimed,
                          const std::unordered_map<std::string, std::vector<ShortOwner>>& article_short,
                          TaggedText& out) const {
        // Where each person is fully named, in text order.
        FullMentions full_mentions;
        for (const auto& mention : out.mentions) {
            if (mention.entity->type == EntityType::person &&
                (mention.how == MentionHow::name || mention.how == MentionHow::alias ||
                 mention.how == MentionHow::rule || mention.how == MentionHow::model)) {
                full_mentions[mention.entity].push_back(mention.span.begin);
            }
        }
        for (auto& [entity, positions] : full_mentions) {
            std::sort(positions.begin(), positions.end());
        }
        std::vector<Mention> found;
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            if (claimed[i] || tokens[i].kind != TokenKind::word || !starts_upper(text, tokens[i])) {
                continue;
            }
            for (std::size_t length = std::min<std::size_t>(3, tokens.size() - i); length >= 1; --length) {
                std::string key;
                bool free = true;
                for (std::size_t k = i; k < i + length; ++k) {
                    free = free && !claimed[k] && tokens[k].sentence == tokens[i].sentence;
                    key += key.empty() ? "" : " ";
                    key += folded[k];
                }
                if (!free) {
                    continue;
                }
                std::vector<ShortOwner> owners;
                for (const auto* table : {&short_forms, &article_short}) {
                    if (const auto it = table->find(key); it != table->end()) {
                        owners.insert(owners.end(), it->second.begin(), it->second.end());
                    }
                }
                if (owners.empty()) {
                    continue;
                }
                const auto mention = resolve_short(tokens, folded, i, owners, full_mentions);
                if (mention.entity != nullptr) {
                    found.push_back(mention);
                    found.back().span = {tokens[i].span.begin, tokens[i + length - 1].span.end};
                    i += length - 1;
                }
                break;
            }
        }
        out.mentions.insert(out.mentions.end(), found.begin(), found.end());
    }

    Mention resolve_short(const std::vector<Token>& tokens, const std::vector<std::string>& folded,
                          std::size_t i, const std::vector<ShortOwner>& owners,
                          const FullMentions& full_mentions) const {
        Mention mention{tokens[i].span, tokens[i].sentence, nullptr, MentionHow::short_form, false};
        // The nearest earlier full mention of an owner wins; more than one owner named earlier: flag it.
        // Headlines and leads often use the short form before the full name: with none earlier, the first
        // later. Each owner's positions are sorted: a binary search each, whatever the text's length.
        const auto position = tokens[i].span.begin;
        for (const bool earlier : {true, false}) {
            const Entity* chosen = nullptr;
            std::size_t chosen_at = 0;
            std::vector<const Entity*> distinct;
            for (const auto& owner : owners) {
                const auto found = full_mentions.find(owner.entity);
                if (found == full_mentions.end() ||
                    std::find(distinct.begin(), distinct.end(), owner.entity) != distinct.end()) {
                    continue;
                }
                const auto& at = found->second;
                const auto split = std::lower_bound(at.begin(), at.end(), position); // first at >= position
                if (earlier ? split == at.begin() : split == at.end()) {
                    continue;
                }
                const auto nearest = earlier ? *std::prev(split) : *split;
                distinct.push_back(owner.entity);
                if (chosen == nullptr || (earlier ? nearest > chosen_at : nearest < chosen_at)) {
                    chosen = owner.entity; // earlier: the last one before; later: the first one after
                    chosen_at = nearest;
                }
            }
            if (chosen != nullptr) {
                mention.entity = chosen;
                mention.ambiguous = distinct.size() > 1;
                return mention;
            }
        }
        // Nobody named yet: a standalone short form ("Xi") links if only one entity claims it; a short form
        // after a title ("President Lee") links if only one knowledge-base person has it.
        const Entity* standalone = nullptr;
        std::size_t standalone_count = 0;
        std::vector<const Entity*> people;
        for (const auto& owner : owners) {
            if (owner.standalone && owner.entity != standalone) {
                standalone = owner.entity;
                ++standalone_count;
            }
            if (std::find(people.begin(), people.end(), owner.entity) == people.end()) {
                people.push_back(owner.entity);
            }
        }
        if (standalone_count == 1) {
            mention.entity = standalone;
        } else if (people.size() == 1 && i > 0 && tokens[i - 1].sentence == tokens[i].sentence &&
                   is_person_title(folded[i - 1])) {
            mention.entity = people.front();
        }
        return mention;
    }
};

EntityTagger::EntityTagger(const KnowledgeBase& knowledge_base, const ner::Model* model)
    : m_impl(std::make_unique<Impl>(knowledge_base, model)) {}
EntityTagger::~EntityTagger() = default;

TaggedText EntityTagger::tag(std::string_view text) {
    const auto tokens = m_impl->tokenizer.tokenize(text);
    return tag(text, tokens);
}

std::vector<Mention> EntityTagger::knowledge_base_mentions(std::string_view text,
                                                           const std::vector<Token>& tokens) const {
    TaggedText out;
    std::vector<bool> claimed(tokens.size(), false);
    std::vector<bool> absorbable(tokens.size(), false);
    m_impl->match_knowledge_base(text, tokens, folded_terms(tokens), out, claimed, absorbable);
    return std::move(out.mentions);
}

TaggedText EntityTagger::tag(std::string_view text, const std::vector<Token>& tokens) const {
    return tag(text, tokens, name_tagger_sentences(text, tokens));
}

TaggedText EntityTagger::tag(std::string_view text, const std::vector<Token>& tokens,
                             std::vector<ner::Sentence> sentences) const {
    const auto& impl = *m_impl;
    TaggedText out;
    const auto folded = folded_terms(tokens);
    // Step 1: knowledge base.
    std::vector<bool> claimed(tokens.size(), false);
    std::vector<bool> absorbable(tokens.size(), false);
    impl.match_knowledge_base(text, tokens, folded, out, claimed, absorbable);
    NewNames found(impl.kb, text, tokens, folded, out);
    // Step 1b: Chinese and Korean text; the English name model reads the rest.
    const auto cjk = impl.tag_cjk(text, tokens, out, claimed, found);
    // A sentence whose words all lie in Chinese or Korean text is theirs (its marks may stand outside).
    const auto in_cjk = [&](std::size_t at) {
        const auto after = std::upper_bound(cjk.begin(), cjk.end(), at,
                                            [](std::size_t a, const CjkRange& r) { return a < r.begin; });
        return after != cjk.begin() && at < std::prev(after)->end;
    };
    std::erase_if(sentences, [&](const ner::Sentence& sentence) {
        return !sentence.empty() &&
               std::none_of(sentence.begin(), sentence.end(), [&](const ner::Word& word) {
                   const auto at = static_cast<std::size_t>(word.text.data() - text.data());
                   return !word.text.empty() && std::isalnum(static_cast<unsigned char>(word.text[0])) &&
                          !in_cjk(at);
               });
    });
    // Step 2: the statistical tagger, merged with the knowledge base's matches (name_merge.hpp).
    struct LoneName {
        std::size_t token;
        std::size_t end;
        EntityType type;
    };
    std::vector<LoneName> lone_names; // one word ("Lee", "Trump", "Ishiba"): short forms first
    if (impl.names) {
        auto names =
            find_model_names(text, std::move(sentences), out.mentions, impl.kb.given_names(), *impl.names);
        mend_model_names(text, tokens, impl.model->lexicon(), out.mentions, names);
        extend_people_over_first_names(text, out.mentions, names);
        std::vector<Mention> matches = out.mentions; // what steps 1 and 1b found, in text order
        std::sort(matches.begin(), matches.end(),
                  [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
        std::size_t longest_match = 0;
        for (const auto& m : matches) {
            longest_match = std::max(longest_match, m.span.end - m.span.begin);
        }
        for (const auto& name : names) {
            const auto [first, last] = tokens_within(tokens, name.span);
            if (first > last) {
                continue; // punctuation only
            }
            // The matches the name overlaps, from the sorted copy: a name cannot overlap one an earlier name
            // removed or added, since names do not overlap each other.
            std::vector<const Mention*> overlapping;
            const auto upper =
                std::lower_bound(matches.begin(), matches.end(), name.span.end,
                                 [](const Mention& m, std::size_t at) { return m.span.begin < at; });
            for (auto it = upper; it != matches.begin();) {
                --it;
                if (it->span.begin + longest_match <= name.span.begin) {
                    break;
                }
                if (name.span.begin < it->span.end) {
                    overlapping.insert(overlapping.begin(), &*it);
                }
            }
            // "Lee-Trump talks": a compound of names the knowledge base knows is not a new name.
            const bool known_compound =
                first < last &&
                std::all_of(folded.begin() + static_cast<std::ptrdiff_t>(first),
                            folded.begin() + static_cast<std::ptrdiff_t>(last) + 1,
                            [&](const std::string& w) { return impl.short_forms.contains(w); });
            if (known_compound && tokens[first].joined_to_next) {
                continue;
            }
            const auto action = merge_action(text, name, overlapping);
            if (action == MergeAction::keep_matches ||
                (action == MergeAction::add &&
                 capitalised_common_words(text, tokens, first, last, impl.model->lexicon()))) {
                continue;
            }
            if (action == MergeAction::replace || action == MergeAction::add_around) {
                std::erase_if(out.mentions, [&](const Mention& m) {
                    return m.span.begin >= name.span.begin && m.span.end <= name.span.end &&
                           !(action == MergeAction::add_around && kept_inside(name, m));
                });
            }
            const auto type = entity_type_of(name.type);
            // A title alone is not a person ("Chancellor of the Exchequer Nigel Lawson", "Sen.").
            if (type == EntityType::person &&
                std::all_of(folded.begin() + static_cast<std::ptrdiff_t>(first),
                            folded.begin() + static_cast<std::ptrdiff_t>(last) + 1,
                            [](const std::string& w) { return is_person_title(w); })) {
                continue;
            }
            for (auto k = first; k <= last && type; ++k) {
                claimed[k] = true; // MISC names claim nothing: a rule may still see a person there
            }
            if (!type) {
                out.other_names.push_back({name.span, tokens[first].sentence});
            } else if (first == last && action == MergeAction::add) {
                claimed[first] = false;
                lone_names.push_back({first, name.span.end, *type});
            } else {
                found.add(name.span, first, last, *type, MentionHow::model);
            }
        }
    }
    // Step 3: rules, on what neither the base nor the model claimed. An organisation name may take in a place
    // or country before it ("U.S. Agriculture Department", "Gyeongju National Museum"); that mention stays,
    // nested in the organisation's.
    for (const auto& rule :
         find_rule_names(text, tokens, folded, claimed, absorbable, impl.kb.given_names())) {
        const Span span{tokens[rule.first_token].span.begin, tokens[rule.last_token].span.end};
        const bool in_other_name = overlaps_any(out.other_names, span);
        if (in_other_name && rule.type != EntityType::person) {
            continue; // "Davis Cup" is an event, not an organisation; a person's title or age still counts
        }
        if (only_in_capitals(text, tokens, rule.first_token, rule.last_token)) {
            continue; // "KENYAN LEADER APPEALS FOR ...": a headline's words after a title are not a name
        }
        found.add(span, rule.first_token, rule.last_token, rule.type, MentionHow::rule, rule.name, rule.id);
        for (auto k = rule.first_token; k <= rule.last_token; ++k) {
            claimed[k] = true;
        }
    }
    // Step 4: short forms.
    impl.link_short_forms(text, tokens, folded, claimed, found.article_short(), out);
    // A one-word name the model found that no short form claimed: a name of its own, unless it is a short
    // form the knowledge base or the article knows, or a common Korean or Chinese surname: then several
    // people could be meant and it is not guessed.
    const CoveredPositions covered(out.mentions);
    for (const auto& [token, end, type] : lone_names) {
        const bool linked = covered.contains(tokens[token].span.begin);
        const auto& word = folded[token];
        const bool could_be_many = impl.short_forms.contains(word) || found.article_short().contains(word) ||
                                   (type == EntityType::person && is_east_asian_surname(word));
        if (!linked && !could_be_many) {
            found.add({tokens[token].span.begin, end}, token, token, type, MentionHow::model);
        }
    }
    std::erase_if(out.mentions, [&](const Mention& m) {
        return m.entity->description == "news agency" && is_credit_line(text, m.span);
    });
    drop_names_crossed_by_mentions(out.other_names, out.mentions);
    link_acronyms(text, tokens, out);
    extend_organisations_over_countries(text, out.mentions);
    // Text order; of two mentions starting together, the enclosing one first.
    std::sort(out.mentions.begin(), out.mentions.end(), [](const Mention& a, const Mention& b) {
        return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end > b.span.end;
    });
    return out;
}

std::string annotate(std::string_view text, const TaggedText& tagged) {
    std::string out;
    std::size_t at = 0;
    for (const auto& mention : tagged.mentions) {
        if (mention.span.begin < at) {
            continue;
        }
        out.append(text.substr(at, mention.span.begin - at));
        std::string type(entity_type_name(mention.entity->type));
        for (auto& c : type) {
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        const auto surface = surface_of(text, mention.span);
        out += "[" + type + " " + std::string(surface);
        if (surface != mention.entity->name) {
            out += "=" + mention.entity->name;
        }
        out += "]";
        at = mention.span.end;
    }
    out.append(text.substr(at));
    return out;
}

} // namespace dateline
