// libFuzzer: the plain-text reader on arbitrary bytes.
#include "fuzz_support.hpp"
#include "readers/text_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    dateline::fuzz::CheckingEvents events;
    dateline::read_text(dateline::fuzz::as_string(data, size), "fuzz.txt", events);
    return 0;
}
