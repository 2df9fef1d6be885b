// The HTTP API's endpoints as the query commands they run: each endpoint names a command, which of its
// options a request may set (as query parameters of the same name), and its formats. Parameters become the
// command's arguments, so an endpoint answers exactly what the command prints; none of them can name a file
// (--db, --entities, --out are not among them).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dateline::server {

/// A request's query parameters in the order given (a name may repeat).
using Parameters = std::vector<std::pair<std::string, std::string>>;

struct Route {
    std::string_view path;    ///< "/api/search"
    std::string_view command; ///< "search"
    std::string_view summary;
    std::string_view fixed; ///< a first positional argument the endpoint always passes ("timelines"), or ""
    std::string_view positional; ///< the command's hidden positional option ("query", "subject"), or ""
    std::string_view positional_parameter; ///< the parameter that fills it ("q", "name"), or ""
    bool positional_repeats = false;
    bool query_option = false;             ///< the command takes --query (then q is the same as query)
    std::vector<std::string_view> options; ///< options taking a value
    std::vector<std::string_view> flags;   ///< options without a value
    std::vector<std::string_view> formats; ///< the first is the default
    bool streams = false;                  ///< answers are streamed as they are written (uncapped exports)
};

/// Every endpoint that runs a command (not /api/articles/{id} and /api/openapi.json).
[[nodiscard]] const std::vector<Route>& routes();

/// The route for a path, or null.
[[nodiscard]] const Route* find_route(std::string_view path);

/// A command line to run for a request.
struct CommandCall {
    std::string command;
    std::vector<std::string> arguments; ///< every option as one "--name=value" word, never a bare value
    std::string format;
};

/// The command call for a request; throws UsageError naming an unknown parameter or format.
[[nodiscard]] CommandCall command_call(const Route& route, const Parameters& parameters);

/// The call behind /api/articles/{id}.
[[nodiscard]] CommandCall article_call(const std::string& id);

/// The OpenAPI 3 description of the API, built from the routes.
[[nodiscard]] nlohmann::json openapi_document(std::string_view version);

/// The Content-Type of a format ("json" -> "application/json; charset=utf-8").
[[nodiscard]] std::string content_type(std::string_view format);

} // namespace dateline::server
