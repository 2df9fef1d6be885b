#include "aggregations/article_list.hpp"

#include "store/schema.hpp"

#include <algorithm>

namespace dateline {

std::vector<ArticleRef> list_articles(const Xapian::Database& database, const Xapian::Query& query) {
    Xapian::Enquire enquire(database);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_sort_by_value(schema::slot(schema::Slot::date), false);
    const auto all = database.get_doccount();
    const auto mset = enquire.get_mset(0, all, all);
    std::vector<ArticleRef> out;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        const auto stored = schema::decode_document_data(it.get_document().get_data());
        out.push_back({stored.id, stored.date, stored.title, stored.url, stored.source});
    }
    // Xapian sorts the empty (undated) value first; researchers expect them last.
    std::stable_partition(out.begin(), out.end(), [](const ArticleRef& a) { return !a.date.empty(); });
    return out;
}

} // namespace dateline
