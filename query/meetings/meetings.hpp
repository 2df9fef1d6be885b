// Who met whom: meetings read from sentences, with their evidence.
//
// A sentence records a meeting when a trigger links two tagged entities, at least one a person:
//   X met (with) Y · X held talks / a summit / a meeting / a phone call with Y · X spoke (by phone) with/to Y
//   · X hosted / received / welcomed / visited / telephoned Y · X's meeting/talks/summit with Y · X and Y met
//   / held talks / spoke · talks / a meeting / a summit between X and Y
// X is the nearest person named before the trigger; Y the first person after it (titles and demonyms before
// the name are skipped: "met South Korean President Lee"), or else a country or organisation when the text
// says it is a delegation or its officials ("held talks with Chinese officials"). The words before the
// trigger decide what kind of meeting it is:
//   not a meeting:  negated or refused ("did not meet", "refused to meet", "declined", "cancelled"; also "a
//                   meeting between X and Y did not take place"), hypothetical or merely offered ("would",
//                   "could", "willing to", "offered talks", "if", "chance of", "hopes to", "invited")
//   planned:        "will meet", "is to meet", "plans to", "expected to", "scheduled to", "set to", "due to"
//   a meeting:      everything else.
#pragma once

#include "store/schema.hpp"
#include "text/tokenizer.hpp"

#include <optional>
#include <string>
#include <vector>

namespace dateline {

struct MeetingParty {
    EntityType type;
    std::string id;
    std::string name;
};

enum class MeetingKind { held, planned };

struct MeetingSentence {
    MeetingParty first, second; ///< in the order the sentence names them
    MeetingKind kind;
    std::string sentence; ///< the evidence, white space collapsed
};

/// The meetings one stored article's sentences record.
[[nodiscard]] std::vector<MeetingSentence> find_meetings(const schema::StoredArticle& article,
                                                         Tokenizer& tokenizer);

/// Classifies the text between the subject and the trigger (and the trigger itself); nothing if it is not a
/// meeting. Exposed for tests.
[[nodiscard]] std::optional<MeetingKind> meeting_kind(std::string_view lead_in);

} // namespace dateline
