#include "meetings/meetings.hpp"

#include "text/utf8.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <regex>

namespace dateline {

namespace {

struct SentenceMention {
    std::size_t begin, end; ///< relative to the sentence
    const schema::StoredEntity* entity;
};

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

/// Every trigger below (directed, symmetric, between) contains one of these words, whole: a sentence without
/// any of them cannot hold a meeting. Looking for them first spares std::regex's backtracking matcher almost
/// every sentence (`met` over a person in 25,000 of a million articles: 165 s without this check). A new
/// trigger word must be added here too.
constexpr std::array k_trigger_words = {
    "call",    "calls",      "conversation", "conversations", "host",     "hosted",  "hosts",    "meet",
    "meeting", "meetings",   "meets",        "met",           "phoned",   "receive", "received", "receives",
    "sat",     "speak",      "speaks",       "spoke",         "summit",   "summits", "talk",     "talked",
    "talks",   "telephoned", "visited",      "visits",        "welcomed", "welcomes"};

/// True if `lower` has a trigger word as a whole word, in std::regex's sense: a run of [a-z0-9_].
bool has_trigger_word(std::string_view lower) {
    const auto is_word = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; };
    for (std::size_t i = 0; i < lower.size();) {
        if (!is_word(lower[i])) {
            ++i;
            continue;
        }
        auto end = i;
        while (end < lower.size() && is_word(lower[end])) {
            ++end;
        }
        const auto word = lower.substr(i, end - i);
        if (std::find(k_trigger_words.begin(), k_trigger_words.end(), word) != k_trigger_words.end()) {
            return true;
        }
        i = end;
    }
    return false;
}

const std::regex& directed_trigger() {
    static const std::regex re(
        R"(\b(?:(?:met|meet|meets|meeting|talked|talk|talks|spoke|speak|speaks|sat down)(?: by (?:tele)?phone)?(?: with| to)?)"
        R"(|(?:held|holds|hold|had|has|have|having|for)(?: \w+){0,3} (?:summit|summits|talks|meeting|meetings|call|calls|conversation|conversations)(?: \w+){0,2} with)"
        R"(|(?:summit|talks|meeting|call)s? with)"
        R"(|hosted|hosts|host|received|receives|receive|welcomed|welcomes|visited|visits|telephoned|phoned)\b)");
    return re;
}

const std::regex& symmetric_trigger() {
    static const std::regex re(
        R"(^\s*(?:met|meet|held talks|hold talks|held a summit|held their \w+ summit|held a meeting|spoke(?: by phone)?|talked)\b)");
    return re;
}

const std::regex& between_trigger() {
    static const std::regex re(R"(\b(?:talks|meeting|meetings|summit|summits|call)\s+between\s*$)");
    return re;
}

const std::regex& not_a_meeting() {
    static const std::regex re(
        R"(\b(?:not|never|no|n't|refused|refuses|refuse|declined|declines|decline|cancelled|canceled|called off|without|)"
        R"(would|could|might|may|willing|offer|offered|offers|if|unless|chance|possible|possibility|hope|hopes|hoped|)"
        R"(want|wants|wanted|invited|invites|invitation|proposed|proposes|sought|seeks|seek|ready to|likely|whether)\b)");
    return re;
}

const std::regex& planned_meeting() {
    static const std::regex re(
        R"(\b(?:will|shall|is to|are to|was to|plans to|plan to|planned|planning|expected to|scheduled to|set to|due to|to meet|next week|next month)\b)");
    return re;
}

/// A meeting named and then denied: "... did not take place", "... was cancelled".
bool denied_after(std::string_view continuation) {
    static const std::regex re(
        R"(^\W*(?:\w+\W+){0,4}?(?:did not|didn't|was not|were not|never|was cancelled|was canceled|was called off|fell through)\b)");
    const std::string text(continuation.substr(0, 80));
    return std::regex_search(text, re);
}

/// Words after a country or organisation that make it a party to a meeting: "Chinese officials".
const std::regex& delegation_words() {
    static const std::regex re(
        R"(^\s*(?:delegation|delegations|officials|delegates|envoys|counterparts|leaders|negotiators|representatives)\b)");
    return re;
}

MeetingParty party(const schema::StoredEntity& entity) {
    return {entity.type, entity.id, entity.name};
}

} // namespace

std::optional<MeetingKind> meeting_kind(std::string_view lead_in) {
    const auto lower = ascii_lower(lead_in);
    if (std::regex_search(lower, not_a_meeting())) {
        return std::nullopt;
    }
    if (std::regex_search(lower, planned_meeting())) {
        return MeetingKind::planned;
    }
    return MeetingKind::held;
}

std::vector<MeetingSentence> find_meetings(const schema::StoredArticle& article, Tokenizer& tokenizer) {
    std::vector<MeetingSentence> found;
    const auto text = article.title + "\n\n" + article.text;
    const auto starts = tokenizer.sentence_starts(text);
    // Mentions per sentence, outer ones only ("U.S." inside "U.S. Agriculture Department" is not a party).
    std::vector<std::vector<SentenceMention>> by_sentence(starts.size());
    std::size_t covered_until = 0;
    for (const auto& mention : article.mentions) {
        if (mention.begin < covered_until || mention.sentence + 1 >= starts.size() ||
            mention.entity >= article.entities.size()) {
            continue;
        }
        covered_until = mention.end;
        const auto base = starts[mention.sentence];
        by_sentence[mention.sentence].push_back(
            {mention.begin - base, mention.end - base, &article.entities[mention.entity]});
    }
    for (std::size_t s = 0; s + 1 < starts.size(); ++s) {
        const auto& mentions = by_sentence[s];
        if (mentions.size() < 2 || std::none_of(mentions.begin(), mentions.end(), [](const auto& m) {
                return m.entity->type == EntityType::person;
            })) {
            continue;
        }
        const std::string sentence = text.substr(starts[s], starts[s + 1] - starts[s]);
        const auto lower = ascii_lower(sentence);
        if (!has_trigger_word(lower)) {
            continue;
        }
        const auto add = [&](const schema::StoredEntity* a, const schema::StoredEntity* b, MeetingKind kind) {
            if (a == b || a->id == b->id ||
                (a->type != EntityType::person && b->type != EntityType::person)) {
                return;
            }
            for (const auto& existing : found) {
                if (existing.sentence == collapse_whitespace(sentence) &&
                    ((existing.first.id == a->id && existing.second.id == b->id) ||
                     (existing.first.id == b->id && existing.second.id == a->id))) {
                    return;
                }
            }
            found.push_back({party(*a), party(*b), kind, collapse_whitespace(sentence)});
        };
        // "X and Y met", "talks between X and Y": two people joined by "and", perhaps with titles before the
        // second
        // ("Lee Jae-myung and U.S. President Donald Trump met").
        static const std::regex k_joined(R"(^,? and (?:[a-z.'\-]+ ){0,4}$)");
        for (std::size_t i = 0; i < mentions.size(); ++i) {
            const auto& x = mentions[i];
            if (x.entity->type != EntityType::person) {
                continue;
            }
            const SentenceMention* y = nullptr;
            for (std::size_t j = i + 1; j < mentions.size(); ++j) {
                if (mentions[j].entity->type == EntityType::person) {
                    y = &mentions[j];
                    break;
                }
            }
            if (y == nullptr || !std::regex_match(lower.substr(x.end, y->begin - x.end), k_joined)) {
                continue;
            }
            std::smatch m;
            const auto after = lower.substr(y->end);
            if (std::regex_search(after, m, symmetric_trigger()) &&
                !denied_after(after.substr(static_cast<std::size_t>(m.position(0) + m.length(0))))) {
                if (const auto kind = meeting_kind(
                        after.substr(0, static_cast<std::size_t>(m.position(0) + m.length(0))))) {
                    add(x.entity, y->entity, *kind);
                }
            }
            const auto before = lower.substr(0, x.begin);
            if (std::regex_search(before, between_trigger()) && !denied_after(after)) {
                if (const auto kind = meeting_kind(before)) {
                    add(x.entity, y->entity, *kind);
                }
            }
        }
        // "X met Y", "X held talks with Y", "X hosted Y".
        for (auto it = std::sregex_iterator(lower.begin(), lower.end(), directed_trigger());
             it != std::sregex_iterator(); ++it) {
            const auto trigger_begin = static_cast<std::size_t>(it->position(0));
            const auto trigger_end = trigger_begin + static_cast<std::size_t>(it->length(0));
            const SentenceMention* subject = nullptr;
            for (const auto& m : mentions) {
                if (m.end <= trigger_begin && m.entity->type == EntityType::person) {
                    subject = &m;
                }
            }
            if (subject == nullptr) {
                continue;
            }
            const SentenceMention* object = nullptr;
            for (const auto& m : mentions) {
                if (m.begin < trigger_end || m.begin > trigger_end + 60) {
                    continue;
                }
                if (m.entity->type == EntityType::person) {
                    object = &m;
                    break;
                }
                if (object == nullptr && std::regex_search(lower.substr(m.end), delegation_words())) {
                    object = &m; // "held talks with Chinese officials": the country, unless a person follows
                }
            }
            if (object == nullptr) {
                continue;
            }
            // What lies between the trigger and the object must not be another clause.
            const auto gap = lower.substr(trigger_end, object->begin - trigger_end);
            if (gap.find_first_of(";.") != std::string::npos || gap.find(" and ") != std::string::npos) {
                continue;
            }
            // The clause the subject is in decides the kind: "If Trump meets Kim, ..." is hypothetical.
            const auto clause_break = lower.find_last_of(",;:", subject->begin);
            const auto clause_start = clause_break == std::string::npos ? 0 : clause_break + 1;
            if (const auto kind = meeting_kind(lower.substr(clause_start, trigger_end - clause_start))) {
                add(subject->entity, object->entity, *kind);
            }
        }
    }
    return found;
}

} // namespace dateline
