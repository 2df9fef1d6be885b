// Exceptions shared by both programs. Each main() catches them once and maps them to an exit status
// (util/exit_status.hpp): UsageError -> 2 (the user can fix the command line), DataError -> 1 (the data, a
// database or the file system is at fault).
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace dateline {

/// The command line or a query is wrong; the message says what and how to fix it.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What the user named (an entity, an article) does not exist; a UsageError to the command line (exit 2),
/// a 404 to the server. `suggestions` are the closest names known, best first.
class NotFoundError : public UsageError {
public:
    NotFoundError(const std::string& message, std::vector<std::string> suggestions = {})
        : UsageError(message), m_suggestions(std::move(suggestions)) {}
    [[nodiscard]] const std::vector<std::string>& suggestions() const { return m_suggestions; }

private:
    std::vector<std::string> m_suggestions;
};

/// Input data, a database or a file could not be used; the message names it.
class DataError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace dateline
