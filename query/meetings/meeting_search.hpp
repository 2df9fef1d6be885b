// Meetings over a database: every event in the articles a query matches, one copy of each story.
#pragma once

#include "meetings/meetings.hpp"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include <functional>
#include <string>

namespace dateline {

/// An event with the article it was read from.
struct EventRecord {
    std::string id; ///< "ARTICLE#N": the article's id and the event's number in it, from 1
    MeetingEvent event;
    std::string article, article_date, url, source;
};

/// Calls `visit` for every meeting in the articles `query` matches, in date order. Copies of one story
/// (articles with the same content hash: a wire story syndicated ten times) are read once, the first.
void for_each_meeting(const Xapian::Database& database, const Xapian::Query& query,
                      const std::function<void(const EventRecord&)>& visit);

/// {"id", "type", "name", "surface"}
[[nodiscard]] nlohmann::json party_json(const MeetingParty& party);

/// The events command's record: id, type (CONSULT), mode, actors, recipients, participants, date, place,
/// status, article, article_date, url, source, sentence, rule, confidence.
[[nodiscard]] nlohmann::json event_json(const EventRecord& record);

} // namespace dateline
