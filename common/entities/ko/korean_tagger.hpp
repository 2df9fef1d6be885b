// The Korean name finder: rules over eojeol (the space-separated words of Korean, each a stem and its
// particles), since no labelled Korean training set is available offline.
//
//   1. knowledge-base names (Hangul aliases matched by step 1 of the tagger) count only where they make a
//      whole eojeol or its stem: they start where an eojeol starts and end at its end or before a particle
//      (이란 in 것이란, 인도 in 본인도 are not names);
//   2. people introduced by a title or honorific that follows them, perhaps with a country or an organisation
//      in between ("이재명 대통령은", "시진핑 중국 국가주석과", "조현 외교부 장관", "허윤미 씨", "도널드
//      트럼프 미국 대통령"), or that follows a title ("중국 국가주석 시진핑은"): a Korean name is a known
//      surname and one to three syllables; a foreign name is up to three bare eojeol;
//   3. organisations by their form: ministries and agencies (외교부, 국세청), companies and groups (삼성전자,
//      현대자동차, ...그룹), banks, universities, parties, courts, prosecutors, police, broadcasters and
//      papers, committees (위원회); a country right before a ministry or 정부 is part of it ("중국 외교부");
//   4. places: a gazetteer of Korean provinces and cities and major world cities, administrative suffixes
//      (수원시, 팔달구), and facilities (인천공항, 서울역, 문막휴게소).
// Spans never include particles or titles; numbers, dates and anonymised names (김모 씨, A씨) are not names.
#pragma once

#include "entities/entity.hpp"
#include "entities/ner/ner_types.hpp"

#include <string_view>
#include <vector>

namespace dateline::ko {

struct KoreanName {
    Span span; ///< bytes in the caller's text, particles and titles excluded
    ner::NameType type = ner::NameType::per;
    const Entity* entity = nullptr; ///< the knowledge-base entity, where the name is one of its names
};

/// The names in `text[begin, end)` (one sentence, valid UTF-8), in text order, not overlapping.
/// `kb_mentions` are the knowledge base's matches in `text` (any outside the range are ignored).
[[nodiscard]] std::vector<KoreanName> find_names(std::string_view text, std::size_t begin, std::size_t end,
                                                 const std::vector<Mention>& kb_mentions);

/// True for a Hangul syllable or jamo.
[[nodiscard]] bool is_hangul(char32_t c);

} // namespace dateline::ko
