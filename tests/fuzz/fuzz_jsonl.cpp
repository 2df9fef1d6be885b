// libFuzzer: the JSON Lines reader on arbitrary bytes.
#include "fuzz_support.hpp"
#include "readers/jsonl_reader.hpp"

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(dateline::fuzz::as_string(data, size));
    dateline::fuzz::CheckingEvents events;
    dateline::ReaderOptions options;
    options.max_record_bytes = 1 << 16;
    dateline::read_jsonl(in, "fuzz.jsonl", options, events);
    return 0;
}
