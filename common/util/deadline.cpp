#include "util/deadline.hpp"

namespace dateline {

namespace {

using Clock = std::chrono::steady_clock;

/// time_point{} (the epoch): no deadline.
thread_local Clock::time_point t_deadline{};

} // namespace

ScopedDeadline::ScopedDeadline(Clock::duration limit) : m_outer(t_deadline) {
    t_deadline = Clock::now() + limit;
}

ScopedDeadline::~ScopedDeadline() {
    t_deadline = m_outer;
}

void check_deadline() {
    if (t_deadline != Clock::time_point{} && Clock::now() > t_deadline) {
        throw TimeoutError("the query ran past its time limit; narrow it (dates, --with, --query) or raise "
                           "the server's --timeout");
    }
}

} // namespace dateline
