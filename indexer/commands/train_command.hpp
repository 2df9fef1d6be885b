// `dateline-index train`: trains the statistical name tagger on CoNLL-2003 files and writes a model file.
#pragma once

namespace dateline {

/// argv[0] is "train". Returns the exit status.
int run_train_command(int argc, char** argv);

} // namespace dateline
