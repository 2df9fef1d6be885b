// Turns an Article into the Xapian document the schema describes: terms with positions, stemmed terms,
// boolean filter terms, values and stored data.
#pragma once

#include "article.hpp"
#include "tokenizer.hpp"

#include <xapian.h>

#include <memory>
#include <string>

namespace dateline {

struct BuiltDocument {
    Xapian::Document document;
    std::string id_term;     ///< the unique term to replace_document() by
    std::string source_term; ///< empty if the article names no source
    std::string source_name; ///< the source as written, for display
};

/// Not thread-safe (it owns a Tokenizer); use one per thread.
class DocumentBuilder {
public:
    DocumentBuilder();

    /// Requires the article's text fields to be valid UTF-8 (readers repair them).
    [[nodiscard]] BuiltDocument build(const Article& article);

private:
    void index_tokens(Xapian::Document& document, const std::vector<Token>& tokens, std::string_view prefix,
                      Xapian::termpos first_position);

    Tokenizer m_tokenizer;
    Xapian::Stem m_stemmer;
};

} // namespace dateline
