#include "readers/read_events.hpp"

#include "text/utf8.hpp"

namespace dateline {

void resolve_date(Article& article, ReadEvents& events) {
    if (article.raw_date.empty()) {
        events.on_problem(article.origin, Problem::warning, "no date; indexed without one");
        return;
    }
    article.date = parse_date(article.raw_date);
    if (!article.date) {
        events.on_problem(article.origin, Problem::warning,
                          "unreadable date \"" + article.raw_date +
                              "\" (or outside the years 1-9999); indexed without a date");
    }
}

void repair_article_text(Article& article, ReadEvents& events) {
    std::size_t repaired = 0;
    for (auto* field :
         {&article.id, &article.url, &article.title, &article.raw_date, &article.source, &article.text}) {
        repaired += repair_utf8(*field);
    }
    if (repaired > 0) {
        events.on_repaired(article.origin, repaired);
    }
}

void CallbackEvents::on_problem(const SourceLocation& where, Problem kind, const std::string& message) {
    m_skipped += kind == Problem::skipped ? 1 : 0;
    m_problem(where.file + ":" + std::to_string(where.line) + ": " +
              (kind == Problem::skipped ? "error: " : "warning: ") + message);
}

} // namespace dateline
