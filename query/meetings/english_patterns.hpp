// The patterns English meetings are read with (english_meetings.cpp reads sentences with them): trigger
// words and what they can start, the trigger, status and mode patterns, and the gaps allowed between a
// trigger and its parties. Patterns run over text lower-cased by ascii_lower below.
#pragma once

#include <cstddef>
#include <cstdint>
#include <regex>
#include <string>
#include <string_view>

namespace dateline::meetings {

/// Lower case, with every white space character a plain space (wire copy breaks lines inside phrases: "had
/// talks\nwith"); the same length, so offsets hold.
[[nodiscard]] std::string ascii_lower(std::string_view text);

/// The kinds of trigger a word can start, as bits: a sentence runs only the patterns whose words it has.
enum TriggerWords : std::uint8_t {
    w_verb = 1,      ///< "met", "talked", "spoke"
    w_noun = 2,      ///< "talks", "meeting", "summit", "call" (also after "held", "had")
    w_host = 4,      ///< "received", "hosted", "welcomed"
    w_visit = 8,     ///< "visited", "call on"
    w_phone = 16,    ///< "telephoned", "phoned"
    w_together = 32, ///< "A and B met / shook hands / discussed", "talks between A and B"
};

/// The kinds of trigger the whole words of lower-cased `lower` can start (0: none: no meeting).
[[nodiscard]] std::uint8_t trigger_words(std::string_view lower);

/// A pattern over lower-cased text whose `\b`, `\w`, `\W` and `\s` are plain character classes (libstdc++'s
/// `\b` asks the locale for every position); a `\b` before a word may take in the character before it.
[[nodiscard]] std::regex word_regex(std::string_view pattern);
/// Where a match of a word_regex pattern starts its word (past the non-word character it may include).
[[nodiscard]] std::size_t match_begin(std::string_view text, std::size_t position);

enum class Trigger : std::uint8_t { verb, held_noun, noun, host, visit, phone };

struct TriggerMatch {
    Trigger kind;
    std::size_t begin, end;
    bool passive = false; ///< "was received by"
};

[[nodiscard]] const std::regex& verb_trigger();       ///< "met (with)", "spoke by phone to"
[[nodiscard]] const std::regex& held_noun_trigger();  ///< "held talks with", "had a meeting ... with"
[[nodiscard]] const std::regex& noun_trigger();       ///< "talks with", "meeting this morning with"
[[nodiscard]] const std::regex& host_trigger();       ///< "received", "hosted", "welcomed"
[[nodiscard]] const std::regex& visit_trigger();      ///< "visited", "paid a courtesy call on"
[[nodiscard]] const std::regex& phone_trigger();      ///< "telephoned", "phoned"
[[nodiscard]] const std::regex& symmetric_trigger();  ///< after "A and B": "met", "shook hands", "discussed"
[[nodiscard]] const std::regex& at_meeting_trigger(); ///< after "A and B ...": "at a secret meeting"
[[nodiscard]] const std::regex& between_trigger();    ///< before "A and B": "talks between"

[[nodiscard]] const std::regex& negated_or_hypothetical(); ///< "not", "refused", "would be willing", "hopes"
[[nodiscard]] const std::regex& reported_future();         ///< "said he would"
[[nodiscard]] const std::regex& would();
[[nodiscard]] const std::regex& planned_words();   ///< "will", "is due to", "next week"
[[nodiscard]] const std::regex& cancelled_words(); ///< "cancelled", "postponed", "called off"

/// A meeting named and then denied: "... did not take place".
[[nodiscard]] bool denied_after(std::string_view continuation);
/// Between two listed names: a comma or "and", and perhaps title words ("Central Bank Governor").
[[nodiscard]] bool is_list_gap(std::string_view gap);
/// What may stand between a trigger and the first party: titles, "for more than an hour"; no other clause.
[[nodiscard]] bool is_object_gap(std::string_view gap);

} // namespace dateline::meetings
