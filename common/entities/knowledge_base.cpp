#include "entities/knowledge_base.hpp"

#include "text/icu_support.hpp"
#include "util/errors.hpp"
#include "util/strings.hpp"

#include <nlohmann/json.hpp>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace dateline {

namespace {

constexpr std::pair<EntityType, std::string_view> k_type_names[] = {{EntityType::person, "person"},
                                                                    {EntityType::country, "country"},
                                                                    {EntityType::org, "org"},
                                                                    {EntityType::place, "place"}};

constexpr std::pair<MentionHow, std::string_view> k_how_names[] = {
    {MentionHow::name, "name"},       {MentionHow::alias, "alias"},      {MentionHow::demonym, "demonym"},
    {MentionHow::capital, "capital"}, {MentionHow::short_form, "short"}, {MentionHow::rule, "rule"},
    {MentionHow::model, "model"}};

const icu::Normalizer2& normalizer(bool decompose) {
    UErrorCode status = U_ZERO_ERROR;
    const auto* instance = decompose ? icu::Normalizer2::getNFDInstance(status)
                                     : icu::Normalizer2::getNFKCCasefoldInstance(status);
    check_icu(status, "Normalizer2");
    return *instance;
}

std::string to_utf8(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
}

icu::UnicodeString from_utf8(std::string_view text) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

std::string type_key(EntityType type, std::string_view id) {
    return std::string(1, static_cast<char>('0' + static_cast<int>(type))) + std::string(id);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const auto above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::vector<std::string> string_list(const nlohmann::json& record, const char* key) {
    std::vector<std::string> out;
    if (const auto it = record.find(key); it != record.end() && it->is_array()) {
        for (const auto& value : *it) {
            if (value.is_string()) {
                out.push_back(value.get<std::string>());
            }
        }
    }
    return out;
}

std::vector<ShortForm> parse_short_forms(const std::vector<std::string>& texts) {
    std::vector<ShortForm> out;
    for (const auto& text : texts) {
        if (text.starts_with('!')) {
            out.push_back({text.substr(1), true});
        } else if (!text.empty()) {
            out.push_back({text, false});
        }
    }
    return out;
}

std::vector<std::string> split_bar(std::string_view cell) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= cell.size()) {
        auto end = cell.find('|', start);
        if (end == std::string_view::npos) {
            end = cell.size();
        }
        auto part = std::string(cell.substr(start, end - start));
        part.erase(0, part.find_first_not_of(" \t"));
        part.erase(part.find_last_not_of(" \t\r") + 1);
        if (!part.empty()) {
            out.push_back(part);
        }
        start = end + 1;
    }
    return out;
}

} // namespace

std::string_view entity_type_name(EntityType type) {
    for (const auto& [value, name] : k_type_names) {
        if (value == type) {
            return name;
        }
    }
    return "?";
}

std::optional<EntityType> parse_entity_type(std::string_view name) {
    for (const auto& [value, known] : k_type_names) {
        if (known == name) {
            return value;
        }
    }
    if (name == "organization" || name == "organisation") {
        return EntityType::org;
    }
    return std::nullopt;
}

std::string_view mention_how_name(MentionHow how) {
    for (const auto& [value, name] : k_how_names) {
        if (value == how) {
            return name;
        }
    }
    return "?";
}

std::string fold_diacritics(std::string_view term) {
    if (std::all_of(term.begin(), term.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
        return std::string(term);
    }
    UErrorCode status = U_ZERO_ERROR;
    const auto decomposed = normalizer(true).normalize(from_utf8(term), status);
    check_icu(status, "Normalizer2::normalize");
    icu::UnicodeString kept;
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        if (u_charType(c) != U_NON_SPACING_MARK) {
            kept.append(c);
        }
        i += U16_LENGTH(c);
    }
    // Recompose what remains (Hangul syllables decomposed by NFD come back together).
    const auto* nfc = icu::Normalizer2::getNFCInstance(status);
    check_icu(status, "Normalizer2::getNFCInstance");
    const auto composed = nfc->normalize(kept, status);
    check_icu(status, "Normalizer2::normalize");
    return to_utf8(composed);
}

std::string name_key(std::string_view name) {
    UErrorCode status = U_ZERO_ERROR;
    const auto folded = normalizer(false).normalize(from_utf8(name), status);
    check_icu(status, "Normalizer2::normalize");
    std::string key;
    for (const char c : fold_diacritics(to_utf8(folded))) {
        if (c != ' ' && c != '-' && c != '.' && c != '\'' && c != '\t') {
            key += c;
        }
    }
    // Curly apostrophes and other separators outside ASCII.
    for (const std::string_view drop : {"\u2019", "\u2010", "\u2011", "\u00B7", "\u30FB"}) {
        for (auto at = key.find(drop); at != std::string::npos; at = key.find(drop, at)) {
            key.erase(at, drop.size());
        }
    }
    return key;
}

KnowledgeBase::KnowledgeBase(const KnowledgeBase& other)
    : m_entities(other.m_entities), m_given_names(other.m_given_names) {
    for (const auto& entity : m_entities) {
        m_by_id[type_key(entity.type, entity.id)] = &entity;
    }
    index_names();
}

const KnowledgeBase& KnowledgeBase::builtin() {
    static const KnowledgeBase k_builtin = [] {
        KnowledgeBase kb;
        // Pieces of one file are consecutive: join them before parsing.
        std::string file, text;
        const auto flush = [&] {
            if (file == "given_names.txt") {
                std::istringstream lines(text);
                for (std::string line; std::getline(lines, line);) {
                    if (!line.empty() && line.front() != '#') {
                        kb.m_given_names.insert(line);
                    }
                }
            } else if (!text.empty()) {
                kb.load_jsonl(text, "built-in " + file, [](const KnowledgeBaseIssue& issue) {
                    throw std::logic_error("built-in knowledge base: " + issue.where + ": " + issue.message);
                });
            }
            text.clear();
        };
        for (const auto& part : builtin_knowledge_base()) {
            if (part.file != file) {
                flush();
                file = part.file;
            }
            text += part.text;
        }
        flush();
        kb.index_names();
        return kb;
    }();
    return k_builtin;
}

KnowledgeBase KnowledgeBase::with_user_files(const std::vector<std::string>& files,
                                             const std::function<void(const KnowledgeBaseIssue&)>& on_issue) {
    KnowledgeBase kb = builtin();
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            throw DataError(file + ": cannot open entities file");
        }
        std::stringstream content;
        content << in.rdbuf();
        if (file.ends_with(".tsv") || file.ends_with(".txt")) {
            kb.load_tsv(content.str(), file, on_issue);
        } else {
            kb.load_jsonl(content.str(), file, on_issue);
        }
    }
    kb.index_names();
    return kb;
}

void KnowledgeBase::add(Entity entity, const std::string& where,
                        const std::function<void(const KnowledgeBaseIssue&)>& on_issue) {
    // A user's file may carry control characters (a NUL, an escape): names reach terminals, XML and DOT.
    entity.name = util::without_controls(entity.name);
    entity.id = util::without_controls(entity.id);
    for (auto& alias : entity.aliases) {
        alias = util::without_controls(alias);
    }
    if (entity.id.empty()) {
        entity.id = name_key(entity.name);
        // A slug: the key of the name with its words joined by hyphens.
        std::string slug;
        for (const char c : entity.name) {
            const auto u = static_cast<unsigned char>(c);
            slug += (u >= 0x80 || std::isalnum(u)) ? static_cast<char>(std::tolower(u)) : '-';
        }
        entity.id = slug;
    }
    const auto key = type_key(entity.type, entity.id);
    if (const auto it = m_by_id.find(key); it != m_by_id.end()) {
        // A later definition of the same id replaces the earlier one (user files override the built-in base).
        *const_cast<Entity*>(it->second) = std::move(entity);
        return;
    }
    // Report aliases that another entity already claims: the later one wins, so say so.
    if (!m_by_key.empty()) {
        std::vector<std::string> names = entity.aliases;
        names.push_back(entity.name);
        for (const auto& name : names) {
            const auto found = m_by_key.find(name_key(name));
            if (found != m_by_key.end() && !found->second.empty() && found->second.front()->id != entity.id) {
                on_issue({where, "\"" + name + "\" also names " + found->second.front()->name + " (" +
                                     found->second.front()->id + "); this entry wins"});
            }
        }
    }
    m_entities.push_back(std::move(entity));
    m_by_id[key] = &m_entities.back();
}

void KnowledgeBase::load_jsonl(std::string_view text, const std::string& file,
                               const std::function<void(const KnowledgeBaseIssue&)>& on_issue) {
    std::size_t line_number = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const auto line = text.substr(start, end - start);
        start = end + 1;
        ++line_number;
        const auto where = file + ":" + std::to_string(line_number);
        if (line.find_first_not_of(" \t\r") == std::string_view::npos || line.front() == '#') {
            continue;
        }
        const auto record = nlohmann::json::parse(line, nullptr, false);
        if (!record.is_object()) {
            on_issue({where, "not a JSON object; each line must be one entity"});
            continue;
        }
        // Every text field must be a string when present: a number or a list there is the file's mistake.
        std::string wrong;
        for (const char* key : {"type", "id", "name", "country", "description", "since"}) {
            if (const auto it = record.find(key); it != record.end() && !it->is_string() && !it->is_null()) {
                wrong = key;
                break;
            }
        }
        if (!wrong.empty()) {
            on_issue({where, "\"" + wrong + "\" must be a string, found " + record[wrong].type_name() +
                                 "; entity skipped"});
            continue;
        }
        const auto text_field = [&](const char* key) {
            const auto it = record.find(key);
            return it != record.end() && it->is_string() ? it->get<std::string>() : std::string{};
        };
        const auto type = parse_entity_type(text_field("type"));
        if (!type) {
            on_issue({where, "unknown or missing \"type\"; use person, country, org or place"});
            continue;
        }
        Entity entity;
        entity.type = *type;
        entity.id = text_field("id");
        entity.name = text_field("name");
        if (entity.name.empty()) {
            on_issue({where, "missing \"name\""});
            continue;
        }
        entity.aliases = string_list(record, "aliases");
        entity.demonyms = string_list(record, "demonyms");
        entity.capitals = string_list(record, "capitals");
        entity.short_forms = parse_short_forms(string_list(record, "short"));
        entity.country = text_field("country");
        entity.description = text_field("description");
        entity.since = text_field("since");
        add(std::move(entity), where, on_issue);
    }
}

void KnowledgeBase::load_tsv(std::string_view text, const std::string& file,
                             const std::function<void(const KnowledgeBaseIssue&)>& on_issue) {
    std::size_t line_number = 0;
    std::istringstream in{std::string(text)};
    std::string line;
    while (std::getline(in, line)) {
        ++line_number;
        const auto where = file + ":" + std::to_string(line_number);
        if (line.find_first_not_of(" \t\r") == std::string::npos || line.front() == '#') {
            continue;
        }
        std::vector<std::string> cells;
        std::size_t start = 0;
        while (start <= line.size()) {
            auto end = line.find('\t', start);
            if (end == std::string::npos) {
                end = line.size();
            }
            cells.push_back(line.substr(start, end - start));
            start = end + 1;
        }
        cells.resize(std::max<std::size_t>(cells.size(), 8));
        for (auto& cell : cells) {
            cell.erase(0, cell.find_first_not_of(" \r"));
            cell.erase(cell.find_last_not_of(" \r") + 1);
        }
        const auto type = parse_entity_type(cells[0]);
        if (!type) {
            on_issue(
                {where, "unknown type \"" + cells[0] + "\" in column 1; use person, country, org or place"});
            continue;
        }
        if (cells[1].empty()) {
            on_issue({where, "missing name in column 2"});
            continue;
        }
        Entity entity;
        entity.type = *type;
        entity.name = cells[1];
        entity.aliases = split_bar(cells[2]);
        entity.country = cells[3];
        entity.description = cells[4];
        entity.since = cells[5];
        entity.id = cells[6];
        entity.short_forms = parse_short_forms(split_bar(cells[7]));
        add(std::move(entity), where, on_issue);
    }
}

void KnowledgeBase::index_names() {
    m_by_key.clear();
    // Later entities first, so that they win (user files are loaded after the built-in base).
    for (auto it = m_entities.rbegin(); it != m_entities.rend(); ++it) {
        const Entity& entity = *it;
        const auto add_key = [&](const std::string& text) {
            auto& list = m_by_key[name_key(text)];
            if (std::find(list.begin(), list.end(), &entity) == list.end()) {
                list.push_back(&entity);
            }
        };
        add_key(entity.id);
        add_key(entity.name);
        for (const auto& names : {entity.aliases, entity.demonyms, entity.capitals}) {
            for (const auto& name : names) {
                add_key(name);
            }
        }
        for (const auto& short_form : entity.short_forms) {
            if (short_form.standalone) {
                add_key(short_form.text);
            }
        }
    }
}

const Entity* KnowledgeBase::find_id(EntityType type, std::string_view id) const {
    const auto it = m_by_id.find(type_key(type, id));
    return it == m_by_id.end() ? nullptr : it->second;
}

std::vector<const Entity*> KnowledgeBase::resolve(std::string_view name,
                                                  std::optional<EntityType> type) const {
    std::vector<const Entity*> out;
    const auto it = m_by_key.find(name_key(name));
    if (it == m_by_key.end()) {
        return out;
    }
    for (const auto* entity : it->second) {
        if (!type || entity->type == *type) {
            out.push_back(entity);
        }
    }
    return out;
}

std::vector<std::string> KnowledgeBase::closest_names(std::string_view name, std::size_t limit,
                                                      std::optional<EntityType> type) const {
    const auto key = name_key(name);
    std::multimap<std::size_t, std::string> ranked;
    for (const auto& entity : m_entities) {
        if (type && entity.type != *type) {
            continue;
        }
        // A short form or a word of the name ("Lee" for Lee Jae-myung) ranks first, then spelling neighbours.
        std::size_t best = std::string::npos;
        for (const auto& short_form : entity.short_forms) {
            if (name_key(short_form.text) == key) {
                best = 0;
            }
        }
        for (std::size_t start = 0; start < entity.name.size();) {
            auto end = entity.name.find_first_of(" -", start);
            if (end == std::string::npos) {
                end = entity.name.size();
            }
            if (end > start && name_key(entity.name.substr(start, end - start)) == key) {
                best = std::min<std::size_t>(best, 1);
            }
            start = end + 1;
        }
        for (const auto& candidate : entity.aliases) {
            best = std::min(best, edit_distance(key, name_key(candidate)) + 1);
        }
        best = std::min(best, edit_distance(key, name_key(entity.name)) + 1);
        if (best <= std::max<std::size_t>(2, key.size() / 3) + 1) {
            ranked.emplace(best, entity.name + " (" + std::string(entity_type_name(entity.type)) + " " +
                                     entity.id + ")");
        }
    }
    std::vector<std::string> out;
    for (const auto& [distance, label] : ranked) {
        if (out.size() == limit) {
            break;
        }
        out.push_back(label);
    }
    return out;
}

} // namespace dateline
