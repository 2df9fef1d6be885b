// libFuzzer: the CoNLL column reader and its tag check on arbitrary bytes.
#include "fuzz_support.hpp"
#include "readers/conll_reader.hpp"
#include "util/errors.hpp"

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(dateline::fuzz::as_string(data, size));
    dateline::read_conll(in, [](dateline::ConllDocument&& document) {
        for (const auto& sentence : document.sentences) {
            try {
                (void)dateline::conll_names(sentence.tags, "fuzz.conll:1");
            } catch (const dateline::DataError&) {
                // an unknown tag: reported to the user, not a crash
            }
        }
    });
    return 0;
}
