// `dateline-query serve`: the query commands over HTTP (api_routes) and the page (web/, compiled in),
// read-only, on cpp-httplib. Each worker thread keeps its own QueryContext (Xapian::Database is not
// thread-safe), reopened before every request so that a database the indexer has moved on is never served
// half-old; a database that changes under a request (DatabaseModifiedError) is reopened and the request run
// again. Uncapped exports stream from a thread of their own through a bounded queue (chunk_channel).
#pragma once

#include "commands/commands.hpp"

#include <cstddef>
#include <string>

namespace dateline::server {

struct ServeOptions {
    CommonOptions common;                  ///< --db and --entities: what every request reads
    std::string listen = "127.0.0.1:8080"; ///< HOST:PORT; port 0 picks a free one
    std::string token;                     ///< required as "Authorization: Bearer TOKEN" when set
    bool insecure_public = false;          ///< a non-loopback address without a token
    std::string cors_origin;               ///< Access-Control-Allow-Origin, or "" (no CORS)
    unsigned threads = 8;
    double timeout_seconds = 30;          ///< per request, except streamed exports
    std::size_t max_page = 10000;         ///< largest limit/top a request may ask for
    std::size_t max_request_bytes = 8192; ///< longest request target (path and query)
    bool access_log = true;
};

/// Where to listen, parsed from --listen; throws UsageError.
struct ListenAddress {
    std::string host;
    int port = 0;
    [[nodiscard]] bool loopback() const;
};
[[nodiscard]] ListenAddress parse_listen(const std::string& text);

/// Serves until SIGINT or SIGTERM, then finishes the requests in flight. Prints the URL on standard error
/// once listening. Throws UsageError for an unsafe or bad address, DataError if the database cannot be opened
/// or the port is taken.
int serve(const ServeOptions& options);

} // namespace dateline::server
