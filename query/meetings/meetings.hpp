// Who met whom: meetings read from sentences as coded events, the way political scientists code them
// (PLOVER's CONSULT category, the successor of CAMEO's): participants, a mode, a place, the day the meeting
// happened, a status, the evidence sentence and the rule that fired. A summit of three or more is one event
// with its participant list, not every pair.
//
// Each sentence is read in its language (by script: Hangul, Han, else English); one without a trigger word
// of its language costs a substring search and nothing else.
//   English:  "A met (with) B", "A held/had talks (a meeting, a call) with B", "A met for an hour with B",
//             "A received/hosted/welcomed B" (B the visitor), "B was received by A", "A visited B",
//             "A spoke/talked (by phone) with B", "A telephoned B", "after a meeting with B, A ...", "A and B
//             met (held talks, shook hands)", "talks between A and B"; titles, apposition ("his Swiss
//             counterpart B") and coordination ("B, C and D") on either side; "he"/"she" is the previous
//             sentence's first person. A country or organisation is a party where the text says its
//             delegation or officials met ("held talks with Chinese officials").
//   Korean:   the verb last, roles from particles: "A는 B와 회담했다", "A 장관은 … B 외교부장과 회담했다",
//             "… 총리와 전화 통화를 했다", "…를 접견했다", "A와 B, C를 잇달아 만났다" (one event each).
//   Chinese:  "A在北京会见B", "A同/与B举行会谈", "A应约同B通电话", "A分别会见了B和C" (one event each).
// Status: `planned` ("will meet", "is due to", "회담할 예정이다", "将会见"), `cancelled` ("was cancelled",
// "postponed", "called off", "취소", "연기", "取消", "推迟"), else `held`. Negated ("did not meet",
// "만나지 못했다", "没有会见"), refused, hypothetical, wished-for or merely offered meetings are not events.
// Mode: `phone`, `video`, `visit` (one side travels: the visitor is the actor, the host the recipient),
// `multilateral` (a summit or gathering of three or more), `third-party` (both sides meet in a country that
// is neither's), or empty where the text does not say.
// Date: the article's date moved by the text ("on Saturday", "yesterday", "last week", "10일", "2日"), the
// article's date where the text says nothing.
#pragma once

#include "store/schema.hpp"
#include "text/tokenizer.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

struct MeetingParty {
    EntityType type;
    std::string id;
    std::string name;
    std::string surface; ///< as the sentence writes it
};

enum class MeetingStatus : std::uint8_t { held, planned, cancelled };
enum class MeetingMode : std::uint8_t { unspecified, visit, phone, video, multilateral, third_party };

/// "held", "planned", "cancelled"
[[nodiscard]] std::string_view meeting_status_name(MeetingStatus status);
/// "", "visit", "phone", "video", "multilateral", "third-party"
[[nodiscard]] std::string_view meeting_mode_name(MeetingMode mode);
/// Inverse of meeting_mode_name ("third_party" too); nothing for an unknown name.
[[nodiscard]] std::optional<MeetingMode> parse_meeting_mode(std::string_view name);

struct MeetingEvent {
    std::vector<MeetingParty> actors;     ///< who met, visited or called (the visitor, the caller)
    std::vector<MeetingParty> recipients; ///< whom (the host); empty where all are alike (a summit)
    MeetingMode mode = MeetingMode::unspecified;
    std::optional<MeetingParty> place;
    MeetingStatus status = MeetingStatus::held;
    std::string date;     ///< YYYY-MM-DD the meeting happened (or is planned), or empty
    std::string sentence; ///< the evidence, white space collapsed
    std::string rule;     ///< the rule that fired, e.g. "en:verb", "ko:particles", "zh:verb"
    double confidence = 0;

    /// Actors, then recipients.
    [[nodiscard]] std::vector<MeetingParty> participants() const;
};

/// False if `text` (an article, or its stored data) has none of the words a meeting is reported with in any
/// language: such an article cannot hold one, and need not be decoded or cut into sentences.
[[nodiscard]] bool may_hold_meetings(std::string_view text);

/// The meetings one stored article's sentences report, in text order.
[[nodiscard]] std::vector<MeetingEvent> find_meetings(const schema::StoredArticle& article,
                                                      Tokenizer& tokenizer);

} // namespace dateline
