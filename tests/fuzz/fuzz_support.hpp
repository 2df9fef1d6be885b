// What the fuzz targets share: events that check every article the readers promise (valid UTF-8 in every
// field) and abort otherwise, so that libFuzzer reports a broken promise as a crash.
#pragma once

#include "readers/read_events.hpp"
#include "text/utf8.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace dateline::fuzz {

inline void require(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "broken promise: %s\n", what);
        std::abort();
    }
}

class CheckingEvents final : public ReadEvents {
public:
    void on_article(Article&& article) override {
        for (const auto* field :
             {&article.id, &article.url, &article.title, &article.source, &article.text}) {
            require(is_valid_utf8(*field), "an article field is not valid UTF-8");
        }
        require(!article.title.empty() || !article.text.empty(), "an article with neither title nor text");
        ++articles;
    }
    void on_problem(const SourceLocation& where, Problem, const std::string& message) override {
        require(!message.empty(), "a problem without a message");
        require(!where.file.empty(), "a problem without its file");
    }
    void on_repaired(const SourceLocation&, std::size_t count) override {
        require(count > 0, "zero repairs");
    }
    [[nodiscard]] bool should_stop() const override { return false; }
    std::size_t articles = 0;
};

inline std::string as_string(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

} // namespace dateline::fuzz
