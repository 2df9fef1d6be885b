#include "util/compression.hpp"

#include "util/errors.hpp"

#include <zstd.h>

#include <memory>
#include <new>

namespace dateline::util {

namespace {

constexpr int k_level = 1;

struct ContextDeleter {
    void operator()(ZSTD_CCtx* context) const { ZSTD_freeCCtx(context); }
};

/// One compression context per thread, kept: making one per value cost a tenth of the compression.
ZSTD_CCtx* thread_context() {
    thread_local const std::unique_ptr<ZSTD_CCtx, ContextDeleter> context(ZSTD_createCCtx());
    if (!context) {
        throw std::bad_alloc();
    }
    return context.get();
}

} // namespace

std::string zstd_compress(std::string_view bytes) {
    std::string frame(ZSTD_compressBound(bytes.size()), '\0');
    const auto size =
        ZSTD_compressCCtx(thread_context(), frame.data(), frame.size(), bytes.data(), bytes.size(), k_level);
    if (ZSTD_isError(size) != 0U) {
        throw DataError(std::string("compressing a stored value failed: ") + ZSTD_getErrorName(size));
    }
    frame.resize(size);
    return frame;
}

std::string zstd_decompress(std::string_view frame, std::size_t largest) {
    const auto size = ZSTD_getFrameContentSize(frame.data(), frame.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > largest) {
        throw DataError("a stored value is damaged (not a complete Zstandard frame of at most " +
                        std::to_string(largest) + " bytes); re-index the article");
    }
    std::string bytes(static_cast<std::size_t>(size), '\0');
    const auto got = ZSTD_decompress(bytes.data(), bytes.size(), frame.data(), frame.size());
    if (ZSTD_isError(got) != 0U || got != bytes.size()) {
        throw DataError(std::string("a stored value is damaged (") +
                        (ZSTD_isError(got) != 0U ? ZSTD_getErrorName(got) : "shorter than it says") +
                        "); re-index the article");
    }
    return bytes;
}

} // namespace dateline::util
