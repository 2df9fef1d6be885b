#include "database_set.hpp"

#include "errors.hpp"

#include <cstdlib>
#include <filesystem>

namespace dateline {

std::string default_database_path() {
    const char* env = std::getenv("DATELINE_DB");
    return env && *env ? env : "dateline.db";
}

Xapian::Database open_databases(const std::vector<std::string>& paths) {
    Xapian::Database combined;
    for (const auto& path : paths) {
        if (!std::filesystem::exists(path)) {
            throw DataError("no database at " + path + "; build one with: dateline-index --db " + path +
                            " corpus/  (or set $DATELINE_DB)");
        }
        try {
            combined.add_database(Xapian::Database(path));
        } catch (const Xapian::Error& e) {
            throw DataError(path + ": cannot open database: " + e.get_description());
        }
    }
    return combined;
}

} // namespace dateline
