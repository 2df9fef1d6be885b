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
    Xapian::MultiValueKeyMaker keys;
    keys.add_value(schema::slot(schema::Slot::date));
    keys.add_value(schema::slot(schema::Slot::entities));
    enquire.set_sort_by_key(&keys, false);
    const auto mset = enquire.get_mset(0, all, all);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        // MultiValueKeyMaker joins values with "\0\0" (our values hold no NUL); a trailing empty value is
        // dropped.
        const auto key = it.get_sort_key();
        const auto separator = key.find(std::string_view("\0\0", 2));
        const std::string_view view(key);
        if (separator == std::string::npos) {
            each({view, {}});
        } else {
            each({view.substr(0, separator), view.substr(separator + 2)});
        }
    }
}

} // namespace dateline
