#include "entity_counts.hpp"

#include "schema.hpp"

#include <algorithm>

namespace dateline {

void EntityCountSpy::operator()(const Xapian::Document& document, double) {
    const auto value = document.get_value(schema::slot(schema::Slot::entities));
    schema::for_each_slot_entity(value, [&](const schema::SlotEntity& entity) {
        auto& totals = m_totals[schema::entity_term(entity.type, entity.id)];
        ++totals.articles;
        totals.mentions += entity.mentions;
    });
}

std::string EntityCountSpy::serialise_results() const {
    std::string out;
    for (const auto& [term, totals] : m_totals) {
        out += term + '\t' + std::to_string(totals.articles) + '\t' + std::to_string(totals.mentions) + '\n';
    }
    return out;
}

void EntityCountSpy::merge_results(const std::string& serialised) {
    std::string_view rest = serialised;
    while (!rest.empty()) {
        const auto end = rest.find('\n');
        const auto line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        const auto tab1 = line.find('\t');
        const auto tab2 = line.find('\t', tab1 + 1);
        if (tab1 == std::string_view::npos || tab2 == std::string_view::npos) {
            continue;
        }
        auto& totals = m_totals[std::string(line.substr(0, tab1))];
        totals.articles +=
            static_cast<Xapian::doccount>(std::stoul(std::string(line.substr(tab1 + 1, tab2 - tab1 - 1))));
        totals.mentions += static_cast<Xapian::termcount>(std::stoul(std::string(line.substr(tab2 + 1))));
    }
}

std::vector<EntityCount> count_entities(const Xapian::Database& database,
                                        const std::optional<Xapian::Query>& query,
                                        std::optional<EntityType> type, const EntityResolver& names) {
    std::vector<EntityCount> out;
    const auto add = [&](const std::string& term, Xapian::doccount articles, Xapian::termcount mentions) {
        const auto term_type = schema::entity_term_type(term);
        if (!term_type || (type && *term_type != *type)) {
            return;
        }
        out.push_back({*term_type, term.substr(schema::entity_prefix(*term_type).size()),
                       names.display_name(term), articles, mentions});
    };
    if (!query) {
        for (const auto entity_type :
             {EntityType::person, EntityType::country, EntityType::org, EntityType::place}) {
            if (type && entity_type != *type) {
                continue;
            }
            const std::string prefix(schema::entity_prefix(entity_type));
            for (auto it = database.allterms_begin(prefix); it != database.allterms_end(prefix); ++it) {
                add(*it, it.get_termfreq(), database.get_collection_freq(*it));
            }
        }
    } else {
        Xapian::Enquire enquire(database);
        enquire.set_query(*query);
        EntityCountSpy spy;
        enquire.add_matchspy(&spy);
        // checkatleast = every document: the spy sees every match, so the counts are exact.
        (void)enquire.get_mset(0, 0, database.get_doccount());
        for (const auto& [term, totals] : spy.totals()) {
            add(term, totals.articles, totals.mentions);
        }
    }
    std::sort(out.begin(), out.end(), [](const EntityCount& a, const EntityCount& b) {
        if (a.articles != b.articles) {
            return a.articles > b.articles;
        }
        if (a.mentions != b.mentions) {
            return a.mentions > b.mentions;
        }
        return a.id < b.id;
    });
    return out;
}

} // namespace dateline
