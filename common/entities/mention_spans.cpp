#include "entities/mention_spans.hpp"

#include <algorithm>

namespace dateline {

bool overlaps_any(const SpanNames& names, Span span) {
    const auto it = std::upper_bound(names.begin(), names.end(), span.begin,
                                     [](std::size_t at, const auto& name) { return at < name.first.end; });
    return it != names.end() && it->first.begin < span.end;
}

CoveredPositions::CoveredPositions(const std::vector<Mention>& mentions) {
    for (const auto& mention : mentions) {
        m_spans.push_back(mention.span);
    }
    std::sort(m_spans.begin(), m_spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
    std::size_t reach = 0;
    for (const auto& span : m_spans) {
        reach = std::max(reach, span.end);
        m_reach.push_back(reach);
    }
}

bool CoveredPositions::contains(std::size_t position) const {
    const auto it = std::upper_bound(m_spans.begin(), m_spans.end(), position,
                                     [](std::size_t at, const Span& span) { return at < span.begin; });
    return it != m_spans.begin() && m_reach[static_cast<std::size_t>(it - m_spans.begin()) - 1] > position;
}

/// Drops the names a mention crosses (overlaps without lying inside). `names` are in text order and disjoint;
/// one sweep over the mentions sorted by start, so a long text costs n log n, not names x mentions.
void drop_names_crossed_by_mentions(SpanNames& names, const std::vector<Mention>& mentions) {
    std::vector<Span> spans;
    spans.reserve(mentions.size());
    for (const auto& mention : mentions) {
        spans.push_back(mention.span);
    }
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
    std::size_t next = 0;  // the first mention not yet passed
    std::size_t reach = 0; // the furthest end of the mentions passed
    std::erase_if(names, [&](const auto& name) {
        const auto [begin, end] = name.first;
        for (; next < spans.size() && spans[next].begin < begin; ++next) {
            reach = std::max(reach, spans[next].end);
        }
        bool crossed = reach > begin; // a mention starting before the name runs into it
        for (auto k = next; k < spans.size() && spans[k].begin < end; ++k) {
            crossed = crossed || spans[k].end > end; // one starting inside runs out of it
        }
        return crossed;
    });
}

} // namespace dateline
