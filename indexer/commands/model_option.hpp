// The name-tagger model a command uses: the built-in one, one given with --model FILE, or none (--no-model).
#pragma once

#include "entities/ner/ner_model.hpp"

#include <optional>
#include <string>

namespace dateline {

/// Null with `none`; else the model in `file` (loaded into `storage`), or the built-in one when `file` is
/// empty. Throws UsageError when both are given, DataError for an unusable file.
[[nodiscard]] const ner::Model* choose_model(const std::string& file, bool none,
                                             std::optional<ner::Model>& storage);

} // namespace dateline
