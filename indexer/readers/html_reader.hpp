// One article per HTML page. Title: og:title, else <title>, else the first <h1>. Date: article:published_time
// (or another publication-date meta), else the first <time datetime>, else JSON-LD datePublished. Text: the
// <article> element, else <main>, else <body>, without scripts, styles, navigation, headers, footers and
// asides.
#pragma once

#include "readers/read_events.hpp"

#include <string>

namespace dateline {

void read_html(std::string content, const std::string& file_name, ReadEvents& events);

} // namespace dateline
