#include "access/database_set.hpp"

#include "store/database_layout.hpp"
#include "util/errors.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace dateline {

namespace {

unsigned remote_timeout_ms() {
    const char* env = std::getenv("DATELINE_REMOTE_TIMEOUT");
    const double seconds = env && *env ? std::atof(env) : 10.0;
    return static_cast<unsigned>((seconds > 0 ? seconds : 10.0) * 1000);
}

/// tcp://HOST:PORT -> a remote shard with explicit timeouts.
Xapian::Database open_tcp(const std::string& url) {
    const auto address = url.substr(6);
    const auto colon = address.rfind(':');
    if (colon == std::string::npos) {
        throw UsageError("--db " + url + ": expected tcp://HOST:PORT");
    }
    const auto host = address.substr(0, colon);
    const auto port = static_cast<unsigned>(std::atoi(address.c_str() + colon + 1));
    const auto timeout = remote_timeout_ms();
    try {
        return Xapian::Remote::open(host, port, timeout, timeout);
    } catch (const Xapian::Error& e) {
        throw DataError("remote shard " + url + " is unreachable or failed: " + e.get_description());
    }
}

} // namespace

Shards shards_of(const std::vector<std::string>& paths) {
    Shards shards;
    for (const auto& path : paths) {
        auto expanded = layout::expand(path);
        shards.remote = shards.remote || expanded.remote;
        shards.local.insert(shards.local.end(), expanded.local.begin(), expanded.local.end());
    }
    return shards;
}

namespace {

/// A local database or stub. A sealing or compaction may swap the stub and remove a folder an older stub
/// listed between the moment Xapian reads the stub and the moment it opens that folder: the stub is then read
/// again, a few times, rather than failing the query.
Xapian::Database open_local(const std::string& path) {
    constexpr int k_attempts = 4;
    for (int attempt = 1;; ++attempt) {
        try {
            return Xapian::Database(path);
        } catch (const Xapian::DatabaseOpeningError&) {
            if (attempt == k_attempts || !layout::is_sharded(path)) {
                throw;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
        }
    }
}

} // namespace

Xapian::Database open_databases(const std::vector<std::string>& paths) {
    Xapian::Database combined;
    for (const auto& path : paths) {
        if (path.starts_with("tcp://")) {
            combined.add_database(open_tcp(path));
            continue;
        }
        if (!std::filesystem::exists(path)) {
            throw DataError("no database at " + path + "; build one with: dateline-index --db " + path +
                            " corpus/  (or set $DATELINE_DB)");
        }
        try {
            const auto expanded = layout::expand(path);
            if (!expanded.remote) {
                combined.add_database(open_local(path));
                continue;
            }
            // A stub with remote lines: opened here, entry by entry, so that $DATELINE_REMOTE_TIMEOUT holds
            // for its TCP shards as for tcp:// paths (Xapian's own stub reader always waits 10 s).
            for (const auto& entry : expanded.all) {
                if (entry.starts_with("tcp://")) {
                    combined.add_database(open_tcp(entry));
                } else if (entry.starts_with("remote ")) {
                    const auto spec = entry.substr(7);
                    const auto space = spec.find(' ');
                    combined.add_database(Xapian::Remote::open(
                        spec.substr(0, space), space == std::string::npos ? "" : spec.substr(space + 1)));
                } else {
                    combined.add_database(Xapian::Database(entry));
                }
            }
        } catch (const DataError&) {
            throw;
        } catch (const Xapian::NetworkError& e) {
            throw DataError(path +
                            ": a remote shard it lists is unreachable or failed: " + e.get_description());
        } catch (const Xapian::Error& e) {
            throw DataError(path + ": cannot open database: " + e.get_description());
        }
    }
    return combined;
}

} // namespace dateline
