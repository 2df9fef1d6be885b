// libFuzzer: the date parsers. A parsed day is within the supported years and survives the stored form.
#include "fuzz_support.hpp"
#include "text/dates.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace dateline;
    const auto text = fuzz::as_string(data, size);
    for (const auto day : {parse_date(text), parse_day_bound(text, RangeEnd::start),
                           parse_day_bound(text, RangeEnd::end), parse_compact_day(text)}) {
        if (day) {
            fuzz::require(in_supported_range(*day), "a date outside the supported years");
            fuzz::require(parse_compact_day(format_compact_day(*day)) == day,
                          "the stored form does not round-trip");
        }
    }
    return 0;
}
