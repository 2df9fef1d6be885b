#include "readers/html_reader.hpp"

#include "readers/html_text.hpp"
#include "text/utf8.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace dateline {

namespace {

struct PageFields {
    std::string og_title, title, h1, date, time_datetime, json_ld_date, site_name, url;
    const xmlNode* article = nullptr;
    const xmlNode* main = nullptr;
    const xmlNode* body = nullptr;
};

std::string json_ld_date_published(const std::string& script) {
    const auto json = nlohmann::json::parse(script, nullptr, false);
    if (json.is_discarded()) {
        return {};
    }
    const auto find = [](const nlohmann::json& object) -> std::string {
        if (object.is_object() && object.contains("datePublished") && object["datePublished"].is_string()) {
            return object["datePublished"].get<std::string>();
        }
        return {};
    };
    if (json.is_array()) {
        for (const auto& item : json) {
            if (auto date = find(item); !date.empty()) {
                return date;
            }
        }
        return {};
    }
    if (json.is_object() && json.contains("@graph") && json["@graph"].is_array()) {
        for (const auto& item : json["@graph"]) {
            if (auto date = find(item); !date.empty()) {
                return date;
            }
        }
    }
    return find(json);
}

/// One element's contribution to the page's fields.
void read_element(const xmlNode* n, PageFields& fields) {
    if (is_element(n, "meta")) {
        const auto key = attribute(n, "property") + attribute(n, "name") + attribute(n, "itemprop");
        const auto content = attribute(n, "content");
        if (key == "og:title" && fields.og_title.empty()) {
            fields.og_title = content;
        } else if ((key == "article:published_time" || key == "datePublished" || key == "date" ||
                    key == "pubdate" || key == "dc.date") &&
                   fields.date.empty()) {
            fields.date = content;
        } else if (key == "og:site_name") {
            fields.site_name = content;
        } else if (key == "og:url" && fields.url.empty()) {
            fields.url = content;
        }
    } else if (is_element(n, "link") && attribute(n, "rel") == "canonical") {
        fields.url = attribute(n, "href");
    } else if (is_element(n, "title") && fields.title.empty()) {
        fields.title = node_text(n);
    } else if (is_element(n, "h1") && fields.h1.empty()) {
        fields.h1 = node_text(n);
    } else if (is_element(n, "time") && fields.time_datetime.empty()) {
        fields.time_datetime = attribute(n, "datetime");
    } else if (is_element(n, "script") && attribute(n, "type") == "application/ld+json" &&
               fields.json_ld_date.empty()) {
        fields.json_ld_date = json_ld_date_published(node_text(n));
    } else if (is_element(n, "article") && fields.article == nullptr) {
        fields.article = n;
    } else if (is_element(n, "main") && fields.main == nullptr) {
        fields.main = n;
    } else if (is_element(n, "body") && fields.body == nullptr) {
        fields.body = n;
    }
}

/// Visits every element in document order. A loop with its own stack, not recursion: pages are parsed
/// without a depth limit, and a page 20,000 levels deep overflowed the call stack.
void scan(const xmlNode* node, PageFields& fields) {
    std::vector<const xmlNode*> stack{node}; // the next sibling to visit, per level
    while (!stack.empty()) {
        const xmlNode* n = stack.back();
        if (n == nullptr) {
            stack.pop_back();
            continue;
        }
        stack.back() = n->next;
        if (n->type == XML_ELEMENT_NODE) {
            read_element(n, fields);
            stack.push_back(n->children);
        }
    }
}

const std::string& first_non_empty(std::initializer_list<const std::string*> candidates) {
    for (const auto* candidate : candidates) {
        if (!candidate->empty()) {
            return *candidate;
        }
    }
    return **candidates.begin();
}

} // namespace

void read_html(std::string content, const std::string& file_name, ReadEvents& events) {
    const SourceLocation where{file_name, 0};
    if (const auto repaired = repair_utf8(content); repaired > 0) {
        events.on_repaired(where, repaired);
    }
    const auto doc = parse_html(content);
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (root == nullptr) {
        events.on_problem(where, Problem::skipped, "not an HTML page libxml2 can read");
        return;
    }
    PageFields fields;
    scan(root, fields);
    const xmlNode* text_root = fields.article ? fields.article : fields.main ? fields.main : fields.body;
    Article article;
    article.origin = where;
    article.title = collapse_whitespace(first_non_empty({&fields.og_title, &fields.title, &fields.h1}));
    article.raw_date = first_non_empty({&fields.date, &fields.time_datetime, &fields.json_ld_date});
    article.source = collapse_whitespace(fields.site_name);
    article.url = fields.url;
    article.text = text_root ? visible_text(text_root) : std::string{};
    repair_article_text(article, events);
    if (article.title.empty() && article.text.empty()) {
        events.on_problem(where, Problem::skipped, "HTML page has no title and no text");
        return;
    }
    resolve_date(article, events);
    events.on_article(std::move(article));
}

} // namespace dateline
