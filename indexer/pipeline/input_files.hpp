// Turning the INPUT arguments into a list of files with their formats.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

enum class InputFormat { automatic, jsonl, text, rss, atom, html };

/// The names accepted by --format, in the order help text lists them.
[[nodiscard]] const std::vector<std::pair<std::string_view, InputFormat>>& input_format_names();

/// Parses a --format value; throws UsageError listing the valid names.
[[nodiscard]] InputFormat parse_input_format(std::string_view name);

enum class InputKind {
    regular_file, ///< size known, can be read twice (to sniff the format)
    stream,       ///< standard input, a pipe or a device: read once, size unknown
};

struct InputFile {
    std::string path;     ///< "-" for standard input
    std::uintmax_t bytes; ///< 0 for streams (size unknown)
    InputKind kind;
};

/// Expands directories recursively (sorted, hidden files and folders skipped); keeps files, pipes and "-" as
/// given. A path that does not exist or cannot be read is reported through `on_error` and left out.
using InputErrorHandler = std::function<void(const std::string& path, const std::string& why)>;
[[nodiscard]] std::vector<InputFile> expand_inputs(const std::vector<std::string>& arguments,
                                                   const InputErrorHandler& on_error);

/// Decides the format of a file from its name and its first bytes. `head` is up to a few KiB of the start.
[[nodiscard]] InputFormat detect_format(std::string_view path, std::string_view head);

/// True if `head` looks binary (contains NUL bytes).
[[nodiscard]] bool looks_binary(std::string_view head);

} // namespace dateline
