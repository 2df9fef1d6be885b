// The patterns English meetings are read with (english_patterns.hpp).
#include "meetings/english_patterns.hpp"

#include "util/strings.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace dateline::meetings {

/// Lower case, with every white space character a plain space (wire copy breaks lines inside phrases: "had
/// talks\nwith"); the same length, so offsets hold.
std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) {
        c = c == '\n' || c == '\r' || c == '\t'
                ? ' '
                : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

namespace {

/// Every trigger below contains one of these words, whole: a sentence without any of them cannot hold a
/// meeting, and looking for them first spares std::regex's backtracking matcher almost every sentence (`met`
/// over a person in 25,000 of a million articles: 165 s without this check), and each other sentence the
/// patterns it cannot match. A new trigger word must be added here too.
struct TriggerWord {
    std::string_view word;
    std::uint8_t kinds;
};
constexpr std::array k_trigger_words = {
    TriggerWord{"met", w_verb | w_together},
    TriggerWord{"meet", w_verb | w_together},
    TriggerWord{"meets", w_verb},
    TriggerWord{"meeting", w_verb | w_noun | w_together},
    TriggerWord{"meetings", w_noun | w_together},
    TriggerWord{"talk", w_verb},
    TriggerWord{"talked", w_verb | w_together},
    TriggerWord{"talks", w_noun | w_together},
    TriggerWord{"spoke", w_verb | w_together},
    TriggerWord{"spoken", w_verb},
    TriggerWord{"speak", w_verb},
    TriggerWord{"speaks", w_verb},
    TriggerWord{"conferred", w_verb | w_together},
    TriggerWord{"confer", w_verb},
    TriggerWord{"sat", w_verb},
    TriggerWord{"summit", w_noun | w_together},
    TriggerWord{"summits", w_noun | w_together},
    TriggerWord{"call", w_noun | w_visit | w_together},
    TriggerWord{"calls", w_noun | w_visit},
    TriggerWord{"called", w_visit},
    TriggerWord{"conversation", w_noun},
    TriggerWord{"conversations", w_noun},
    TriggerWord{"discussions", w_noun},
    TriggerWord{"consultations", w_noun | w_together},
    TriggerWord{"negotiations", w_noun | w_together},
    TriggerWord{"audience", w_noun},
    TriggerWord{"contact", w_noun},
    TriggerWord{"received", w_host},
    TriggerWord{"receives", w_host},
    TriggerWord{"receive", w_host},
    TriggerWord{"hosted", w_host},
    TriggerWord{"hosts", w_host},
    TriggerWord{"host", w_host},
    TriggerWord{"welcomed", w_host},
    TriggerWord{"welcomes", w_host},
    TriggerWord{"greeted", w_host},
    TriggerWord{"visited", w_visit},
    TriggerWord{"visits", w_visit},
    TriggerWord{"telephoned", w_phone},
    TriggerWord{"phoned", w_phone},
    TriggerWord{"hands", w_together},
    TriggerWord{"discussed", w_together},
};

bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/// True if `gap` ends a sentence or clause: ';', ':', or a period after a word of four letters or more (not
/// "Sen.", "Dr.", "U.S.").
bool has_clause_end(std::string_view gap) {
    if (gap.find_first_of(";:") != std::string_view::npos) {
        return true;
    }
    for (auto dot = gap.find('.'); dot != std::string_view::npos; dot = gap.find('.', dot + 1)) {
        std::size_t letters = 0;
        while (letters < dot && std::isalpha(static_cast<unsigned char>(gap[dot - letters - 1]))) {
            ++letters;
        }
        if (letters >= 4) {
            return true;
        }
    }
    return false;
}

} // namespace

/// A pattern over lower-cased text, compiled with word boundaries libstdc++ checks cheaply: its `\b` asks the
/// locale for the "w" class at every position (a third of `met`'s time went there). A `\b` before a word
/// becomes "start or a non-word character" (which the match then includes: see match_begin), one after a word
/// a look-ahead; `\w`, `\W` and `\s` become plain character classes.
std::regex word_regex(std::string_view pattern) {
    std::string out;
    const auto in_class = [&] {
        const auto open = out.rfind('[');
        const auto close = out.rfind(']');
        return open != std::string::npos && (close == std::string::npos || open > close);
    };
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const auto escape = pattern.substr(i, 2);
        if (escape == "\\b") {
            const char next = i + 2 < pattern.size() ? pattern[i + 2] : ')';
            out += next == ')' || next == '|' || next == '$' ? "(?![a-z0-9_])" : "(?:^|[^a-z0-9_])";
        } else if (escape == "\\w") {
            out += in_class() ? "a-z0-9_" : "[a-z0-9_]";
        } else if (escape == "\\W" && !in_class()) {
            out += "[^a-z0-9_]";
        } else if (escape == "\\s") {
            out += in_class() ? " \\t\\n\\r" : "[ \\t\\n\\r]";
        } else {
            out += pattern[i];
            continue;
        }
        ++i;
    }
    return std::regex(out, std::regex::optimize);
}

/// Where a match of a word_regex pattern starts its word (past the non-word character it may include).
std::size_t match_begin(std::string_view text, std::size_t position) {
    return position < text.size() &&
                   !(std::islower(static_cast<unsigned char>(text[position])) ||
                     std::isdigit(static_cast<unsigned char>(text[position])) || text[position] == '_')
               ? position + 1
               : position;
}

/// The kinds of trigger the whole words of `lower` can start (0: none).
std::uint8_t trigger_words(std::string_view lower) {
    std::uint8_t kinds = 0;
    for (std::size_t i = 0; i < lower.size();) {
        if (!is_word_char(lower[i])) {
            ++i;
            continue;
        }
        auto end = i;
        while (end < lower.size() && is_word_char(lower[end])) {
            ++end;
        }
        // By first letter and length, then compared: cheaper than hashing every word of every sentence.
        static const auto k_by_letter = [] {
            std::array<std::vector<const TriggerWord*>, 26> by_letter;
            for (const auto& trigger : k_trigger_words) {
                by_letter[static_cast<std::size_t>(trigger.word[0] - 'a')].push_back(&trigger);
            }
            return by_letter;
        }();
        const auto word = lower.substr(i, end - i);
        if (word.size() >= 3 && word.size() <= 13 && word[0] >= 'a' && word[0] <= 'z') {
            for (const auto* trigger : k_by_letter[static_cast<std::size_t>(word[0] - 'a')]) {
                if (trigger->word.size() == word.size() && trigger->word == word) {
                    kinds |= trigger->kinds;
                }
            }
        }
        i = end;
    }
    return kinds;
}

const std::regex& verb_trigger() {
    static const std::regex re = word_regex(
        R"(\b(?:met|meet|meets|meeting|talked|talk|spoke|spoken|speak|speaks|conferred|confer|sat down)(?: (?:by|over the) (?:tele)?phone)?(?: with| to)?\b)");
    return re;
}

const std::regex& held_noun_trigger() {
    static const std::regex re = word_regex(
        R"(\b(?:held|had|hold|holds|holding|having|has|have|began|opened|concluded|ended|resumed|started)(?: [\w'\-]+){0,4} (?:talks|meeting|meetings|summit|call|calls|conversation|conversations|discussions|consultations|negotiations)(?: [\w'\-]+){0,4}? with\b)");
    return re;
}

const std::regex& noun_trigger() {
    static const std::regex re = word_regex(
        R"(\b(?:meeting|meetings|talks|summit|call|conversation|discussions|consultations|negotiations|audience|(?:telephone|phone) contact)(?: (?:this|last|late|early|earlier|later|today|yesterday|here|there|morning|afternoon|evening|night|on|at|in|[A-Z]?[a-z]+day|\w+ing)){0,3} with\b)");
    return re;
}

const std::regex& host_trigger() {
    static const std::regex re =
        word_regex(R"(\b(?:received|receives|receive|hosted|hosts|host|welcomed|welcomes|greeted)\b)");
    return re;
}

const std::regex& visit_trigger() {
    static const std::regex re =
        word_regex(R"(\b(?:visited|visits|(?:courtesy )?call on|calls on|called on)\b)");
    return re;
}

const std::regex& phone_trigger() {
    static const std::regex re = word_regex(R"(\b(?:telephoned|phoned)\b)");
    return re;
}

const std::regex& symmetric_trigger() {
    static const std::regex re = word_regex(
        R"(^,?\s*(?:(?:also|again|first|briefly|privately|separately|later|earlier|have|had|also)\s+){0,2}(?:met|meet|held talks|hold talks|had talks|held a summit|held their [\w\-]+ summit|held a meeting|held a telephone call|spoke(?: by (?:tele)?phone)?|talked|shook hands|conferred|discussed)\b)");
    return re;
}

/// After a group of names: "... at a secret meeting", "... at their talks in Geneva".
const std::regex& at_meeting_trigger() {
    static const std::regex re = word_regex(
        R"(^[^;:]{0,120}?\b(?:at|during|after|in) (?:a|an|the|their|his|her) (?:[\w\-]+ ){0,3}(?:meeting|talks|summit|meetings)\b)");
    return re;
}

const std::regex& between_trigger() {
    static const std::regex re = word_regex(
        R"(\b(?:talks|meeting|meetings|summit|summits|call|negotiations|consultations)(?:\s+[\w']+){0,3}?\s+between\s+(?:[\w.'\-]+\s+){0,5}$)");
    return re;
}

const std::regex& negated_or_hypothetical() {
    static const std::regex re = word_regex(
        R"(\b(?:not|never|no|n't|refused|refuses|refuse|declined|declines|decline|failed to|without|)"
        R"(could|might|may|willing|offer|offered|offers|if|unless|chance|possible|possibility|hope|hopes|hoped|)"
        R"(want|wants|wanted|invited|invites|invitation|propose|proposed|proposes|sought|seeks|seek|ready to|likely|whether|)"
        R"(should|urged|urges|asked to|request|requested|called for|calls for|like to|love to|wish|wishes|idea)\b)");
    return re;
}

const std::regex& reported_future() {
    static const std::regex re =
        word_regex(R"(\b(?:said|says|told|announced)(?: that)? (?:he|she|they|it|\w+) would\b)");
    return re;
}

const std::regex& would() {
    static const std::regex re = word_regex(R"(\bwould\b)");
    return re;
}

const std::regex& planned_words() {
    static const std::regex re = word_regex(
        R"(\b(?:will|shall|is to|are to|was to|were to|plans to|plan to|planned|planning|expected|scheduled|set to|due to|is due|are due|to meet|next week|next month|tomorrow|later today|later this|upcoming|would|ahead of|probable|flies|leaves|travels|heads|goes|groundwork|prepare|prepares|preparing|visits)\b)");
    return re;
}

const std::regex& cancelled_words() {
    static const std::regex re = word_regex(
        R"(\b(?:cancelled|canceled|cancel|cancels|called off|postponed|postpone|scrapped|put off|suspended|broke off|broken off|delayed|abandoned)\b)");
    return re;
}

/// A meeting named and then denied: "... did not take place".
bool denied_after(std::string_view continuation) {
    static const std::regex re = word_regex(
        R"(^\W*(?:[\w'\-]+\W+){0,4}?(?:did not|didn't|was not|were not|never|fell through|failed)\b)");
    const std::string text(continuation.substr(0, 80));
    return std::regex_search(text, re);
}

/// Between two listed names: a comma or "and", and perhaps title words ("Central Bank Governor", "minister of
/// mines and power"); a qualifier of the first may come before the comma ("Patrick Moynihan of New York,
/// ...").
bool is_list_gap(std::string_view gap) {
    static const std::regex re =
        word_regex(R"(^\s*(?:of\s+(?:[a-z.'\-]+\s+){0,3}?)?(?:,\s*and|,|and|&)\s+(?:[a-z.'\-]+\s+){0,8}$)");
    static const std::regex stop = word_regex(
        R"(\b(?:said|says|told|who|which|that|in|on|at|for|to|after|before|when|while|about|over|by|from|met|meet|with)\b)");
    const std::string text(gap);
    return gap.size() < 90 && std::regex_match(text, re) && !std::regex_search(text, stop);
}

/// What may stand between a trigger and the first party: titles, a possessive, "for more than an hour",
/// "in the residence", a place or demonym already skipped as a mention; no other clause.
bool is_object_gap(std::string_view gap) {
    if (gap.size() > 90 || has_clause_end(gap)) {
        return false;
    }
    static const std::regex stop = word_regex(
        R"(\b(?:said|says|told|who|which|that|but|because|while|when|after|before|if|would|will|to discuss|about|on how|and (?:said|told|was|is|will|had|has))\b)");
    const std::string text(gap);
    return !std::regex_search(text, stop);
}

} // namespace dateline::meetings
