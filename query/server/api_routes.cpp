#include "server/api_routes.hpp"

#include "util/errors.hpp"

#include <algorithm>

namespace dateline::server {

namespace {

/// The filters every command takes (add_filter_options); met's --with (and --entity) names the other party
/// instead.
const std::vector<std::string_view> k_filters = {"from", "to", "source", "with", "entity"};

std::vector<std::string_view> with_filters(std::vector<std::string_view> options) {
    options.insert(options.end(), k_filters.begin(), k_filters.end());
    return options;
}

/// The endpoints, one entry each: a table (longer than ~80 lines as clang-format lays it out), not steps.
std::vector<Route> make_routes() {
    std::vector<Route> out;
    out.push_back({"/api/search",
                   "search",
                   "ranked full-text search with snippets",
                   "",
                   "query",
                   "q",
                   false,
                   false,
                   with_filters({"limit", "offset", "sort"}),
                   {"collapse"},
                   {"json", "csv"},
                   false});
    out.push_back({"/api/entities",
                   "entities",
                   "entities ranked by matching articles",
                   "",
                   "query",
                   "q",
                   false,
                   false,
                   with_filters({"type", "doc", "limit"}),
                   {},
                   {"json", "csv"},
                   false});
    out.push_back({"/api/timeline",
                   "timeline",
                   "articles and mentions per period for one or more entities",
                   "",
                   "subject",
                   "name",
                   true,
                   true,
                   with_filters({"by"}),
                   {"articles"},
                   {"json", "csv"},
                   false});
    out.push_back({"/api/graph",
                   "graph",
                   "the co-mention graph, or who met whom (edges=meetings)",
                   "",
                   "subject",
                   "name",
                   false,
                   true,
                   with_filters({"depth", "window", "types", "min-weight", "top", "measure", "by", "edges"}),
                   {},
                   {"json", "csv", "graphml", "gexf", "dot"},
                   false});
    out.push_back({"/api/met",
                   "met",
                   "who met whom, with evidence sentences",
                   "",
                   "person",
                   "name",
                   false,
                   true,
                   {"with", "entity", "mode", "source", "from", "to"},
                   {},
                   {"json", "csv"},
                   false});
    out.push_back({"/api/events",
                   "events",
                   "every meeting as a coded event",
                   "",
                   "subject",
                   "name",
                   false,
                   true,
                   with_filters({"mode"}),
                   {},
                   {"json", "jsonl", "csv"},
                   true});
    out.push_back({"/api/stats",
                   "stats",
                   "what the database holds",
                   "",
                   "",
                   "",
                   false,
                   false,
                   {},
                   {},
                   {"json"},
                   false});
    out.push_back({"/api/articles",
                   "export",
                   "every matching article, uncapped, paged by cursor",
                   "articles",
                   "",
                   "",
                   false,
                   true,
                   with_filters({"after", "limit"}),
                   {},
                   {"jsonl", "csv", "json"},
                   true});
    out.push_back({"/api/export/timelines",
                   "export",
                   "every entity's timeline in long form",
                   "timelines",
                   "",
                   "",
                   false,
                   true,
                   with_filters({"type", "by"}),
                   {},
                   {"csv", "jsonl"},
                   true});
    return out;
}

bool contains(const std::vector<std::string_view>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

std::string joined(const std::vector<std::string_view>& list) {
    std::string out;
    for (const auto item : list) {
        out += (out.empty() ? "" : ", ") + std::string(item);
    }
    return out;
}

bool flag_value(std::string_view name, std::string_view value) {
    if (value.empty() || value == "1" || value == "true" || value == "yes") {
        return true;
    }
    if (value == "0" || value == "false" || value == "no") {
        return false;
    }
    throw UsageError("parameter " + std::string(name) + "=" + std::string(value) + ": use 1 or 0");
}

/// Every parameter the route takes, for error messages and the OpenAPI description.
std::vector<std::string_view> parameter_names(const Route& route) {
    std::vector<std::string_view> out;
    if (!route.positional_parameter.empty()) {
        out.push_back(route.positional_parameter);
    }
    if (route.query_option) {
        out.insert(out.end(), {"query", "q"});
    }
    out.insert(out.end(), route.options.begin(), route.options.end());
    out.insert(out.end(), route.flags.begin(), route.flags.end());
    if (contains(route.formats, "csv")) {
        out.push_back("csv-safe");
    }
    out.push_back("format");
    return out;
}

} // namespace

const std::vector<Route>& routes() {
    static const auto table = make_routes();
    return table;
}

const Route* find_route(std::string_view path) {
    for (const auto& route : routes()) {
        if (route.path == path) {
            return &route;
        }
    }
    return nullptr;
}

CommandCall command_call(const Route& route, const Parameters& parameters) {
    CommandCall call{std::string(route.command), {}, std::string(route.formats.front())};
    if (!route.fixed.empty()) {
        call.arguments.push_back("--what=" + std::string(route.fixed));
    }
    bool positional_given = false;
    for (const auto& [name, value] : parameters) {
        if (name == "format") {
            if (!contains(route.formats, value)) {
                throw UsageError("format=" + value + " is not offered here; use " + joined(route.formats));
            }
            call.format = value;
        } else if (name == "access_token") {
            continue; // read by the server's authorisation
        } else if (!route.positional_parameter.empty() && name == route.positional_parameter) {
            if (positional_given && !route.positional_repeats) {
                throw UsageError("parameter " + name + " may be given once here");
            }
            positional_given = true;
            call.arguments.push_back("--" + std::string(route.positional) + "=" + value);
        } else if (route.query_option && (name == "query" || name == "q")) {
            call.arguments.push_back("--query=" + value);
        } else if (contains(route.options, name)) {
            call.arguments.push_back("--" + name + "=" + value);
        } else if (name == "csv-safe" && contains(route.formats, "csv")) {
            if (flag_value(name, value)) {
                call.arguments.push_back("--csv-safe");
            }
        } else if (contains(route.flags, name)) {
            if (flag_value(name, value)) {
                call.arguments.push_back("--" + name);
            }
        } else {
            throw UsageError("unknown parameter \"" + name + "\"; " + std::string(route.path) +
                             " takes: " + joined(parameter_names(route)));
        }
    }
    call.arguments.push_back("--format=" + call.format);
    return call;
}

CommandCall article_call(const std::string& id) {
    return {"article", {"--id=" + id, "--format=json"}, "json"};
}

std::string content_type(std::string_view format) {
    if (format == "json") {
        return "application/json; charset=utf-8";
    }
    if (format == "jsonl") {
        return "application/x-ndjson; charset=utf-8";
    }
    if (format == "csv") {
        return "text/csv; charset=utf-8";
    }
    if (format == "dot") {
        return "text/vnd.graphviz; charset=utf-8";
    }
    if (format == "graphml" || format == "gexf") {
        return "application/xml; charset=utf-8";
    }
    return "text/plain; charset=utf-8";
}

nlohmann::json openapi_document(std::string_view version) {
    const nlohmann::json error = {
        {"description", "an error"},
        {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
    nlohmann::json paths = nlohmann::json::object();
    for (const auto& route : routes()) {
        nlohmann::json parameters = nlohmann::json::array();
        for (const auto name : parameter_names(route)) {
            const bool repeats = (name == route.positional_parameter && route.positional_repeats) ||
                                 name == "source" || name == "with" || name == "entity";
            nlohmann::json schema = {{"type", "string"}};
            if (name == "format") {
                schema["enum"] = route.formats;
                schema["default"] = route.formats.front();
            }
            if (contains(route.flags, name) || name == "csv-safe") {
                schema = {{"type", "boolean"}};
            }
            parameters.push_back(
                {{"name", name},
                 {"in", "query"},
                 {"required", false},
                 {"description", "the command's --" + std::string(name) + " option (dateline-query " +
                                     std::string(route.command) + " --help)"},
                 {"schema", repeats ? nlohmann::json{{"type", "array"}, {"items", schema}} : schema},
                 {"explode", true}});
        }
        nlohmann::json content = nlohmann::json::object();
        for (const auto format : route.formats) {
            content[content_type(format).substr(0, content_type(format).find(';'))] =
                nlohmann::json::object();
        }
        paths[std::string(route.path)]["get"] = {
            {"summary", route.summary},
            {"description", "Answers what `dateline-query " + std::string(route.command) +
                                (route.fixed.empty() ? "" : " " + std::string(route.fixed)) +
                                " --format FORMAT` prints for the same options."},
            {"parameters", parameters},
            {"responses",
             {{"200", {{"description", "the command's output"}, {"content", content}}},
              {"400", error},
              {"401", error},
              {"404", error},
              {"413", error},
              {"503", error}}}};
    }
    paths["/api/articles/{id}"]["get"] = {
        {"summary", "one article: fields, text and entities (dateline-query article ID --format json)"},
        {"parameters",
         {{{"name", "id"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}}}},
        {"responses",
         {{"200",
           {{"description", "the article"}, {"content", {{"application/json", nlohmann::json::object()}}}}},
          {"404", error}}}};
    return {
        {"openapi", "3.0.3"},
        {"info",
         {{"title", "Dateline API"},
          {"version", version},
          {"description", "Read-only: search, entities, timelines, co-mention graphs and meetings over a "
                          "Dateline news index. Each endpoint takes its command's options as parameters."}}},
        {"paths", paths},
        {"components",
         {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}},
          {"schemas",
           {{"Error",
             {{"type", "object"},
              {"properties",
               {{"error",
                 {{"type", "object"},
                  {"properties",
                   {{"status", {{"type", "integer"}}},
                    {"message", {{"type", "string"}}},
                    {"suggestions", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}}}}}}}}}}}};
}

} // namespace dateline::server
