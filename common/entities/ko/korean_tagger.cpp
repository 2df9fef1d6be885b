#include "entities/ko/korean_tagger.hpp"

#include "entities/ko/korean_words.hpp"
#include "text/utf8.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_set>

namespace dateline::ko {

namespace {

/// One eojeol: its code points and the byte offset of each (and of its end).
struct Eojeol {
    std::u32string text;             ///< without surrounding punctuation
    std::vector<std::size_t> offset; ///< byte offset of text[i]; offset[size] is the end
    bool punct_before = false;       ///< punctuation or a bracket stood before it ("(45)", quotes)
    bool punct_after = false;        ///< ... or after it (a clause or bracket ends)
};

std::vector<Eojeol> split_eojeol(std::string_view text, std::size_t begin, std::size_t end) {
    std::vector<Eojeol> out;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    auto i = static_cast<int32_t>(begin);
    const auto length = static_cast<int32_t>(end);
    Eojeol current;
    bool punct_pending = false;
    const auto flush = [&](std::size_t at, bool punct) {
        if (!current.text.empty()) {
            current.offset.push_back(at);
            current.punct_after = punct;
            out.push_back(std::move(current));
        }
        current = Eojeol{};
    };
    while (i < length) {
        const auto at = static_cast<std::size_t>(i);
        UChar32 c;
        U8_NEXT(s, i, length, c);
        const auto code = static_cast<char32_t>(c < 0 ? 0xFFFD : c);
        const bool space = code == U' ' || code == U'\t' || code == U'\n' || code == 0x3000 || code == 0xA0;
        const bool letter = is_hangul(code) || (code < 0x80 && std::isalnum(static_cast<int>(code)) != 0) ||
                            (code >= 0x4E00 && code <= 0x9FFF);
        if (space) {
            flush(at, false);
            continue;
        }
        if (!letter && code != U'·' && code != U'&') {
            // Punctuation ends the eojeol's text (a bracket, a quote, a comma) and marks the next one.
            const bool had = !current.text.empty();
            flush(at, true);
            punct_pending = true;
            if (!had && !out.empty() && out.back().offset.back() == at) {
                out.back().punct_after = true;
            }
            continue;
        }
        if (current.text.empty()) {
            current.punct_before = punct_pending || out.empty() || out.back().punct_after;
            punct_pending = false;
        }
        current.text.push_back(code);
        current.offset.push_back(at);
    }
    flush(static_cast<std::size_t>(length), true);
    return out;
}

class Finder {
public:
    Finder(std::vector<Eojeol> words, const std::vector<Mention>& kb_mentions, std::size_t begin,
           std::size_t end)
        : m_words(std::move(words)), m_taken(m_words.size(), false) {
        for (const auto& mention : kb_mentions) {
            if (mention.span.begin >= begin && mention.span.end <= end) {
                m_kb.push_back(&mention);
            }
        }
    }

    std::vector<KoreanName> run() {
        find_knowledge_base_names();
        find_titled_people();
        find_organisations();
        find_places();
        find_bare_names();
        std::sort(m_names.begin(), m_names.end(),
                  [](const auto& a, const auto& b) { return a.span.begin < b.span.begin; });
        return std::move(m_names);
    }

private:
    /// A Korean name without a title: three syllables, a surname and two syllables Korean given names are
    /// made of ("김민준은", "박서연이"), with a particle after it or a comma (a list of names). Common words
    /// of that shape are rare once both given-name syllables must come from the list.
    void find_bare_names() {
        // Syllables common in given names and rare as the end of a common word of this shape ("하", "상",
        // "자", "인", "화" are left out: 지원하, 동영상, 사용자, 변호인, 정상화).
        static const std::u32string k_given =
            U"민준서연지현우윤수영호진성희은혜경원석재훈태도예시주아정유빈동"
            U"혁승찬규환용명기범남미숙순옥란애한결나율채";
        static const auto k_not = word_set(
            {"이번", "이후", "이전", "이상", "이하", "이미", "이어", "정도", "정부", "조사", "조정", "한편",
             "전문", "전세", "안정", "장기", "주요", "주민", "고민", "문제", "신규", "유지", "이유", "이용",
             "이민", "정원", "정치", "기존", "기준", "서민", "임시", "주도", "한정", "방문", "도시"});
        for (std::size_t i = 0; i < m_words.size(); ++i) {
            if (m_taken[i]) {
                continue;
            }
            const auto& word = m_words[i].text;
            const auto stem_size = stem_length(word, 3);
            const auto stem = std::u32string_view(word).substr(0, stem_size);
            const bool marked = stem_size < word.size() || m_words[i].punct_after;
            if (stem.size() != 3 || !marked || !all_syllables(stem) || !is_korean_surname(stem) ||
                k_given.find(stem[1]) == std::u32string::npos ||
                k_given.find(stem[2]) == std::u32string::npos ||
                k_not.contains(std::u32string(stem.substr(0, 2))) ||
                k_not.contains(std::u32string(stem.substr(1)))) {
                continue;
            }
            add(i, 0, i, 3, ner::NameType::per, nullptr);
        }
    }

    /// A knowledge-base match that starts an eojeol and ends its stem (perhaps several eojeol later).
    void find_knowledge_base_names() {
        for (const auto* mention : m_kb) {
            const auto first = eojeol_starting_at(mention->span.begin);
            if (!first) {
                continue;
            }
            for (auto last = *first; last < m_words.size(); ++last) {
                const auto& w = m_words[last];
                if (mention->span.end > w.offset.back()) {
                    continue;
                }
                const auto cut = index_of(w, mention->span.end);
                const auto rest = cut ? std::u32string_view(w.text).substr(*cut) : std::u32string_view();
                // The rest is a particle, or another script ("习近平主席과": a Han title after a Han name).
                const bool whole = cut && (is_particle(rest) || !is_hangul(rest.front()));
                if (whole && !any_taken(*first, last)) {
                    add(with_given_name(*first, *mention), 0, last, *cut, type_of(mention->entity->type),
                        mention->entity);
                }
                break;
            }
        }
    }

    /// "도널드 트럼프" where the base matched "트럼프": the eojeol before joins when the two are an alias.
    std::size_t with_given_name(std::size_t first, const Mention& mention) const {
        if (first == 0 || m_words[first - 1].punct_after || mention.entity->type != EntityType::person) {
            return first;
        }
        const auto& before = m_words[first - 1].text;
        for (const auto& alias : mention.entity->aliases) {
            const auto name = code_points(alias);
            if (name.size() > before.size() + 1 && name.starts_with(before) && name[before.size()] == U' ') {
                return first - 1;
            }
        }
        return first;
    }

    /// People before a title ("이재명 대통령은", "시진핑 중국 국가주석과") or after one ("국가주석
    /// 시진핑은").
    void find_titled_people() {
        for (std::size_t i = 0; i < m_words.size(); ++i) {
            const auto& word = m_words[i].text;
            const auto stem = word.substr(0, stem_length(word, 1));
            const bool title =
                titles().contains(std::u32string(stem)) || titles().contains(word) || ends_with_title(stem);
            if (!title) {
                // A name with its honorific attached: "홍길동씨".
                if (word.size() >= 3 && word.size() <= 6) {
                    const auto cut = stem_length(word, 3);
                    const auto base = word.substr(0, cut);
                    if (base.ends_with(U"씨") && base.size() >= 3 && base.size() <= 5 && !m_taken[i]) {
                        try_person_word(i, base.size() - 1);
                    }
                }
                continue;
            }
            // Back over a country or organisation in between ("중국 국가주석", "외교부 장관"), at most two.
            std::size_t j = i;
            for (int skipped = 0; j > 0 && skipped < 3; ++skipped) {
                const auto& previous = m_words[j - 1];
                if (!(is_body(j - 1) || titles().contains(previous.text) ||
                      title_modifiers().contains(previous.text)) ||
                    previous.punct_after) {
                    break;
                }
                --j;
            }
            if (j > 0 && !m_words[j - 1].punct_after) {
                person_before(j - 1);
            }
            // A title before the name, bare: "국가주석 시진핑은".
            const bool named_before = j > 0 && m_taken[j - 1];
            if (leading_titles().contains(word) && !named_before && i + 1 < m_words.size() &&
                !m_words[i].punct_after && !m_taken[i + 1]) {
                const auto& next = m_words[i + 1].text;
                const auto cut = stem_length(next, 2);
                if (cut >= 2 && cut <= 4 && all_syllables(next.substr(0, cut)) &&
                    !not_names().contains(std::u32string(next.substr(0, cut))) &&
                    !titles().contains(std::u32string(next.substr(0, cut))) && !is_body(i + 1)) {
                    add(i + 1, 0, i + 1, cut, ner::NameType::per, nullptr);
                }
            }
        }
    }

    /// Eojeol `j`, right before a title (or the country/body before it), ends a person's name.
    void person_before(std::size_t j) {
        if (m_taken[j]) {
            return;
        }
        const auto& word = m_words[j].text;
        // "홍길동(45) 씨": the age in brackets is punctuation, the name the eojeol before it. A name right
        // before its title carries no particle ("교수들은 총장과" is not a name; "메르카도" ends in a
        // syllable that is a particle elsewhere, hence the short list).
        static const auto k_subject_particles =
            word_list({"들은", "들이", "들을", "은", "는", "을", "를", "에서", "에게"});
        const bool particle =
            std::any_of(k_subject_particles.begin(), k_subject_particles.end(),
                        [&](const auto& p) { return word.size() > p.size() + 1 && word.ends_with(p); });
        if (!all_syllables(word) || not_names().contains(word) || titles().contains(word) || is_body(j) ||
            (particle && !korean_name(word))) {
            return;
        }
        if (korean_name(word) &&
            (j == 0 || m_words[j - 1].punct_after || !bare_name_part(j - 1) || word.size() >= 3)) {
            add(j, 0, j, word.size(), ner::NameType::per, nullptr);
            // "김병기, 송언석 원내대표": names listed before one title.
            for (auto k = j;
                 k > 0 && m_words[k - 1].punct_after && korean_name(m_words[k - 1].text) && !m_taken[k - 1] &&
                 m_words[k - 1].offset.back() + 1 == m_words[k].offset.front() - 1;
                 --k) {
                add(k - 1, 0, k - 1, m_words[k - 1].text.size(), ner::NameType::per, nullptr);
            }
            return;
        }
        // A foreign name: up to three bare eojeol ("도널드 트럼프", "마크 카니", "다카이치 사나에"), the last
        // of two syllables or more ("이 회장", a surname and a title, names nobody in particular).
        if (word.size() < 2) {
            return;
        }
        std::size_t first = j;
        while (first > 0 && j - first < 2 && !m_words[first - 1].punct_after && bare_name_part(first - 1)) {
            --first;
        }
        // One eojeol shaped like a body ("아주사", "경제산업성", "국가안보회의"), a verb ("따르면", "비롯한")
        // or a word with its particle ("방송에서") is not a foreign name.
        static const std::u32string k_body_endings = U"사성부국청원처실단소관회당의";
        static const std::u32string k_verb_endings = U"해고며서한된던다면니게려록써는";
        if (k_body_endings.find(word.back()) != std::u32string::npos ||
            k_verb_endings.find(word.back()) != std::u32string::npos) {
            return;
        }
        add(first, 0, j, word.size(), ner::NameType::per, nullptr);
    }

    static bool korean_name(std::u32string_view word) {
        return word.size() >= 2 && word.size() <= 4 && all_syllables(word) && is_korean_surname(word) &&
               word[1] != U'모' && !not_names().contains(std::u32string(word)) &&
               !titles().contains(std::u32string(word));
    }

    /// A bare eojeol that can be part of a foreign name: Hangul only, no particle, not a common word.
    bool bare_name_part(std::size_t k) const {
        const auto& word = m_words[k].text;
        static const std::u32string k_verb_endings = U"해고며서한된던다면니게려록써는인을의은";
        return !m_taken[k] && all_syllables(word) && word.size() <= 6 && !not_names().contains(word) &&
               !titles().contains(word) && !is_body(k) && stem_length(word, 2) == word.size() &&
               k_verb_endings.find(word.back()) == std::u32string::npos;
    }

    /// A country, place or organisation standing between a name and its title.
    bool is_body(std::size_t k) const {
        const auto& word = m_words[k].text;
        if (known_orgs().contains(word) || known_places().contains(word) || org_ending(word)) {
            return true;
        }
        return std::any_of(m_kb.begin(), m_kb.end(), [&](const Mention* m) {
            return m->entity->type != EntityType::person && m->span.begin == m_words[k].offset.front() &&
                   m->span.end == m_words[k].offset.back();
        });
    }

    void try_person_word(std::size_t i, std::size_t length) {
        const auto& word = m_words[i].text;
        if (length >= 2 && length <= 4 && is_korean_surname(word) && word[1] != U'모') {
            add(i, 0, i, length, ner::NameType::per, nullptr);
        }
    }

    static std::optional<std::size_t> org_ending(std::u32string_view stem) {
        if (!all_syllables(stem.substr(0, 1)) || not_orgs().contains(std::u32string(stem))) {
            return std::nullopt;
        }
        for (const auto& ending : org_endings()) {
            const auto minimum = ending.size() == 1 ? 3 : ending.size() + 1;
            if (stem.size() >= minimum && stem.ends_with(ending)) {
                return ending.size();
            }
        }
        return std::nullopt;
    }

    void find_organisations() {
        for (std::size_t i = 0; i < m_words.size(); ++i) {
            if (m_taken[i]) {
                continue;
            }
            const auto& word = m_words[i].text;
            const auto stem = word.substr(0, stem_length(word, 2));
            std::optional<std::size_t> cut;
            if (known_orgs().contains(word) || org_ending(word)) {
                cut = word.size();
            } else if (known_orgs().contains(std::u32string(stem)) || org_ending(stem)) {
                cut = stem.size();
            }
            // "일본 정부", "중국 외교부": a country right before a government or ministry is part of it.
            const bool government = stem == U"정부";
            const bool after_country = i > 0 && !m_words[i - 1].punct_after && country_at(i - 1);
            if (government && after_country) {
                cut = stem.size();
            }
            if (!cut) {
                continue;
            }
            const bool after_org = i > 0 && !m_words[i - 1].punct_after && org_at(i - 1);
            if (after_org) {
                const auto begin = m_words[i - 1].offset.front();
                std::erase_if(m_names, [&](const KoreanName& n) { return n.span.begin == begin; });
                m_taken[i - 1] = false;
                add(i - 1, 0, i, *cut, ner::NameType::org, nullptr);
            } else if (after_country && (government || ministry(word.substr(0, *cut)))) {
                release(i - 1);
                add(i - 1, 0, i, *cut, ner::NameType::org, nullptr);
            } else {
                add(i, 0, i, *cut, ner::NameType::org, nullptr);
            }
        }
    }

    /// Eojeol `k` is a whole organisation name found by form or by the base, with no particle.
    bool org_at(std::size_t k) const {
        return std::any_of(m_names.begin(), m_names.end(), [&](const KoreanName& n) {
            return n.type == ner::NameType::org && n.span.begin == m_words[k].offset.front() &&
                   n.span.end == m_words[k].offset.back();
        });
    }

    static bool ministry(std::u32string_view stem) {
        return stem.ends_with(U"부") || stem.ends_with(U"청") || stem.ends_with(U"위원회") ||
               stem.ends_with(U"성");
    }

    bool country_at(std::size_t k) const {
        return std::any_of(m_names.begin(), m_names.end(), [&](const KoreanName& n) {
            return n.entity != nullptr && n.entity->type == EntityType::country &&
                   n.span.begin == m_words[k].offset.front() && n.span.end == m_words[k].offset.back();
        });
    }

    void find_places() {
        for (std::size_t i = 0; i < m_words.size(); ++i) {
            if (m_taken[i]) {
                continue;
            }
            const auto& word = m_words[i].text;
            for (const auto min_stem : {word.size(), std::size_t{2}}) {
                const auto length = min_stem == word.size() ? word.size() : stem_length(word, 2);
                const auto stem = std::u32string(word.substr(0, length));
                if (known_places().contains(stem) || place_form(stem)) {
                    add(i, 0, i, length, ner::NameType::loc, nullptr);
                    break;
                }
            }
        }
    }

    static bool place_form(std::u32string_view stem) {
        if (!all_syllables(stem) || not_places().contains(std::u32string(stem))) {
            return false;
        }
        for (const auto& ending : place_endings()) {
            if (stem.size() >= ending.size() + 2 && stem.ends_with(ending)) {
                const auto base = std::u32string(stem.substr(0, stem.size() - ending.size()));
                return known_places().contains(base) || stem.size() >= 3;
            }
        }
        return false;
    }

    std::optional<std::size_t> eojeol_starting_at(std::size_t byte) const {
        for (std::size_t k = 0; k < m_words.size(); ++k) {
            if (m_words[k].offset.front() == byte) {
                return k;
            }
        }
        return std::nullopt;
    }

    static std::optional<std::size_t> index_of(const Eojeol& w, std::size_t byte) {
        for (std::size_t k = 0; k < w.offset.size(); ++k) {
            if (w.offset[k] == byte) {
                return k;
            }
        }
        return std::nullopt;
    }

    bool any_taken(std::size_t first, std::size_t last) const {
        for (auto k = first; k <= last; ++k) {
            if (m_taken[k]) {
                return true;
            }
        }
        return false;
    }

    void release(std::size_t k) {
        const auto begin = m_words[k].offset.front();
        std::erase_if(m_names, [&](const KoreanName& n) { return n.span.begin == begin; });
        m_taken[k] = false;
    }

    static ner::NameType type_of(EntityType type) {
        switch (type) {
        case EntityType::person:
            return ner::NameType::per;
        case EntityType::org:
            return ner::NameType::org;
        case EntityType::country:
        case EntityType::place:
            return ner::NameType::loc;
        }
        return ner::NameType::misc;
    }

    /// Eojeol [first, last], the last cut after `end_char` characters.
    void add(std::size_t first, std::size_t first_char, std::size_t last, std::size_t end_char,
             ner::NameType type, const Entity* entity) {
        if (end_char == 0 || any_taken(first, last)) {
            return;
        }
        m_names.push_back(
            {{m_words[first].offset[first_char], m_words[last].offset[end_char]}, type, entity});
        for (auto k = first; k <= last; ++k) {
            m_taken[k] = true;
        }
    }

    std::vector<Eojeol> m_words;
    std::vector<bool> m_taken;
    std::vector<const Mention*> m_kb;
    std::vector<KoreanName> m_names;
};

} // namespace

bool is_hangul(char32_t c) {
    return is_syllable(c) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F);
}

std::vector<KoreanName> find_names(std::string_view text, std::size_t begin, std::size_t end,
                                   const std::vector<Mention>& kb_mentions) {
    return Finder(split_eojeol(text, begin, end), kb_mentions, begin, end).run();
}

} // namespace dateline::ko
