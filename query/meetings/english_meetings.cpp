// Meetings in English sentences (see meetings.hpp for the shapes read).
#include "meetings/english_patterns.hpp"
#include "meetings/meeting_reading.hpp"

#include <algorithm>
#include <array>
#include <regex>
#include <unordered_map>

namespace dateline::meetings {

namespace {

class EnglishReader {
public:
    explicit EnglishReader(const SentenceView& view) : m_view(view), m_lower(ascii_lower(view.text)) {}

    std::vector<FoundMeeting> run() {
        m_kinds = trigger_words(m_lower);
        if (m_kinds == 0) {
            return {};
        }
        if ((m_kinds & w_together) != 0) {
            read_joined_pairs();
        }
        for (const auto& trigger : triggers()) {
            read_trigger(trigger);
        }
        return std::move(m_found);
    }

private:
    std::vector<TriggerMatch> triggers() const {
        std::vector<TriggerMatch> out;
        const auto collect = [&](const std::regex& re, Trigger kind) {
            for (auto it = std::sregex_iterator(m_lower.begin(), m_lower.end(), re);
                 it != std::sregex_iterator(); ++it) {
                const auto position = static_cast<std::size_t>(it->position(0));
                const auto begin = match_begin(m_lower, position);
                TriggerMatch match{kind, begin, position + static_cast<std::size_t>(it->length(0))};
                if (kind == Trigger::host) {
                    const auto before = std::string_view(m_lower).substr(0, begin);
                    match.passive =
                        (before.ends_with("was ") || before.ends_with("were ") || before.ends_with("is ") ||
                         before.ends_with("being ") || before.ends_with("been ")) &&
                        std::string_view(m_lower).substr(match.end).starts_with(" by");
                    if (match.passive) {
                        match.end += 3;
                    }
                }
                out.push_back(match);
            }
        };
        if ((m_kinds & w_noun) != 0) {
            collect(held_noun_trigger(), Trigger::held_noun);
            collect(noun_trigger(), Trigger::noun);
        }
        if ((m_kinds & w_verb) != 0) {
            collect(verb_trigger(), Trigger::verb);
        }
        if ((m_kinds & w_host) != 0) {
            collect(host_trigger(), Trigger::host);
        }
        if ((m_kinds & w_visit) != 0) {
            collect(visit_trigger(), Trigger::visit);
        }
        if ((m_kinds & w_phone) != 0) {
            collect(phone_trigger(), Trigger::phone);
        }
        return out;
    }

    /// "A and B met", "A, B and C met at the summit", "talks between A and B".
    void read_joined_pairs() {
        const auto& mentions = m_view.mentions;
        for (std::size_t i = 0; i < mentions.size(); ++i) {
            if (mentions[i].entity->type != EntityType::person) {
                continue;
            }
            // The people listed from here: "A and B", "A, B and C" (titles between allowed).
            std::vector<const SentenceMention*> listed{&mentions[i]};
            std::size_t last_listed = i;
            for (auto j = i + 1; j < mentions.size(); ++j) {
                const auto gap = std::string_view(m_lower).substr(listed.back()->end,
                                                                  mentions[j].begin - listed.back()->end);
                if (mentions[j].entity->type != EntityType::person) {
                    continue; // a country or demonym in a title: "U.S. President Donald Trump"
                }
                if (!is_list_gap(gap)) {
                    break;
                }
                listed.push_back(&mentions[j]);
                last_listed = j;
            }
            const auto last_gap =
                listed.size() < 2
                    ? std::string_view()
                    : std::string_view(m_lower).substr(listed[listed.size() - 2]->end,
                                                       listed.back()->begin - listed[listed.size() - 2]->end);
            if (listed.size() < 2 || last_gap.find("and") == std::string_view::npos) {
                continue;
            }
            const auto after = std::string_view(m_lower).substr(listed.back()->end);
            std::match_results<std::string_view::const_iterator> m;
            if (std::regex_search(after.begin(), after.end(), m, symmetric_trigger()) &&
                !denied_after(after.substr(static_cast<std::size_t>(m.position(0) + m.length(0))))) {
                const auto trigger_end =
                    listed.back()->end + static_cast<std::size_t>(m.position(0) + m.length(0));
                add_symmetric(listed, clause_start(listed.front()->begin), trigger_end, "en:joined",
                              listed.front()->begin);
            }
            std::match_results<std::string_view::const_iterator> at_meeting;
            if (!std::regex_search(after.begin(), after.end(), m, symmetric_trigger()) &&
                std::regex_search(after.begin(), after.end(), at_meeting, at_meeting_trigger())) {
                const auto trigger_end =
                    listed.back()->end +
                    static_cast<std::size_t>(at_meeting.position(0) + at_meeting.length(0));
                add_symmetric(listed, clause_start(listed.front()->begin), trigger_end, "en:joined-at",
                              listed.front()->begin);
            }
            const auto before = m_lower.substr(0, listed.front()->begin);
            if (std::regex_search(before, between_trigger()) && !denied_after(after)) {
                add_symmetric(listed, clause_start(listed.front()->begin), listed.front()->begin,
                              "en:between", clause_start(listed.front()->begin));
            }
            i = last_listed;
        }
    }

    void add_symmetric(const std::vector<const SentenceMention*>& listed, std::size_t from,
                       std::size_t trigger_end, const char* rule, std::size_t lead_from) {
        const auto status = status_of(from, lead_from, trigger_end, listed.back()->end);
        if (!status) {
            return;
        }
        FoundMeeting found;
        found.actors = listed;
        found.status = *status;
        found.rule = rule;
        found.trigger = listed.front()->begin;
        found.mode = mode_of(Trigger::verb);
        add(std::move(found));
    }

    void read_trigger(const TriggerMatch& trigger) {
        // "host APEC" hosts an event; "met the IMF" meets a body: a bare organisation is a party after a
        // meeting verb or noun only.
        const bool bodies = trigger.kind == Trigger::verb || trigger.kind == Trigger::noun ||
                            trigger.kind == Trigger::held_noun;
        auto object = objects_after(trigger.end, bodies);
        if (object.empty()) {
            return;
        }
        auto subject = subjects_before(trigger.begin);
        if (subject.empty() && trigger.kind == Trigger::noun) {
            subject = subject_after(object.back()->end); // "After a meeting with B, A said ..."
        }
        if (subject.empty()) {
            return;
        }
        const bool subject_here =
            subject.front() != m_view.previous_person && subject.front()->begin < trigger.begin;
        const auto from = clause_start(
            subject_here && subject.front()->begin < trigger.begin ? subject.front()->begin : trigger.begin);
        // The hedges that count start at the subject ("he" of the previous sentence: at the clause).
        const bool here = subject.front() != m_view.previous_person;
        const auto first = here ? std::min(subject.front()->begin, object.front()->begin) : from;
        // A meeting named as a noun ("failed to outline ... in his meeting with B") is hedged only by the
        // words right before it ("no meeting with", "a possible meeting with").
        const auto noun_lead = m_lower.rfind(' ', trigger.begin >= 2 ? trigger.begin - 2 : 0);
        const auto lead_from =
            trigger.kind == Trigger::noun && noun_lead != std::string::npos && noun_lead > from
                ? m_lower.rfind(' ', noun_lead > 0 ? noun_lead - 1 : 0)
                : (first < trigger.begin ? first : trigger.begin);
        // Plans are read from the whole clause: "Thatcher will visit Washington next month for talks with B".
        const auto status = status_of(from, lead_from == std::string::npos ? from : lead_from, trigger.end,
                                      object.back()->end, std::min(from, first));
        if (!status) {
            return;
        }
        FoundMeeting found;
        found.status = *status;
        found.trigger = trigger.begin;
        found.mode = mode_of(trigger.kind);
        const bool host_receives = trigger.kind == Trigger::host && !trigger.passive;
        found.actors = host_receives ? object : subject; // the visitor acts; the host receives
        found.recipients = host_receives ? subject : object;
        found.rule = trigger.kind == Trigger::host        ? (trigger.passive ? "en:received-by" : "en:host")
                     : trigger.kind == Trigger::visit     ? "en:visit"
                     : trigger.kind == Trigger::phone     ? "en:phone"
                     : trigger.kind == Trigger::noun      ? "en:noun-with"
                     : trigger.kind == Trigger::held_noun ? "en:held-with"
                                                          : "en:verb";
        add(std::move(found));
    }

    /// The party right after a trigger (past titles and apposition), and the parties listed with it.
    std::vector<const SentenceMention*> objects_after(std::size_t from, bool bodies) const {
        std::vector<const SentenceMention*> out;
        const auto& mentions = m_view.mentions;
        std::size_t at = from;
        for (std::size_t k = 0; k < mentions.size(); ++k) {
            const auto& m = mentions[k];
            if (m.begin < from) {
                continue;
            }
            if (out.empty()) {
                if (!is_object_gap(std::string_view(m_lower).substr(at, m.begin - at))) {
                    break;
                }
                at = m.end;
                if (m.entity->type != EntityType::person && titles_person(k)) {
                    continue; // "Federal Reserve Board Chairman Paul Volcker": the person is the party
                }
                const bool right_after =
                    std::string_view(m_lower).substr(from, m.begin - from).find_first_not_of(" the") ==
                    std::string_view::npos;
                const auto after = std::string_view(m_view.text).substr(m.end);
                if (after.starts_with("'s") || after.starts_with("\xe2\x80\x99s")) {
                    break; // "welcomed Reagan's decision": the object is the decision
                }
                if (is_party(m_view, m) || (bodies && m.entity->type == EntityType::org && right_after)) {
                    out.push_back(&m); // a person, a delegation, "met the IMF", "talks with Airbus"
                }
                continue;
            }
            if (m.entity->type != EntityType::person) {
                continue; // a demonym, an organisation or a place in a listed title ("Treasury Secretary")
            }
            if (!is_list_gap(std::string_view(m_lower).substr(out.back()->end, m.begin - out.back()->end))) {
                break;
            }
            out.push_back(&m);
        }
        close_list(out);
        return out;
    }

    /// A list ends with "and": "B, C and D". Names after the last "and"-joined one were only set off by
    /// commas
    /// ("talks with B, A said"): they are dropped.
    void close_list(std::vector<const SentenceMention*>& listed) const {
        while (listed.size() > 1) {
            const auto gap = m_lower.substr(listed[listed.size() - 2]->end,
                                            listed.back()->begin - listed[listed.size() - 2]->end);
            if (gap.find("and") != std::string::npos || gap.find('&') != std::string::npos) {
                return;
            }
            listed.pop_back();
        }
    }

    /// True if mention `k` stands in the title of a person named right after it ("Bank of Japan Governor
    /// Satoshi Sumita", "Chancellor of the Exchequer Nigel Lawson").
    bool titles_person(std::size_t k) const {
        const auto& mentions = m_view.mentions;
        for (auto j = k + 1; j < mentions.size(); ++j) {
            const auto gap = std::string_view(m_lower).substr(mentions[j - 1].end,
                                                              mentions[j].begin - mentions[j - 1].end);
            if (gap.size() > 40 || gap.find(',') != std::string_view::npos ||
                gap.find(" and ") != std::string_view::npos) {
                return false;
            }
            if (mentions[j].entity->type == EntityType::person) {
                return true;
            }
        }
        return false;
    }

    /// The nearest person before the trigger in its clause, with any listed right before it; "he" or "she"
    /// is the previous sentence's first person.
    std::vector<const SentenceMention*> subjects_before(std::size_t trigger) const {
        const auto start = clause_start(trigger);
        const SentenceMention* nearest = nullptr;
        for (const auto& m : m_view.mentions) {
            if (m.end <= trigger && m.begin >= start && is_party(m_view, m)) {
                nearest = &m;
            }
        }
        std::vector<const SentenceMention*> out;
        if (nearest == nullptr) {
            // A company or body right before the verb ("Dayton Hudson met with Governor Rudy Perpich").
            for (const auto& m : m_view.mentions) {
                const auto gap =
                    std::string_view(m_lower).substr(m.end, trigger > m.end ? trigger - m.end : 0);
                if (m.entity->type == EntityType::org && m.begin >= start && m.end <= trigger &&
                    gap.size() < 25 && gap.find(',') == std::string_view::npos) {
                    nearest = &m;
                }
            }
            if (nearest != nullptr) {
                return {nearest};
            }
            static const std::regex k_pronoun = word_regex(R"(\b(?:he|she|his|her)\b)");
            static const std::regex k_it = word_regex(R"(\b(?:it|its)\b)");
            const auto lead = m_lower.substr(start, trigger - start);
            if (m_view.previous_person != nullptr && std::regex_search(lead, k_pronoun)) {
                out.push_back(m_view.previous_person);
            } else if (std::regex_search(lead, k_it)) {
                // "Henley said it held discussions with Santa Fe": the company named before.
                for (const auto& m : m_view.mentions) {
                    if (m.end <= trigger && m.begin >= start && m.entity->type == EntityType::org) {
                        out = {&m};
                    }
                }
            }
            return out;
        }
        nearest = past_apposition(nearest, start);
        // "Before meeting with Bush, the Crown Prince paid a call on Reagan": a new subject after the comma.
        static const std::regex k_new_subject = word_regex(R"(,\s*(?:the|a|an)\s[^,]*$)");
        if (std::regex_search(m_lower.substr(nearest->end, trigger - nearest->end), k_new_subject)) {
            return {};
        }
        out.push_back(nearest);
        for (auto it = std::find_if(m_view.mentions.rbegin(), m_view.mentions.rend(),
                                    [&](const SentenceMention& m) { return &m == nearest; });
             it != m_view.mentions.rend(); ++it) {
            auto next = std::next(it);
            if (next == m_view.mentions.rend() || next->entity->type != EntityType::person ||
                !is_list_gap(std::string_view(m_lower).substr(next->end, it->begin - next->end))) {
                break;
            }
            out.insert(out.begin(), &*next);
        }
        return out;
    }

    /// "Dumas, a close aide to President Francois Mitterrand, met ...": a person inside an apposition is not
    /// the subject; the one the apposition describes is.
    const SentenceMention* past_apposition(const SentenceMention* nearest, std::size_t start) const {
        const auto comma = m_lower.rfind(',', nearest->begin);
        if (comma == std::string::npos || comma < start) {
            return nearest;
        }
        static const std::regex k_apposition =
            word_regex(R"(^,\s*(?:a|an|the|who|whose|his|her|its|their)\s)");
        if (!std::regex_search(m_lower.substr(comma, 12), k_apposition)) {
            return nearest;
        }
        const SentenceMention* before = nullptr;
        for (const auto& m : m_view.mentions) {
            if (m.end <= comma && m.begin >= start && m.entity->type == EntityType::person) {
                before = &m;
            }
        }
        return before == nullptr ? nearest : before;
    }

    /// "After a meeting with B, A said", "Speaking after talks with B, he said": the subject after the comma.
    std::vector<const SentenceMention*> subject_after(std::size_t from) const {
        const auto comma = m_lower.find(',', from);
        if (comma == std::string::npos || comma > from + 60) {
            return {};
        }
        static const std::regex k_pronoun = word_regex(R"(^,\s*(?:he|she)\b)");
        if (std::regex_search(m_lower.substr(comma, 8), k_pronoun) && m_view.previous_person != nullptr) {
            return {m_view.previous_person};
        }
        for (const auto& m : m_view.mentions) {
            if (m.begin > comma && m.entity->type == EntityType::person) {
                return m.begin < comma + 40 ? std::vector<const SentenceMention*>{&m}
                                            : std::vector<const SentenceMention*>{};
            }
        }
        return {};
    }

    /// The start of the clause holding `at`: after the last ';' or ':' before it.
    std::size_t clause_start(std::size_t at) const {
        const auto found = m_lower.find_last_of(";:", at == 0 ? 0 : at - 1);
        return found == std::string::npos || found >= at ? 0 : found + 1;
    }

    /// Held, planned, cancelled; nothing if negated, refused or hypothetical. Conditions ("if", "whether")
    /// count from the clause's start, the rest from the subject on: "the request was made ... by A at a
    /// meeting with B" is a meeting.
    std::optional<MeetingStatus> status_of(std::size_t from, std::size_t subject, std::size_t trigger_end,
                                           std::size_t object_end,
                                           std::size_t planned_from = std::string::npos) const {
        static const std::regex k_condition =
            word_regex(R"(\b(?:if|unless|whether|chance|possible|possibility)\b)");
        const auto clause = m_lower.substr(from, trigger_end - from);
        const auto lead =
            m_lower.substr(std::min(subject, trigger_end), trigger_end - std::min(subject, trigger_end));
        if (denied_after(std::string_view(m_lower).substr(object_end))) {
            return std::nullopt;
        }
        if (std::regex_search(m_lower, cancelled_words())) {
            return MeetingStatus::cancelled;
        }
        if (std::regex_search(clause, k_condition) || std::regex_search(lead, negated_or_hypothetical())) {
            return std::nullopt;
        }
        if (std::regex_search(lead, would()) && !std::regex_search(clause, reported_future())) {
            return std::nullopt; // "would be willing to", "would meet if"
        }
        const auto after = m_lower.substr(object_end, 40);
        const auto plan_from =
            std::min(planned_from == std::string::npos ? subject : planned_from, trigger_end);
        const auto plan = m_lower.substr(plan_from, trigger_end - plan_from);
        if (std::regex_search(plan, planned_words()) || std::regex_search(after, planned_words())) {
            return MeetingStatus::planned;
        }
        return MeetingStatus::held;
    }

    MeetingMode mode_of(Trigger kind) const {
        static const std::regex k_phone =
            word_regex(R"(\b(?:phone|telephone|telephoned|phoned|by phone|phone call)\b)");
        static const std::regex k_video =
            word_regex(R"(\b(?:video|videoconference|video link|virtual|virtually)\b)");
        static const std::regex k_visit = word_regex(
            R"(\b(?:visit|visits|visiting|visited|trip|tour|arrived|flew to|in town|state visit)\b)");
        if (kind == Trigger::phone || std::regex_search(m_lower, k_phone)) {
            return MeetingMode::phone;
        }
        if (std::regex_search(m_lower, k_video)) {
            return MeetingMode::video;
        }
        if (kind == Trigger::host || kind == Trigger::visit || std::regex_search(m_lower, k_visit)) {
            return MeetingMode::visit;
        }
        return MeetingMode::unspecified;
    }

    void add(FoundMeeting found) {
        const auto key = [](const FoundMeeting& f) {
            std::vector<std::string> ids;
            for (const auto* group : {&f.actors, &f.recipients}) {
                for (const auto* m : *group) {
                    ids.push_back(m->entity->id);
                }
            }
            std::sort(ids.begin(), ids.end());
            return ids;
        };
        std::vector<const SentenceMention*> all = found.actors;
        all.insert(all.end(), found.recipients.begin(), found.recipients.end());
        for (std::size_t i = 0; i < all.size(); ++i) {
            for (std::size_t j = i + 1; j < all.size(); ++j) {
                if (all[i]->entity->id == all[j]->entity->id) {
                    return; // one entity on both sides is not a meeting
                }
            }
        }
        if (std::none_of(all.begin(), all.end(),
                         [](const auto* m) { return m->entity->type == EntityType::person; })) {
            return; // a meeting has a person in it (talks between companies are too often mere co-mentions)
        }
        const auto k = key(found);
        for (const auto& existing : m_found) {
            if (key(existing) == k) {
                return;
            }
        }
        if (all.size() >= 3 && found.mode == MeetingMode::unspecified) {
            static const std::regex k_gathering =
                word_regex(R"(\b(?:summit|conference|gathering|forum|ministers|leaders)\b)");
            if (std::regex_search(m_lower, k_gathering)) {
                found.mode = MeetingMode::multilateral;
            }
        }
        m_found.push_back(std::move(found));
    }

    const SentenceView& m_view;
    std::string m_lower;
    std::uint8_t m_kinds = 0; ///< TriggerWords the sentence has
    std::vector<FoundMeeting> m_found;
};

} // namespace

bool has_english_trigger(std::string_view lower) {
    return trigger_words(lower) != 0;
}

std::vector<FoundMeeting> read_english(const SentenceView& sentence) {
    return EnglishReader(sentence).run();
}

bool is_party(const SentenceView& sentence, const SentenceMention& mention) {
    if (mention.entity->type == EntityType::person) {
        return true;
    }
    if (mention.entity->type == EntityType::place) {
        return false;
    }
    static const std::regex k_delegation = word_regex(
        R"(^\s*(?:delegation|delegations|officials|delegates|envoys|counterparts|leaders|negotiators|representatives|mission|team|ministers)\b)");
    const auto after = ascii_lower(sentence.text.substr(mention.end, 40));
    return std::regex_search(after, k_delegation);
}

} // namespace dateline::meetings
