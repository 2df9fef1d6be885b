#include "server/http_server.hpp"

#include "server/api_routes.hpp"
#include "server/chunk_channel.hpp"
#include "server/web_assets.hpp"

#include "util/deadline.hpp"
#include "util/errors.hpp"
#include "util/strings.hpp"
#include "util/version.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <mutex>
#include <pthread.h>
#include <sstream>
#include <thread>

namespace dateline::server {

namespace {

using Clock = std::chrono::steady_clock;

/// A request's session on a worker thread: the thread's own QueryContext, reopened per request.
class WorkerSession final : public CommandSession {
public:
    explicit WorkerSession(const CommonOptions& common) : m_context(common) {}
    std::ostream& out() override { return *m_out; }
    const QueryContext& context(const CommonOptions&) override { return m_context; }
    void set_out(std::ostream& out) { m_out = &out; }
    void reopen() { m_context.reopen(); }

private:
    QueryContext m_context;
    std::ostream* m_out = &std::cout;
};

/// A failed request as the client sees it.
struct ErrorReply {
    int status;
    std::string message;
    std::vector<std::string> suggestions;
};

ErrorReply error_reply(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const NotFoundError& e) {
        return {404, e.what(), e.suggestions()};
    } catch (const UsageError& e) {
        return {400, e.what(), {}};
    } catch (const TimeoutError& e) {
        return {503, e.what(), {}};
    } catch (const Xapian::Error& e) {
        return {500, e.get_type() + std::string(": ") + e.get_msg(), {}};
    } catch (const std::exception& e) {
        return {500, e.what(), {}};
    }
}

void send_error(httplib::Response& res, const ErrorReply& reply) {
    nlohmann::json error = {{"status", reply.status}, {"message", reply.message}};
    if (!reply.suggestions.empty()) {
        error["suggestions"] = reply.suggestions;
    }
    res.status = reply.status;
    res.headers.erase("Content-Disposition"); // an error is shown, not saved as the download
    res.set_content(
        nlohmann::json{{"error", error}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
        "application/json; charset=utf-8");
}

Parameters parameters_of(const httplib::Request& req) {
    // httplib keeps parameters in a multimap sorted by name; values of one name stay in request order.
    return {req.params.begin(), req.params.end()};
}

bool same_secret(std::string_view a, std::string_view b) {
    unsigned char differ = a.size() == b.size() ? 0 : 1;
    for (std::size_t i = 0; i < a.size(); ++i) {
        differ |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
    }
    return differ == 0;
}

/// Blocks SIGINT and SIGTERM in every thread started after it, so that only the waiter below sees them.
class SignalMask {
public:
    SignalMask() {
        sigemptyset(&m_set);
        sigaddset(&m_set, SIGINT);
        sigaddset(&m_set, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &m_set, &m_old);
    }
    ~SignalMask() { pthread_sigmask(SIG_SETMASK, &m_old, nullptr); }
    SignalMask(const SignalMask&) = delete;
    SignalMask& operator=(const SignalMask&) = delete;
    [[nodiscard]] const sigset_t& set() const { return m_set; }

private:
    sigset_t m_set{};
    sigset_t m_old{};
};

class Server {
public:
    explicit Server(const ServeOptions& options) : m_options(options) {}
    int run();

private:
    void configure();
    bool authorised(const httplib::Request& req) const;
    void handle_api(const httplib::Request& req, httplib::Response& res);
    void run_buffered(const CommandCall& call, httplib::Response& res);
    void run_streamed(const CommandCall& call, httplib::Response& res);
    void check_limits(const Parameters& parameters, const Route& route) const;
    WorkerSession& worker_session();
    void log(const httplib::Request& req, const httplib::Response& res);

    const ServeOptions& m_options;
    httplib::Server m_http;
    std::mutex m_log_mutex;
    std::atomic<std::uint64_t> m_requests{0};
};

thread_local std::unique_ptr<WorkerSession> t_session;
thread_local Clock::time_point t_request_start;

WorkerSession& Server::worker_session() {
    if (!t_session) {
        t_session = std::make_unique<WorkerSession>(m_options.common);
    }
    return *t_session;
}

bool Server::authorised(const httplib::Request& req) const {
    if (m_options.token.empty()) {
        return true;
    }
    const auto header = req.get_header_value("Authorization");
    if (header.starts_with("Bearer ") && same_secret(std::string_view(header).substr(7), m_options.token)) {
        return true;
    }
    // A link (an export button) cannot send a header: RFC 6750's access_token parameter does.
    return req.has_param("access_token") && same_secret(req.get_param_value("access_token"), m_options.token);
}

void Server::check_limits(const Parameters& parameters, const Route& route) const {
    for (const auto& [name, value] : parameters) {
        if (name != "limit" && name != "top") {
            continue;
        }
        // /api/articles streams without a page when no limit is given; a page has the same cap as the rest.
        const auto number = util::parse_unsigned(value);
        if (!number) {
            continue; // not a number: the command says so (400)
        }
        if (*number > m_options.max_page ||
            (*number == 0 && name == "limit" && route.command == "entities")) {
            throw std::length_error(name + "=" + value + " is over this server's page limit of " +
                                    std::to_string(m_options.max_page) +
                                    (route.path == "/api/articles"
                                         ? "; leave out limit to stream every article"
                                         : "; page with offset"));
        }
    }
}

void Server::run_buffered(const CommandCall& call, httplib::Response& res) {
    auto& session = worker_session();
    const auto run = find_command(call.command);
    for (int attempt = 0;; ++attempt) {
        session.reopen(); // the newest revision, every request
        std::ostringstream body;
        session.set_out(body);
        try {
            const ScopedDeadline deadline(std::chrono::duration_cast<Clock::duration>(
                std::chrono::duration<double>(m_options.timeout_seconds)));
            run(call.arguments, session);
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt < 5) {
                // The indexer committed twice under the request: read the new revision a moment later.
                std::this_thread::sleep_for(std::chrono::milliseconds(50 * (attempt + 1)));
                continue;
            }
            throw;
        }
        res.set_content(body.str(), content_type(call.format));
        return;
    }
}

void Server::run_streamed(const CommandCall& call, httplib::Response& res) {
    auto channel = std::make_shared<ChunkChannel>();
    // The command runs on its own thread with its own database, writing into the channel; this worker sends
    // what it writes. It is joined when the response is done (the releaser), so nothing outlives the server.
    auto writer = std::make_shared<std::thread>([channel, call, common = m_options.common] {
        std::exception_ptr error;
        try {
            WorkerSession session(common);
            ChannelStream stream(*channel);
            session.set_out(stream);
            find_command(call.command)(call.arguments, session);
            stream.flush();
        } catch (...) {
            error = std::current_exception();
        }
        channel->finish(error);
    });
    if (!channel->wait_first()) {
        writer->join();
        if (const auto error = channel->error()) {
            std::rethrow_exception(error);
        }
        res.set_content("", content_type(call.format));
        return;
    }
    res.set_chunked_content_provider(
        content_type(call.format),
        [channel](std::size_t, httplib::DataSink& sink) {
            std::string chunk;
            while (channel->pop(chunk)) {
                if (!sink.write(chunk.data(), chunk.size())) {
                    return false;
                }
            }
            if (channel->error()) {
                return false; // a failure after the first bytes: cut the connection so the client sees it
            }
            sink.done();
            return true;
        },
        [channel, writer](bool) {
            channel->close();
            writer->join();
        });
}

/// A download's file name: "dateline-graph.gexf".
void name_download(httplib::Response& res, const CommandCall& call, std::string_view path) {
    if (call.format == "json") {
        return;
    }
    auto name = std::string(path.substr(path.rfind('/') + 1));
    const auto extension = call.format == "jsonl" ? "jsonl" : call.format;
    res.set_header("Content-Disposition", "attachment; filename=\"dateline-" + name + "." + extension + "\"");
}

void Server::handle_api(const httplib::Request& req, httplib::Response& res) {
    try {
        if (req.target.size() > m_options.max_request_bytes) {
            throw std::length_error("the request is " + std::to_string(req.target.size()) +
                                    " bytes long; this server takes at most " +
                                    std::to_string(m_options.max_request_bytes));
        }
        if (!authorised(req)) {
            res.set_header("WWW-Authenticate", "Bearer");
            send_error(res, {401, "this server needs its token: send \"Authorization: Bearer TOKEN\"", {}});
            return;
        }
        if (req.path == "/api/openapi.json") {
            res.set_content(openapi_document(dateline_version()).dump(2), "application/json; charset=utf-8");
            return;
        }
        const auto parameters = parameters_of(req);
        if (req.path.starts_with("/api/articles/") && req.path.size() > 14) {
            run_buffered(article_call(req.path.substr(14)), res);
            return;
        }
        const auto* route = find_route(req.path);
        if (route == nullptr) {
            std::string known;
            for (const auto& each : routes()) {
                known += (known.empty() ? "" : ", ") + std::string(each.path);
            }
            send_error(res, {404,
                             "no endpoint " + req.path + "; there are " + known +
                                 ", /api/articles/{id} and /api/openapi.json",
                             {}});
            return;
        }
        check_limits(parameters, *route);
        const auto call = command_call(*route, parameters);
        name_download(res, call, route->path);
        const bool paged = req.has_param("limit") && route->path == "/api/articles";
        if (route->streams && !paged && call.format != "json") {
            run_streamed(call, res);
        } else {
            run_buffered(call, res);
        }
    } catch (const std::length_error& e) {
        send_error(res, {413, e.what(), {}});
    } catch (...) {
        send_error(res, error_reply(std::current_exception()));
    }
}

void Server::log(const httplib::Request& req, const httplib::Response& res) {
    ++m_requests;
    if (!m_options.access_log) {
        return;
    }
    const auto elapsed = std::chrono::duration<double, std::milli>(Clock::now() - t_request_start).count();
    char line[128];
    std::snprintf(line, sizeof line, " %d %zu %.1f ms", res.status, res.body.size(), elapsed);
    const std::lock_guard lock(m_log_mutex);
    std::cerr << req.remote_addr << " " << req.method << " " << req.target << line << '\n';
}

void Server::configure() {
    const auto threads = m_options.threads;
    m_http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    m_http.set_payload_max_length(m_options.max_request_bytes);
    m_http.set_tcp_nodelay(true); // else a small answer waits for the client's delayed ACK (40 ms)
    m_http.set_keep_alive_timeout(2);
    m_http.set_read_timeout(10);
    m_http.set_write_timeout(30);
    httplib::Headers headers = {{"X-Content-Type-Options", "nosniff"},
                                {"Referrer-Policy", "no-referrer"},
                                {"Cache-Control", "no-cache"}};
    if (!m_options.cors_origin.empty()) {
        headers.emplace("Access-Control-Allow-Origin", m_options.cors_origin);
        headers.emplace("Vary", "Origin");
    }
    m_http.set_default_headers(headers);
    m_http.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
        t_request_start = Clock::now();
        return httplib::Server::HandlerResponse::Unhandled;
    });
    m_http.set_logger([this](const httplib::Request& req, const httplib::Response& res) { log(req, res); });
    m_http.Get(R"(/api/.*)",
               [this](const httplib::Request& req, httplib::Response& res) { handle_api(req, res); });
    m_http.Get(R"(/.*)", [](const httplib::Request& req, httplib::Response& res) {
        const auto* asset = find_web_asset(req.path);
        if (asset == nullptr) {
            send_error(res, {404, "no page " + req.path + "; the page is at /", {}});
            return;
        }
        res.set_content(std::string(asset->body), std::string(asset->content_type));
        res.set_header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                                                  "img-src 'self' data: blob:; object-src 'none'; "
                                                  "frame-ancestors 'none'");
    });
    if (!m_options.cors_origin.empty()) {
        m_http.Options(R"(/api/.*)", [](const httplib::Request&, httplib::Response& res) {
            res.set_header("Access-Control-Allow-Methods", "GET, OPTIONS");
            res.set_header("Access-Control-Allow-Headers", "Authorization");
            res.status = 204;
        });
    }
    m_http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (res.body.empty()) {
            const auto status = res.status;
            send_error(
                res, {status, "HTTP " + std::to_string(status) + " for " + req.method + " " + req.path, {}});
            res.status = status;
        }
    });
}

int Server::run() {
    const auto address = parse_listen(m_options.listen);
    {
        // Open once here, so that a missing database is an error before the first request.
        WorkerSession probe(m_options.common);
    }
    configure();
    const SignalMask mask;
    const int port = address.port == 0
                         ? m_http.bind_to_any_port(address.host)
                         : (m_http.bind_to_port(address.host, address.port) ? address.port : -1);
    if (port < 0) {
        throw DataError("cannot listen on " + m_options.listen +
                        ": the port is taken or the address is not this "
                        "machine's; pick another with --listen HOST:PORT (port 0 picks a free one)");
    }
    const auto host = address.host.find(':') != std::string::npos ? "[" + address.host + "]" : address.host;
    // One write: scripts read the address off this line while it is being written.
    std::cerr << ("dateline-query: serving http://" + host + ':' + std::to_string(port) + "/ (" +
                  std::to_string(m_options.threads) + " threads" +
                  (m_options.token.empty() ? "" : ", token required") + "); Ctrl-C or SIGTERM stops\n")
              << std::flush;
    std::atomic<bool> done{false};
    std::thread waiter([&] {
        const timespec tick{0, 200'000'000};
        while (!done) {
            siginfo_t info;
            if (sigtimedwait(&mask.set(), &info, &tick) > 0) {
                std::cerr << "dateline-query: " << (info.si_signo == SIGTERM ? "SIGTERM" : "SIGINT")
                          << ": finishing the requests in flight" << std::endl;
                m_http.stop();
                return;
            }
        }
    });
    const auto started = Clock::now();
    m_http.listen_after_bind();
    done = true;
    waiter.join();
    const auto seconds = std::chrono::duration<double>(Clock::now() - started).count();
    std::cerr << "dateline-query: served " << m_requests << " requests in " << static_cast<long>(seconds)
              << " s" << std::endl;
    return 0;
}

} // namespace

bool ListenAddress::loopback() const {
    return host == "localhost" || host == "::1" || host.starts_with("127.");
}

ListenAddress parse_listen(const std::string& text) {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon + 1 == text.size()) {
        throw UsageError("--listen \"" + text +
                         "\": use HOST:PORT, e.g. 127.0.0.1:8080 (port 0: any free one)");
    }
    ListenAddress address;
    address.host = text.substr(0, colon);
    if (address.host.size() >= 2 && address.host.front() == '[' && address.host.back() == ']') {
        address.host = address.host.substr(1, address.host.size() - 2);
    }
    const auto port = text.substr(colon + 1);
    if (address.host.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535) {
        throw UsageError("--listen \"" + text + "\": use HOST:PORT with a port from 0 to 65535");
    }
    address.port = std::stoi(port);
    return address;
}

int serve(const ServeOptions& options) {
    const auto address = parse_listen(options.listen);
    if (!address.loopback() && options.token.empty() && !options.insecure_public) {
        throw UsageError(
            "--listen " + options.listen +
            " would let other machines read the database: give a --token "
            "that clients send as \"Authorization: Bearer TOKEN\", or --insecure-public if that is "
            "really meant");
    }
    if (options.threads == 0) {
        throw UsageError("--threads must be at least 1");
    }
    Server server(options);
    return server.run();
}

} // namespace dateline::server
