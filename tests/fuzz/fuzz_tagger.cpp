// libFuzzer: the entity tagger (knowledge base, English model, Chinese and Korean taggers) on arbitrary
// UTF-8. Every mention's span lies inside the text on character boundaries.
#include "entities/entity_tagger.hpp"
#include "fuzz_support.hpp"

namespace {

dateline::EntityTagger& tagger() {
    static dateline::EntityTagger instance(dateline::KnowledgeBase::builtin());
    return instance;
}

} // namespace

// Loading the knowledge base and the models takes seconds under ASan: before fuzzing, not inside the first
// input's time limit.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)tagger().tag("Lee Jae-myung met Xi Jinping. 이재명 대통령은 习近平主席会见.");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace dateline;
    auto text = fuzz::as_string(data, size);
    repair_utf8(text);
    const auto tagged = tagger().tag(text);
    for (const auto& mention : tagged.mentions) {
        if (mention.span.end > text.size() || mention.span.begin > mention.span.end) {
            std::fprintf(stderr, "span %zu..%zu of a text of %zu bytes: %s (how %d)\n", mention.span.begin,
                         mention.span.end, text.size(), mention.entity->name.c_str(),
                         static_cast<int>(mention.how));
        }
        fuzz::require(mention.span.begin <= mention.span.end && mention.span.end <= text.size(),
                      "a span outside the text");
        fuzz::require(is_valid_utf8(std::string_view(text).substr(mention.span.begin,
                                                                  mention.span.end - mention.span.begin)),
                      "a span cuts a character");
    }
    return 0;
}
