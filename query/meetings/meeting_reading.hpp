// What the language readers of meetings.hpp share: a sentence with its mentions, and what a reader finds
// in it (roles, status, mode) before the driver adds the place, the date and the third-party mode.
#pragma once

#include "meetings/meetings.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace dateline::meetings {

struct SentenceMention {
    std::size_t begin = 0, end = 0; ///< bytes, relative to the sentence
    const schema::StoredEntity* entity = nullptr;
};

struct SentenceView {
    std::string_view text;                            ///< the sentence as written
    const std::vector<SentenceMention>& mentions;     ///< outer mentions only, in text order
    const SentenceMention* previous_person = nullptr; ///< the previous sentence's first person ("he", "she")
    std::string_view previous_text;                   ///< ... and that sentence, which it points into
};

/// A meeting a reader found: the mentions in each role (pointers into the view, or its previous_person).
struct FoundMeeting {
    std::vector<const SentenceMention*> actors;
    std::vector<const SentenceMention*> recipients;
    MeetingMode mode = MeetingMode::unspecified;
    MeetingStatus status = MeetingStatus::held;
    std::string rule;
    std::size_t trigger = 0; ///< where the trigger starts in the sentence (the place is looked for near it)
};

enum class Language : std::uint8_t { english, korean, chinese };

/// The sentence's language by script: Hangul, else Han, else English.
[[nodiscard]] Language language_of(std::string_view sentence);

/// True if lower-cased `lower` has a word an English meeting is reported with.
[[nodiscard]] bool has_english_trigger(std::string_view lower);

[[nodiscard]] std::vector<FoundMeeting> read_english(const SentenceView& sentence);
[[nodiscard]] std::vector<FoundMeeting> read_korean(const SentenceView& sentence);
[[nodiscard]] std::vector<FoundMeeting> read_chinese(const SentenceView& sentence);

/// The day the meeting happened or will: `article_date` (YYYY-MM-DD) moved by the sentence's words ("on
/// Saturday", "yesterday", "last week", "10일", "2日", "下月5日"); empty without an article date.
[[nodiscard]] std::string meeting_date(std::string_view sentence, const std::string& article_date,
                                       MeetingStatus status, Language language);

/// True for a person, or a country or organisation that the words after it make a delegation ("Chinese
/// officials", "the Japanese delegation").
[[nodiscard]] bool is_party(const SentenceView& sentence, const SentenceMention& mention);

} // namespace dateline::meetings
