#include "aggregations/article_list.hpp"

#include "util/deadline.hpp"
#include "util/errors.hpp"

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
        const auto stored = schema::stored_article(it.get_document());
        out.push_back({stored.id, stored.date, stored.title, stored.url, stored.source});
    }
    // Xapian sorts the empty (undated) value first; researchers expect them last.
    std::stable_partition(out.begin(), out.end(), [](const ArticleRef& a) { return !a.date.empty(); });
    return out;
}

schema::StoredArticle find_article(const Xapian::Database& database, const std::string& id) {
    const auto term = schema::id_term(id);
    const auto it = database.postlist_begin(term);
    if (it == database.postlist_end(term)) {
        throw NotFoundError("no article with id \"" + id + "\"; ids are shown by search");
    }
    return schema::stored_article(database.get_document(*it));
}

namespace {

/// Accepts the documents after a (shard-local) docid: the matcher asks before it reads anything else of them.
class AfterDocid final : public Xapian::MatchDecider {
public:
    explicit AfterDocid(Xapian::docid after) : m_after(after) {}
    bool operator()(const Xapian::Document& document) const override {
        return document.get_docid() > m_after;
    }

private:
    Xapian::docid m_after;
};

/// A match of one shard: its docid in the combined database and its stored data.
struct ShardMatch {
    ArticleCursor cursor;
    std::string data;
};

/// The first `count` matches of `query` in `shard` (number `index` of `shards`) after the combined docid
/// `after`. A combined database numbers shard i's document d as (d - 1) * shards + i + 1, and a match
/// decider sees shard-local docids: the cursor is translated into each shard's numbering.
void shard_matches_after(const Xapian::Database& shard, std::size_t index, std::size_t shards,
                         const Xapian::Query& query, ArticleCursor after, Xapian::doccount count,
                         std::vector<ShardMatch>& out) {
    const auto local_after =
        after > index ? static_cast<Xapian::docid>((after - index - 1) / shards + 1) : Xapian::docid{0};
    Xapian::Enquire enquire(shard);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const AfterDocid decider(local_after);
    const auto mset = enquire.get_mset(0, count, 0, nullptr, &decider);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        const auto cursor = static_cast<ArticleCursor>((*it - 1) * shards + index + 1);
        if (cursor > after) {
            out.push_back({cursor, schema::stored_article_json(it.get_document())});
        }
    }
}

/// The shards to page through one by one: the local folders behind a stub, else the database itself.
std::vector<Xapian::Database> page_shards(const Xapian::Database& database, const Shards& shards) {
    std::vector<Xapian::Database> out;
    if (!shards.remote && shards.local.size() > 1) {
        for (const auto& folder : shards.local) {
            out.emplace_back(folder);
        }
    } else {
        out.push_back(database);
    }
    return out;
}

} // namespace

ArticleCursor
for_each_article_after(const Xapian::Database& database, const Shards& shards, const Xapian::Query& query,
                       ArticleCursor after, Xapian::doccount limit, bool& more,
                       const std::function<void(ArticleCursor, const schema::StoredArticle&)>& each) {
    constexpr Xapian::doccount k_batch = 1000;
    const auto parts = page_shards(database, shards);
    if (shards.remote && database.size() > 1) {
        throw UsageError("paging through articles needs local shards; a remote shard cannot page by cursor "
                         "(export each remote database on its host)");
    }
    Xapian::doccount given = 0;
    more = false;
    std::vector<ShardMatch> batch;
    for (;;) {
        check_deadline();
        const auto wanted = limit == 0 ? k_batch : std::min(k_batch, limit - given);
        // One more than wanted from every shard, to know whether anything is left; then in combined order.
        batch.clear();
        for (std::size_t index = 0; index < parts.size(); ++index) {
            shard_matches_after(parts[index], index, parts.size(), query, after, wanted + 1, batch);
        }
        std::sort(batch.begin(), batch.end(),
                  [](const auto& a, const auto& b) { return a.cursor < b.cursor; });
        const auto taken = std::min<std::size_t>(wanted, batch.size());
        for (std::size_t i = 0; i < taken; ++i) {
            after = batch[i].cursor;
            each(after, schema::decode_document_data(batch[i].data));
        }
        given += static_cast<Xapian::doccount>(taken);
        if (batch.size() <= wanted) {
            return after;
        }
        if (limit != 0 && given == limit) {
            more = true;
            return after;
        }
    }
}

} // namespace dateline
