// `dateline-index train`: trains the statistical name tagger on CoNLL-2003 files and writes a model file.
#pragma once

namespace dateline {

/// argv[0] is "train". Returns the exit status.
int run_train_command(int argc, char** argv);

/// `dateline-index train-zh`: trains the Chinese name tagger on MSRA-style character files. argv[0] is
/// "train-zh". Returns the exit status.
int run_train_zh_command(int argc, char** argv);

} // namespace dateline
