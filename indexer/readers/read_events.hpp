// The contract between readers and whoever consumes their articles. Readers never print and never throw for
// bad records: they report each problem here with its location and go on with the next record.
#pragma once

#include "store/article.hpp"

#include <cstddef>
#include <functional>
#include <string>

namespace dateline {

struct ReaderOptions {
    std::size_t max_record_bytes = 8u << 20; ///< a longer JSON line, text file or HTML page is skipped
    /// Feeds are parsed whole: a feed file may be this many times max_record_bytes.
    std::size_t feed_size_factor = 32;
};

enum class Problem {
    warning, ///< the record was indexed, but something in it was not usable (an unreadable date, say)
    skipped, ///< the record or file was not indexed
};

class ReadEvents {
public:
    virtual ~ReadEvents() = default;
    /// A complete article (text fields valid UTF-8, origin set).
    virtual void on_article(Article&& article) = 0;
    virtual void on_problem(const SourceLocation& where, Problem kind, const std::string& message) = 0;
    /// `count` ill-formed UTF-8 sequences were replaced with U+FFFD.
    virtual void on_repaired(const SourceLocation& where, std::size_t count) = 0;
    /// Readers check this between records so that Ctrl-C stops a long file promptly.
    [[nodiscard]] virtual bool should_stop() const = 0;
};

/// Events that hand each article to one function and each problem, as "FILE:LINE: error: message" (or
/// "warning:"), to another; for commands that read articles without indexing them.
class CallbackEvents final : public ReadEvents {
public:
    CallbackEvents(std::function<void(Article&&)> each, std::function<void(const std::string&)> problem)
        : m_each(std::move(each)), m_problem(std::move(problem)) {}
    void on_article(Article&& article) override { m_each(std::move(article)); }
    void on_problem(const SourceLocation& where, Problem kind, const std::string& message) override;
    void on_repaired(const SourceLocation&, std::size_t) override {}
    [[nodiscard]] bool should_stop() const override { return false; }
    [[nodiscard]] std::size_t skipped() const { return m_skipped; }

private:
    std::function<void(Article&&)> m_each;
    std::function<void(const std::string&)> m_problem;
    std::size_t m_skipped = 0;
};

/// Fills `article.date` from `article.raw_date`, reporting an unreadable date as a warning.
void resolve_date(Article& article, ReadEvents& events);

/// Repairs the text fields of `article` in place and reports the repairs.
void repair_article_text(Article& article, ReadEvents& events);

} // namespace dateline
