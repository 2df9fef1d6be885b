// `dateline-index tag`: tags text without indexing it, for users checking their knowledge base and for
// evaluation.
#pragma once

namespace dateline {

/// argv[0] is "tag". Returns the exit status.
int run_tag_command(int argc, char** argv);

} // namespace dateline
