#include "access/match_scan.hpp"

#include "store/schema.hpp"
#include "util/deadline.hpp"

#include <cstdint>

namespace dateline {

namespace {

/// Hands each match's values to a callback as the matcher visits it. The entity slot (which also holds the
/// date) is read from the slot's value stream rather than through the document: the matcher visits documents
/// in ascending docid order, so one iterator decodes each value chunk once, where Document::get_value looks
/// the chunk up in the B-tree again for every match.
class RecordSpy : public Xapian::MatchSpy {
public:
    RecordSpy(const Xapian::Database& database, const std::function<void(const MatchRecord&)>& each)
        : m_database(database), m_each(each), m_streamed(database.size() == 1) {
        if (m_streamed) {
            restart();
        }
    }
    void operator()(const Xapian::Document& document, double) override {
        if ((++m_seen & 4095U) == 0) {
            check_deadline();
        }
        if (!m_streamed) {
            const auto entities = document.get_value(schema::slot(schema::Slot::entities));
            m_each({schema::slot_date(entities), entities});
            return;
        }
        const auto docid = document.get_docid();
        if (docid < m_last) {
            restart(); // not expected: the matcher goes in docid order; stay correct if it does not
        }
        m_last = docid;
        std::string entities;
        if (m_values != m_end) {
            m_values.skip_to(docid);
            if (m_values != m_end && m_values.get_docid() == docid) {
                entities = *m_values;
            }
        }
        m_each({schema::slot_date(entities), entities});
    }
    std::string name() const override { return "Dateline::RecordSpy"; }

private:
    void restart() {
        m_values = m_database.valuestream_begin(schema::slot(schema::Slot::entities));
        m_end = m_database.valuestream_end(schema::slot(schema::Slot::entities));
        m_last = 0;
    }

    const Xapian::Database& m_database;
    const std::function<void(const MatchRecord&)>& m_each;
    Xapian::ValueIterator m_values;
    Xapian::ValueIterator m_end;
    Xapian::docid m_last = 0;
    std::uint32_t m_seen = 0;
    /// With several shards the spy's documents carry their shard's docids, which a combined value stream does
    /// not use: read through the document there (for_each_match scans local shards one by one instead).
    bool m_streamed;
};

void spy_on_matches(const Xapian::Database& database, const Xapian::Query& query,
                    const std::function<void(const MatchRecord&)>& each) {
    Xapian::Enquire enquire(database);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    RecordSpy spy(database, each);
    enquire.add_matchspy(&spy);
    (void)enquire.get_mset(0, 0, database.get_doccount()); // checkatleast = all: the spy sees every match
}

} // namespace

void for_each_match(const Xapian::Database& database, const Xapian::Query& query, const Shards& shards,
                    const std::function<void(const MatchRecord&)>& each) {
    if (!shards.remote) {
        if (shards.local.size() <= 1) {
            spy_on_matches(database, query, each);
            return;
        }
        for (const auto& folder : shards.local) {
            spy_on_matches(Xapian::Database(folder), query, each);
        }
        return;
    }
    Xapian::Enquire enquire(database);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    const auto all = database.get_doccount();
    // Sorting by the entity slot makes each match carry it back as its sort key; the slot also holds the
    // date.
    enquire.set_sort_by_value(schema::slot(schema::Slot::entities), false);
    const auto mset = enquire.get_mset(0, all, all);
    check_deadline();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        const auto key = it.get_sort_key();
        each({schema::slot_date(key), key});
    }
}

} // namespace dateline
