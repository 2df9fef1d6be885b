// Small RAII and error-checking helpers for ICU, shared by the modules that call it.
#pragma once

#include <stdexcept>
#include <string>

#include <unicode/utypes.h>

namespace dateline {

/// Throws std::runtime_error naming `what` and ICU's error if `status` is a failure.
inline void check_icu(UErrorCode status, const char* what) {
    if (U_FAILURE(status)) {
        throw std::runtime_error(std::string("ICU error in ") + what + ": " + u_errorName(status));
    }
}

} // namespace dateline
