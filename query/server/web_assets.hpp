// The page's files (query/server/web/: HTML, script, styles, the vendored chart and graph libraries and their
// licences), compiled into the binary so that `serve` needs nothing beside it and works offline.
#pragma once

#include <string_view>

namespace dateline::server {

struct WebAsset {
    std::string_view path; ///< as requested: "/index.html", "/vendor/cytoscape.min.js"
    std::string_view content_type;
    std::string_view body;
};

/// The asset served at `path` ("/" is "/index.html"), or null.
[[nodiscard]] const WebAsset* find_web_asset(std::string_view path);

} // namespace dateline::server
