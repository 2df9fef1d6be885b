// libFuzzer: the RSS/Atom reader (libxml2, untrusted feeds) on arbitrary bytes.
#include "fuzz_support.hpp"
#include "readers/feed_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    dateline::fuzz::CheckingEvents events;
    dateline::read_feed(dateline::fuzz::as_string(data, size), "fuzz.rss", events);
    return 0;
}
