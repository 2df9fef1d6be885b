// libFuzzer: the query front-end (field prefixes, entity references in any script, date ranges, Xapian's
// QueryParser) on arbitrary UTF-8, against an empty database. A bad query is a UsageError, never a crash.
#include "fuzz_support.hpp"
#include "search/search.hpp"
#include "util/errors.hpp"

#include <xapian.h>

// The knowledge base loads before fuzzing, not inside the first input's time limit.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)dateline::KnowledgeBase::builtin();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace dateline;
    static const Xapian::Database database =
        Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    static const EntityResolver resolver(database, KnowledgeBase::builtin());
    SearchRequest request;
    request.query = fuzz::as_string(data, size);
    if (!is_valid_utf8(request.query)) {
        return 0; // the command line and the server hand the parser text, repaired or rejected before
    }
    try {
        const auto result = search(database, resolver, request);
        fuzz::require(result.hits.empty(), "hits in an empty database");
    } catch (const UsageError&) {
        // a syntax error or an unknown entity, with a message for the user
    }
    return 0;
}
