// Exceptions shared by both programs. Each main() catches them once and maps them to an exit status
// (util/exit_status.hpp): UsageError -> 2 (the user can fix the command line), DataError -> 1 (the data, a
// database or the file system is at fault).
#pragma once

#include <stdexcept>
#include <string>

namespace dateline {

/// The command line or a query is wrong; the message says what and how to fix it.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Input data, a database or a file could not be used; the message names it.
class DataError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace dateline
