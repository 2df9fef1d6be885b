// Questions about where mentions and names lie in a text, answered by binary search over spans sorted by
// start: a long article has thousands of mentions and names, and pairwise scans made tagging it quadratic
// (an 8 MB article: 31 s; 5.8 s with these).
#pragma once

#include "entities/entity.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace dateline {

/// The text a span covers.
[[nodiscard]] inline std::string_view surface_of(std::string_view text, Span span) {
    return text.substr(span.begin, span.end - span.begin);
}

/// Names with their sentence, in text order and not overlapping each other (TaggedText::other_names).
using SpanNames = std::vector<std::pair<Span, std::uint32_t>>;

/// Whether `span` overlaps one of `names`.
[[nodiscard]] bool overlaps_any(const SpanNames& names, Span span);

/// Drops the names a mention crosses (overlaps without lying inside).
void drop_names_crossed_by_mentions(SpanNames& names, const std::vector<Mention>& mentions);

/// Which byte positions some mention covers.
class CoveredPositions {
public:
    explicit CoveredPositions(const std::vector<Mention>& mentions);
    [[nodiscard]] bool contains(std::size_t position) const;

private:
    std::vector<Span> m_spans;        ///< sorted by start
    std::vector<std::size_t> m_reach; ///< the furthest end among m_spans[0..i]
};

} // namespace dateline
