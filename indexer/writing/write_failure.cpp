#include "writing/write_failure.hpp"

#include "util/exit_status.hpp"

#include <xapian.h>

#include <cstdlib>
#include <exception>
#include <unistd.h>

namespace dateline {

namespace {

thread_local const std::string* t_writing = nullptr;
std::terminate_handler g_previous_handler = nullptr;

/// Writes the whole of `text` to standard error without the C++ streams (their state is unknown here).
void write_to_stderr(const std::string& text) {
    std::size_t written = 0;
    while (written < text.size()) {
        const auto n = ::write(STDERR_FILENO, text.data() + written, text.size() - written);
        if (n <= 0) {
            return;
        }
        written += static_cast<std::size_t>(n);
    }
}

[[noreturn]] void on_terminate() {
    if (t_writing != nullptr) {
        if (const auto current = std::current_exception()) {
            try {
                std::rethrow_exception(current);
            } catch (const Xapian::Error& e) {
                write_to_stderr("dateline-index: error: " +
                                write_failure_message(*t_writing, e.get_description()) + '\n');
                std::_Exit(exit_status::k_data); // other threads may be mid-write: no destructors, no flushes
            } catch (...) {
            }
        }
    }
    if (g_previous_handler != nullptr) {
        g_previous_handler();
    }
    std::abort();
}

} // namespace

std::string write_failure_message(const std::string& path, const std::string& what) {
    return path + ": writing the database failed: " + what +
           "; the last commit holds every article before it";
}

WritingDatabase::WritingDatabase(const std::string& path) : m_previous(t_writing) {
    t_writing = &path;
}

WritingDatabase::~WritingDatabase() {
    t_writing = m_previous;
}

void report_write_failures_at_terminate() {
    const auto previous = std::set_terminate(on_terminate);
    if (previous != on_terminate) {
        g_previous_handler = previous;
    }
}

} // namespace dateline
