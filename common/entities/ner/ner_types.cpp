#include "entities/ner/ner_types.hpp"

#include "entities/ner/ner_features.hpp"
#include "util/key_table.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace dateline::ner {

std::string_view name_type_label(NameType type) {
    switch (type) {
    case NameType::per:
        return "PER";
    case NameType::loc:
        return "LOC";
    case NameType::org:
        return "ORG";
    case NameType::misc:
        return "MISC";
    }
    return "MISC";
}

bool allowed_transition(Tag previous, Tag next) {
    const bool previous_open = previous != k_outside && (tag_position(previous) == Position::begin ||
                                                         tag_position(previous) == Position::inside);
    const bool next_continues =
        next != k_outside && (tag_position(next) == Position::inside || tag_position(next) == Position::last);
    if (previous_open) {
        return next_continues && tag_type(next) == tag_type(previous);
    }
    return !next_continues;
}

std::vector<NameSpan> spans_of(const std::vector<Tag>& tags) {
    std::vector<NameSpan> spans;
    std::size_t start = 0;
    for (std::size_t i = 0; i < tags.size(); ++i) {
        if (tags[i] == k_outside) {
            continue;
        }
        switch (tag_position(tags[i])) {
        case Position::begin:
            start = i;
            break;
        case Position::inside:
            break;
        case Position::last:
            spans.push_back({start, i + 1, tag_type(tags[i])});
            break;
        case Position::unit:
            spans.push_back({i, i + 1, tag_type(tags[i])});
            break;
        }
    }
    return spans;
}

std::vector<Tag> tags_of(const std::vector<NameSpan>& spans, std::size_t length) {
    std::vector<Tag> tags(length, k_outside);
    for (const auto& span : spans) {
        if (span.last - span.first == 1) {
            tags[span.first] = make_tag(span.type, Position::unit);
            continue;
        }
        tags[span.first] = make_tag(span.type, Position::begin);
        for (auto i = span.first + 1; i + 1 < span.last; ++i) {
            tags[i] = make_tag(span.type, Position::inside);
        }
        tags[span.last - 1] = make_tag(span.type, Position::last);
    }
    return tags;
}

namespace {

bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}

} // namespace

bool is_shouted(const Sentence& sentence) {
    std::size_t upper = 0;
    std::size_t lower = 0;
    for (const auto& word : sentence) {
        for (const char c : word.text) {
            upper += is_upper(c) ? 1 : 0;
            lower += is_lower(c) ? 1 : 0;
        }
    }
    return upper > 2 * lower;
}

namespace {

/// Lexicon::key of every word of a document, sentence after sentence.
std::vector<std::uint32_t> word_keys(const std::vector<Sentence>& document) {
    std::vector<std::uint32_t> keys;
    for (const auto& sentence : document) {
        for (const auto& word : sentence) {
            keys.push_back(Lexicon::key(word.text));
        }
    }
    return keys;
}

} // namespace

void mark_document_case(std::vector<Sentence>& document) {
    struct Seen {
        std::uint32_t capitalized = 0;
        std::uint32_t lower = 0;
    };
    const auto keys = word_keys(document);
    util::KeyTable<Seen> seen; // by Lexicon::key (never 0): any case
    seen.reserve(keys.size());
    std::size_t k = 0;
    for (const auto& sentence : document) {
        if (is_shouted(sentence)) {
            k += sentence.size();
            continue;
        }
        for (std::size_t i = 0; i < sentence.size(); ++i, ++k) {
            const auto text = sentence[i].text;
            if (i == 0 || text.empty() || !(is_upper(text[0]) || is_lower(text[0]))) {
                continue;
            }
            auto& counts = seen.at(keys[k]);
            (is_upper(text[0]) ? counts.capitalized : counts.lower) += 1;
        }
    }
    k = 0;
    for (auto& sentence : document) {
        for (auto& word : sentence) {
            const auto* counts = seen.find(keys[k++]);
            if (counts == nullptr) {
                word.document_case = static_cast<std::uint8_t>(DocumentCase::unseen);
                continue;
            }
            const auto kind = counts->lower == 0         ? DocumentCase::capitalized
                              : counts->capitalized == 0 ? DocumentCase::lower
                                                         : DocumentCase::mixed;
            word.document_case = static_cast<std::uint8_t>(kind);
        }
    }
}

void mark_document_labels(std::vector<Sentence>& document, const std::vector<std::vector<NameSpan>>& names) {
    // For each word (by key): how often it was inside a name of each type, and how often outside any.
    using Counts = std::array<std::uint16_t, k_name_type_count + 1>;
    const auto keys = word_keys(document);
    util::KeyTable<Counts> seen;
    seen.reserve(keys.size());
    std::vector<std::uint8_t> label_of(keys.size(), 0); // per word of the document: 1 + its name type, or 0
    std::size_t k = 0;
    for (std::size_t s = 0; s < document.size(); ++s) {
        for (const auto& name : names[s]) {
            for (auto w = name.first; w < name.last; ++w) {
                label_of[k + w] = static_cast<std::uint8_t>(1 + static_cast<unsigned>(name.type));
            }
        }
        const auto tags = tags_of(names[s], document[s].size());
        for (std::size_t w = 0; w < document[s].size(); ++w, ++k) {
            document[s][w].first_pass = tags[w];
            const auto text = document[s][w].text;
            if (!text.empty() &&
                (is_upper(text[0]) || is_lower(text[0]) || static_cast<unsigned char>(text[0]) >= 0x80)) {
                ++seen.at(keys[k])[label_of[k]];
            }
        }
    }
    k = 0;
    for (auto& sentence : document) {
        for (auto& word : sentence) {
            const auto at = k++;
            word.document_label = 0;
            const auto* found = seen.find(keys[at]);
            if (found == nullptr) {
                continue;
            }
            auto counts = *found;
            --counts[label_of[at]]; // the other occurrences only
            std::size_t best = 0;
            std::size_t named = 0;
            for (std::size_t t = 1; t <= k_name_type_count; ++t) {
                named += counts[t];
                if (counts[t] > counts[best] || best == 0) {
                    best = counts[t] > 0 ? t : best;
                }
            }
            if (best == 0) {
                word.document_label = counts[0] > 0 ? k_label_never_named : k_label_unseen;
                continue;
            }
            const bool unanimous = named == counts[best] && counts[0] == 0;
            word.document_label = named_label(static_cast<NameType>(best - 1), unanimous);
        }
    }
}

void SpanScore::add(const std::vector<NameSpan>& gold_spans, const std::vector<NameSpan>& predicted_spans) {
    for (const auto& span : gold_spans) {
        ++gold[static_cast<std::size_t>(span.type)];
    }
    for (const auto& span : predicted_spans) {
        ++predicted[static_cast<std::size_t>(span.type)];
        if (std::find(gold_spans.begin(), gold_spans.end(), span) != gold_spans.end()) {
            ++correct[static_cast<std::size_t>(span.type)];
        }
    }
}

namespace {

std::size_t total(const std::array<std::size_t, k_name_type_count>& counts,
                  const std::vector<NameType>& types) {
    if (types.empty()) {
        std::size_t sum = 0;
        for (const auto count : counts) {
            sum += count;
        }
        return sum;
    }
    std::size_t sum = 0;
    for (const auto type : types) {
        sum += counts[static_cast<std::size_t>(type)];
    }
    return sum;
}

double percent(std::size_t part, std::size_t whole) {
    return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

} // namespace

double SpanScore::precision(std::vector<NameType> types) const {
    return percent(total(correct, types), total(predicted, types));
}

double SpanScore::recall(std::vector<NameType> types) const {
    return percent(total(correct, types), total(gold, types));
}

double SpanScore::f1(std::vector<NameType> types) const {
    const auto p = precision(types);
    const auto r = recall(types);
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

} // namespace dateline::ner
