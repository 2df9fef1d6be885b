// Readable text from HTML, shared by the HTML page reader and the feed reader (whose descriptions are HTML).
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>

namespace dateline {

struct XmlDocFree {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

/// Parses HTML leniently (libxml2's HTML parser, no network). Returns null only if nothing could be parsed.
[[nodiscard]] XmlDocPtr parse_html(std::string_view html);

/// The text under `node`, without scripts, styles, navigation, headers, footers, asides and forms; block
/// elements become paragraph breaks ("\n\n"), inline white space is collapsed.
[[nodiscard]] std::string visible_text(const xmlNode* node);

/// Plain text of an HTML fragment (an RSS description).
[[nodiscard]] std::string html_fragment_to_text(std::string_view html);

/// The text content of a node (all descendants), white space collapsed.
[[nodiscard]] std::string node_text(const xmlNode* node);

/// Case-insensitive element-name test.
[[nodiscard]] bool is_element(const xmlNode* node, std::string_view name);

/// An attribute's value, or empty.
[[nodiscard]] std::string attribute(const xmlNode* node, const char* name);

} // namespace dateline
