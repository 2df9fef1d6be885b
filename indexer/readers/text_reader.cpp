#include "readers/text_reader.hpp"

#include "text/utf8.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace dateline {

namespace {

/// Sets the article field named by a header line and returns true, or returns false if it is not a header.
bool apply_header(Article& article, std::string_view line) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon > 12) {
        return false;
    }
    const auto key = util::ascii_lower(line.substr(0, colon));
    const auto value = collapse_whitespace(line.substr(colon + 1));
    if (key == "title") {
        article.title = value;
    } else if (key == "date" || key == "published") {
        article.raw_date = value;
    } else if (key == "source") {
        article.source = value;
    } else if (key == "url" || key == "link") {
        article.url = value;
    } else if (key == "id") {
        article.id = value;
    } else {
        return false;
    }
    return true;
}

} // namespace

void read_text(std::string content, const std::string& file_name, ReadEvents& events) {
    Article article;
    article.origin = {file_name, 1};
    if (content.starts_with("\xEF\xBB\xBF")) {
        content.erase(0, 3);
    }
    std::istringstream in(content);
    std::string line;
    bool in_header = true;
    bool any_header = false;
    std::string body;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (in_header) {
            if (apply_header(article, line)) {
                any_header = true;
                continue;
            }
            in_header = false;
            if (any_header && collapse_whitespace(line).empty()) {
                continue; // the blank line that ends the header block
            }
        }
        body += line;
        body += '\n';
    }
    if (article.title.empty()) {
        // No Title header: the first non-blank line is the title.
        std::istringstream body_in(body);
        std::string rest;
        bool found = false;
        while (std::getline(body_in, line)) {
            if (!found && !collapse_whitespace(line).empty()) {
                article.title = collapse_whitespace(line);
                found = true;
                continue;
            }
            if (found) {
                rest += line;
                rest += '\n';
            }
        }
        body = std::move(rest);
    }
    article.text = std::move(body);
    repair_article_text(article, events);
    if (article.title.empty() && collapse_whitespace(article.text).empty()) {
        events.on_problem(article.origin, Problem::skipped, "no text in file");
        return;
    }
    resolve_date(article, events);
    events.on_article(std::move(article));
}

} // namespace dateline
