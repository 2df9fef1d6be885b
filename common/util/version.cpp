#include "util/version.hpp"

#include <unicode/uversion.h>
#include <xapian.h>

namespace dateline {

std::string version_line(const std::string& program) {
    return program + " " DATELINE_VERSION " (Xapian " + Xapian::version_string() + ", ICU " U_ICU_VERSION ")";
}

std::string dateline_version() {
    return DATELINE_VERSION;
}

} // namespace dateline
