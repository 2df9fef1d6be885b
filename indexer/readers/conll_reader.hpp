// CoNLL-2003 column files: one token per line (the word first, the name tag last), a blank line after each
// sentence, "-DOCSTART-" lines between documents (before or after each, as copies differ).
#pragma once

#include "entities/ner/ner_types.hpp"
#include "text/tokenizer.hpp"

#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace dateline {

struct ConllSentence {
    std::vector<std::size_t> lines; ///< index into ConllDocument::lines of each token
    std::vector<Span> spans;        ///< each token's bytes in ConllDocument::text
    std::vector<std::string> tags;  ///< each token's last column (its gold tag), or "" with one column only
    std::size_t first_line_number = 0;
};

/// One document, streamed: its lines as read (tokens, blank lines, markers) and its tokens rebuilt as text.
struct ConllDocument {
    std::vector<std::string> lines;
    std::size_t first_line_number = 1;
    std::string text; ///< tokens joined by one space, one sentence per line: what the tokenizer and KB read
    std::vector<ConllSentence> sentences;
};

/// Calls `each` for every document of `in`, in order. A file without markers is cut every 1,000 sentences, so
/// memory stays bounded. Malformed lines cannot happen: any line's first column is a word; tags are checked
/// by conll_names.
void read_conll(std::istream& in, const std::function<void(ConllDocument&&)>& each);

/// The names tagged in `tags` (IOB1 or IOB2 over PER, LOC, ORG, MISC). Throws DataError naming
/// `where` (FILE:LINE of the sentence) for any other tag.
[[nodiscard]] std::vector<ner::NameSpan> conll_names(const std::vector<std::string>& tags,
                                                     const std::string& where);

/// The IOB2 tags ("B-PER", "I-PER", "O") for `length` tokens holding `names`.
[[nodiscard]] std::vector<std::string> iob2_tags(const std::vector<ner::NameSpan>& names, std::size_t length);

} // namespace dateline
