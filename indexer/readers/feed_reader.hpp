// RSS 2.0 and Atom feeds: each item or entry is one article; the channel or feed title is the source.
// RSS: guid, link, title, pubDate (or dc:date), content:encoded preferred over description (HTML stripped).
// Atom: id, link (rel="alternate" or none), title, published (else updated), content preferred over summary.
// The XML parser recovers from errors; a broken item is reported with its line and skipped.
#pragma once

#include "readers/read_events.hpp"

#include <string>

namespace dateline {

void read_feed(std::string content, const std::string& file_name, ReadEvents& events);

} // namespace dateline
