// Version strings for --version.
#pragma once

#include <string>

namespace dateline {

/// "dateline-index 0.1.0 (Xapian 1.4.22, ICU 72.1)" for the given program name.
[[nodiscard]] std::string version_line(const std::string& program);

/// "0.1.0"
[[nodiscard]] std::string dateline_version();

} // namespace dateline
