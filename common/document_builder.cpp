#include "document_builder.hpp"

#include "article_identity.hpp"
#include "schema.hpp"

#include <unicode/utf8.h>

namespace dateline {

namespace {

/// Splits a UTF-8 string into its code points, as strings.
std::vector<std::string_view> code_points(std::string_view text) {
    std::vector<std::string_view> out;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        const int32_t start = i;
        U8_FWD_1(s, i, length);
        out.push_back(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
    return out;
}

} // namespace

DocumentBuilder::DocumentBuilder() : m_stemmer("english") {}

void DocumentBuilder::index_tokens(Xapian::Document& document, const std::vector<Token>& tokens,
                                   std::string_view prefix, Xapian::termpos first_position) {
    const std::string p(prefix);
    Xapian::termpos position = first_position;
    std::string cjk_previous; // last code point of the current CJK run, for the bigram that spans two words
    std::size_t cjk_run_end = std::string::npos;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const auto& token = tokens[i];
        if (token.kind == TokenKind::cjk) {
            // Unigrams with positions and bigrams without, exactly as Xapian's FLAG_CJK_NGRAM, so that
            // QueryParser's CJK queries match. A run continues across adjacent CJK words.
            if (token.span.begin != cjk_run_end) {
                cjk_previous.clear();
            }
            for (const auto cp : code_points(token.term)) {
                document.add_posting(p + std::string(cp), position++);
                if (!cjk_previous.empty()) {
                    document.add_term(p + cjk_previous + std::string(cp));
                }
                cjk_previous = cp;
            }
            cjk_run_end = token.span.end;
            continue;
        }
        document.add_posting(p + token.term, position);
        if (token.kind == TokenKind::word) {
            document.add_term(std::string(schema::k_stem) + p + m_stemmer(token.term));
        }
        if (token.joined_to_next && i + 1 < tokens.size()) {
            // "Jae-myung" is also findable as "Jaemyung".
            const auto joined = token.term + tokens[i + 1].term;
            document.add_posting(p + joined, position);
            document.add_term(std::string(schema::k_stem) + p + m_stemmer(joined));
        }
        ++position;
    }
}

BuiltDocument DocumentBuilder::build(const Article& article) {
    Xapian::Document document;
    const auto identity = article_identity(article);
    const auto id_term = schema::id_term(identity);
    document.add_boolean_term(id_term);

    const auto title_tokens = m_tokenizer.tokenize(article.title);
    index_tokens(document, title_tokens, "", 1);
    index_tokens(document, title_tokens, schema::k_title, 1);
    index_tokens(document, m_tokenizer.tokenize(article.text), "", schema::k_body_first_position);

    std::string source_term;
    if (!article.source.empty()) {
        source_term = schema::source_term(article.source);
        document.add_boolean_term(source_term);
    }
    std::string iso_date;
    if (article.date) {
        const auto compact = format_compact_day(*article.date);
        document.add_boolean_term(std::string(schema::k_day) + compact);
        document.add_boolean_term(std::string(schema::k_month) + compact.substr(0, 6));
        document.add_boolean_term(std::string(schema::k_year) + compact.substr(0, 4));
        document.add_value(schema::slot(schema::Slot::date), compact);
        document.add_value(schema::slot(schema::Slot::month), compact.substr(0, 6));
        iso_date = format_iso_day(*article.date);
    } else {
        document.add_boolean_term(std::string(schema::k_no_date));
    }
    document.add_value(schema::slot(schema::Slot::content_hash), content_hash(article));
    document.set_data(schema::encode_document_data(
        {identity, article.url, article.title, iso_date, article.source, article.text}));
    return {std::move(document), id_term, source_term, article.source};
}

} // namespace dateline
