// Zstandard compression of stored values: the one compressor Dateline calls itself (Xapian compresses its own
// tables with zlib).
#pragma once

#include <string>
#include <string_view>

namespace dateline::util {

/// `bytes` as one Zstandard frame (level 1: several times faster than zlib's default at a similar ratio on
/// news text), recording the original size.
[[nodiscard]] std::string zstd_compress(std::string_view bytes);

/// The bytes a frame of zstd_compress holds. Throws DataError if `frame` is not one, is damaged or claims
/// more than `largest` bytes.
[[nodiscard]] std::string zstd_decompress(std::string_view frame, std::size_t largest = std::size_t{1} << 30);

} // namespace dateline::util
