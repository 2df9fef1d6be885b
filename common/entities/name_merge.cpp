#include "entities/name_merge.hpp"

#include <unordered_map>
#include <unordered_set>

#include "entities/name_rules.hpp"
#include "entities/ner/ner_words.hpp"

#include <algorithm>
#include <cctype>

namespace dateline {

std::vector<ModelName> find_model_names(std::string_view text, std::vector<ner::Sentence> sentences,
                                        const std::vector<Mention>& kb_mentions,
                                        const std::unordered_set<std::string>& given_names,
                                        ner::NameTagger& tagger) {
    add_knowledge_base_hints(sentences, text, kb_mentions, given_names);
    ner::mark_document_case(sentences);
    std::vector<ModelName> names;
    const auto found = tagger.tag(sentences);
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        const auto& sentence = sentences[s];
        for (const auto& span : found[s]) {
            names.push_back(
                {{span_in(text, sentence[span.first]).begin, span_in(text, sentence[span.last - 1]).end},
                 span.type});
        }
    }
    return names;
}

bool capitalised_common_words(std::string_view text, const std::vector<Token>& tokens, std::size_t first,
                              std::size_t last, const ner::Lexicon& lexicon) {
    constexpr std::uint8_t k_mostly_lower = 7; // tenths
    for (auto k = first; k <= last; ++k) {
        const auto share = lexicon.find(tokens[k].term).lower_share;
        if (share == ner::WordFacts::k_unknown_share || share < k_mostly_lower) {
            return false;
        }
    }
    const auto sentence = tokens[first].sentence;
    if (first > 0 && tokens[first - 1].sentence == sentence && tokens[first - 1].term == "the") {
        return true;
    }
    std::size_t words = 0;
    std::size_t capitalised = 0;
    auto begin = first; // tokens are in text order: the sentence is the run around `first`
    while (begin > 0 && tokens[begin - 1].sentence == sentence) {
        --begin;
    }
    for (auto k = begin; k < tokens.size() && tokens[k].sentence == sentence; ++k) {
        if (tokens[k].kind == TokenKind::word) {
            ++words;
            capitalised += starts_upper(text, tokens[k]) ? 1 : 0;
        }
    }
    return words >= 4 && 5 * capitalised >= 3 * words; // a title-case line
}

void extend_people_over_first_names(std::string_view text, const std::vector<Mention>& kb_mentions,
                                    std::vector<ModelName>& names) {
    // One-word places and countries by the byte after them: one pass over the matches, not one per name.
    std::unordered_map<std::size_t, std::size_t> place_ending_at;
    for (const auto& mention : kb_mentions) {
        const auto type = mention.entity->type;
        const auto place = text.substr(mention.span.begin, mention.span.end - mention.span.begin);
        const bool one_word_place = (type == EntityType::country || type == EntityType::place) &&
                                    (mention.how == MentionHow::name || mention.how == MentionHow::alias) &&
                                    place.find(' ') == std::string_view::npos;
        const bool possessive = place.ends_with("'s") || place.ends_with("\xE2\x80\x99s"); // "China's Xi"
        if (one_word_place && !possessive && mention.span.end < text.size() &&
            text[mention.span.end] == ' ') {
            place_ending_at.emplace(mention.span.end + 1, mention.span.begin);
        }
    }
    for (auto& name : names) {
        if (name.type != ner::NameType::per) {
            continue;
        }
        if (const auto place = place_ending_at.find(name.span.begin); place != place_ending_at.end()) {
            name.span.begin = place->second;
        }
    }
}

std::optional<EntityType> entity_type_of(ner::NameType type) {
    switch (type) {
    case ner::NameType::per:
        return EntityType::person;
    case ner::NameType::loc:
        return EntityType::place;
    case ner::NameType::org:
        return EntityType::org;
    case ner::NameType::misc:
        return std::nullopt;
    }
    return std::nullopt;
}

namespace {

bool same_kind(ner::NameType type, const Mention& mention) {
    const auto entity = mention.entity->type;
    switch (type) {
    case ner::NameType::per:
        return entity == EntityType::person;
    case ner::NameType::loc:
        return entity == EntityType::place || entity == EntityType::country;
    case ner::NameType::org:
        return entity == EntityType::org;
    case ner::NameType::misc:
        return false;
    }
    return false;
}

/// True if a word in `name` outside every mention starts with a capital or a digit.
bool adds_a_name_word(std::string_view text, const ModelName& name,
                      const std::vector<const Mention*>& inside) {
    const auto alphanumeric = [](unsigned char c) { return std::isalnum(c) != 0 || c >= 0x80; };
    for (auto at = name.span.begin; at < name.span.end; ++at) {
        const auto c = static_cast<unsigned char>(text[at]);
        const bool word_start =
            alphanumeric(c) && (at == 0 || !alphanumeric(static_cast<unsigned char>(text[at - 1])));
        const bool covered = std::any_of(inside.begin(), inside.end(), [&](const Mention* m) {
            return m->span.begin <= at && at < m->span.end;
        });
        if (word_start && !covered && (std::isupper(c) != 0 || std::isdigit(c) != 0 || c >= 0x80)) {
            return true;
        }
    }
    return false;
}

} // namespace

MergeAction merge_action(std::string_view text, const ModelName& name,
                         const std::vector<const Mention*>& overlapping) {
    if (overlapping.empty()) {
        return MergeAction::add;
    }
    bool all_inside = true;
    bool any_same_kind = false;
    for (const auto* mention : overlapping) {
        const auto& span = mention->span;
        const bool inside = span.begin >= name.span.begin && span.end <= name.span.end &&
                            (span.begin > name.span.begin || span.end < name.span.end);
        all_inside = all_inside && inside;
        any_same_kind = any_same_kind || same_kind(name.type, *mention);
    }
    // "Maurice Mann": a person whose words are only other languages' names of countries ("Maurice" is
    // Mauritius in French) is a person.
    const bool foreign_aliases_only =
        std::all_of(overlapping.begin(), overlapping.end(), [](const Mention* m) {
            return m->how == MentionHow::alias &&
                   (m->entity->type == EntityType::country || m->entity->type == EntityType::place);
        });
    const auto surface = text.substr(name.span.begin, name.span.end - name.span.begin);
    if (name.type == ner::NameType::per && all_inside && foreign_aliases_only &&
        surface.find(' ') != std::string_view::npos &&
        std::none_of(overlapping.begin(), overlapping.end(), [&](const Mention* m) {
            const auto alias = text.substr(m->span.begin, m->span.end - m->span.begin);
            return std::all_of(alias.begin(), alias.end(),
                               [](char c) { return !std::islower(static_cast<unsigned char>(c)); });
        })) {
        return MergeAction::replace;
    }
    if (!all_inside || !adds_a_name_word(text, name, overlapping)) {
        return MergeAction::keep_matches; // equal, inside a match, or crossing one: identity from the base
    }
    const bool person_inside = std::any_of(overlapping.begin(), overlapping.end(), [](const Mention* m) {
        return m->entity->type == EntityType::person;
    });
    switch (name.type) {
    case ner::NameType::org:
        // "National Security Adviser Wi Sung-lac" is a person with a title, not an organisation.
        return person_inside ? MergeAction::keep_matches : MergeAction::add_around;
    case ner::NameType::misc:
        return MergeAction::add_around;
    case ner::NameType::per:
        return any_same_kind ? MergeAction::keep_matches : MergeAction::replace;
    case ner::NameType::loc:
        return MergeAction::replace;
    }
    return MergeAction::keep_matches;
}

bool kept_inside(const ModelName& name, const Mention& mention) {
    const bool place =
        mention.entity->type == EntityType::place || mention.entity->type == EntityType::country;
    switch (name.type) {
    case ner::NameType::org:
        return place;
    case ner::NameType::misc:
        return place && mention.how != MentionHow::demonym; // "Gyeongju Declaration" yes, "French Open" no
    case ner::NameType::per:
    case ner::NameType::loc:
        return false;
    }
    return false;
}

/// The first and last token whose start lies in `span`; first > last if none.
std::pair<std::size_t, std::size_t> tokens_within(const std::vector<Token>& tokens, const Span& span) {
    const auto first = std::lower_bound(tokens.begin(), tokens.end(), span.begin,
                                        [](const Token& t, std::size_t at) { return t.span.begin < at; });
    auto last = first;
    while (last != tokens.end() && last->span.begin < span.end) {
        ++last;
    }
    const auto f = static_cast<std::size_t>(first - tokens.begin());
    const auto l = static_cast<std::size_t>(last - tokens.begin());
    if (l == f) {
        return {f + 1,
                f}; // none: first > last, also when the span lies before the first token (found by fuzzing)
    }
    return {f, l - 1};
}

namespace {

bool is_upper_word(std::string_view word) {
    bool letters = false;
    for (const char c : word) {
        if (std::islower(static_cast<unsigned char>(c))) {
            return false;
        }
        letters = letters || std::isupper(static_cast<unsigned char>(c));
    }
    return letters;
}

/// True if the sentence `token` is in is a headline or a banner in capitals: most words in capitals, and a
/// function word among them ("LEADER APPEALS FOR U.S. INVESTMENT") or a colon after them ("NEWS BRIEF:").
/// A table in capitals ("KANSAS CITY 65 72") has neither: its names are names.
bool in_shouted_sentence(std::string_view text, const std::vector<Token>& tokens, std::size_t token) {
    static const std::unordered_set<std::string_view> k_function_words = {
        "for", "of", "the", "to", "in", "on", "with", "as", "by", "from", "over", "after", "into", "against"};
    std::size_t words = 0;
    std::size_t upper = 0;
    bool function_word = false;
    bool banner = false;
    // Tokens are in text order: the sentence is the run around `token`.
    auto begin = token;
    while (begin > 0 && tokens[begin - 1].sentence == tokens[token].sentence) {
        --begin;
    }
    for (auto k = begin; k < tokens.size() && tokens[k].sentence == tokens[token].sentence; ++k) {
        const auto& t = tokens[k];
        if (t.kind == TokenKind::word) {
            ++words;
            const auto word = text.substr(t.span.begin, t.span.end - t.span.begin);
            upper += is_upper_word(word) ? 1 : 0;
            function_word = function_word || (is_upper_word(word) && k_function_words.contains(t.term));
            banner = banner || (t.span.end < text.size() && text[t.span.end] == ':');
        }
    }
    return words >= 2 && 5 * upper >= 4 * words && (function_word || banner);
}

/// True if `word` (in capitals) is written in lower or title case somewhere in `text`.
bool written_otherwise(std::string_view text, std::string_view word) {
    for (auto at = text.find(word.substr(0, 1)); at != std::string_view::npos;
         at = text.find(word.substr(0, 1), at + 1)) {
        if (at + word.size() > text.size()) {
            break;
        }
        const auto candidate = text.substr(at, word.size());
        if (candidate != word &&
            std::equal(candidate.begin(), candidate.end(), word.begin(),
                       [](char a, char b) { return std::toupper(static_cast<unsigned char>(a)) == b; })) {
            return true;
        }
    }
    return false;
}

} // namespace

namespace {

bool is_geographic(const std::vector<Token>& tokens, std::size_t first, std::size_t last) {
    static const std::unordered_set<std::string_view> k_leading = {"sea",   "gulf",   "bay",  "lake",
                                                                   "mount", "strait", "cape", "port"};
    static const std::unordered_set<std::string_view> k_trailing = {
        "sea",     "ocean",  "river",     "strait",    "straits", "gulf",     "bay",   "island",
        "islands", "valley", "peninsula", "mountains", "desert",  "waterway", "canal", "basin"};
    return (last > first && k_leading.contains(tokens[first].term) && tokens[first + 1].term == "of") ||
           (last > first && k_trailing.contains(tokens[last].term));
}

/// "Sebree, Ky.", "Laterriere, Quebec": a name right before a comma and a state, province or country.
bool followed_by_region(std::string_view text, const ModelName& name,
                        const std::vector<Mention>& kb_mentions) {
    static const std::unordered_set<std::string_view> k_states = {
        "Ala.",  "Ariz.", "Ark.",  "Calif.", "Colo.", "Conn.", "Del.",   "Fla.",    "Ga.",
        "Ill.",  "Ind.",  "Kan.",  "Ky.",    "La.",   "Md.",   "Mass.",  "Mich.",   "Minn.",
        "Miss.", "Mo.",   "Mont.", "Neb.",   "Nev.",  "N.H.",  "N.J.",   "N.M.",    "N.Y.",
        "N.C.",  "N.D.",  "Okla.", "Ore.",   "Pa.",   "R.I.",  "S.C.",   "S.D.",    "Tenn.",
        "Tex.",  "Va.",   "Vt.",   "Wash.",  "Wis.",  "Wyo.",  "Quebec", "Ontario", "Alberta",
        "Texas", "Ohio",  "Iowa",  "Utah",   "Idaho", "Maine"};
    const auto rest = text.substr(name.span.end);
    if (!rest.starts_with(", ")) {
        return false;
    }
    const auto word_end = rest.find_first_of(" ,\n", 2);
    const auto next =
        rest.substr(2, word_end == std::string_view::npos ? std::string_view::npos : word_end - 2);
    if (k_states.contains(next)) {
        return true;
    }
    // The knowledge base's mentions are in text order: look only at those starting right after ", ".
    const auto at = name.span.end + 2;
    auto it =
        std::lower_bound(kb_mentions.begin(), kb_mentions.end(), at,
                         [](const Mention& m, std::size_t position) { return m.span.begin < position; });
    for (; it != kb_mentions.end() && it->span.begin == at; ++it) {
        if (it->how != MentionHow::demonym &&
            (it->entity->type == EntityType::place || it->entity->type == EntityType::country)) {
            return true;
        }
    }
    return false;
}

/// A company's ending right after a name: "Robert C. Brown and Co", "H.F. Ahmanson and Co", "Smith Inc".
std::size_t company_ending(std::string_view rest) {
    for (const std::string_view ending : {" and Co", " & Co", " and Sons", " & Sons", " Inc", " Corp", " Co",
                                          " Ltd", " Plc", " PLC", " AG", " SA", " NV"}) {
        if (rest.starts_with(ending) && (rest.size() == ending.size() ||
                                         !std::isalnum(static_cast<unsigned char>(rest[ending.size()])))) {
            return ending.size();
        }
    }
    return 0;
}

/// True if `word` is used as a company in `whole` near byte `near`: "Ortho said it", "Ranco holders",
/// "Chronar's common", "shares of Homac". Plain string tests: this runs for every one-word name.
bool used_as_company(std::string_view whole, std::size_t near, std::string_view word) {
    // Around the name only (the story it is in, as far as 4 KB each way): a long text costs no more per name.
    const auto from = near > 4096 ? near - 4096 : 0;
    const auto text = whole.substr(from, 8192);
    static constexpr std::string_view k_after[] = {" said it", " holders", " shareholders", " shares",
                                                   " stock",   " common",  " unit",         " subsidiary",
                                                   " stake",   " board",   " directors",    " management"};
    static constexpr std::string_view k_before[] = {"shares of ", "stake in ", "acquire ",      "acquired ",
                                                    "buy ",       "bought ",   "merger with ",  "offer for ",
                                                    "bid for ",   "unit of ",  "subsidiary of "};
    for (auto at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
        const auto end = at + word.size();
        if ((at > 0 && std::isalnum(static_cast<unsigned char>(text[at - 1]))) ||
            (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end])))) {
            continue;
        }
        auto after = text.substr(end, 40);
        if (after.starts_with("'s")) {
            after.remove_prefix(2);
        }
        const auto before = text.substr(0, at);
        if (std::any_of(std::begin(k_after), std::end(k_after),
                        [&](std::string_view w) {
                            return after.starts_with(w) &&
                                   (after.size() == w.size() ||
                                    !std::isalnum(static_cast<unsigned char>(after[w.size()])));
                        }) ||
            std::any_of(std::begin(k_before), std::end(k_before),
                        [&](std::string_view w) { return before.ends_with(w); })) {
            return true;
        }
    }
    return false;
}

} // namespace

bool only_in_capitals(std::string_view text, const std::vector<Token>& tokens, std::size_t first,
                      std::size_t last) {
    const auto first_word =
        text.substr(tokens[first].span.begin, tokens[first].span.end - tokens[first].span.begin);
    if (!is_upper_word(first_word) || !in_shouted_sentence(text, tokens, first)) {
        return false;
    }
    for (auto k = first; k <= last; ++k) {
        const auto w = text.substr(tokens[k].span.begin, tokens[k].span.end - tokens[k].span.begin);
        if (!is_upper_word(w) || w.size() < 2 || written_otherwise(text, w)) {
            return false;
        }
    }
    return true;
}

void mend_model_names(std::string_view text, const std::vector<Token>& tokens, const ner::Lexicon& lexicon,
                      const std::vector<Mention>& kb_mentions, std::vector<ModelName>& names) {
    static const std::unordered_set<std::string_view> k_not_names = {
        "north",        "south",     "east",        "west",         "communism",   "capitalism",
        "socialism",    "marxism",   "ai",          "internet",     "moreover",    "additionally",
        "however",      "meanwhile", "furthermore", "nevertheless", "nonetheless", "separately",
        "overall",      "instead",   "indeed",      "similarly",    "likewise",    "elsewhere",
        "consequently", "thus",      "hence",       "accordingly",  "still",       "also",
        "earlier",      "later",     "today",       "yesterday",    "bank"};
    static const std::unordered_set<std::string_view> k_region_words = {
        "province", "prefecture", "county", "region", "district", "oblast", "territory", "municipality"};
    std::erase_if(names, [&](ModelName& name) {
        const auto [first, last] = tokens_within(tokens, name.span);
        if (first > last) {
            return false;
        }
        // "China's Xi": the person starts after the possessive.
        const auto surface = text.substr(name.span.begin, name.span.end - name.span.begin);
        for (const std::string_view possessive :
             {std::string_view("'s "), std::string_view("\xE2\x80\x99s ")}) {
            if (const auto at = surface.find(possessive);
                name.type == ner::NameType::per && at != std::string_view::npos) {
                name.span.begin += at + possessive.size();
                return false;
            }
        }
        const auto& word = tokens[first].term;
        if (first == last && k_not_names.contains(word)) {
            return true;
        }
        // "Moreover," opening a sentence.
        const bool opens_sentence = first == 0 || tokens[first - 1].sentence != tokens[first].sentence;
        const auto share = lexicon.find(word).lower_share;
        if (first == last && opens_sentence && name.span.end < text.size() && text[name.span.end] == ',' &&
            share != ner::WordFacts::k_unknown_share && share >= 7) {
            return true;
        }
        if (only_in_capitals(text, tokens, first, last)) {
            return true;
        }
        // Companies named after people: "Robert C. Brown and Co"; a one-word "person" the text treats as a
        // company.
        if (name.type == ner::NameType::per) {
            if (const auto ending = company_ending(text.substr(name.span.end))) {
                name.span.end += ending;
                name.type = ner::NameType::org;
            } else if (first == last && used_as_company(text, name.span.begin, surface)) {
                name.type = ner::NameType::org;
            }
        }
        if (name.type == ner::NameType::org && last > first && k_region_words.contains(tokens[last].term)) {
            name.type = ner::NameType::loc; // "Gansu Province"
        }
        // A ticker in angle brackets ("<BCE>") and a law ("... Policies Act") are not names of this kind.
        if ((name.span.begin > 0 && text[name.span.begin - 1] == '<') ||
            surface.find('>') != std::string_view::npos ||
            (last > first && (tokens[last].term == "act" || tokens[last].term == "acts"))) {
            return true;
        }
        // A common word opening a sentence ("Blizzard conditions halted ...").
        if (first == last && opens_sentence && share != ner::WordFacts::k_unknown_share && share >= 9) {
            return true;
        }
        // Geography: "Sea of Marmara", "Grande Baie", and a town before its state or country ("Sebree, Ky.",
        // "Laterriere, Quebec") are places.
        if (name.type != ner::NameType::loc && is_geographic(tokens, first, last)) {
            name.type = ner::NameType::loc;
        } else if (name.type != ner::NameType::loc && followed_by_region(text, name, kb_mentions)) {
            name.type = ner::NameType::loc;
        }
        return false;
    });
}

} // namespace dateline
