// dateline-query serve
#include "commands/commands.hpp"
#include "server/http_server.hpp"
#include "util/errors.hpp"

#include <algorithm>
#include <iostream>
#include <thread>

namespace dateline {

namespace po = boost::program_options;

namespace {

constexpr const char* k_help = R"(Usage: dateline-query serve [OPTIONS]

Serves the database over HTTP, read-only: a page to search, draw timelines and graphs and read who met
whom (open the printed URL), and a JSON API with one endpoint per command that answers what the command
prints with --format json (see docs/api.md, or /api/openapi.json):
  /api/search /api/entities /api/timeline /api/graph /api/met /api/events /api/stats
  /api/articles (every article, streamed or paged by cursor) /api/articles/{id} /api/export/timelines
Listens on loopback unless told otherwise; another address needs --token (or --insecure-public).
Each request reads the newest revision of the database; SIGTERM or Ctrl-C finishes the requests in
flight and stops. One access-log line per request on standard error.

Options)";

constexpr const char* k_examples = R"x(
Examples:
  dateline-query --db news.db serve                              # http://127.0.0.1:8080/
  dateline-query --db news.db serve --listen 127.0.0.1:0         # any free port (printed)
  dateline-query --db news.db serve --listen 0.0.0.0:8080 --token "$(cat /etc/dateline/token)"
  curl 'http://127.0.0.1:8080/api/timeline?name=Xi+Jinping&by=month'
)x";

} // namespace

int run_serve(const std::vector<std::string>& arguments) {
    server::ServeOptions options;
    options.threads = std::max(8U, 2 * std::thread::hardware_concurrency());
    po::options_description description("");
    // clang-format off
    description.add_options()
        ("db", po::value(&options.common.databases)->composing(),
         "database to serve; repeat for shards (default: $DATELINE_DB, else ./dateline.db)")
        ("entities", po::value(&options.common.entity_files)->composing(),
         "add or override knowledge-base entities from this TSV or JSON Lines file (repeatable)")
        ("listen", po::value(&options.listen)->default_value(options.listen), "HOST:PORT to listen on (port 0: any free one)")
        ("token", po::value(&options.token), "require \"Authorization: Bearer TOKEN\" on every API request")
        ("insecure-public", "allow a non-loopback --listen without --token")
        ("cors", po::value(&options.cors_origin), "allow this origin to call the API from its pages (CORS)")
        ("threads", po::value(&options.threads)->default_value(options.threads), "worker threads")
        ("timeout", po::value(&options.timeout_seconds)->default_value(options.timeout_seconds),
         "seconds a request may take before it is answered 503 (streamed exports excepted)")
        ("max-page", po::value(&options.max_page)->default_value(options.max_page),
         "largest limit or top a request may ask for (413 above)")
        ("max-request-bytes", po::value(&options.max_request_bytes)->default_value(options.max_request_bytes),
         "longest request line a client may send (413 above)")
        ("quiet", "no access log")
        ("help,h", "show this help");
    // clang-format on
    const auto parsed = parse_or_help("serve", arguments, description, nullptr, 0, {k_help, k_examples});
    if (!parsed) {
        return 0;
    }
    if (parsed->count("insecure-public")) {
        options.insecure_public = true;
    }
    if (parsed->count("quiet")) {
        options.access_log = false;
    }
    if (!(options.timeout_seconds > 0)) {
        throw UsageError("--timeout must be a positive number of seconds");
    }
    return server::serve(options);
}

} // namespace dateline
