// Helpers shared by the unit tests.
#pragma once

#include "readers/read_events.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace dateline::testing {

/// A fresh temporary directory, removed when the test ends (kept if $DATELINE_KEEP_TEST_DIRS is set, to
/// inspect).
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
    /// Writes `content` to a file in the directory and returns its path.
    std::filesystem::path write(const std::string& name, const std::string& content) const;

private:
    std::filesystem::path m_path;
};

/// Sets an environment variable for the life of the object and puts back what was there (or its absence).
/// Only where no other thread reads the environment meanwhile.
class ScopedEnvironment {
public:
    ScopedEnvironment(std::string name, const std::string& value);
    ~ScopedEnvironment();
    ScopedEnvironment(const ScopedEnvironment&) = delete;
    ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

private:
    std::string m_name;
    std::optional<std::string> m_before;
};

struct RecordedProblem {
    SourceLocation where;
    Problem kind;
    std::string message;
};

/// Records what a reader reports, for assertions.
class RecordingEvents final : public ReadEvents {
public:
    void on_article(Article&& article) override { articles.push_back(std::move(article)); }
    void on_problem(const SourceLocation& where, Problem kind, const std::string& message) override {
        problems.push_back({where, kind, message});
    }
    void on_repaired(const SourceLocation&, std::size_t count) override { repaired += count; }
    [[nodiscard]] bool should_stop() const override { return false; }

    [[nodiscard]] std::size_t count(Problem kind) const;

    std::vector<Article> articles;
    std::vector<RecordedProblem> problems;
    std::size_t repaired = 0;
};

/// The path of the project's sample corpus (set by CMake).
[[nodiscard]] std::filesystem::path corpus_dir();

} // namespace dateline::testing
