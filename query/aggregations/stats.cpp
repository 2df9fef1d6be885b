#include "aggregations/stats.hpp"

#include "store/schema.hpp"
#include "text/dates.hpp"

#include <algorithm>
#include <filesystem>

namespace dateline {

namespace {

std::string iso_from_compact(const std::string& compact) {
    const auto day = parse_compact_day(compact);
    return day ? format_iso_day(*day) : std::string{};
}

std::uintmax_t size_on_disk(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code error;
    if (fs::is_regular_file(path, error)) {
        return fs::file_size(path, error);
    }
    std::uintmax_t total = 0;
    for (fs::recursive_directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
        if (it->is_regular_file(error)) {
            total += it->file_size(error);
        }
    }
    return total;
}

} // namespace

DatabaseStats collect_stats(const Xapian::Database& database, const std::vector<std::string>& paths) {
    DatabaseStats stats;
    stats.articles = database.get_doccount();
    stats.undated = database.get_termfreq(std::string(schema::k_no_date));
    const auto date_slot = schema::slot(schema::Slot::date);
    if (stats.articles > stats.undated) {
        stats.first_date = iso_from_compact(database.get_value_lower_bound(date_slot));
        stats.last_date = iso_from_compact(database.get_value_upper_bound(date_slot));
    }
    const std::string prefix(schema::k_source);
    for (auto it = database.allterms_begin(prefix); it != database.allterms_end(prefix); ++it) {
        auto name = database.get_metadata(std::string(schema::k_meta_source_name) + *it);
        if (name.empty()) {
            name = (*it).substr(prefix.size());
        }
        stats.sources.push_back({name, it.get_termfreq()});
    }
    std::stable_sort(stats.sources.begin(), stats.sources.end(),
                     [](const auto& a, const auto& b) { return a.articles > b.articles; });
    stats.last_update = database.get_metadata(std::string(schema::k_meta_last_update));
    for (const auto& path : paths) {
        stats.size_bytes += size_on_disk(path);
    }
    return stats;
}

} // namespace dateline
