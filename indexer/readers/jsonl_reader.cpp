#include "readers/jsonl_reader.hpp"

#include "text/utf8.hpp"

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <optional>
#include <string_view>

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

/// Every key an article's fields are read from, each field's keys together in order of preference; the date's
/// keys are followed by "timestamp", read only as a number (numeric_date()).
constexpr std::array<std::string_view, 20> k_field_keys = {
    "id",     "guid",      "_id",          "url",     "link",          "title",    "headline",
    "source", "publisher", "site",         "text",    "body",          "content",  "article",
    "date",   "published", "published_at", "pubDate", "datePublished", "timestamp"};

/// The keys of one field: k_field_keys[first, last).
struct FieldKeys {
    std::size_t first, last;
};
constexpr FieldKeys k_id_keys{0, 3}, k_url_keys{3, 5}, k_title_keys{5, 7}, k_source_keys{7, 10},
    k_text_keys{10, 14}, k_date_keys{14, 19}, k_numeric_date_keys{14, 20};

std::string string_field(const nlohmann::json& record, FieldKeys keys) {
    for (auto i = keys.first; i < keys.last; ++i) {
        const auto it = record.find(k_field_keys[i]);
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

/// The fields of a record an article is made of, as found (before whitespace is collapsed).
struct RecordFields {
    std::string id, url, title, date, source, text;
};

RecordFields fields_of(const nlohmann::json& record) {
    return {string_field(record, k_id_keys),     string_field(record, k_url_keys),
            string_field(record, k_title_keys),  string_field(record, k_date_keys),
            string_field(record, k_source_keys), string_field(record, k_text_keys)};
}

/// The fields of `line` read by simdjson, which finds them several times faster than nlohmann::json builds
/// the whole record; nothing where the record needs nlohmann::json's reading to get the same article:
/// simdjson rejects it (a syntax error, a number out of range, deep nesting), it is not an object, one of
/// the fields is a number (its text and the date warnings come from nlohmann::json), or it has an escaped
/// UTF-16 surrogate (lone ones are repaired after nlohmann::json rejects them).
std::optional<RecordFields> fast_fields(simdjson::dom::parser& parser, std::string& line) {
    for (auto at = line.find("\\u"); at != std::string::npos; at = line.find("\\u", at + 2)) {
        const auto hex = std::string_view(line).substr(at + 2, 2); // \uD800-\uDFFF: first digit D, then 8-F
        if (hex.size() < 2 || (hex[0] | 0x20) != 'd') {
            continue;
        }
        if (const char second = static_cast<char>(hex[1] | 0x20);
            second == '8' || second == '9' || (second >= 'a' && second <= 'f')) {
            return std::nullopt;
        }
    }
    line.reserve(line.size() + simdjson::SIMDJSON_PADDING); // simdjson reads (never writes) past the end
    simdjson::dom::object record;
    if (parser.parse(line.data(), line.size(), false).get_object().get(record) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    std::array<std::optional<simdjson::dom::element>, k_field_keys.size()> found; // the last of equal keys
    for (const auto member : record) {
        for (std::size_t i = 0; i < k_field_keys.size(); ++i) {
            if (member.key == k_field_keys[i]) {
                if (member.value.is_number()) {
                    return std::nullopt;
                }
                found[i] = member.value;
                break;
            }
        }
    }
    // string_field() over simdjson: a string, or an object's "name" string; null and anything else go on to
    // the next key.
    const auto field = [&](FieldKeys keys) -> std::string {
        for (auto i = keys.first; i < keys.last; ++i) {
            if (!found[i]) {
                continue;
            }
            std::string_view text;
            if (found[i]->get_string().get(text) == simdjson::SUCCESS) {
                return std::string(text);
            }
            simdjson::dom::object object;
            if (found[i]->get_object().get(object) == simdjson::SUCCESS) {
                std::optional<simdjson::dom::element> name;
                for (const auto member : object) {
                    if (member.key == "name") {
                        name = member.value;
                    }
                }
                if (name && name->get_string().get(text) == simdjson::SUCCESS) {
                    return std::string(text);
                }
            }
        }
        return {};
    };
    return RecordFields{field(k_id_keys),   field(k_url_keys),    field(k_title_keys),
                        field(k_date_keys), field(k_source_keys), field(k_text_keys)};
}

/// A numeric date field: seconds since 1970, or milliseconds if it is too large to be seconds.
const nlohmann::json* numeric_date(const nlohmann::json& record) {
    for (auto i = k_numeric_date_keys.first; i < k_numeric_date_keys.last; ++i) {
        const auto it = record.find(k_field_keys[i]);
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
    simdjson::dom::parser parser; // its buffers are reused from record to record
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
        Article article;
        article.origin = where;
        const nlohmann::json* number_date = nullptr;
        nlohmann::json record;
        auto fields = fast_fields(parser, line);
        if (!fields) {
            record = nlohmann::json::parse(line, nullptr, false);
            if (record.is_discarded()) {
                if (const auto repaired = repair_lone_surrogates(line); repaired > 0) {
                    record = nlohmann::json::parse(line, nullptr, false);
                    if (!record.is_discarded()) {
                        events.on_repaired(where, repaired);
                    }
                }
            }
            if (record.is_discarded()) {
                events.on_problem(where, Problem::skipped,
                                  "not valid JSON; each line must be one JSON object");
                continue;
            }
            if (!record.is_object()) {
                events.on_problem(where, Problem::skipped,
                                  std::string("expected a JSON object, found ") + record.type_name());
                continue;
            }
            fields = fields_of(record);
            number_date = numeric_date(record);
        }
        article.id = std::move(fields->id);
        article.url = std::move(fields->url);
        article.title = collapse_whitespace(fields->title);
        article.raw_date = std::move(fields->date);
        article.source = collapse_whitespace(fields->source);
        article.text = std::move(fields->text);
        if (article.title.empty() && collapse_whitespace(article.text).empty()) {
            events.on_problem(where, Problem::skipped,
                              "record has neither \"title\" nor \"text\" (or \"body\")");
            continue;
        }
        if (number_date != nullptr) {
            resolve_numeric_date(article, *number_date, events);
        } else {
            resolve_date(article, events);
        }
        events.on_article(std::move(article));
    }
}

} // namespace dateline
