// How an article is recognised when it comes again: the identity rules behind "re-indexing never duplicates".
//
//   1. the source's own `id`, if it gave one;
//   2. else its URL, normalised (normalize_url) so that tracking parameters and scheme changes don't split
//   it;
//   3. else a hash of its title and text.
// Separately, every article gets a content hash of its body alone, so that syndicated copies of one wire
// story published under different ids and headlines can be collapsed at search time.
#pragma once

#include "store/article.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace dateline {

/// Lower-cases scheme and host, drops the scheme itself (http and https name the same article), the fragment,
/// default ports, `utm_*`/`fbclid`/`gclid` parameters and a trailing slash.
/// `https://Example.com:443/a/?utm_source=x#c`
/// -> `example.com/a`.
[[nodiscard]] std::string normalize_url(std::string_view url);

/// The stable identity of an article by the rules above: the id, the normalised URL, or `text:` + a hex hash.
[[nodiscard]] std::string article_identity(const Article& article);

/// A 64-bit FNV-1a hash, stable across platforms and releases (it is stored in databases).
[[nodiscard]] std::uint64_t stable_hash(std::string_view bytes);

/// Hex digest (16 characters) of the body with white space collapsed; equal for copies of one story.
[[nodiscard]] std::string content_hash(const Article& article);

} // namespace dateline
