// The words the Korean name finder (korean_tagger.hpp) reads eojeol with: particles, titles and the words
// around them, surnames, organisation and place endings, and the common words that look like names. Lists
// are in code points; each is built once.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace dateline::ko {

using WordSet = std::unordered_set<std::u32string>;

[[nodiscard]] WordSet word_set(std::initializer_list<std::string_view> words);
/// Longest first.
[[nodiscard]] std::vector<std::u32string> word_list(std::initializer_list<std::string_view> words);

[[nodiscard]] bool is_syllable(char32_t c);
[[nodiscard]] bool all_syllables(std::u32string_view s);

/// Particles and endings that may follow a name inside its eojeol, longest first.
[[nodiscard]] const std::vector<std::u32string>& particles();
[[nodiscard]] bool is_particle(std::u32string_view rest);
/// The stem of an eojeol: the longest prefix whose remainder is a particle (the whole eojeol if none).
/// `min_stem` keeps a particle from eating a name ("왕이" stays whole unless asked).
[[nodiscard]] std::size_t stem_length(std::u32string_view word, std::size_t min_stem = 1);

/// Titles and honorifics that follow (or precede) a person's name.
[[nodiscard]] const WordSet& titles();
/// A word ending in a title ("제1차관", "외교위원장", "중국대사").
[[nodiscard]] bool ends_with_title(std::u32string_view word);
/// Words that may stand between a name and its title: "주한 중국대사", "프랑스 상원 외교위원장".
[[nodiscard]] const WordSet& title_modifiers();
/// Titles after which a bare eojeol is a name ("중국 국가주석 시진핑은").
[[nodiscard]] const WordSet& leading_titles();
/// Words that are never part of a name before a title: time words, adverbs, determiners.
[[nodiscard]] const WordSet& not_names();
/// Common Korean surnames (one syllable, or the two-syllable ones).
[[nodiscard]] bool is_korean_surname(std::u32string_view name);

/// Organisation endings (the stem must be longer than the ending), longest first.
[[nodiscard]] const std::vector<std::u32string>& org_endings();
/// Bodies known by name that the endings do not catch.
[[nodiscard]] const WordSet& known_orgs();
/// Words with an organisation ending that are not organisations.
[[nodiscard]] const WordSet& not_orgs();

/// Korean provinces and cities, North Korea's, and world cities often in the news.
[[nodiscard]] const WordSet& known_places();
/// Place endings (수원시, 팔달구) and facilities (인천공항).
[[nodiscard]] const std::vector<std::u32string>& place_endings();
[[nodiscard]] const WordSet& not_places();

} // namespace dateline::ko
