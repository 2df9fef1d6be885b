#include "formats/met_formats.hpp"

#include <nlohmann/json.hpp>

namespace dateline {

namespace {

nlohmann::json evidence_json(const EventRecord& record) {
    const auto& e = record.event;
    return {{"article", record.article},
            {"date", e.date},
            {"article_date", record.article_date},
            {"url", record.url},
            {"sentence", e.sentence},
            {"planned", e.status == MeetingStatus::planned},
            {"status", meeting_status_name(e.status)},
            {"mode", meeting_mode_name(e.mode)},
            {"place", e.place ? nlohmann::json{{"id", e.place->id}, {"name", e.place->name}}
                              : nlohmann::json(nullptr)},
            {"event", record.id},
            {"rule", e.rule}};
}

nlohmann::json side_json(const MeetingParty& party) {
    return {{"id", party.id}, {"name", party.name}, {"type", entity_type_name(party.type)}};
}

void write_json(std::ostream& out, const std::vector<MetPair>& pairs) {
    nlohmann::json doc = nlohmann::json::array();
    for (const auto& pair : pairs) {
        nlohmann::json evidence = nlohmann::json::array();
        for (const auto* record : pair.evidence) {
            evidence.push_back(evidence_json(*record));
        }
        doc.push_back({{"source", side_json(pair.source)},
                       {"target", side_json(pair.target)},
                       {"articles", pair.articles.size()},
                       {"held_articles", pair.held_articles.size()},
                       {"first", pair.first},
                       {"last", pair.last},
                       {"evidence", evidence}});
    }
    out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void write_csv(std::ostream& out, const std::vector<MetPair>& pairs) {
    write_csv_row(out, {"source_id", "source", "target_id", "target", "articles", "first", "last", "article",
                        "date", "url", "planned", "sentence", "status", "mode", "place_id", "place",
                        "article_date"});
    for (const auto& pair : pairs) {
        for (const auto* record : pair.evidence) {
            const auto& e = record->event;
            write_csv_row(out,
                          {pair.source.id, pair.source.name, pair.target.id, pair.target.name,
                           std::to_string(pair.articles.size()), pair.first, pair.last, record->article,
                           e.date, record->url, e.status == MeetingStatus::planned ? "yes" : "no", e.sentence,
                           std::string(meeting_status_name(e.status)), std::string(meeting_mode_name(e.mode)),
                           e.place ? e.place->id : "", e.place ? e.place->name : "", record->article_date});
        }
    }
}

void write_table(std::ostream& out, const std::vector<MetPair>& pairs) {
    if (pairs.empty()) {
        out << "no meetings found\n";
    }
    for (const auto& pair : pairs) {
        out << pair.source.name << " — " << pair.target.name << ": " << pair.articles.size() << " article"
            << (pair.articles.size() == 1 ? "" : "s");
        if (!pair.first.empty()) {
            out << ", " << pair.first << (pair.last != pair.first ? " .. " + pair.last : "");
        }
        out << "\n";
        for (const auto* record : pair.evidence) {
            const auto& e = record->event;
            out << "   " << (e.date.empty() ? "(no date)" : e.date) << "  " << record->article;
            if (e.status != MeetingStatus::held) {
                out << "  [" << meeting_status_name(e.status) << "]";
            }
            if (e.mode != MeetingMode::unspecified) {
                out << "  (" << meeting_mode_name(e.mode) << ")";
            }
            if (e.place) {
                out << "  in " << e.place->name;
            }
            out << "\n      " << e.sentence << "\n";
        }
    }
}

} // namespace

void write_met_pairs(std::ostream& out, const std::vector<MetPair>& pairs, OutputFormat format) {
    switch (format) {
    case OutputFormat::json:
        write_json(out, pairs);
        break;
    case OutputFormat::csv:
        write_csv(out, pairs);
        break;
    case OutputFormat::table:
        write_table(out, pairs);
        break;
    }
}

} // namespace dateline
