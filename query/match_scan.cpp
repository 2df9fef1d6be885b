#include "match_scan.hpp"

#include "schema.hpp"

namespace dateline {

namespace {

/// Hands each match's values to a callback as the matcher visits it.
class RecordSpy : public Xapian::MatchSpy {
public:
    explicit RecordSpy(const std::function<void(const MatchRecord&)>& each) : m_each(each) {}
    void operator()(const Xapian::Document& document, double) override {
        const auto date = document.get_value(schema::slot(schema::Slot::date));
        const auto entities = document.get_value(schema::slot(schema::Slot::entities));
        m_each({date, entities});
    }
    std::string name() const override { return "Dateline::RecordSpy"; }

private:
    const std::function<void(const MatchRecord&)>& m_each;
};

} // namespace

void for_each_match(const Xapian::Database& database, const Xapian::Query& query, ShardKind shards,
                    const std::function<void(const MatchRecord&)>& each) {
    Xapian::Enquire enquire(database);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const auto all = database.get_doccount();
    if (shards == ShardKind::local_only) {
        RecordSpy spy(each);
        enquire.add_matchspy(&spy);
        (void)enquire.get_mset(0, 0, all); // checkatleast = all: the spy sees every match
        return;
    }
    // Sorting by the entity slot makes each match carry it back as its sort key; the slot also holds the
    // date.
    enquire.set_sort_by_value(schema::slot(schema::Slot::entities), false);
    const auto mset = enquire.get_mset(0, all, all);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        const auto key = it.get_sort_key();
        each({schema::slot_date(key), key});
    }
}

} // namespace dateline
