#include "util/progress.hpp"

#include <cstdio>
#include <unistd.h>

namespace dateline {

std::string format_duration(double seconds) {
    const auto total = static_cast<long long>(seconds + 0.5);
    char buffer[32];
    if (total >= 3600) {
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60, total % 60);
    } else {
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld", total / 60, total % 60);
    }
    return buffer;
}

ProgressLine::ProgressLine()
    : m_enabled(isatty(STDERR_FILENO) == 1), m_start(std::chrono::steady_clock::now()), m_last_draw(m_start) {
}

ProgressLine::~ProgressLine() {
    clear();
}

void ProgressLine::update(const ProgressState& state) {
    if (!m_enabled) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - m_last_draw < std::chrono::milliseconds(200)) {
        return;
    }
    m_last_draw = now;
    const double elapsed = std::chrono::duration<double>(now - m_start).count();
    const double rate = elapsed > 0 ? static_cast<double>(state.records) / elapsed : 0;
    const double mb_rate = elapsed > 0 ? static_cast<double>(state.bytes_done) / 1e6 / elapsed : 0;
    std::string eta = "?";
    if (state.bytes_total > 0 && state.bytes_done > 0 && state.bytes_done <= state.bytes_total) {
        const double left =
            static_cast<double>(state.bytes_total - state.bytes_done) / static_cast<double>(state.bytes_done);
        eta = format_duration(elapsed * left);
    }
    std::fprintf(stderr, "\r\033[Kfiles %zu/%zu  articles %llu  %.0f/s  %.1f MB/s  ETA %s", state.files_done,
                 state.files_total, static_cast<unsigned long long>(state.records), rate, mb_rate,
                 eta.c_str());
    std::fflush(stderr);
    m_drawn = true;
}

void ProgressLine::clear() {
    if (m_drawn) {
        std::fputs("\r\033[K", stderr);
        std::fflush(stderr);
        m_drawn = false;
    }
}

} // namespace dateline
