#include "readers/feed_reader.hpp"

#include "readers/html_text.hpp"
#include "text/utf8.hpp"

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <vector>

namespace dateline {

namespace {

/// Collects libxml2's first error so it can be reported as one `file:line:` warning instead of raw stderr
/// noise.
struct XmlErrorCollector {
    int line = 0;
    std::string message;
    std::size_t count = 0;

    static void handle(void* self, xmlError* error) {
        auto& collector = *static_cast<XmlErrorCollector*>(self);
        if (error == nullptr || error->level < XML_ERR_ERROR) {
            return;
        }
        if (collector.count++ == 0) {
            collector.line = error->line;
            collector.message = collapse_whitespace(error->message ? error->message : "XML error");
        }
    }
};

/// Installs the collector for the lifetime of this object.
class ScopedXmlErrors {
public:
    explicit ScopedXmlErrors(XmlErrorCollector& collector) {
        xmlSetStructuredErrorFunc(&collector, &XmlErrorCollector::handle);
    }
    ~ScopedXmlErrors() { xmlSetStructuredErrorFunc(nullptr, nullptr); }
    ScopedXmlErrors(const ScopedXmlErrors&) = delete;
    ScopedXmlErrors& operator=(const ScopedXmlErrors&) = delete;
};

std::string local_name(const xmlNode* node) {
    return node->name ? reinterpret_cast<const char*>(node->name) : "";
}

std::string ns_prefix(const xmlNode* node) {
    return node->ns && node->ns->prefix ? reinterpret_cast<const char*>(node->ns->prefix) : "";
}

/// Appends the text under `node`. An entity the feed declares itself is written out only if it is short
/// (an &nbsp;-style abbreviation): xmlNodeGetContent would expand every reference, and one 100 KB entity used
/// 2,000 times is 200 MB of text from a 100 KB feed. (libxml2's own limits, kept by not passing
/// XML_PARSE_HUGE, stop nested expansions - billion laughs - while parsing.)
void append_text(const xmlNode* node, std::string& out) {
    constexpr int k_longest_entity = 64;
    for (const xmlNode* n = node; n != nullptr; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content != nullptr) {
                out += reinterpret_cast<const char*>(n->content);
            }
        } else if (n->type == XML_ENTITY_REF_NODE) {
            const xmlEntity* entity = xmlGetDocEntity(n->doc, n->name);
            if (entity != nullptr && entity->content != nullptr && entity->length <= k_longest_entity) {
                out += reinterpret_cast<const char*>(entity->content);
            }
        } else if (n->type == XML_ELEMENT_NODE && n->children != nullptr) {
            append_text(n->children, out);
        }
    }
}

/// The raw (unstripped) text of a node: descendants' text, markup as the parser saw it.
std::string raw_text(const xmlNode* node) {
    std::string out;
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        append_text(node, out);
    } else if (node->children != nullptr) {
        append_text(node->children, out);
    }
    return out;
}

/// Atom content: xhtml content is markup in the tree; html content is escaped markup in text; text is text.
std::string atom_text(const xmlNode* node) {
    const auto type = attribute(node, "type");
    if (type == "xhtml") {
        return visible_text(node);
    }
    if (type == "html" || type == "text/html") {
        return html_fragment_to_text(raw_text(node));
    }
    return collapse_whitespace(raw_text(node));
}

Article read_rss_item(const xmlNode* item) {
    Article article;
    std::string description, encoded;
    for (const xmlNode* n = item->children; n != nullptr; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) {
            continue;
        }
        const auto name = local_name(n);
        const auto prefix = ns_prefix(n);
        if (name == "title" && prefix.empty()) {
            article.title = html_fragment_to_text(raw_text(n));
        } else if (name == "link" && prefix.empty()) {
            article.url = collapse_whitespace(raw_text(n));
        } else if (name == "guid") {
            article.id = collapse_whitespace(raw_text(n));
        } else if (name == "pubDate" || (name == "date" && prefix == "dc")) {
            article.raw_date = collapse_whitespace(raw_text(n));
        } else if (name == "description") {
            description = raw_text(n);
        } else if (name == "encoded") {
            encoded = raw_text(n);
        } else if (name == "source" && article.source.empty()) {
            article.source = collapse_whitespace(raw_text(n));
        }
    }
    article.text = html_fragment_to_text(encoded.empty() ? description : encoded);
    return article;
}

Article read_atom_entry(const xmlNode* entry) {
    Article article;
    std::string summary, content, updated;
    for (const xmlNode* n = entry->children; n != nullptr; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) {
            continue;
        }
        const auto name = local_name(n);
        if (name == "title") {
            article.title = atom_text(n);
        } else if (name == "id") {
            article.id = collapse_whitespace(raw_text(n));
        } else if (name == "link") {
            const auto rel = attribute(n, "rel");
            if ((rel.empty() || rel == "alternate") && article.url.empty()) {
                article.url = attribute(n, "href");
            }
        } else if (name == "published") {
            article.raw_date = collapse_whitespace(raw_text(n));
        } else if (name == "updated") {
            updated = collapse_whitespace(raw_text(n));
        } else if (name == "content") {
            content = atom_text(n);
        } else if (name == "summary") {
            summary = atom_text(n);
        }
    }
    if (article.raw_date.empty()) {
        article.raw_date = updated;
    }
    article.text = content.empty() ? summary : content;
    return article;
}

/// The feed's items (RSS `channel/item`, or RDF-style top-level `item`) or Atom entries, with the feed's
/// title.
void for_each_item(const xmlNode* root, ReadEvents& events, const std::string& file_name) {
    const bool atom = local_name(root) == "feed";
    std::string feed_title;
    const xmlNode* container = root;
    if (!atom) {
        for (const xmlNode* n = root->children; n != nullptr; n = n->next) {
            if (n->type == XML_ELEMENT_NODE && local_name(n) == "channel") {
                container = n;
                break;
            }
        }
    }
    for (const xmlNode* n = container->children; n != nullptr; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && local_name(n) == "title") {
            feed_title = collapse_whitespace(raw_text(n));
            break;
        }
    }
    const std::string item_name = atom ? "entry" : "item";
    // RSS 1.0 (RDF) puts items beside the channel, RSS 2.0 inside it: look in both.
    std::vector<const xmlNode*> parents{container};
    if (container != root) {
        parents.push_back(root);
    }
    for (const xmlNode* parent : parents) {
        for (const xmlNode* n = parent->children; n != nullptr && !events.should_stop(); n = n->next) {
            if (n->type != XML_ELEMENT_NODE || local_name(n) != item_name) {
                continue;
            }
            Article article = atom ? read_atom_entry(n) : read_rss_item(n);
            article.origin = {file_name, static_cast<std::size_t>(xmlGetLineNo(n))};
            if (article.source.empty()) {
                article.source = feed_title;
            }
            repair_article_text(article, events);
            if (article.title.empty() && collapse_whitespace(article.text).empty()) {
                events.on_problem(article.origin, Problem::skipped,
                                  "feed " + item_name + " has no title and no text");
                continue;
            }
            resolve_date(article, events);
            events.on_article(std::move(article));
        }
    }
}

} // namespace

void read_feed(std::string content, const std::string& file_name, ReadEvents& events) {
    const SourceLocation where{file_name, 0};
    if (const auto repaired = repair_utf8(content); repaired > 0) {
        events.on_repaired(where, repaired);
    }
    XmlErrorCollector errors;
    XmlDocPtr doc;
    {
        ScopedXmlErrors scope(errors);
        doc.reset(xmlReadMemory(content.data(), static_cast<int>(content.size()), file_name.c_str(), nullptr,
                                XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOBLANKS |
                                    XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
    }
    const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
    if (errors.count > 0) {
        events.on_problem(
            {file_name, static_cast<std::size_t>(errors.line)}, root ? Problem::warning : Problem::skipped,
            "XML error: " + errors.message + (root ? " (recovered; items after it may be lost)" : ""));
    }
    if (root == nullptr) {
        if (errors.count == 0) {
            events.on_problem(where, Problem::skipped, "not an XML feed");
        }
        return;
    }
    const auto name = local_name(root);
    if (name != "rss" && name != "feed" && name != "RDF") {
        events.on_problem(where, Problem::skipped, "XML root element <" + name + "> is not <rss> or <feed>");
        return;
    }
    for_each_item(root, events, file_name);
}

} // namespace dateline
