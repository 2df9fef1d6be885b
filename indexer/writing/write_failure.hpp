// A failed database write, reported the same way wherever Xapian raises it. Xapian 1.4's glass backend
// merges value-slot changes into its tables from a destructor (Glass::ValueUpdater) during a commit: when
// that write fails (disk full, `ulimit -f`), the exception cannot leave the destructor and the C++ runtime
// calls std::terminate, which would end the run with SIGABRT and no word of why. The database is safe
// either way (a commit is atomic: as after a kill, it opens at its last commit). The terminate handler here
// gives that case the message and exit status a failed write gets everywhere else.
#pragma once

#include <string>

namespace dateline {

/// The message for a write to the database at `path` that failed with `what` (Xapian's description): what
/// failed, and what the database still holds.
[[nodiscard]] std::string write_failure_message(const std::string& path, const std::string& what);

/// While alive, names the database the calling thread writes: a Xapian error that ends the process on this
/// thread is reported against it (report_write_failures_at_terminate()). `path` outlives the scope; scopes
/// nest.
class WritingDatabase {
public:
    explicit WritingDatabase(const std::string& path);
    ~WritingDatabase();
    WritingDatabase(const WritingDatabase&) = delete;
    WritingDatabase& operator=(const WritingDatabase&) = delete;

private:
    const std::string* m_previous;
};

/// Installs the std::terminate handler: a Xapian error that ends the process on a thread inside a
/// WritingDatabase scope prints "dateline-index: error: " and write_failure_message() to standard error and
/// exits at once with exit_status::k_data; anything else goes to the handler installed before (the
/// runtime's: the exception's type, then abort).
void report_write_failures_at_terminate();

} // namespace dateline
