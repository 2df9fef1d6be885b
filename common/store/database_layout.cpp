#include "store/database_layout.hpp"

#include "util/errors.hpp"
#include "util/hash.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace dateline {

std::string default_database_path() {
    const char* env = std::getenv("DATELINE_DB");
    return env && *env ? env : "dateline.db";
}

} // namespace dateline

namespace dateline::layout {

namespace fs = std::filesystem;

namespace {

void expand_into(const fs::path& path, ShardList& out, std::vector<fs::path>& open_stubs);

/// Reads one stub file; relative paths in it are relative to `folder`.
void expand_stub(const fs::path& stub, const fs::path& folder, ShardList& out,
                 std::vector<fs::path>& open_stubs) {
    const auto canonical = fs::weakly_canonical(stub);
    for (const auto& open : open_stubs) {
        if (open == canonical) {
            throw DataError(stub.string() + ": the stub lists itself; remove the line that names it");
        }
    }
    std::ifstream in(stub);
    if (!in) {
        throw DataError(stub.string() + ": cannot read the stub file");
    }
    open_stubs.push_back(canonical);
    for (std::string line; std::getline(in, line);) {
        std::istringstream words(line);
        std::string type;
        std::string target;
        words >> type;
        if (type.empty() || type.front() == '#') {
            continue;
        }
        if (type == "remote") {
            out.remote = true;
            std::string spec;
            std::getline(words >> std::ws, spec);
            // Xapian's stub syntax: "remote HOST:PORT" is TCP, "remote :PROGRAM ARGS" a program.
            out.all.push_back(spec.starts_with(':') ? "remote " + spec.substr(1) : "tcp://" + spec);
            continue;
        }
        std::getline(words >> std::ws, target);
        if (target.empty()) {
            target = type; // a bare path
        }
        const fs::path listed(target);
        expand_into(listed.is_absolute() ? listed : folder / listed, out, open_stubs);
    }
    open_stubs.pop_back();
}

void expand_into(const fs::path& path, ShardList& out, std::vector<fs::path>& open_stubs) {
    if (path.string().starts_with("tcp://")) {
        out.remote = true;
        out.all.push_back(path.string());
        return;
    }
    std::error_code error;
    if (fs::is_regular_file(path, error)) {
        expand_stub(path, path.parent_path(), out, open_stubs);
    } else if (fs::is_regular_file(path / k_stub_file, error)) {
        expand_stub(path / k_stub_file, path, out, open_stubs);
    } else {
        out.local.push_back(path.string());
        out.all.push_back(path.string());
    }
}

} // namespace

ShardList expand(const std::string& path) {
    ShardList out;
    std::vector<fs::path> open_stubs;
    expand_into(fs::path(path), out, open_stubs);
    return out;
}

bool is_sharded(const std::string& path) {
    std::error_code error;
    return fs::is_regular_file(fs::path(path) / k_stub_file, error);
}

std::string shard_folder(const std::string& path, std::size_t index) {
    char name[32];
    std::snprintf(name, sizeof name, "shard-%02zu", index);
    return (fs::path(path) / name).string();
}

void write_stub(const std::string& path, std::size_t count) {
    std::vector<std::string> folders;
    for (std::size_t i = 0; i < count; ++i) {
        folders.push_back(fs::path(shard_folder(path, i)).filename().string());
    }
    write_stub(path, folders);
}

void write_stub(const std::string& path, const std::vector<std::string>& folders) {
    const auto stub = fs::path(path) / k_stub_file;
    const auto temporary = fs::path(path) / (std::string(k_stub_file) + ".new");
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << "# A Dateline database of " << folders.size()
            << " shards, opened by Xapian as one. Written by dateline-index: do not edit.\n";
        for (const auto& folder : folders) {
            out << "auto " << folder << '\n';
        }
        out.flush();
        if (!out) {
            throw DataError(temporary.string() + ": cannot write the shard list");
        }
    }
    // On disk before it replaces the old list, and the rename on disk before this returns: after a crash the
    // list is the old one or the new one, whole.
    const auto sync = [](const fs::path& file) {
        const int fd = ::open(file.c_str(), O_RDONLY);
        if (fd >= 0) {
            (void)::fsync(fd);
            ::close(fd);
        }
    };
    sync(temporary);
    std::error_code error;
    fs::rename(temporary, stub, error);
    if (error) {
        throw DataError(stub.string() + ": cannot write the shard list: " + error.message());
    }
    sync(fs::path(path));
}

std::size_t shard_of(std::string_view id_term, std::size_t count) {
    return count <= 1 ? 0 : static_cast<std::size_t>(util::fnv1a64(id_term) % count);
}

} // namespace dateline::layout
