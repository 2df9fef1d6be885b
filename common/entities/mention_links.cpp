#include "entities/mention_links.hpp"

#include "entities/mention_spans.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace dateline {

namespace {} // namespace

/// True if `acronym` spells the initials of `name`'s words, small words aside or not ("THAAD" for "Terminal
/// High Altitude Area Defense", "DOT" for "Department of Transportation").
bool spells_initials(std::string_view acronym, std::string_view name) {
    std::string all;
    std::string capitalised;
    std::size_t at = 0;
    while (at < name.size()) {
        while (at < name.size() && !std::isalnum(static_cast<unsigned char>(name[at]))) {
            ++at;
        }
        if (at == name.size()) {
            break;
        }
        const char c = name[at];
        all += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (std::isupper(static_cast<unsigned char>(c))) {
            capitalised += c;
        }
        while (at < name.size() && std::isalnum(static_cast<unsigned char>(name[at]))) {
            ++at;
        }
    }
    return acronym.size() >= 2 && (acronym == all || acronym == capitalised);
}

/// "the Terminal High Altitude Area Defense (THAAD) system ... THAAD": an acronym in brackets after a name is
/// that name, there and everywhere else in the text.
void link_acronyms(std::string_view text, const std::vector<Token>& tokens, TaggedText& out) {
    std::vector<std::pair<std::string_view, const Entity*>> acronyms;
    for (const auto& mention : out.mentions) {
        const auto rest = text.substr(mention.span.end);
        if (!rest.starts_with(" (")) {
            continue;
        }
        const auto close = rest.find(')');
        if (close == std::string_view::npos || close > 14) {
            continue;
        }
        const auto acronym = rest.substr(2, close - 2);
        const bool capitals = std::all_of(acronym.begin(), acronym.end(), [](char c) {
            return std::isupper(static_cast<unsigned char>(c)) || c == '-' || c == '&';
        });
        if (capitals && spells_initials(acronym, surface_of(text, mention.span))) {
            acronyms.emplace_back(acronym, mention.entity);
        }
    }
    if (acronyms.empty()) {
        return;
    }
    // One pass over the mentions and one over the words, whatever the number of acronyms.
    const std::unordered_map<std::string_view, const Entity*> of(acronyms.begin(), acronyms.end());
    for (auto& mention : out.mentions) {
        if (const auto it = of.find(surface_of(text, mention.span)); it != of.end()) {
            mention.entity = it->second;
        }
    }
    // Where nothing tagged the acronym, it is a mention of the name all the same.
    std::vector<Span> taken;
    for (const auto& m : out.mentions) {
        taken.push_back(m.span);
    }
    std::sort(taken.begin(), taken.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
    for (const auto& token : tokens) {
        const auto it = of.find(surface_of(text, token.span));
        if (it == of.end()) {
            continue;
        }
        const auto after = std::upper_bound(taken.begin(), taken.end(), token.span.begin,
                                            [](std::size_t at, const Span& s) { return at < s.begin; });
        // Mentions barely nest: the few that start before the word are the ones that may cover it.
        const auto from = after - std::min<std::ptrdiff_t>(8, after - taken.begin());
        const bool covered =
            std::any_of(from, after, [&](const Span& s) { return token.span.begin < s.end; });
        if (!covered) {
            out.mentions.push_back({token.span, token.sentence, it->second, MentionHow::alias, false});
        }
    }
}

void extend_organisations_over_countries(std::string_view text, std::vector<Mention>& mentions) {
    std::unordered_map<std::size_t, Span>
        country_ending_at; // by the byte after it: one pass, not one per name
    for (const auto& m : mentions) {
        if (m.entity->type == EntityType::country && m.how != MentionHow::demonym &&
            !surface_of(text, m.span).ends_with("'s")) {
            country_ending_at.emplace(m.span.end, m.span);
        }
    }
    for (auto& org : mentions) {
        if (org.entity->type != EntityType::org || org.how == MentionHow::short_form || org.span.begin == 0 ||
            text[org.span.begin - 1] != ' ') {
            continue;
        }
        if (const auto country = country_ending_at.find(org.span.begin - 1);
            country != country_ending_at.end()) {
            org.span.begin = country->second.begin;
        }
    }
}

} // namespace dateline
