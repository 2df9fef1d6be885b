// The article model: what every reader produces and the document builder consumes.
#pragma once

#include "text/dates.hpp"

#include <cstddef>
#include <optional>
#include <string>

namespace dateline {

/// Where a record came from, for messages of the form `file:line: ...`.
struct SourceLocation {
    std::string file;     ///< path as the user gave it, or "-" for standard input
    std::size_t line = 0; ///< 1-based; 0 when the whole file is the record
};

struct Article {
    std::string id; ///< the source's own id, if it has one (see article_identity.hpp for the fallback)
    std::string url;
    std::string title;
    std::string raw_date;    ///< the date as written in the input, kept for messages
    std::optional<Day> date; ///< nothing if the input had no readable date
    std::string source;      ///< publisher or feed name ("Yonhap", "Reuters")
    std::string text;        ///< body text, plain UTF-8, paragraphs separated by blank lines
    SourceLocation origin;
};

} // namespace dateline
