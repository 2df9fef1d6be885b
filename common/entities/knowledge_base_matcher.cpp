#include "entities/knowledge_base_matcher.hpp"

#include "entities/mention_spans.hpp"
#include "entities/name_rules.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace dateline {

namespace {

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
        if (U_FAILURE(status)) {
            continue; // not a code point (ill-formed bytes): no script
        }
        if (script == USCRIPT_HAN || script == USCRIPT_HANGUL || script == USCRIPT_HIRAGANA ||
            script == USCRIPT_KATAKANA) {
            return true;
        }
    }
    return false;
}

/// The key of a short form: its tokens' terms without diacritics, joined by ' '.
std::string short_key(Tokenizer& tokenizer, std::string_view text) {
    std::string key;
    for (const auto& token : tokenizer.tokenize(text)) {
        key += key.empty() ? "" : " ";
        key += fold_diacritics(token.term);
    }
    return key;
}

/// An alias's words, then every hyphenated pair also as one word: "Sung-lac" matches "Sunglac" and "Sung
/// Lac" (at most 16 variants).
template <typename Words>
std::vector<Words> hyphen_variants(const std::vector<Token>& tokens, const Words& words) {
    std::vector<Words> variants{words};
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
        if (!tokens[i].joined_to_next) {
            continue;
        }
        const auto count = variants.size();
        for (std::size_t v = 0; v < count && variants.size() < 16; ++v) {
            auto [w, c] = variants[v];
            // Find where token i sits in this variant (earlier joins shift it left).
            const auto shift = words.first.size() - w.size();
            const auto at = i - shift;
            if (at + 1 >= w.size() || w[at] != words.first[i]) {
                continue;
            }
            w[at] += w[at + 1];
            w.erase(w.begin() + static_cast<std::ptrdiff_t>(at) + 1);
            c.erase(c.begin() + static_cast<std::ptrdiff_t>(at) + 1);
            variants.emplace_back(std::move(w), std::move(c));
        }
    }
    return variants;
}

} // namespace

std::vector<std::string> folded_terms(const std::vector<Token>& tokens) {
    std::vector<std::string> folded;
    folded.reserve(tokens.size());
    for (const auto& token : tokens) {
        folded.push_back(token.kind == TokenKind::cjk ? token.term
                                                      : fold_spelling(fold_diacritics(token.term)));
    }
    return folded;
}

KnowledgeBaseMatcher::KnowledgeBaseMatcher(const KnowledgeBase& knowledge_base) {
    Tokenizer tokenizer;
    for (const auto& entity : knowledge_base.entities()) {
        add_alias(tokenizer, entity, entity.name, MentionHow::name);
        for (const auto& alias : entity.aliases) {
            add_alias(tokenizer, entity, alias, MentionHow::alias);
        }
        for (const auto& demonym : with_plurals(entity.demonyms)) {
            add_alias(tokenizer, entity, demonym, MentionHow::demonym);
        }
        for (const auto& capital : entity.capitals) {
            add_alias(tokenizer, entity, capital, MentionHow::capital);
        }
        for (const auto& short_form : entity.short_forms) {
            m_short_forms[short_key(tokenizer, short_form.text)].push_back({&entity, short_form.standalone});
        }
    }
    for (auto& [first, aliases] : m_cjk) {
        std::stable_sort(aliases.begin(), aliases.end(),
                         [](const auto& a, const auto& b) { return a.text.size() > b.text.size(); });
    }
}

void KnowledgeBaseMatcher::add_alias(Tokenizer& tokenizer, const Entity& entity, std::string_view alias,
                                     MentionHow how) {
    if (alias.empty()) {
        return;
    }
    const auto lc = letter_case(alias);
    Target target{&entity, how, CaseRule::capitalized, 0, lc.letters};
    if (is_cjk_text(alias)) {
        target.rule = CaseRule::none;
        add_cjk_alias(tokenizer, alias, target);
        return;
    }
    const auto tokens = tokenizer.tokenize(alias);
    if (tokens.empty() || tokens.size() > 32) {
        return;
    }
    if (is_acronym(alias)) {
        target.rule = CaseRule::acronym;
    }
    Words words;
    for (const auto& token : tokens) {
        words.first.push_back(fold_spelling(fold_diacritics(token.term)));
        words.second.push_back(starts_upper(alias, token));
    }
    if (std::none_of(words.second.begin(), words.second.end(), [](bool b) { return b; }) &&
        target.rule != CaseRule::acronym) {
        target.rule = CaseRule::none;
    }
    for (const auto& variant : hyphen_variants(tokens, words)) {
        add_words(entity, variant, target);
    }
}

void KnowledgeBaseMatcher::add_cjk_alias(Tokenizer& tokenizer, std::string_view alias, const Target& target) {
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
        m_cjk_words[words.front()].emplace_back(words, target);
    }
    int32_t offset = 0;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(folded.data()), offset, static_cast<int32_t>(folded.size()), c);
    m_cjk[folded.substr(0, static_cast<std::size_t>(offset))].push_back({folded, target});
}

void KnowledgeBaseMatcher::add_words(const Entity& entity, const Words& words, const Target& target) {
    const auto& [variant_words, variant_caps] = words;
    std::uint32_t node = 0;
    for (const auto& word : variant_words) {
        const auto found = m_trie[node].next.find(word);
        if (found == m_trie[node].next.end()) {
            m_trie.emplace_back();
            const auto child = static_cast<std::uint32_t>(m_trie.size() - 1);
            m_trie[node].next.emplace(word, child);
            node = child;
        } else {
            node = found->second;
        }
    }
    Target variant_target = target;
    for (std::size_t k = 0; k < variant_caps.size() && k < 32; ++k) {
        variant_target.capital_mask |= variant_caps[k] ? (1u << k) : 0u;
    }
    auto& targets = m_trie[node].targets;
    const auto same =
        std::find_if(targets.begin(), targets.end(), [&](const Target& t) { return t.entity == &entity; });
    if (same == targets.end()) {
        targets.push_back(variant_target);
    } else if (target.how < same->how) {
        *same = variant_target; // the canonical name beats an alias for the same entity
    }
}
bool KnowledgeBaseMatcher::case_ok(std::string_view text, const std::vector<Token>& tokens, std::size_t first,
                                   std::size_t count, const Target& target) const {
    switch (target.rule) {
    case CaseRule::none:
        return true;
    case CaseRule::acronym: {
        const auto lc = letter_case(text.substr(tokens[first].span.begin, tokens[first + count - 1].span.end -
                                                                              tokens[first].span.begin));
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

/// Knowledge-base names over the token trie from token `first`: the index of the token after the match, or
/// `first` if nothing matched.
std::size_t KnowledgeBaseMatcher::match_at(const std::vector<Token>& tokens,
                                           const std::vector<std::string>& folded, std::size_t first,
                                           std::string_view text, std::vector<Mention>& mentions) const {
    std::uint32_t node = 0;
    std::size_t best_end = first;
    const Target* best = nullptr;
    for (std::size_t j = first; j < tokens.size(); ++j) {
        if (tokens[j].sentence != tokens[first].sentence || tokens[j].kind == TokenKind::cjk) {
            break;
        }
        const auto found = m_trie[node].next.find(folded[j]);
        if (found == m_trie[node].next.end()) {
            break;
        }
        node = found->second;
        const auto& targets = m_trie[node].targets;
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
        mentions.push_back({{tokens[begin].span.begin, tokens[best_end - 1].span.end},
                            tokens[first].sentence,
                            best->entity,
                            best->how,
                            false});
    }
    return best_end;
}

/// A CJK alias of several words separated by white space ("도널드 트럼프") starting at token `i`: the
/// token after the match, or `i` if none matches.
std::size_t KnowledgeBaseMatcher::match_cjk_words(std::string_view text, const std::vector<Token>& tokens,
                                                  std::size_t i, std::vector<Mention>& mentions) const {
    const auto found = m_cjk_words.find(tokens[i].term);
    if (found == m_cjk_words.end()) {
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
            match = spaced && tokens[k].term == words[k - i] && tokens[k].sentence == tokens[i].sentence &&
                    tokens[k].span.begin > (k == i ? 0 : tokens[k - 1].span.end - 1);
        }
        if (match) {
            mentions.push_back({{tokens[i].span.begin, tokens[end - 1].span.end},
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
void KnowledgeBaseMatcher::match_cjk_run(std::string_view text, const std::vector<Token>& tokens,
                                         std::size_t first, std::size_t last,
                                         std::vector<Mention>& mentions) const {
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
        U8_NEXT(reinterpret_cast<const uint8_t*>(run.data()), offset, static_cast<int32_t>(run.size()), c);
        const auto width = static_cast<std::size_t>(offset) - i;
        const auto candidates = m_cjk.find(run.substr(i, width));
        bool matched = false;
        if (candidates != m_cjk.end()) {
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
                mentions.push_back({{begin, end},
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

void KnowledgeBaseMatcher::match(std::string_view text, const std::vector<Token>& tokens,
                                 const std::vector<std::string>& folded, std::vector<Mention>& mentions,
                                 std::vector<bool>& claimed, std::vector<bool>& absorbable) const {
    for (std::size_t i = 0; i < tokens.size();) {
        if (tokens[i].kind == TokenKind::cjk) {
            if (const auto end = match_cjk_words(text, tokens, i, mentions); end > i) {
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
            match_cjk_run(text, tokens, i, last, mentions);
            i = last + 1;
            continue;
        }
        const auto end = match_at(tokens, folded, i, text, mentions);
        if (end == i) {
            ++i;
            continue;
        }
        const auto type = mentions.back().entity->type;
        for (auto k = i; k < end; ++k) {
            claimed[k] = true;
            absorbable[k] = type == EntityType::place || type == EntityType::country;
        }
        i = end;
    }
}

} // namespace dateline
