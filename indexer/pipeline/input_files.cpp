#include "pipeline/input_files.hpp"

#include "util/errors.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace dateline {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string_view text) {
    return util::ascii_lower(text);
}

bool is_hidden(const fs::path& path) {
    const auto name = path.filename().string();
    return !name.empty() && name[0] == '.';
}

/// The first element name in an XML or HTML head, lower-cased, skipping declarations, comments and doctype.
std::string first_element(std::string_view head) {
    std::size_t i = 0;
    while ((i = head.find('<', i)) != std::string_view::npos) {
        if (i + 1 < head.size() && (head[i + 1] == '?' || head[i + 1] == '!')) {
            if (lower(head.substr(i, 9)) == "<!doctype" &&
                lower(head.substr(i, 14)).find("html") != std::string::npos) {
                return "html";
            }
            ++i;
            continue;
        }
        std::size_t end = i + 1;
        while (end < head.size() &&
               (std::isalnum(static_cast<unsigned char>(head[end])) || head[end] == ':')) {
            ++end;
        }
        auto name = lower(head.substr(i + 1, end - i - 1));
        if (const auto colon = name.find(':'); colon != std::string::npos) {
            name = name.substr(colon + 1);
        }
        return name;
    }
    return {};
}

} // namespace

const std::vector<std::pair<std::string_view, InputFormat>>& input_format_names() {
    static const std::vector<std::pair<std::string_view, InputFormat>> k_names = {
        {"auto", InputFormat::automatic}, {"jsonl", InputFormat::jsonl}, {"text", InputFormat::text},
        {"rss", InputFormat::rss},        {"atom", InputFormat::atom},   {"html", InputFormat::html}};
    return k_names;
}

InputFormat parse_input_format(std::string_view name) {
    std::string valid;
    for (const auto& [known, format] : input_format_names()) {
        if (known == name) {
            return format;
        }
        valid += valid.empty() ? "" : ", ";
        valid += known;
    }
    throw UsageError("unknown --format \"" + std::string(name) + "\"; use one of: " + valid);
}

std::vector<InputFile> expand_inputs(const std::vector<std::string>& arguments,
                                     const InputErrorHandler& on_error) {
    std::vector<InputFile> files;
    for (const auto& argument : arguments) {
        if (argument == "-") {
            files.push_back({argument, 0, InputKind::stream});
            continue;
        }
        std::error_code error;
        const auto status = fs::status(argument, error);
        if (error || !fs::exists(status)) {
            on_error(argument, "no such file or directory");
            continue;
        }
        if (fs::is_regular_file(status)) {
            files.push_back({argument, fs::file_size(argument, error), InputKind::regular_file});
            continue;
        }
        if (fs::is_fifo(status) || fs::is_character_file(status)) {
            files.push_back({argument, 0, InputKind::stream}); // a pipe, <(zcat ...), /dev/stdin
            continue;
        }
        if (!fs::is_directory(status)) {
            on_error(argument, "not a regular file or directory");
            continue;
        }
        std::vector<InputFile> found;
        fs::recursive_directory_iterator it(argument, fs::directory_options::skip_permission_denied, error);
        if (error) {
            on_error(argument, "cannot read directory: " + error.message());
            continue;
        }
        for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
            if (error) {
                on_error(it->path().string(), error.message());
                break;
            }
            if (is_hidden(it->path())) {
                if (it->is_directory()) {
                    it.disable_recursion_pending();
                }
                continue;
            }
            if (it->is_regular_file() && lower(it->path().filename().string()) != "readme.md") {
                found.push_back({it->path().string(), it->file_size(error), InputKind::regular_file});
            }
        }
        std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

bool looks_binary(std::string_view head) {
    return head.find('\0') != std::string_view::npos;
}

InputFormat detect_format(std::string_view path, std::string_view head) {
    const auto extension = lower(fs::path(path).extension().string());
    if (extension == ".jsonl" || extension == ".ndjson" || extension == ".json") {
        return InputFormat::jsonl;
    }
    if (extension == ".html" || extension == ".htm" || extension == ".xhtml") {
        return InputFormat::html;
    }
    if (extension == ".atom") {
        return InputFormat::atom;
    }
    if (extension == ".rss") {
        return InputFormat::rss;
    }
    auto start = head.find_first_not_of(" \t\r\n");
    if (head.substr(0, 3) == "\xEF\xBB\xBF") {
        start = head.find_first_not_of(" \t\r\n", 3);
    }
    if (start == std::string_view::npos) {
        return InputFormat::text;
    }
    if (head[start] == '{') {
        return InputFormat::jsonl;
    }
    if (head[start] == '<') {
        const auto element = first_element(head.substr(start));
        if (element == "rss" || element == "rdf") {
            return InputFormat::rss;
        }
        if (element == "feed") {
            return InputFormat::atom;
        }
        if (element == "html" || element == "head" || element == "body") {
            return InputFormat::html;
        }
    }
    return InputFormat::text;
}

} // namespace dateline
