#include "readers/html_text.hpp"

#include "text/utf8.hpp"

#include <libxml/HTMLparser.h>

#include <array>
#include <strings.h>
#include <vector>

namespace dateline {

namespace {

constexpr std::array<std::string_view, 14> k_hidden = {
    "script",   "style",  "nav", "header", "footer",   "aside", "form",
    "noscript", "iframe", "svg", "button", "template", "head",  "figcaption"};
constexpr std::array<std::string_view, 22> k_blocks = {
    "p",  "div", "br", "h1", "h2",         "h3",      "h4",      "h5",   "h6",  "li", "ul",
    "ol", "tr",  "td", "th", "blockquote", "section", "article", "main", "pre", "dd", "dt"};

bool name_in(const xmlNode* node, const auto& names) {
    for (const auto name : names) {
        if (is_element(node, name)) {
            return true;
        }
    }
    return false;
}

/// The visible text under `node`, blocks set apart by blank lines. A loop with its own stack, not recursion:
/// pages are parsed without libxml2's depth limit (XML_PARSE_HUGE, which its HTML parser honours), so nesting
/// may be as deep as the page is long.
void collect(const xmlNode* node, std::string& out) {
    struct Frame {
        const xmlNode* next; ///< the next child to visit
        bool block;          ///< the element is a block: a blank line after it
    };
    std::vector<Frame> stack{{node->children, false}};
    while (!stack.empty()) {
        const xmlNode* child = stack.back().next;
        if (child == nullptr) {
            if (stack.back().block) {
                out += "\n\n";
            }
            stack.pop_back();
            continue;
        }
        stack.back().next = child->next;
        if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
            out += reinterpret_cast<const char*>(child->content);
        } else if (child->type == XML_ELEMENT_NODE && !name_in(child, k_hidden)) {
            const bool block = name_in(child, k_blocks);
            if (block) {
                out += "\n\n";
            }
            stack.push_back({child->children, block});
        }
    }
}

} // namespace

bool is_element(const xmlNode* node, std::string_view name) {
    return node != nullptr && node->type == XML_ELEMENT_NODE && node->name != nullptr &&
           std::string_view(reinterpret_cast<const char*>(node->name)).size() == name.size() &&
           strncasecmp(reinterpret_cast<const char*>(node->name), name.data(), name.size()) == 0;
}

std::string attribute(const xmlNode* node, const char* name) {
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (value == nullptr) {
        return {};
    }
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
}

std::string node_text(const xmlNode* node) {
    xmlChar* content = xmlNodeGetContent(node);
    if (content == nullptr) {
        return {};
    }
    std::string out = collapse_whitespace(reinterpret_cast<const char*>(content));
    xmlFree(content);
    return out;
}

XmlDocPtr parse_html(std::string_view html) {
    return XmlDocPtr(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED | XML_PARSE_HUGE));
}

std::string visible_text(const xmlNode* node) {
    std::string raw;
    collect(node, raw);
    // Collapse white space inside paragraphs, keep one blank line between them.
    std::string out;
    std::size_t start = 0;
    while (start <= raw.size()) {
        auto end = raw.find("\n\n", start);
        if (end == std::string::npos) {
            end = raw.size();
        }
        const auto paragraph = collapse_whitespace(std::string_view(raw).substr(start, end - start));
        if (!paragraph.empty()) {
            if (!out.empty()) {
                out += "\n\n";
            }
            out += paragraph;
        }
        start = end + 2;
    }
    return out;
}

std::string html_fragment_to_text(std::string_view html) {
    if (html.find('<') == std::string_view::npos && html.find('&') == std::string_view::npos) {
        return std::string(html);
    }
    const std::string wrapped = "<html><body>" + std::string(html) + "</body></html>";
    const auto doc = parse_html(wrapped);
    if (!doc) {
        return std::string(html);
    }
    return visible_text(xmlDocGetRootElement(doc.get()));
}

} // namespace dateline
