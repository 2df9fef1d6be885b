// What a database holds: `dateline-query stats`.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

namespace dateline {

struct SourceCount {
    std::string name;
    Xapian::doccount articles = 0;
};

struct DatabaseStats {
    Xapian::doccount articles = 0;
    Xapian::doccount undated = 0;
    std::string first_date, last_date; ///< YYYY-MM-DD, empty if no article has a date
    std::vector<SourceCount> sources;  ///< most articles first
    std::string last_update;           ///< ISO 8601 UTC of the last commit (the latest over shards)
    std::uintmax_t size_bytes = 0;     ///< on disk, over local shards
};

[[nodiscard]] DatabaseStats collect_stats(const Xapian::Database& database,
                                          const std::vector<std::string>& paths);

} // namespace dateline
