#include "readers/conll_reader.hpp"

#include "util/errors.hpp"

#include <array>

namespace dateline {

namespace {

constexpr std::size_t k_max_sentences_per_document = 1000;

std::vector<std::string_view> columns(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t at = 0;
    while (at < line.size()) {
        const auto begin = line.find_first_not_of(" \t", at);
        if (begin == std::string_view::npos) {
            break;
        }
        const auto end = std::min(line.find_first_of(" \t", begin), line.size());
        out.push_back(line.substr(begin, end - begin));
        at = end;
    }
    return out;
}

std::optional<ner::NameType> parse_label(std::string_view label) {
    static constexpr std::array k_types = {ner::NameType::per, ner::NameType::loc, ner::NameType::org,
                                           ner::NameType::misc};
    for (const auto type : k_types) {
        if (label == ner::name_type_label(type)) {
            return type;
        }
    }
    return std::nullopt;
}

} // namespace

void read_conll(std::istream& in, const std::function<void(ConllDocument&&)>& each) {
    ConllDocument document;
    ConllSentence sentence;
    std::size_t line_number = 0;
    const auto end_sentence = [&] {
        if (!sentence.lines.empty()) {
            document.text += "\n\n"; // a blank line: the sentence ends here, as the file says
            document.sentences.push_back(std::move(sentence));
        }
        sentence = {};
    };
    const auto end_document = [&] {
        end_sentence();
        if (!document.lines.empty()) {
            each(std::move(document));
        }
        document = {};
        document.first_line_number = line_number + 1;
    };
    std::string line;
    while (std::getline(in, line)) {
        ++line_number;
        if (line.ends_with('\r')) {
            line.pop_back();
        }
        const auto fields = columns(line);
        if (!fields.empty() && fields[0] == "-DOCSTART-") {
            end_sentence();
            if (!document.sentences.empty()) {
                --line_number; // the marker starts the next document
                end_document();
                ++line_number;
            }
            document.lines.push_back(line);
            continue;
        }
        if (fields.empty()) {
            end_sentence();
            document.lines.push_back(line);
            if (document.sentences.size() >= k_max_sentences_per_document) {
                end_document();
            }
            continue;
        }
        if (sentence.lines.empty()) {
            sentence.first_line_number = line_number;
        } else {
            document.text += ' ';
        }
        sentence.lines.push_back(document.lines.size());
        sentence.spans.push_back({document.text.size(), document.text.size() + fields[0].size()});
        sentence.tags.emplace_back(fields.size() > 1 ? fields.back() : std::string_view());
        document.text += fields[0];
        document.lines.push_back(line);
    }
    end_document();
}

std::vector<ner::NameSpan> conll_names(const std::vector<std::string>& tags, const std::string& where) {
    std::vector<ner::NameSpan> names;
    std::optional<ner::NameSpan> open;
    for (std::size_t i = 0; i <= tags.size(); ++i) {
        const std::string_view tag = i < tags.size() ? std::string_view(tags[i]) : std::string_view("O");
        std::optional<ner::NameType> type;
        bool begins = false;
        if (tag != "O") {
            type = tag.size() > 2 && tag[1] == '-' ? parse_label(tag.substr(2)) : std::nullopt;
            if (!type || (tag[0] != 'B' && tag[0] != 'I')) {
                throw DataError(where + ": unknown name tag \"" + std::string(tag) +
                                "\"; expected O, B-X or I-X with X one of PER, LOC, ORG, MISC");
            }
            begins = tag[0] == 'B' || !open || open->type != *type;
        }
        if (open && (!type || begins)) {
            open->last = i;
            names.push_back(*open);
            open.reset();
        }
        if (type && !open) {
            open = ner::NameSpan{i, i + 1, *type};
        }
    }
    return names;
}

std::vector<std::string> iob2_tags(const std::vector<ner::NameSpan>& names, std::size_t length) {
    std::vector<std::string> tags(length, "O");
    for (const auto& name : names) {
        for (auto i = name.first; i < name.last && i < length; ++i) {
            tags[i] =
                std::string(i == name.first ? "B-" : "I-") + std::string(ner::name_type_label(name.type));
        }
    }
    return tags;
}

} // namespace dateline
