#include "entities/name_rules.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <unordered_set>

namespace dateline {

namespace {

/// Titles and roles that introduce a person's name ("President Lee", "Foreign Minister Cho"). A word list,
/// one per line as clang-format lays it out: longer than ~80 lines, not a function with steps.
const std::unordered_set<std::string_view>& person_titles() {
    static const std::unordered_set<std::string_view> k_titles = {"president",
                                                                  "vice",
                                                                  "premier",
                                                                  "minister",
                                                                  "chancellor",
                                                                  "secretary",
                                                                  "senator",
                                                                  "sen",
                                                                  "governor",
                                                                  "mayor",
                                                                  "chairman",
                                                                  "chairwoman",
                                                                  "chair",
                                                                  "chief",
                                                                  "ceo",
                                                                  "professor",
                                                                  "prof",
                                                                  "dr",
                                                                  "mr",
                                                                  "mrs",
                                                                  "ms",
                                                                  "adviser",
                                                                  "advisor",
                                                                  "spokesman",
                                                                  "spokeswoman",
                                                                  "spokesperson",
                                                                  "ambassador",
                                                                  "envoy",
                                                                  "general",
                                                                  "gen",
                                                                  "admiral",
                                                                  "adm",
                                                                  "colonel",
                                                                  "col",
                                                                  "lieutenant",
                                                                  "lt",
                                                                  "captain",
                                                                  "capt",
                                                                  "sergeant",
                                                                  "sgt",
                                                                  "analyst",
                                                                  "economist",
                                                                  "researcher",
                                                                  "lawmaker",
                                                                  "legislator",
                                                                  "representative",
                                                                  "rep",
                                                                  "judge",
                                                                  "justice",
                                                                  "director",
                                                                  "commissioner",
                                                                  "king",
                                                                  "queen",
                                                                  "prince",
                                                                  "princess",
                                                                  "emperor",
                                                                  "pope",
                                                                  "speaker",
                                                                  "protester",
                                                                  "protestor",
                                                                  "activist",
                                                                  "farmer",
                                                                  "journalist",
                                                                  "reporter",
                                                                  "correspondent",
                                                                  "columnist",
                                                                  "lawyer",
                                                                  "attorney",
                                                                  "prosecutor",
                                                                  "official",
                                                                  "diplomat",
                                                                  "negotiator",
                                                                  "deputy",
                                                                  "aide",
                                                                  "candidate",
                                                                  "leader",
                                                                  "founder",
                                                                  "executive",
                                                                  "manager",
                                                                  "head",
                                                                  "coach",
                                                                  "dean",
                                                                  "fellow",
                                                                  "scholar",
                                                                  "expert",
                                                                  "strategist",
                                                                  "president-elect",
                                                                  "mp",
                                                                  "councillor",
                                                                  "councilor",
                                                                  "lord",
                                                                  "sir",
                                                                  "dame",
                                                                  "rev",
                                                                  "cardinal",
                                                                  "bishop",
                                                                  "sheikh",
                                                                  "crown",
                                                                  "defector",
                                                                  "survivor",
                                                                  "resident",
                                                                  "worker",
                                                                  "student",
                                                                  "teacher",
                                                                  "doctor",
                                                                  "engineer",
                                                                  "entrepreneur",
                                                                  "investor",
                                                                  "author",
                                                                  "writer",
                                                                  "artist",
                                                                  "actor",
                                                                  "singer",
                                                                  "player",
                                                                  "striker",
                                                                  "midfielder",
                                                                  "goalkeeper"};
    return k_titles;
}

const std::unordered_set<std::string_view>& east_asian_surnames() {
    static const std::unordered_set<std::string_view> k_surnames = {
        // Korean
        "kim", "lee", "yi", "park", "pak", "choi", "choe", "jung", "chung", "jeong", "kang", "cho", "jo",
        "yoon", "yun", "jang", "chang", "lim", "im", "han", "oh", "seo", "suh", "shin", "sin", "kwon",
        "hwang", "ahn", "an", "song", "yoo", "yu", "ryu", "hong", "jeon", "chun", "ko", "koh", "moon", "mun",
        "yang", "son", "bae", "baek", "paik", "heo", "huh", "nam", "sim", "shim", "noh", "roh", "ha", "kwak",
        "sung", "cha", "joo", "ju", "woo", "koo", "ku", "min", "na", "jin", "ji", "chae", "won", "bang",
        "kong", "hyun", "wi", "yeo", "ahn", "byun", "pyo", "gil", "uhm", "eom", "tak", "ri",
        // Chinese
        "wang", "zhang", "liu", "chen", "zhao", "huang", "zhou", "wu", "xu", "sun", "ma", "zhu", "hu", "guo",
        "he", "lin", "gao", "luo", "zheng", "liang", "xie", "tang", "deng", "feng", "cao", "peng", "zeng",
        "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang", "du", "ye", "cheng", "wei", "su", "lu", "ding",
        "ren", "shen", "yao", "xi", "li", "qin", "fu", "bai", "zou", "meng", "xiong", "qian", "kong", "tan",
        "shi"};
    return k_surnames;
}

/// Capitalised words that start sentences, headings and datelines but are never names on their own.
const std::unordered_set<std::string_view>& never_names() {
    static const std::unordered_set<std::string_view> k_words = {
        "the",       "a",         "an",        "but",        "and",      "or",         "in",
        "on",        "at",        "of",        "for",        "to",       "from",       "by",
        "with",      "as",        "after",     "before",     "during",   "while",      "when",
        "if",        "this",      "that",      "these",      "those",    "it",         "its",
        "he",        "she",       "they",      "we",         "i",        "you",        "his",
        "her",       "their",     "our",       "there",      "here",     "also",       "however",
        "still",     "monday",    "tuesday",   "wednesday",  "thursday", "friday",     "saturday",
        "sunday",    "january",   "february",  "march",      "april",    "may",        "june",
        "july",      "august",    "september", "october",    "november", "december",   "jan",
        "feb",       "mar",       "apr",       "jun",        "jul",      "aug",        "sep",
        "sept",      "oct",       "nov",       "dec",        "analysis", "explainer",  "update",
        "breaking",  "exclusive", "opinion",   "editorial",  "photo",    "video",      "live",
        "officials", "critics",   "analysts",  "economists", "police",   "opposition", "government",
        "state",     "news",      "read",      "more",       "said",     "says",       "according",
        "under",     "over",      "about",     "between",    "within",   "without",    "new",
        "first",     "last",      "next",      "north",      "south",    "east",       "west",
        "northern",  "southern",  "eastern",   "western"};
    return k_words;
}

/// Words that end an organisation's name.
const std::unordered_set<std::string_view>& organisation_heads() {
    static const std::unordered_set<std::string_view> k_heads = {
        "university",   "college",      "institute",  "academy",      "school",      "ministry",
        "department",   "agency",       "bureau",     "office",       "commission",  "committee",
        "council",      "assembly",     "parliament", "court",        "party",       "union",
        "federation",   "association",  "foundation", "fund",         "bank",        "corporation",
        "corp",         "company",      "co",         "inc",          "ltd",         "llc",
        "plc",          "group",        "holdings",   "industries",   "electronics", "motor",
        "motors",       "airlines",     "airways",    "shipbuilding", "shipyard",    "energy",
        "chemical",     "chemicals",    "steel",      "telecom",      "securities",  "insurance",
        "capital",      "technologies", "technology", "systems",      "solutions",   "partners",
        "organization", "organisation", "forum",      "service",      "services",    "network",
        "times",        "post",         "herald",     "daily",        "journal",     "tribune",
        "broadcasting", "museum",       "hospital",   "center",       "centre",      "command",
        "forces",       "army",         "navy",       "guard",        "police",      "society",
        "institution",  "exchange",     "authority",  "board",        "alliance",    "coalition",
        "movement",     "front",        "league",     "club",         "church",      "trust",
        "laboratory",   "labs"};
    return k_heads;
}

/// Heads that take "of ..." after them: "Ministry of Foreign Affairs", "University of Seoul".
const std::unordered_set<std::string_view>& of_heads() {
    static const std::unordered_set<std::string_view> k_heads = {
        "ministry", "department", "university", "bank",       "institute",   "academy",
        "bureau",   "office",     "council",    "federation", "association", "chamber",
        "board",    "court",      "house",      "league",     "union",       "college"};
    return k_heads;
}

const std::unordered_set<std::string_view>& name_connectors() {
    static const std::unordered_set<std::string_view> k_words = {"of", "for", "and", "the", "de", "on"};
    return k_words;
}

bool is_number_word(std::string_view term) {
    return !term.empty() && std::all_of(term.begin(), term.end(),
                                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

std::string_view surface(std::string_view text, const Token& token) {
    return text.substr(token.span.begin, token.span.end - token.span.begin);
}

/// A word of a name: capitalised, or the lower-case half of a hyphenated given name ("Hye-kyung").
bool is_name_word(std::string_view text, const std::vector<Token>& tokens, std::size_t i) {
    if (tokens[i].kind != TokenKind::word) {
        return false;
    }
    if (starts_upper(text, tokens[i])) {
        return true;
    }
    return i > 0 && tokens[i - 1].joined_to_next && starts_upper(text, tokens[i - 1]);
}

/// "a 64-year-old", ", 52," or ", a/an/the ... protester" right after the name.
bool followed_by_age_or_role(std::string_view text, const std::vector<Token>& tokens,
                             const std::vector<std::string>& folded, std::size_t last) {
    const auto next = last + 1;
    if (next >= tokens.size()) {
        return false;
    }
    const auto between = text.substr(tokens[last].span.end, tokens[next].span.begin - tokens[last].span.end);
    if (between.find(',') == std::string_view::npos) {
        return false;
    }
    if (is_number_word(folded[next]) && next + 1 < tokens.size()) {
        const auto after =
            text.substr(tokens[next].span.end, tokens[next + 1].span.begin - tokens[next].span.end);
        if (after.find(',') != std::string_view::npos) {
            return true; // "Park Ji-won, 52,"
        }
    }
    if (folded[next] != "a" && folded[next] != "an" && folded[next] != "the") {
        return false;
    }
    for (std::size_t k = next + 1; k < std::min(tokens.size(), next + 7); ++k) {
        if (tokens[k].sentence != tokens[last].sentence) {
            break;
        }
        if (folded[k] == "old" || is_person_title(folded[k])) {
            return true; // "a 64-year-old protester", "a professor at", "the adviser"
        }
    }
    return false;
}

/// A title up to three words before the name, with only role words between: "professor Heo", "Foreign
/// Minister Cho".
bool preceded_by_title(const std::vector<Token>& tokens, const std::vector<std::string>& folded,
                       std::size_t first) {
    static const std::unordered_set<std::string_view> k_role_words = {
        "security", "foreign", "prime",     "national",  "trade",  "defense", "defence",
        "finance",  "state",   "former",    "vice",      "deputy", "senior",  "economic",
        "policy",   "general", "assistant", "associate", "then"};
    for (std::size_t back = 1; back <= 3 && back <= first; ++back) {
        const auto k = first - back;
        if (tokens[k].sentence != tokens[first].sentence) {
            return false;
        }
        if (is_person_title(folded[k])) {
            return true;
        }
        if (!k_role_words.contains(folded[k])) {
            return false;
        }
    }
    return false;
}

} // namespace

bool starts_upper(std::string_view text, const Token& token) {
    const auto word = surface(text, token);
    UChar32 c;
    int32_t offset = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), offset, static_cast<int32_t>(word.size()), c);
    return c >= 0 && (u_isupper(c) || u_istitle(c));
}

bool is_person_title(std::string_view folded_term) {
    return person_titles().contains(folded_term);
}

bool is_east_asian_surname(std::string_view folded_term) {
    return east_asian_surnames().contains(folded_term);
}

std::string rule_entity_id(EntityType type, const std::vector<std::string>& words,
                           const std::vector<bool>& joined_to_next) {
    std::string id;
    const bool korean_style = type == EntityType::person && words.size() >= 2 &&
                              is_east_asian_surname(words[0]) &&
                              (words.size() == 3 || (joined_to_next.size() > 1 && joined_to_next[1]));
    for (std::size_t i = 0; i < words.size(); ++i) {
        const bool glue = korean_style ? i >= 2 : (i > 0 && joined_to_next[i - 1]);
        if (i > 0 && !glue) {
            id += '-';
        }
        id += words[i];
    }
    return id;
}

std::vector<RuleName> find_rule_names(std::string_view text, const std::vector<Token>& tokens,
                                      const std::vector<std::string>& folded,
                                      const std::vector<bool>& claimed, const std::vector<bool>& absorbable,
                                      const std::unordered_set<std::string>& given_names) {
    std::vector<RuleName> found;
    std::size_t i = 0;
    while (i < tokens.size()) {
        if (claimed[i] || !is_name_word(text, tokens, i) || never_names().contains(folded[i])) {
            ++i;
            continue;
        }
        // The longest run of name words (with connectors inside organisation names) in this sentence.
        std::size_t last = i;
        while (last + 1 < tokens.size() && !claimed[last + 1] &&
               tokens[last + 1].sentence == tokens[i].sentence) {
            const auto gap =
                text.substr(tokens[last].span.end, tokens[last + 1].span.begin - tokens[last].span.end);
            if (gap.find_first_not_of(" -'") != std::string_view::npos) {
                break; // punctuation ends a name
            }
            if (is_name_word(text, tokens, last + 1)) {
                ++last;
            } else if (name_connectors().contains(folded[last + 1]) && last + 2 < tokens.size() &&
                       !claimed[last + 2] && is_name_word(text, tokens, last + 2) &&
                       of_heads().contains(folded[i])) {
                last += 2;
            } else {
                break;
            }
        }
        // Titles are not part of the name: the name starts after the last title in the run ("Professor Heo
        // Yoon", "National Security Adviser Wi Sung-lac").
        std::size_t first = i;
        for (std::size_t k = i; k < last; ++k) {
            if (is_person_title(folded[k])) {
                first = k + 1;
            }
        }
        std::vector<std::string> words(folded.begin() + static_cast<std::ptrdiff_t>(first),
                                       folded.begin() + static_cast<std::ptrdiff_t>(last) + 1);
        std::vector<bool> joins;
        for (std::size_t k = first; k <= last; ++k) {
            joins.push_back(tokens[k].joined_to_next);
        }
        const std::size_t length = last - first + 1;
        std::optional<EntityType> type;
        if (organisation_heads().contains(folded[last]) && length >= 2 && !is_person_title(folded[first])) {
            type = EntityType::org;
        } else if (of_heads().contains(folded[first]) && length >= 3 && folded[first + 1] == "of") {
            type = EntityType::org;
        } else if (length >= 2 && length <= 4 && !organisation_heads().contains(folded[last])) {
            const bool titled = first > i || preceded_by_title(tokens, folded, first);
            const bool east_asian_shape = is_east_asian_surname(folded[first]) && length >= 2 &&
                                          tokens[first + 1].joined_to_next && length == 3;
            // A known given name followed by one or two capitalised words: "Phil Simmons".
            const bool given_name =
                length <= 3 && given_names.contains(folded[first]) && !tokens[first].joined_to_next;
            if (titled || east_asian_shape || given_name ||
                followed_by_age_or_role(text, tokens, folded, last)) {
                type = EntityType::person;
            }
        }
        if (type == EntityType::org) {
            // A place right before an organisation word is part of its name: "Gyeongju National Museum".
            while (first > 0 && absorbable[first - 1] &&
                   tokens[first - 1].sentence == tokens[first].sentence &&
                   text.substr(tokens[first - 1].span.end,
                               tokens[first].span.begin - tokens[first - 1].span.end) == " ") {
                --first;
                words.insert(words.begin(), folded[first]);
                joins.insert(joins.begin(), tokens[first].joined_to_next);
            }
        }
        if (type) {
            std::string name(
                text.substr(tokens[first].span.begin, tokens[last].span.end - tokens[first].span.begin));
            found.push_back({first, last, *type, std::move(name), rule_entity_id(*type, words, joins)});
        }
        i = last + 1;
    }
    return found;
}

} // namespace dateline
