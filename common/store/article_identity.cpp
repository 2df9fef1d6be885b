#include "store/article_identity.hpp"

#include "text/utf8.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

#include <cctype>
#include <cstdio>
#include <vector>

namespace dateline {

namespace {

bool is_tracking_parameter(std::string_view parameter) {
    const auto name = parameter.substr(0, parameter.find('='));
    return name.starts_with("utm_") || name == "fbclid" || name == "gclid" || name == "ocid";
}

std::string hex64(std::uint64_t value) {
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(value));
    return buffer;
}

} // namespace

std::string normalize_url(std::string_view raw) {
    std::string url = collapse_whitespace(raw);
    if (const auto hash = url.find('#'); hash != std::string::npos) {
        url.resize(hash);
    }
    std::string_view rest = url;
    if (const auto scheme_end = rest.find("://"); scheme_end != std::string_view::npos) {
        rest.remove_prefix(scheme_end + 3);
    }
    const auto path_start = rest.find_first_of("/?");
    std::string host = util::ascii_lower(rest.substr(0, path_start));
    if (host.ends_with(":80")) {
        host.resize(host.size() - 3);
    } else if (host.ends_with(":443")) {
        host.resize(host.size() - 4);
    }
    if (host.starts_with("www.")) {
        host.erase(0, 4);
    }
    std::string_view path_and_query = path_start == std::string_view::npos ? "" : rest.substr(path_start);
    const auto query_start = path_and_query.find('?');
    std::string path(path_and_query.substr(0, query_start));
    while (!path.empty() && path.back() == '/') {
        path.pop_back();
    }
    std::string query;
    if (query_start != std::string_view::npos) {
        std::string_view params = path_and_query.substr(query_start + 1);
        while (!params.empty()) {
            const auto amp = params.find('&');
            const auto param = params.substr(0, amp);
            if (!param.empty() && !is_tracking_parameter(param)) {
                query += query.empty() ? "?" : "&";
                query += param;
            }
            params = amp == std::string_view::npos ? std::string_view{} : params.substr(amp + 1);
        }
    }
    return host + path + query;
}

std::uint64_t stable_hash(std::string_view bytes) {
    return util::fnv1a64(bytes);
}

std::string article_identity(const Article& article) {
    if (auto id = collapse_whitespace(article.id); !id.empty()) {
        return id;
    }
    if (auto url = normalize_url(article.url); !url.empty()) {
        return url;
    }
    return "text:" +
           hex64(stable_hash(collapse_whitespace(article.title) + '\n' + collapse_whitespace(article.text)));
}

std::string content_hash(const Article& article) {
    const auto body = collapse_whitespace(article.text.empty() ? article.title : article.text);
    return hex64(stable_hash(body));
}

} // namespace dateline
