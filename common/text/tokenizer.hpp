// Word and sentence segmentation with ICU, and the one normalisation every term goes through.
//
// Terms are NFKC case-folded; possessive 's is dropped ("Xi's" -> "xi"); periods inside acronyms are removed
// ("U.S." -> "us", as Xapian's own QueryParser does); curly apostrophes become straight ones. Han, Hangul and
// Kana words are marked so that the document builder can index them as character n-grams, which is what
// Xapian's QueryParser expects with FLAG_CJK_NGRAM.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

/// Half-open byte range `[begin, end)` into the tokenized UTF-8 text.
struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
};

enum class TokenKind : std::uint8_t { word, number, cjk };

struct Token {
    Span span;              ///< where the token stands in the text
    std::string term;       ///< normalised form (see the file comment)
    std::uint32_t sentence; ///< index of the sentence the token is in, from 0
    TokenKind kind;
    bool joined_to_next; ///< a hyphen, and nothing else, separates it from the next token ("Jae-myung")
};

/// A tokenizer holds ICU break iterators: it is cheap to reuse and not thread-safe (use one per thread).
class Tokenizer {
public:
    Tokenizer();
    ~Tokenizer();
    Tokenizer(const Tokenizer&) = delete;
    Tokenizer& operator=(const Tokenizer&) = delete;

    /// The words of `text` in order. Requires valid UTF-8 (see repair_utf8).
    [[nodiscard]] std::vector<Token> tokenize(std::string_view text);

    /// The sentences of `text`, in order, each trimmed of surrounding white space; empty ones are left out.
    [[nodiscard]] std::vector<Span> sentences(std::string_view text);

    /// Where each sentence starts, and the text's end last: sentence i is [starts[i], starts[i + 1]). These
    /// are the sentences Token::sentence numbers.
    [[nodiscard]] std::vector<std::size_t> sentence_starts(std::string_view text);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// The normalised term for one word: NFKC case folding plus the rules in the file comment.
[[nodiscard]] std::string normalize_term(std::string_view word);

/// Prepares a user's query for Xapian's QueryParser: NFKC, and case folding of non-ASCII letters so that
/// query terms meet indexed terms; ASCII is left as typed because QueryParser reads meaning from capitals
/// (AND, OR, and whether to stem).
[[nodiscard]] std::string normalize_query_text(std::string_view query);

} // namespace dateline
