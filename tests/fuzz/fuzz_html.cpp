// libFuzzer: the HTML page reader on arbitrary bytes.
#include "fuzz_support.hpp"
#include "readers/html_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    dateline::fuzz::CheckingEvents events;
    dateline::read_html(dateline::fuzz::as_string(data, size), "fuzz.html", events);
    return 0;
}
