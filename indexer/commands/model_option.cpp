#include "commands/model_option.hpp"

#include "util/errors.hpp"

namespace dateline {

const ner::Model* choose_model(const std::string& file, bool none, std::optional<ner::Model>& storage) {
    if (none && !file.empty()) {
        throw UsageError("--model and --no-model contradict each other; give one");
    }
    if (none) {
        return nullptr;
    }
    if (file.empty()) {
        return ner::Model::builtin();
    }
    storage.emplace(ner::Model::from_file(file));
    return &*storage;
}

} // namespace dateline
