// Who met whom, written out: a table for the terminal, JSON (one object per pair with its evidence) and
// CSV (one row per supporting sentence).
#pragma once

#include "formats/output_format.hpp"
#include "meetings/met_pairs.hpp"

#include <ostream>

namespace dateline {

/// Writes the pairs in `format`. JSON: [{"source", "target", "articles", "held_articles", "first", "last",
/// "evidence": [{"article", "date", "article_date", "url", "sentence", "planned", "status", "mode",
/// "place", "event", "rule"}]}].
void write_met_pairs(std::ostream& out, const std::vector<MetPair>& pairs, OutputFormat format);

} // namespace dateline
