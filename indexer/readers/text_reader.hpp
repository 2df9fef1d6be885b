// Plain-text articles, one per file. An optional header block of `Key: value` lines (Title, Date, Source,
// URL, Id; case-insensitive) ends at the first blank line; without it, the first non-blank line is the title.
#pragma once

#include "readers/read_events.hpp"

#include <string>

namespace dateline {

void read_text(std::string content, const std::string& file_name, ReadEvents& events);

} // namespace dateline
