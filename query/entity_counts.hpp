// Exhaustive entity counts: how many matching articles mention each entity, and how often.
#pragma once

#include "entity.hpp"
#include "entity_resolver.hpp"

#include <xapian.h>

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace dateline {

struct EntityCount {
    EntityType type;
    std::string id;
    std::string name;
    Xapian::doccount articles = 0;
    Xapian::termcount mentions = 0;
};

/// Counts entities over every article matching `query` (nothing: the whole database), optionally of one type.
/// Sorted by articles, then mentions, then id. Exact: the whole database is read from the term statistics, a
/// query through a match spy that sees every match.
[[nodiscard]] std::vector<EntityCount> count_entities(const Xapian::Database& database,
                                                      const std::optional<Xapian::Query>& query,
                                                      std::optional<EntityType> type,
                                                      const EntityResolver& names);

/// Counts entities in the packed Slot::entities value of each document the match visits. Serialisable, so
/// that it can also run where Xapian's remote protocol supports user spies.
class EntityCountSpy : public Xapian::MatchSpy {
public:
    struct Totals {
        Xapian::doccount articles = 0;
        Xapian::termcount mentions = 0;
    };

    void operator()(const Xapian::Document& document, double weight) override;
    Xapian::MatchSpy* clone() const override { return new EntityCountSpy; } // ownership passes to Xapian
    std::string name() const override { return "Dateline::EntityCountSpy"; }
    std::string serialise() const override { return {}; }
    Xapian::MatchSpy* unserialise(const std::string&, const Xapian::Registry&) const override {
        return new EntityCountSpy;
    }
    std::string serialise_results() const override;
    void merge_results(const std::string& serialised) override;
    std::string get_description() const override { return "EntityCountSpy"; }

    /// Keyed by entity term.
    [[nodiscard]] const std::unordered_map<std::string, Totals>& totals() const { return m_totals; }

private:
    std::unordered_map<std::string, Totals> m_totals;
};

} // namespace dateline
