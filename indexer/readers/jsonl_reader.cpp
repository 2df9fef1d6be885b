#include "readers/jsonl_reader.hpp"

#include "text/utf8.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cctype>
#include <chrono>
#include <cmath>

namespace dateline {

namespace {

enum class LineStatus { ok, too_long, end };

/// Reads one line into `line`, keeping at most `max_bytes`; the rest of a longer line is read and dropped, so
/// memory stays bounded whatever the input.
LineStatus read_bounded_line(std::istream& in, std::string& line, std::size_t max_bytes) {
    line.clear();
    bool too_long = false;
    bool any = false;
    std::array<char, 64 * 1024> buffer;
    while (true) {
        in.getline(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        any = any || got > 0;
        const bool complete = !in.fail() || in.eof();
        // gcount counts the newline that getline consumed.
        const std::size_t chars = (!in.fail() && !in.eof() && got > 0) ? got - 1 : got;
        if (!too_long) {
            if (line.size() + chars > max_bytes) {
                too_long = true;
                line.clear();
            } else {
                line.append(buffer.data(), chars);
            }
        }
        if (in.eof()) {
            if (!any) {
                return LineStatus::end;
            }
            break;
        }
        if (complete) {
            break;
        }
        in.clear(); // a line longer than the buffer: keep reading it
    }
    return too_long ? LineStatus::too_long : LineStatus::ok;
}

std::string string_field(const nlohmann::json& record, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        const auto it = record.find(name);
        if (it == record.end() || it->is_null()) {
            continue;
        }
        if (it->is_string()) {
            return it->get<std::string>();
        }
        if (it->is_number_integer() || it->is_number_unsigned()) {
            return it->dump();
        }
        if (it->is_object() && it->contains("name") && (*it)["name"].is_string()) {
            return (*it)["name"].get<std::string>();
        }
    }
    return {};
}

/// A numeric date field: seconds since 1970, or milliseconds if it is too large to be seconds.
const nlohmann::json* numeric_date(const nlohmann::json& record) {
    for (const char* name : {"date", "published", "published_at", "pubDate", "datePublished", "timestamp"}) {
        const auto it = record.find(name);
        if (it != record.end() && it->is_number()) {
            return &*it;
        }
    }
    return nullptr;
}

void resolve_numeric_date(Article& article, const nlohmann::json& number, ReadEvents& events) {
    double seconds = number.get<double>();
    if (seconds > 1e11 || seconds < -1e11) {
        seconds /= 1000;
    }
    article.date = day_from_unix_seconds(seconds);
    if (article.date) {
        article.raw_date = format_iso_day(*article.date);
    } else {
        events.on_problem(article.origin, Problem::warning,
                          "date " + number.dump() + " is outside the years " + std::to_string(k_first_year) +
                              "-" + std::to_string(k_last_year) +
                              " (Unix seconds or milliseconds); indexed without a date");
    }
}

bool is_hex4(std::string_view text, std::size_t at) {
    if (at + 4 > text.size()) {
        return false;
    }
    for (std::size_t i = at; i < at + 4; ++i) {
        if (!std::isxdigit(static_cast<unsigned char>(text[i]))) {
            return false;
        }
    }
    return true;
}

unsigned hex4(std::string_view text, std::size_t at) {
    return static_cast<unsigned>(std::stoul(std::string(text.substr(at, 4)), nullptr, 16));
}

/// Replaces each "\uD800"-style escape of a lone surrogate (which Python's json.dumps writes for text cut in
/// the middle of a pair) with "\uFFFD", as invalid UTF-8 is repaired. Returns how many it replaced.
std::size_t repair_lone_surrogates(std::string& line) {
    std::size_t repaired = 0;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        if (line[i] != '\\') {
            continue;
        }
        if (line[i + 1] != 'u' || !is_hex4(line, i + 2)) {
            ++i; // another escape: skip the escaped character (it may be a backslash)
            continue;
        }
        const auto unit = hex4(line, i + 2);
        const bool high = unit >= 0xD800 && unit <= 0xDBFF, low = unit >= 0xDC00 && unit <= 0xDFFF;
        const bool paired = high && i + 12 <= line.size() && line[i + 6] == '\\' && line[i + 7] == 'u' &&
                            is_hex4(line, i + 8) && hex4(line, i + 8) >= 0xDC00 &&
                            hex4(line, i + 8) <= 0xDFFF;
        if (paired) {
            i += 11; // the pair, both escapes
        } else if (high || low) {
            line.replace(i + 2, 4, "FFFD");
            ++repaired;
            i += 5;
        } else {
            i += 5;
        }
    }
    return repaired;
}

} // namespace

void read_jsonl(std::istream& in, const std::string& file_name, const ReaderOptions& options,
                ReadEvents& events) {
    std::string line;
    std::size_t line_number = 0;
    while (!events.should_stop()) {
        const auto status = read_bounded_line(in, line, options.max_record_bytes);
        if (status == LineStatus::end) {
            break;
        }
        ++line_number;
        const SourceLocation where{file_name, line_number};
        if (status == LineStatus::too_long) {
            events.on_problem(where, Problem::skipped,
                              "record longer than --max-bytes (" + std::to_string(options.max_record_bytes) +
                                  " bytes); raise --max-bytes to index it");
            continue;
        }
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.find_first_not_of(" \t") == std::string::npos) {
            continue;
        }
        if (const auto repaired = repair_utf8(line); repaired > 0) {
            events.on_repaired(where, repaired);
        }
        auto record = nlohmann::json::parse(line, nullptr, false);
        if (record.is_discarded()) {
            if (const auto repaired = repair_lone_surrogates(line); repaired > 0) {
                record = nlohmann::json::parse(line, nullptr, false);
                if (!record.is_discarded()) {
                    events.on_repaired(where, repaired);
                }
            }
        }
        if (record.is_discarded()) {
            events.on_problem(where, Problem::skipped, "not valid JSON; each line must be one JSON object");
            continue;
        }
        if (!record.is_object()) {
            events.on_problem(where, Problem::skipped,
                              std::string("expected a JSON object, found ") + record.type_name());
            continue;
        }
        Article article;
        article.origin = where;
        article.id = string_field(record, {"id", "guid", "_id"});
        article.url = string_field(record, {"url", "link"});
        article.title = collapse_whitespace(string_field(record, {"title", "headline"}));
        article.raw_date =
            string_field(record, {"date", "published", "published_at", "pubDate", "datePublished"});
        article.source = collapse_whitespace(string_field(record, {"source", "publisher", "site"}));
        article.text = string_field(record, {"text", "body", "content", "article"});
        if (article.title.empty() && collapse_whitespace(article.text).empty()) {
            events.on_problem(where, Problem::skipped,
                              "record has neither \"title\" nor \"text\" (or \"body\")");
            continue;
        }
        if (const auto* number = numeric_date(record)) {
            resolve_numeric_date(article, *number, events);
        } else {
            resolve_date(article, events);
        }
        events.on_article(std::move(article));
    }
}

} // namespace dateline
