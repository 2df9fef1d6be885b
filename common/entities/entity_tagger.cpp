#include "entities/entity_tagger.hpp"

#include "entities/knowledge_base_matcher.hpp"
#include "entities/ko/korean_tagger.hpp"
#include "entities/mention_links.hpp"
#include "entities/mention_spans.hpp"
#include "entities/name_merge.hpp"
#include "entities/name_rules.hpp"
#include "entities/ner/ner_words.hpp"
#include "entities/scripts.hpp"
#include "entities/short_forms.hpp"
#include "entities/zh/chinese_tagger.hpp"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>

namespace dateline {

namespace {

/// Adds mentions of names the knowledge base lacks (model and rule names), giving each a canonical id and
/// one entity per id in the text, and remembers people's surnames for the short-form step.
class NewNames {
public:
    NewNames(const KnowledgeBase& kb, std::string_view text, const std::vector<Token>& tokens,
             const std::vector<std::string>& folded, TaggedText& out)
        : m_kb(kb), m_text(text), m_tokens(tokens), m_folded(folded), m_out(out) {}

    /// `span` covers tokens [first, last]. Without a name or id, they come from the span's words.
    void add(Span span, std::size_t first, std::size_t last, EntityType type, MentionHow how,
             std::string name = {}, std::string id = {}) {
        if (id.empty()) {
            std::vector<std::string> words(m_folded.begin() + static_cast<std::ptrdiff_t>(first),
                                           m_folded.begin() + static_cast<std::ptrdiff_t>(last) + 1);
            std::vector<bool> joined;
            for (auto k = first; k <= last; ++k) {
                joined.push_back(m_tokens[k].joined_to_next);
            }
            id = rule_entity_id(type, words, joined);
            name = std::string(m_text.substr(span.begin, span.end - span.begin));
        }
        const Entity* entity = m_kb.find_id(type, id);
        if (entity == nullptr) {
            auto& slot = m_by_id[std::string(entity_type_name(type)) + ":" + id];
            if (slot == nullptr) {
                Entity discovered;
                discovered.id = id;
                discovered.type = type;
                discovered.name = std::move(name);
                m_out.discovered.push_back(std::move(discovered));
                slot = &m_out.discovered.back();
            }
            entity = slot;
        }
        m_out.mentions.push_back({span, m_tokens[first].sentence, entity, how, false});
        if (type == EntityType::person && last > first) {
            // East Asian names put the surname first ("Kim" for Kim Hye-kyung), others last.
            const auto surname = is_east_asian_surname(m_folded[first]) ? first : last;
            auto& owners = m_article_short[m_folded[surname]];
            if (std::none_of(owners.begin(), owners.end(),
                             [&](const auto& o) { return o.entity == entity; })) {
                owners.push_back({entity, false});
            }
        }
    }

    [[nodiscard]] const std::unordered_map<std::string, std::vector<ShortOwner>>& article_short() const {
        return m_article_short;
    }

private:
    const KnowledgeBase& m_kb;
    std::string_view m_text;
    const std::vector<Token>& m_tokens;
    const std::vector<std::string>& m_folded;
    TaggedText& m_out;
    std::unordered_map<std::string, const Entity*> m_by_id;
    std::unordered_map<std::string, std::vector<ShortOwner>> m_article_short;
};

/// A news agency named as the story's credit is not a mention of it: the sign-off alone on the last line
/// ("Reuter", "-- AP") and the dateline's credit ("SEOUL (Yonhap) -"). Reuters-21578 ends 18,848 of its
/// 20,841 stories with "Reuter", which the name model took for a person.
bool is_credit_line(std::string_view text, Span span) {
    const auto decoration = [](char c) {
        return std::isspace(static_cast<unsigned char>(c)) || std::ispunct(static_cast<unsigned char>(c));
    };
    auto line_start = text.rfind('\n', span.begin == 0 ? 0 : span.begin - 1);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    const auto before = text.substr(line_start, span.begin - line_start);
    const auto after = text.substr(span.end);
    const bool set_apart = std::all_of(before.begin(), before.end(), decoration) || before.ends_with("  ") ||
                           before.ends_with('\t'); // alone on its line, or spaced off the last line's text
    if (set_apart && std::all_of(after.begin(), after.end(), decoration)) {
        return true; // the sign-off
    }
    // "SEOUL (Yonhap) -" or "TOKYO, Nov 3 (Reuters) -": capitals and a date before, a dash after.
    if (before.empty() || before.back() != '(' || !after.starts_with(")")) {
        return false;
    }
    const auto place = before.substr(0, before.size() - 1);
    const auto first_word = place.substr(0, place.find_first_of(" ,"));
    const bool capitals_first =
        !first_word.empty() && std::isupper(static_cast<unsigned char>(first_word.front())) &&
        std::none_of(first_word.begin(), first_word.end(),
                     [](char c) { return std::islower(static_cast<unsigned char>(c)); });
    const auto rest = after.substr(1, 4);
    return capitals_first && place.size() <= 40 &&
           (rest.starts_with(" -") || rest.starts_with(" \xe2\x80\x94") || rest.starts_with(" \xe2\x80\x93"));
}

EntityType entity_type_for(ner::NameType type, const Entity* entity) {
    if (entity != nullptr) {
        return entity->type;
    }
    switch (type) {
    case ner::NameType::per:
        return EntityType::person;
    case ner::NameType::org:
        return EntityType::org;
    default:
        return EntityType::place;
    }
}

/// A one-word name the model found ("Lee", "Trump", "Ishiba"): short forms are linked first.
struct LoneName {
    std::size_t token;
    std::size_t end;
    EntityType type;
};

/// Drops the sentences whose words all lie in Chinese or Korean text (`cjk`): theirs, not the English name
/// model's (their marks may stand outside).
void drop_sentences_within(const std::vector<CjkRange>& cjk, std::string_view text,
                           std::vector<ner::Sentence>& sentences) {
    const auto in_cjk = [&](std::size_t at) {
        const auto after = std::upper_bound(cjk.begin(), cjk.end(), at,
                                            [](std::size_t a, const CjkRange& r) { return a < r.begin; });
        return after != cjk.begin() && at < std::prev(after)->end;
    };
    std::erase_if(sentences, [&](const ner::Sentence& sentence) {
        return !sentence.empty() &&
               std::none_of(sentence.begin(), sentence.end(), [&](const ner::Word& word) {
                   const auto at = static_cast<std::size_t>(word.text.data() - text.data());
                   return !word.text.empty() && std::isalnum(static_cast<unsigned char>(word.text[0])) &&
                          !in_cjk(at);
               });
    });
}

/// Step 3: names by rule (name_rules.hpp) on the tokens nothing claimed. An organisation name may take in a
/// place or country before it ("U.S. Agriculture Department", "Gyeongju National Museum"); that mention
/// stays, nested in the organisation's.
void add_rule_names(std::string_view text, const std::vector<Token>& tokens,
                    const std::vector<std::string>& folded, const KnowledgeBase& kb,
                    const std::vector<bool>& absorbable, std::vector<bool>& claimed, const TaggedText& out,
                    NewNames& found) {
    for (const auto& rule : find_rule_names(text, tokens, folded, claimed, absorbable, kb.given_names())) {
        const Span span{tokens[rule.first_token].span.begin, tokens[rule.last_token].span.end};
        const bool in_other_name = overlaps_any(out.other_names, span);
        if (in_other_name && rule.type != EntityType::person) {
            continue; // "Davis Cup" is an event, not an organisation; a person's title or age still counts
        }
        if (only_in_capitals(text, tokens, rule.first_token, rule.last_token)) {
            continue; // "KENYAN LEADER APPEALS FOR ...": a headline's words after a title are not a name
        }
        found.add(span, rule.first_token, rule.last_token, rule.type, MentionHow::rule, rule.name, rule.id);
        for (auto k = rule.first_token; k <= rule.last_token; ++k) {
            claimed[k] = true;
        }
    }
}

/// A one-word name the model found that no short form claimed is a name of its own, unless it is a short
/// form the knowledge base or the article knows, or a common Korean or Chinese surname: then several people
/// could be meant and it is not guessed.
void add_lone_names(const std::vector<LoneName>& lone_names, const std::vector<Token>& tokens,
                    const std::vector<std::string>& folded, const ShortForms& known,
                    const std::vector<Mention>& mentions, NewNames& found) {
    const CoveredPositions covered(mentions);
    for (const auto& [token, end, type] : lone_names) {
        const bool linked = covered.contains(tokens[token].span.begin);
        const auto& word = folded[token];
        const bool could_be_many = known.contains(word) || found.article_short().contains(word) ||
                                   (type == EntityType::person && is_east_asian_surname(word));
        if (!linked && !could_be_many) {
            found.add({tokens[token].span.begin, end}, token, token, type, MentionHow::model);
        }
    }
}

/// The last touches: credit lines are not mentions, MISC names a mention crosses go, acronyms link to their
/// names, organisations take in the country before them; then text order (of two mentions starting
/// together, the enclosing one first).
void finish_mentions(std::string_view text, const std::vector<Token>& tokens, TaggedText& out) {
    std::erase_if(out.mentions, [&](const Mention& m) {
        return m.entity->description == "news agency" && is_credit_line(text, m.span);
    });
    drop_names_crossed_by_mentions(out.other_names, out.mentions);
    link_acronyms(text, tokens, out);
    extend_organisations_over_countries(text, out.mentions);
    std::sort(out.mentions.begin(), out.mentions.end(), [](const Mention& a, const Mention& b) {
        return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end > b.span.end;
    });
}

/// The knowledge base's matches (steps 1 and 1b) sorted by start, for the names of step 2 to meet: a name
/// cannot overlap one an earlier name removed or added, since names do not overlap each other.
class SortedMatches {
public:
    explicit SortedMatches(const std::vector<Mention>& mentions) : m_matches(mentions) {
        std::sort(m_matches.begin(), m_matches.end(),
                  [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
        for (const auto& m : m_matches) {
            m_longest = std::max(m_longest, m.span.end - m.span.begin);
        }
    }

    /// The matches `span` overlaps, in text order.
    [[nodiscard]] std::vector<const Mention*> overlapping(Span span) const {
        std::vector<const Mention*> out;
        const auto upper =
            std::lower_bound(m_matches.begin(), m_matches.end(), span.end,
                             [](const Mention& m, std::size_t at) { return m.span.begin < at; });
        for (auto it = upper; it != m_matches.begin();) {
            --it;
            if (it->span.begin + m_longest <= span.begin) {
                break;
            }
            if (span.begin < it->span.end) {
                out.insert(out.begin(), &*it);
            }
        }
        return out;
    }

private:
    std::vector<Mention> m_matches;
    std::size_t m_longest = 0;
};

} // namespace

struct EntityTagger::Impl {
    const KnowledgeBase& kb;
    Tokenizer tokenizer;
    KnowledgeBaseMatcher matcher;
    const ner::Model* model;
    mutable std::optional<ner::NameTagger> names; ///< the statistical tagger; scratch buffers, hence mutable
    /// The Chinese tagger, made when the first Han sentence comes (its model is 10 MB in memory).
    mutable std::optional<zh::ChineseTagger> chinese;

    Impl(const KnowledgeBase& knowledge_base, const ner::Model* name_model)
        : kb(knowledge_base), matcher(knowledge_base), model(name_model) {
        if (model != nullptr) {
            names.emplace(*model);
        }
    }

    /// Step 1b: Chinese and Korean text, read by their own taggers. Their names replace the knowledge
    /// base's matches in that text except where the two agree (then the base's entity is kept); a known
    /// person the Chinese tagger missed stays.
    /// Returns the ranges read; their tokens are claimed, so that no later step reads them again.
    zh::ChineseTagger* chinese_tagger() const {
        if (!chinese && zh::builtin_model() != nullptr) {
            chinese.emplace(*zh::builtin_model());
        }
        return chinese ? &*chinese : nullptr;
    }

    std::vector<CjkRange> tag_cjk(std::string_view text, const std::vector<Token>& tokens, TaggedText& out,
                                  std::vector<bool>& claimed, NewNames& found) const {
        auto ranges = cjk_ranges(text, tokens); // in text order, apart
        if (ranges.empty()) {
            return ranges;
        }
        // Each range meets only the knowledge base's matches inside it (step 1 leaves them in text order):
        // a long article costs what its sentences cost, not their product.
        const std::vector<Mention> kb_mentions = out.mentions;
        const auto by_begin = [](const Mention& m, std::size_t at) { return m.span.begin < at; };
        std::vector<std::vector<ko::KoreanName>> range_names(ranges.size());
        std::vector<bool> read(ranges.size(), false);
        std::vector<MentionHow> how(ranges.size(), MentionHow::rule);
        for (std::size_t r = 0; r < ranges.size(); ++r) {
            const auto& range = ranges[r];
            const std::vector<Mention> inside(
                std::lower_bound(kb_mentions.begin(), kb_mentions.end(), range.begin, by_begin),
                std::lower_bound(kb_mentions.begin(), kb_mentions.end(), range.end, by_begin));
            if (range.korean) {
                range_names[r] = ko::find_names(text, range.begin, range.end, inside);
            } else if (chinese_tagger() != nullptr) {
                auto chars = zh::characters(text, range.begin, range.end);
                zh::mark_knowledge_base(chars, inside);
                for (const auto& span : chinese_tagger()->tag(chars)) {
                    range_names[r].push_back(
                        {{chars[span.first].begin, chars[span.last - 1].end}, span.type, nullptr});
                }
                how[r] = MentionHow::model;
            } else {
                continue; // a build without the Chinese model: the knowledge base's matches stand
            }
            read[r] = true;
        }
        std::erase_if(out.mentions, [&](const Mention& m) {
            const auto after =
                std::upper_bound(ranges.begin(), ranges.end(), m.span.begin,
                                 [](std::size_t at, const CjkRange& r) { return at < r.begin; });
            if (after == ranges.begin()) {
                return false;
            }
            const auto r = static_cast<std::size_t>(after - ranges.begin()) - 1;
            return read[r] && m.span.end <= ranges[r].end && has_cjk_letters(surface_of(text, m.span)) &&
                   contradicted(m, range_names[r], ranges[r].korean);
        });
        for (std::size_t r = 0; r < ranges.size(); ++r) {
            if (!read[r]) {
                continue;
            }
            for (const auto& name : range_names[r]) {
                add_cjk_name(text, tokens, name, how[r], out, found);
            }
            for (std::size_t k = token_at(tokens, ranges[r].begin);
                 k < tokens.size() && tokens[k].span.begin < ranges[r].end; ++k) {
                claimed[k] = true;
            }
        }
        return ranges;
    }

    /// True if the knowledge base's match `m` (Han or Hangul) gives way to the language's `cjk_names`: it
    /// crosses one or lies inside one (Chinese and Korean range_names are flat: "中国" in "中国外交部"), or
    /// no name covers it (but a known person the Chinese tagger missed stays). A match equal to a name lends
    /// it its entity and gives way to it.
    static bool contradicted(const Mention& m, std::vector<ko::KoreanName>& cjk_names, bool korean) {
        for (auto& name : cjk_names) {
            if (name.span.begin == m.span.begin && name.span.end == m.span.end) {
                name.entity = m.entity;
                return true; // added again, with the name
            }
            if (m.span.begin < name.span.end && name.span.begin < m.span.end) {
                return true;
            }
        }
        return !(m.entity->type == EntityType::person && !korean);
    }

    void add_cjk_name(std::string_view text, const std::vector<Token>& tokens, const ko::KoreanName& name,
                      MentionHow how, TaggedText& out, NewNames& found) const {
        const auto surface = std::string(surface_of(text, name.span));
        const auto token = token_at(tokens, name.span.begin);
        const Entity* entity = name.entity;
        if (entity == nullptr) {
            for (const auto* candidate : kb.resolve(surface)) {
                const bool fits =
                    name.type == ner::NameType::per ? candidate->type == EntityType::person
                    : name.type == ner::NameType::org
                        ? candidate->type == EntityType::org
                        : candidate->type == EntityType::country || candidate->type == EntityType::place;
                if (fits) {
                    entity = candidate;
                    break;
                }
            }
        }
        if (entity != nullptr) {
            out.mentions.push_back({name.span, tokens[token].sentence, entity,
                                    entity->name == surface ? MentionHow::name : MentionHow::alias, false});
            return;
        }
        found.add(name.span, token, token, entity_type_for(name.type, nullptr), how, surface,
                  normalize_term(surface));
    }

    /// Step 2: the statistical tagger's names, merged with the knowledge base's matches by the rules of
    /// name_merge.hpp. Returns the one-word names, which wait for the short forms.
    std::vector<LoneName> merge_model_names(std::string_view text, const std::vector<Token>& tokens,
                                            const std::vector<std::string>& folded,
                                            std::vector<ner::Sentence> sentences, TaggedText& out,
                                            std::vector<bool>& claimed, NewNames& found) const {
        auto model_names =
            find_model_names(text, std::move(sentences), out.mentions, kb.given_names(), *names);
        mend_model_names(text, tokens, model->lexicon(), out.mentions, model_names);
        extend_people_over_first_names(text, out.mentions, model_names);
        const SortedMatches matches(out.mentions);
        std::vector<LoneName> lone_names;
        for (const auto& name : model_names) {
            merge_model_name(text, tokens, folded, name, matches.overlapping(name.span), out, claimed, found,
                             lone_names);
        }
        return lone_names;
    }

    /// One name of the model: dropped, or added beside, around or instead of the matches it overlaps.
    void merge_model_name(std::string_view text, const std::vector<Token>& tokens,
                          const std::vector<std::string>& folded, const ModelName& name,
                          const std::vector<const Mention*>& overlapping, TaggedText& out,
                          std::vector<bool>& claimed, NewNames& found,
                          std::vector<LoneName>& lone_names) const {
        // (named, not a structured binding: clang 14 cannot capture one in the lambda below)
        const auto within = tokens_within(tokens, name.span);
        const auto first = within.first;
        const auto last = within.second;
        if (first > last) {
            return; // punctuation only
        }
        const auto words = [&](auto&& predicate) {
            return std::all_of(folded.begin() + static_cast<std::ptrdiff_t>(first),
                               folded.begin() + static_cast<std::ptrdiff_t>(last) + 1, predicate);
        };
        // "Lee-Trump talks": a compound of names the knowledge base knows is not a new name.
        const bool known_compound =
            first < last && words([&](const std::string& w) { return matcher.short_forms().contains(w); });
        if (known_compound && tokens[first].joined_to_next) {
            return;
        }
        const auto action = merge_action(text, name, overlapping);
        if (action == MergeAction::keep_matches ||
            (action == MergeAction::add &&
             capitalised_common_words(text, tokens, first, last, model->lexicon()))) {
            return;
        }
        if (action == MergeAction::replace || action == MergeAction::add_around) {
            std::erase_if(out.mentions, [&](const Mention& m) {
                return m.span.begin >= name.span.begin && m.span.end <= name.span.end &&
                       !(action == MergeAction::add_around && kept_inside(name, m));
            });
        }
        const auto type = entity_type_of(name.type);
        // A title alone is not a person ("Chancellor of the Exchequer Nigel Lawson", "Sen.").
        if (type == EntityType::person && words([](const std::string& w) { return is_person_title(w); })) {
            return;
        }
        for (auto k = first; k <= last && type; ++k) {
            claimed[k] = true; // MISC names claim nothing: a rule may still see a person there
        }
        if (!type) {
            out.other_names.push_back({name.span, tokens[first].sentence});
        } else if (first == last && action == MergeAction::add) {
            claimed[first] = false;
            lone_names.push_back({first, name.span.end, *type});
        } else {
            found.add(name.span, first, last, *type, MentionHow::model);
        }
    }
};

EntityTagger::EntityTagger(const KnowledgeBase& knowledge_base, const ner::Model* model)
    : m_impl(std::make_unique<Impl>(knowledge_base, model)) {}
EntityTagger::~EntityTagger() = default;

TaggedText EntityTagger::tag(std::string_view text) {
    const auto tokens = m_impl->tokenizer.tokenize(text);
    return tag(text, tokens);
}

std::vector<Mention> EntityTagger::knowledge_base_mentions(std::string_view text,
                                                           const std::vector<Token>& tokens) const {
    std::vector<Mention> mentions;
    std::vector<bool> claimed(tokens.size(), false);
    std::vector<bool> absorbable(tokens.size(), false);
    m_impl->matcher.match(text, tokens, folded_terms(tokens), mentions, claimed, absorbable);
    return mentions;
}

TaggedText EntityTagger::tag(std::string_view text, const std::vector<Token>& tokens) const {
    return tag(text, tokens, name_tagger_sentences(text, tokens));
}

TaggedText EntityTagger::tag(std::string_view text, const std::vector<Token>& tokens,
                             std::vector<ner::Sentence> sentences) const {
    const auto& impl = *m_impl;
    TaggedText out;
    const auto folded = folded_terms(tokens);
    std::vector<bool> claimed(tokens.size(), false);
    std::vector<bool> absorbable(tokens.size(), false);
    // Step 1: the knowledge base.
    impl.matcher.match(text, tokens, folded, out.mentions, claimed, absorbable);
    NewNames found(impl.kb, text, tokens, folded, out);
    // Step 1b: Chinese and Korean text; the English name model reads the rest.
    const auto cjk = impl.tag_cjk(text, tokens, out, claimed, found);
    drop_sentences_within(cjk, text, sentences);
    // Step 2: the statistical tagger, merged with the knowledge base's matches (name_merge.hpp).
    std::vector<LoneName> lone_names;
    if (impl.names) {
        lone_names = impl.merge_model_names(text, tokens, folded, std::move(sentences), out, claimed, found);
    }
    // Step 3: rules, on what neither the base nor the model claimed.
    add_rule_names(text, tokens, folded, impl.kb, absorbable, claimed, out, found);
    // Step 4: short forms, then the one-word names the model found that no short form claimed.
    link_short_forms(text, tokens, folded, claimed, impl.matcher.short_forms(), found.article_short(),
                     out.mentions);
    add_lone_names(lone_names, tokens, folded, impl.matcher.short_forms(), out.mentions, found);
    finish_mentions(text, tokens, out);
    return out;
}

std::string annotate(std::string_view text, const TaggedText& tagged) {
    std::string out;
    std::size_t at = 0;
    for (const auto& mention : tagged.mentions) {
        if (mention.span.begin < at) {
            continue;
        }
        out.append(text.substr(at, mention.span.begin - at));
        std::string type(entity_type_name(mention.entity->type));
        for (auto& c : type) {
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        const auto surface = surface_of(text, mention.span);
        out += "[" + type + " " + std::string(surface);
        if (surface != mention.entity->name) {
            out += "=" + mention.entity->name;
        }
        out += "]";
        at = mention.span.end;
    }
    out.append(text.substr(at));
    return out;
}

} // namespace dateline
