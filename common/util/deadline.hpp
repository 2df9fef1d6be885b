// A time limit on the work of the current thread (a server's request): long loops call check_deadline(),
// which throws TimeoutError once the limit has passed. Without a deadline set, check_deadline() costs a
// thread-local read.
#pragma once

#include "util/errors.hpp"

#include <chrono>

namespace dateline {

/// The work ran past its time limit; the server answers 503.
class TimeoutError : public DataError {
public:
    using DataError::DataError;
};

/// Sets the current thread's deadline for the lifetime of the object (nesting restores the outer one).
class ScopedDeadline {
public:
    explicit ScopedDeadline(std::chrono::steady_clock::duration limit);
    ~ScopedDeadline();
    ScopedDeadline(const ScopedDeadline&) = delete;
    ScopedDeadline& operator=(const ScopedDeadline&) = delete;

private:
    std::chrono::steady_clock::time_point m_outer;
};

/// Throws TimeoutError if the current thread's deadline has passed.
void check_deadline();

} // namespace dateline
