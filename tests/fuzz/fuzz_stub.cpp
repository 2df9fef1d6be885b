// libFuzzer: the stub-file reader (the shard list of a sharded database) on arbitrary bytes.
#include "fuzz_support.hpp"
#include "store/database_layout.hpp"
#include "util/errors.hpp"

#include <filesystem>
#include <fstream>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = dateline::fuzz::as_string(data, size);
    if (text.find("/proc") != std::string::npos || text.find("/sys") != std::string::npos) {
        return 0; // a stub naming a kernel file would read it, which may block: not the parser's business
    }
    static const auto stub =
        std::filesystem::temp_directory_path() / ("dateline-fuzz-stub-" + std::to_string(getpid()));
    {
        std::ofstream out(stub, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        const auto shards = dateline::layout::expand(stub.string());
        dateline::fuzz::require(shards.all.size() >= shards.local.size(),
                                "a shard list lost its local shards");
    } catch (const dateline::DataError&) {
        // a stub that lists itself or cannot be read: a message for the user
    }
    return 0;
}
