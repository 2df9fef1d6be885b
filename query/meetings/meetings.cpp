#include "meetings/meetings.hpp"

#include "entities/knowledge_base.hpp"
#include "meetings/meeting_reading.hpp"
#include "text/dates.hpp"
#include "text/utf8.hpp"
#include "util/strings.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <regex>
#include <tuple>

namespace dateline {

using meetings::FoundMeeting;
using meetings::Language;
using meetings::SentenceMention;
using meetings::SentenceView;

std::string_view meeting_status_name(MeetingStatus status) {
    switch (status) {
    case MeetingStatus::held:
        return "held";
    case MeetingStatus::planned:
        return "planned";
    case MeetingStatus::cancelled:
        return "cancelled";
    }
    return "held";
}

std::string_view meeting_mode_name(MeetingMode mode) {
    switch (mode) {
    case MeetingMode::unspecified:
        return "";
    case MeetingMode::visit:
        return "visit";
    case MeetingMode::phone:
        return "phone";
    case MeetingMode::video:
        return "video";
    case MeetingMode::multilateral:
        return "multilateral";
    case MeetingMode::third_party:
        return "third-party";
    }
    return "";
}

std::optional<MeetingMode> parse_meeting_mode(std::string_view name) {
    for (const auto mode : {MeetingMode::visit, MeetingMode::phone, MeetingMode::video,
                            MeetingMode::multilateral, MeetingMode::third_party}) {
        if (name == meeting_mode_name(mode)) {
            return mode;
        }
    }
    if (name == "third_party") {
        return MeetingMode::third_party;
    }
    return std::nullopt;
}

std::vector<MeetingParty> MeetingEvent::participants() const {
    auto out = actors;
    out.insert(out.end(), recipients.begin(), recipients.end());
    return out;
}

namespace meetings {

Language language_of(std::string_view sentence) {
    std::size_t han = 0;
    std::size_t hangul = 0;
    const auto* s = reinterpret_cast<const uint8_t*>(sentence.data());
    const auto length = static_cast<int32_t>(sentence.size());
    for (int32_t i = 0; i < length;) {
        if (s[i] < 0x80) {
            ++i;
            continue;
        }
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c >= 0xAC00 && c <= 0xD7A3) {
            ++hangul;
        } else if (c >= 0x4E00 && c <= 0x9FFF) {
            ++han;
        }
    }
    if (hangul >= 2 && hangul >= han) {
        return Language::korean;
    }
    return han >= 2 ? Language::chinese : Language::english;
}

namespace {

using namespace std::chrono;

/// Day `n` of the article's month, or of the month before (held) or after (planned) where that fits better.
std::optional<sys_days> day_of_month(sys_days article, unsigned n, MeetingStatus status, int month_shift) {
    const year_month_day ymd(article);
    auto month = year_month(ymd.year(), ymd.month()) + months(month_shift);
    if (month_shift == 0) {
        if (status == MeetingStatus::held && n > static_cast<unsigned>(ymd.day())) {
            month -= months(1);
        } else if (status == MeetingStatus::planned && n < static_cast<unsigned>(ymd.day())) {
            month += months(1);
        }
    }
    const year_month_day day(month.year(), month.month(), std::chrono::day(n));
    if (!day.ok()) {
        return std::nullopt;
    }
    return sys_days(day);
}

std::optional<sys_days> explicit_day(std::string_view sentence, sys_days article, MeetingStatus status,
                                     Language language) {
    const std::string text(sentence);
    std::smatch m;
    if (language == Language::korean) {
        static const std::regex k_next(R"(다음\s*달\s*(\d{1,2})일)");
        static const std::regex k_day(R"((?:^|[^\d])(\d{1,2})일)");
        if (std::regex_search(text, m, k_next)) {
            return day_of_month(article, static_cast<unsigned>(std::stoi(m[1])), status, 1);
        }
        if (std::regex_search(text, m, k_day)) {
            return day_of_month(article, static_cast<unsigned>(std::stoi(m[1])), status, 0);
        }
        return std::nullopt;
    }
    if (language == Language::chinese) {
        static const std::regex k_month_day(R"((\d{1,2})月(\d{1,2})日)");
        static const std::regex k_next(R"(下月(\d{1,2})日)");
        static const std::regex k_day(R"((?:^|[^\d月])(\d{1,2})日)");
        if (std::regex_search(text, m, k_month_day)) {
            const year_month_day ymd(article);
            const year_month_day day(ymd.year(), month(static_cast<unsigned>(std::stoi(m[1]))),
                                     std::chrono::day(static_cast<unsigned>(std::stoi(m[2]))));
            return day.ok() ? std::optional<sys_days>(sys_days(day)) : std::nullopt;
        }
        if (std::regex_search(text, m, k_next)) {
            return day_of_month(article, static_cast<unsigned>(std::stoi(m[1])), status, 1);
        }
        if (std::regex_search(text, m, k_day)) {
            return day_of_month(article, static_cast<unsigned>(std::stoi(m[1])), status, 0);
        }
    }
    return std::nullopt;
}

std::optional<sys_days> relative_day(std::string_view sentence, sys_days article, MeetingStatus status,
                                     Language language) {
    const auto has = [&](std::initializer_list<std::string_view> words) {
        return std::any_of(words.begin(), words.end(),
                           [&](std::string_view w) { return sentence.find(w) != std::string_view::npos; });
    };
    if (language != Language::english) {
        if (has({"어제", "昨天", "昨日"})) {
            return article - days(1);
        }
        if (has({"내일", "明天", "明日"})) {
            return article + days(1);
        }
        if (has({"지난주", "上周"})) {
            return article - days(7);
        }
        if (has({"다음 주", "다음주", "下周"})) {
            return article + days(7);
        }
        return std::nullopt;
    }
    const auto lower = util::ascii_lower(sentence);
    // Whole words, found without std::regex (its word boundaries cost a locale lookup a character).
    const auto has_word = [&](std::string_view word) {
        for (auto at = lower.find(word); at != std::string::npos; at = lower.find(word, at + 1)) {
            const auto end = at + word.size();
            const bool left = at == 0 || !std::isalnum(static_cast<unsigned char>(lower[at - 1]));
            const bool right = end >= lower.size() || !std::isalnum(static_cast<unsigned char>(lower[end]));
            if (left && right) {
                return true;
            }
        }
        return false;
    };
    if (has_word("yesterday")) {
        return article - days(1);
    }
    if (has_word("tomorrow")) {
        return article + days(1);
    }
    static const std::array<std::string_view, 7> k_names = {"sunday",   "monday", "tuesday", "wednesday",
                                                            "thursday", "friday", "saturday"};
    for (unsigned target = 0; target < k_names.size(); ++target) {
        if (!has_word(k_names[target])) {
            continue;
        }
        const auto today = weekday(article).c_encoding();
        if (status == MeetingStatus::planned) {
            return article + days((target + 7 - today) % 7);
        }
        return article - days((today + 7 - target) % 7);
    }
    if (has_word("last week")) {
        return article - days(7);
    }
    if (has_word("next week")) {
        return article + days(7);
    }
    return std::nullopt;
}

/// The country an entity belongs to (itself for a country), or empty.
std::string country_of(const MeetingParty& party) {
    if (party.type == EntityType::country) {
        return party.id;
    }
    const auto* entity = KnowledgeBase::builtin().find_id(party.type, party.id);
    return entity == nullptr ? std::string() : entity->country;
}

/// The country a participant speaks for: the knowledge base's, else the country the sentence puts in their
/// title ("West German Finance Minister Gerhard Stoltenberg", "스콧 베선트 미국 재무장관", "法国总统马克龙"),
/// else, in Korean and Chinese news, the paper's own country for an official named without one.
std::string side_of(const SentenceView& view, const SentenceMention& m, Language language) {
    const MeetingParty party{m.entity->type, m.entity->id, m.entity->name, {}};
    if (auto known = country_of(party); !known.empty()) {
        return known;
    }
    if (&m == view.previous_person) {
        return {};
    }
    for (const auto& other : view.mentions) {
        if (other.entity->type != EntityType::country) {
            continue;
        }
        const bool before =
            other.end <= m.begin && m.begin - other.end <= (language == Language::english ? 40 : 15);
        const bool after = language == Language::korean && other.begin >= m.end && other.begin - m.end <= 2;
        const auto gap = before ? view.text.substr(other.end, m.begin - other.end) : std::string_view();
        if ((before && gap.find(',') == std::string_view::npos && language != Language::korean) || after) {
            return other.entity->id;
        }
    }
    if (m.entity->type == EntityType::person) {
        return language == Language::korean ? "KR" : language == Language::chinese ? "CN" : "";
    }
    return {};
}

MeetingParty party_of(std::string_view sentence, const SentenceMention& m) {
    return {m.entity->type, m.entity->id, m.entity->name,
            collapse_whitespace(sentence.substr(m.begin, m.end - m.begin))};
}

/// The place the sentence says the meeting was in: "in Geneva", "서울에서", "在北京".
std::optional<MeetingParty> place_of(const SentenceView& view, const FoundMeeting& found, Language language) {
    const auto involved = [&](const SentenceMention& m) {
        for (const auto* group : {&found.actors, &found.recipients}) {
            for (const auto* p : *group) {
                if (p->entity->id == m.entity->id) {
                    return true;
                }
            }
        }
        return false;
    };
    for (const auto& m : view.mentions) {
        if ((m.entity->type != EntityType::place && m.entity->type != EntityType::country) || involved(m)) {
            continue;
        }
        const auto before = view.text.substr(0, m.begin);
        const auto after = view.text.substr(m.end);
        const bool marked = language == Language::english
                                ? before.ends_with(" in ") || before.ends_with(" at ")
                            : language == Language::korean ? after.starts_with("에서")
                                                           : before.ends_with("在") || before.ends_with("于");
        if (marked) {
            return party_of(view.text, m);
        }
    }
    return std::nullopt;
}

MeetingEvent to_event(const SentenceView& view, const FoundMeeting& found, Language language,
                      const std::string& article_date) {
    MeetingEvent event;
    const auto text_of = [&](const SentenceMention* m) {
        // The previous sentence's person: its surface is in the previous sentence.
        const auto source = m == view.previous_person ? view.previous_text : view.text;
        return party_of(source, *m);
    };
    for (const auto* m : found.actors) {
        event.actors.push_back(text_of(m));
    }
    for (const auto* m : found.recipients) {
        event.recipients.push_back(text_of(m));
    }
    event.mode = found.mode;
    event.status = found.status;
    event.rule = found.rule;
    event.sentence = collapse_whitespace(view.text);
    event.place = place_of(view, found, language);
    event.confidence = found.rule == "en:noun-with" || found.rule == "en:between" ? 0.7 : 0.85;
    if (event.place && (event.mode == MeetingMode::unspecified || event.mode == MeetingMode::visit)) {
        // Both sides in a country that is neither's: a third-party meeting.
        const auto where = country_of(*event.place);
        std::vector<std::string> sides;
        for (const auto* group : {&found.actors, &found.recipients}) {
            for (const auto* m : *group) {
                if (const auto c = side_of(view, *m, language);
                    !c.empty() && std::find(sides.begin(), sides.end(), c) == sides.end()) {
                    sides.push_back(c);
                }
            }
        }
        if (!where.empty() && sides.size() >= 2 &&
            std::find(sides.begin(), sides.end(), where) == sides.end()) {
            event.mode = MeetingMode::third_party;
        }
    }
    event.date = article_date;
    if (const auto day = parse_date(article_date)) {
        auto moved = explicit_day(view.text, *day, event.status, language);
        if (!moved) {
            moved = relative_day(view.text, *day, event.status, language);
        }
        if (moved) {
            event.date = format_iso_day(*moved);
        }
    }
    return event;
}

} // namespace

std::string meeting_date(std::string_view sentence, const std::string& article_date, MeetingStatus status,
                         Language language) {
    const auto day = parse_date(article_date);
    if (!day) {
        return {};
    }
    auto moved = explicit_day(sentence, *day, status, language);
    if (!moved) {
        moved = relative_day(sentence, *day, status, language);
    }
    return format_iso_day(moved.value_or(*day));
}

} // namespace meetings

bool may_hold_meetings(std::string_view text) {
    static constexpr std::string_view k_cjk_triggers[] = {
        "회담", "만나", "만났", "만난", "만남", "만날", "면담", "접견", "예방",   "회동",
        "통화", "회의", "협의", "환담", "대면", "会见", "会谈", "会晤", "通电话", "通话",
        "接见", "见面", "会面", "拜会", "峰会", "会议", "磋商", "电话"};
    const bool wide =
        std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xE3; });
    if (wide && std::any_of(std::begin(k_cjk_triggers), std::end(k_cjk_triggers),
                            [&](std::string_view w) { return text.find(w) != std::string_view::npos; })) {
        return true;
    }
    return meetings::has_english_trigger(util::ascii_lower(text));
}

std::vector<MeetingEvent> find_meetings(const schema::StoredArticle& article, Tokenizer& tokenizer) {
    std::vector<MeetingEvent> events;
    const auto text = article.title + "\n\n" + article.text;
    const auto starts = tokenizer.sentence_starts(text);
    // Mentions per sentence, outer ones only ("U.S." inside "U.S. Agriculture Department" is not a party).
    std::vector<std::vector<SentenceMention>> by_sentence(starts.size());
    std::size_t covered_until = 0;
    // The sentence of each mention is found from its offset, not taken from the stored number: a database
    // indexed by another release may have cut sentences differently.
    for (const auto& mention : article.mentions) {
        if (mention.begin < covered_until || mention.end > text.size() || mention.begin >= mention.end ||
            mention.entity >= article.entities.size()) {
            continue;
        }
        const auto next = std::upper_bound(starts.begin(), starts.end(), mention.begin);
        if (next == starts.begin() || next == starts.end() || mention.end > *next) {
            continue; // before the first sentence, or across a sentence break
        }
        const auto s = static_cast<std::size_t>(next - starts.begin()) - 1;
        covered_until = mention.end;
        by_sentence[s].push_back(
            {mention.begin - starts[s], mention.end - starts[s], &article.entities[mention.entity]});
    }
    const SentenceMention* previous_person = nullptr;
    std::string_view previous_text;
    for (std::size_t s = 0; s + 1 < starts.size(); ++s) {
        const std::string_view sentence = std::string_view(text).substr(starts[s], starts[s + 1] - starts[s]);
        const auto& mentions = by_sentence[s];
        // A meeting has a person in it: named here, or the previous sentence's ("he met ...").
        const bool has_person = std::any_of(mentions.begin(), mentions.end(), [](const auto& m) {
            return m.entity->type == EntityType::person;
        });
        const bool readable = (has_person || previous_person != nullptr) &&
                              (mentions.size() >= 2 || (mentions.size() == 1 && previous_person != nullptr));
        if (readable) {
            const SentenceView view{sentence, mentions, previous_person, previous_text};
            const auto language = meetings::language_of(sentence);
            const auto found = language == Language::korean    ? meetings::read_korean(view)
                               : language == Language::chinese ? meetings::read_chinese(view)
                                                               : meetings::read_english(view);
            for (const auto& f : found) {
                events.push_back(meetings::to_event(view, f, language, article.date));
            }
        }
        // by_sentence[s] stays put: the next sentence's "he" may point into it.
        const auto first_person = std::find_if(mentions.begin(), mentions.end(), [](const auto& m) {
            return m.entity->type == EntityType::person;
        });
        previous_person = first_person == mentions.end() ? nullptr : &*first_person;
        previous_text = sentence;
    }
    return events;
}

} // namespace dateline
