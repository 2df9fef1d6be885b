#include "meetings/meeting_search.hpp"

#include "store/schema.hpp"
#include "util/deadline.hpp"

#include <unordered_map>

namespace dateline {

void for_each_meeting(const Xapian::Database& database, const Xapian::Query& query,
                      const std::function<void(const EventRecord&)>& visit) {
    // Only articles naming at least one person can hold a meeting.
    const Xapian::Query with_people(Xapian::Query::OP_FILTER, query,
                                    Xapian::Query(Xapian::Query::OP_WILDCARD, std::string(schema::k_person)));
    Xapian::Enquire enquire(database);
    enquire.set_query(with_people);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_sort_by_value(schema::slot(schema::Slot::date), false);
    const auto mset = enquire.get_mset(0, database.get_doccount(), database.get_doccount());
    // Copies of one story: the one with the smallest article id is read, whatever the order of the shards.
    std::vector<Xapian::Document> documents;
    std::unordered_map<std::string, std::vector<std::size_t>> by_hash;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        documents.push_back(it.get_document());
        auto hash = documents.back().get_value(schema::slot(schema::Slot::content_hash));
        if (!hash.empty()) {
            by_hash[hash].push_back(documents.size() - 1);
        }
    }
    std::vector<bool> skip(documents.size(), false);
    for (const auto& [hash, copies] : by_hash) {
        if (copies.size() < 2) {
            continue;
        }
        std::size_t keep = copies.front();
        std::string keep_id;
        for (const auto copy : copies) {
            const auto id = schema::stored_article(documents[copy]).id;
            if (keep_id.empty() || id < keep_id) {
                keep = copy;
                keep_id = id;
            }
            skip[copy] = true;
        }
        skip[keep] = false;
    }
    Tokenizer tokenizer;
    for (std::size_t d = 0; d < documents.size(); ++d) {
        if ((d & 255U) == 0) {
            check_deadline();
        }
        if (skip[d]) {
            continue;
        }
        const auto data = schema::stored_article_json(documents[d]);
        if (!may_hold_meetings(data)) {
            continue; // not even the stored data has a meeting word: no need to decode it
        }
        const auto article = schema::decode_document_data(data);
        std::size_t number = 0;
        for (auto& event : find_meetings(article, tokenizer)) {
            EventRecord record;
            record.id = article.id + "#" + std::to_string(++number);
            record.event = std::move(event);
            record.article = article.id;
            record.article_date = article.date;
            record.url = article.url;
            record.source = article.source;
            visit(record);
        }
    }
}

nlohmann::json party_json(const MeetingParty& party) {
    return {{"id", party.id},
            {"type", entity_type_name(party.type)},
            {"name", party.name},
            {"surface", party.surface}};
}

nlohmann::json event_json(const EventRecord& record) {
    const auto& event = record.event;
    const auto parties = [](const std::vector<MeetingParty>& list) {
        auto out = nlohmann::json::array();
        for (const auto& p : list) {
            out.push_back(party_json(p));
        }
        return out;
    };
    return {{"id", record.id},
            {"type", "CONSULT"},
            {"mode", meeting_mode_name(event.mode)},
            {"actors", parties(event.actors)},
            {"recipients", parties(event.recipients)},
            {"participants", parties(event.participants())},
            {"date", event.date},
            {"place", event.place ? nlohmann::json{{"id", event.place->id}, {"name", event.place->name}}
                                  : nlohmann::json(nullptr)},
            {"status", meeting_status_name(event.status)},
            {"article", record.article},
            {"article_date", record.article_date},
            {"url", record.url},
            {"source", record.source},
            {"sentence", event.sentence},
            {"rule", event.rule},
            {"confidence", event.confidence}};
}

} // namespace dateline
