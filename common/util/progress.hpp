// A progress line for long runs: drawn on standard error only when it is a terminal, at most a few times a
// second, and erased before the final summary. Off a terminal it draws nothing.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace dateline {

struct ProgressState {
    std::size_t files_done = 0;
    std::size_t files_total = 0;
    std::uint64_t records = 0;
    std::uint64_t bytes_done = 0;
    std::uint64_t bytes_total = 0; ///< 0 if unknown (standard input): no ETA
};

class ProgressLine {
public:
    /// Draws only if standard error is a terminal.
    ProgressLine();
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    /// Redraws if enough time has passed since the last draw. Cheap to call often.
    void update(const ProgressState& state);
    /// Erases the line (before printing anything else on standard error).
    void clear();

private:
    bool m_enabled;
    bool m_drawn = false;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last_draw;
};

/// "1:02:03" or "2:03".
[[nodiscard]] std::string format_duration(double seconds);

} // namespace dateline
