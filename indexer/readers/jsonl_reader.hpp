// JSON Lines: one article per line. Field names and their accepted synonyms:
//   id (guid, _id), url (link), title (headline), date (published, published_at, pubDate, datePublished),
//   source (publisher, site; a string or an object with "name"), text (body, content, article).
// A date may also be a number of seconds (or milliseconds) since 1970.
#pragma once

#include "readers/read_events.hpp"

#include <istream>
#include <string>

namespace dateline {

void read_jsonl(std::istream& in, const std::string& file_name, const ReaderOptions& options,
                ReadEvents& events);

} // namespace dateline
