#include "test_support.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <utility>

namespace dateline::testing {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "dateline-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("cannot create a temporary directory");
    }
    m_path = pattern;
}

TempDir::~TempDir() {
    if (std::getenv("DATELINE_KEEP_TEST_DIRS") == nullptr) {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
}

std::filesystem::path TempDir::write(const std::string& name, const std::string& content) const {
    const auto file = m_path / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << content;
    return file;
}

ScopedEnvironment::ScopedEnvironment(std::string name, const std::string& value) : m_name(std::move(name)) {
    if (const char* before = std::getenv(m_name.c_str())) {
        m_before = before;
    }
    ::setenv(m_name.c_str(), value.c_str(), 1);
}

ScopedEnvironment::~ScopedEnvironment() {
    if (m_before) {
        ::setenv(m_name.c_str(), m_before->c_str(), 1);
    } else {
        ::unsetenv(m_name.c_str());
    }
}

std::size_t RecordingEvents::count(Problem kind) const {
    std::size_t n = 0;
    for (const auto& problem : problems) {
        n += problem.kind == kind ? 1 : 0;
    }
    return n;
}

std::filesystem::path corpus_dir() {
    return DATELINE_CORPUS_DIR;
}

} // namespace dateline::testing
