// The built-in name-tagger model: common/model/ner-en.dlner, placed in the program by the assembler's .incbin
// (a few MB: faster to build than a generated array). Without the file the build has no model.
#include "entities/ner/ner_model.hpp"

#ifdef DATELINE_NER_MODEL_PATH
__asm__(".section .rodata\n"
        ".balign 16\n"
        ".global dateline_ner_model_begin\n"
        "dateline_ner_model_begin:\n"
        ".incbin \"" DATELINE_NER_MODEL_PATH "\"\n"
        ".global dateline_ner_model_end\n"
        "dateline_ner_model_end:\n"
        ".previous\n");
extern "C" const char dateline_ner_model_begin[];
extern "C" const char dateline_ner_model_end[];
#endif

namespace dateline::ner {

const Model* Model::builtin() {
#ifdef DATELINE_NER_MODEL_PATH
    static const Model k_model = from_bytes(
        std::string_view(dateline_ner_model_begin,
                         static_cast<std::size_t>(dateline_ner_model_end - dateline_ner_model_begin)),
        "built-in model");
    return &k_model;
#else
    return nullptr;
#endif
}

} // namespace dateline::ner
