#include "formats/output_format.hpp"

#include "util/errors.hpp"
#include "util/strings.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace dateline {

namespace {

constexpr std::pair<OutputFormat, std::string_view> k_names[] = {
    {OutputFormat::table, "table"}, {OutputFormat::json, "json"}, {OutputFormat::csv, "csv"}};

} // namespace

std::string_view output_format_name(OutputFormat format) {
    for (const auto& [value, name] : k_names) {
        if (value == format) {
            return name;
        }
    }
    return "?";
}

OutputFormat parse_output_format(std::string_view name, std::initializer_list<OutputFormat> allowed) {
    std::string valid;
    for (const auto format : allowed) {
        if (output_format_name(format) == name) {
            return format;
        }
        valid += valid.empty() ? "" : ", ";
        valid += output_format_name(format);
    }
    throw UsageError("unknown --format \"" + std::string(name) + "\"; use one of: " + valid);
}

namespace {

thread_local bool t_spreadsheet_safe = false;

} // namespace

void set_spreadsheet_safe_csv(bool on) {
    t_spreadsheet_safe = on;
}

void write_csv_row(std::ostream& out, const std::vector<std::string>& raw_fields) {
    bool first = true;
    for (const auto& raw : raw_fields) {
        if (!first) {
            out << ',';
        }
        first = false;
        // OWASP's advice against CSV injection: a cell a spreadsheet would read as a formula gets a leading
        // '.
        const bool formula = t_spreadsheet_safe && !raw.empty() &&
                             std::string_view("=+-@\t\r").find(raw[0]) != std::string_view::npos;
        const std::string field = formula ? "'" + raw : raw;
        if (field.find_first_of(",\"\r\n") == std::string::npos) {
            out << field;
            continue;
        }
        out << '"';
        for (const char c : field) {
            if (c == '"') {
                out << '"';
            }
            out << c;
        }
        out << '"';
    }
    out << '\n';
}

std::string fit_columns(std::string_view raw, std::size_t width) {
    const auto clean = util::without_controls(raw); // nothing reaches the terminal that it would obey
    const std::string_view text = clean;
    struct Piece {
        std::size_t begin, end, columns;
    };
    std::vector<Piece> pieces;
    std::size_t total = 0;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        const auto east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        const std::size_t columns = (east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH) ? 2 : 1;
        pieces.push_back({static_cast<std::size_t>(start), static_cast<std::size_t>(i), columns});
        total += columns;
    }
    if (total <= width) {
        return std::string(text) + std::string(width - total, ' ');
    }
    // Too wide: keep what fits in width - 1 columns and mark the cut with an ellipsis.
    std::string out;
    std::size_t used = 0;
    for (const auto& piece : pieces) {
        if (used + piece.columns + 1 > width) {
            break;
        }
        out.append(text.substr(piece.begin, piece.end - piece.begin));
        used += piece.columns;
    }
    if (width > 0) {
        out += "\u2026";
        ++used;
    }
    return out + std::string(width - used, ' ');
}

} // namespace dateline
