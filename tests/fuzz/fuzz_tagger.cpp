// libFuzzer: the entity tagger (knowledge base, English model, Chinese and Korean taggers) on arbitrary
// UTF-8. Every mention's span lies inside the text on character boundaries.
#include "entities/entity_tagger.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace dateline;
    static EntityTagger tagger(KnowledgeBase::builtin());
    auto text = fuzz::as_string(data, size);
    repair_utf8(text);
    const auto tagged = tagger.tag(text);
    for (const auto& mention : tagged.mentions) {
        fuzz::require(mention.span.begin <= mention.span.end && mention.span.end <= text.size(),
                      "a span outside the text");
        fuzz::require(is_valid_utf8(std::string_view(text).substr(mention.span.begin,
                                                                  mention.span.end - mention.span.begin)),
                      "a span cuts a character");
    }
    return 0;
}
