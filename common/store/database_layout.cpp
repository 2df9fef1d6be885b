#include "store/database_layout.hpp"

#include "util/errors.hpp"
#include "util/hash.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
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

namespace {

/// Reads a run of digits at the front of `text` into `value`; false if there is none.
bool take_number(std::string_view& text, std::size_t& value) {
    const auto end = text.find_first_not_of("0123456789");
    const auto length = end == std::string_view::npos ? text.size() : end;
    if (length == 0 || length > 9) {
        return false;
    }
    value = 0;
    for (const char digit : text.substr(0, length)) {
        value = value * 10 + static_cast<std::size_t>(digit - '0');
    }
    text.remove_prefix(length);
    return true;
}

} // namespace

FolderName parse_folder_name(std::string_view name) {
    FolderName out;
    std::size_t partition = 0;
    if (name.starts_with("part-")) {
        name.remove_prefix(5);
        if (!take_number(name, partition) || partition == 0 || !name.starts_with('-')) {
            return out;
        }
        name.remove_prefix(1);
    } else if (name.starts_with("shard-")) {
        name.remove_prefix(6);
    } else {
        return out;
    }
    std::size_t shard = 0;
    if (!take_number(name, shard)) {
        return out;
    }
    // A compacted copy: "-c" and a timestamp of digits, 'T' and '-'.
    if (!name.empty() && !(name.starts_with("-c") && name.size() > 2 &&
                           name.substr(2).find_first_not_of("0123456789T-") == std::string_view::npos)) {
        return out;
    }
    out.valid = true;
    out.partition = static_cast<unsigned>(partition);
    out.shard = shard;
    return out;
}

std::string sealed_folder_name(unsigned number, std::size_t index) {
    char name[48];
    std::snprintf(name, sizeof name, "part-%04u-%02zu", number, index);
    return name;
}

std::vector<std::string> Partitions::all_shards() const {
    auto out = current.shards;
    for (const auto& partition : sealed) {
        out.insert(out.end(), partition.shards.begin(), partition.shards.end());
    }
    return out;
}

Partitions read_partitions(const std::string& path) {
    const auto listed = expand(path);
    if (listed.remote || listed.local.empty()) {
        throw DataError(path + ": its shard list (" + std::string(k_stub_file) +
                        ") names a remote or no database; dateline-index works on local shards only, on the "
                        "host that writes them");
    }
    Partitions out;
    std::map<unsigned, std::vector<std::pair<std::size_t, std::string>>> by_partition;
    for (const auto& folder : listed.local) {
        const fs::path shard(folder);
        std::error_code error;
        if (!fs::equivalent(shard.parent_path(), path, error)) {
            throw DataError(folder + ": a shard outside " + path +
                            "; dateline-index writes only the shards in the database's folder");
        }
        const auto name = parse_folder_name(shard.filename().string());
        if (!name.valid) {
            throw DataError(folder + ": not a shard name dateline-index gives (shard-NN, part-NNNN-NN); " +
                            path + "/" + std::string(k_stub_file) + " was edited by hand");
        }
        by_partition[name.partition].emplace_back(name.shard, folder);
    }
    for (auto& [number, shards] : by_partition) {
        std::sort(shards.begin(), shards.end());
        Partition partition{number, {}};
        for (std::size_t i = 0; i < shards.size(); ++i) {
            if (shards[i].first != i) {
                throw DataError(path + ": partition " + std::to_string(number) + " lacks shard " +
                                std::to_string(i) + " or lists it twice; restore " +
                                std::string(k_stub_file) + " from a backup");
            }
            partition.shards.push_back(std::move(shards[i].second));
        }
        (number == 0 ? out.current : out.sealed.emplace_back()) = std::move(partition);
    }
    if (out.current.shards.empty()) {
        throw DataError(path + ": its stub lists no current partition (shard-NN); restore " +
                        std::string(k_stub_file) + " from a backup");
    }
    const auto count = out.current.shards.size();
    for (const auto& partition : out.sealed) {
        if (partition.shards.size() != count) {
            throw DataError(path + ": sealed partition " + std::to_string(partition.number) + " has " +
                            std::to_string(partition.shards.size()) + " shards, the database " +
                            std::to_string(count) + "; restore " + std::string(k_stub_file) +
                            " from a backup");
        }
    }
    return out;
}

void write_stub(const std::string& path, const Partitions& partitions) {
    std::vector<std::string> folders;
    for (const auto& shard : partitions.all_shards()) {
        folders.push_back(fs::path(shard).filename().string());
    }
    write_stub(path, folders);
}

std::size_t shard_of(std::string_view id_term, std::size_t count) {
    return count <= 1 ? 0 : static_cast<std::size_t>(util::fnv1a64(id_term) % count);
}

} // namespace dateline::layout
