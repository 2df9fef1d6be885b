#include "store/document_builder.hpp"

#include "store/article_identity.hpp"
#include "store/schema.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

#include <unicode/utf8.h>

#include <unordered_map>

namespace dateline {

namespace {

/// Splits a UTF-8 string into its code points, as strings.
std::vector<std::string_view> code_points(std::string_view text) {
    std::vector<std::string_view> out;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        const int32_t start = i;
        U8_FWD_1(s, i, length);
        out.push_back(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
    return out;
}

} // namespace

std::string tagged_text(const Article& article) {
    return article.title + "\n\n" + article.text;
}

DocumentBuilder::DocumentBuilder(const KnowledgeBase& knowledge_base, const ner::Model* model)
    : m_tagger(knowledge_base, model), m_stemmer("english"), m_stems(std::size_t{1} << 15) {}

const std::string& DocumentBuilder::stem(const std::string& word) {
    return stem(word, util::fnv1a64(word));
}

const std::string& DocumentBuilder::stem(const std::string& word, std::uint64_t hash) {
    auto& slot = m_stems[hash & (m_stems.size() - 1)];
    if (slot.hash != hash || slot.word != word) {
        slot.hash = hash;
        slot.word = word;
        slot.stem = m_stemmer(word);
    }
    return slot.stem;
}

void DocumentBuilder::index_tokens(Xapian::Document& document, const Token* tokens, std::size_t count,
                                   std::string_view prefix, Xapian::termpos first_position) {
    const std::string p(prefix);
    Xapian::termpos position = first_position;
    std::size_t table_size = 16;
    while (table_size < 2 * count) {
        table_size *= 2;
    }
    m_stem_counts.assign(table_size, StemCount{});
    m_stem_order.clear();
    const auto count_stem = [&](const std::string& word) {
        const auto hash = util::fnv1a64(word);
        auto at = static_cast<std::size_t>(hash) & (table_size - 1);
        while (m_stem_counts[at].word != nullptr &&
               (m_stem_counts[at].hash != hash || *m_stem_counts[at].word != word)) {
            at = (at + 1) & (table_size - 1);
        }
        auto& slot = m_stem_counts[at];
        if (slot.word == nullptr) {
            slot = {hash, &word, 0};
            m_stem_order.push_back(static_cast<std::uint32_t>(at));
        }
        ++slot.count;
    };
    std::string cjk_previous; // last code point of the current CJK run, for the bigram that spans two words
    std::size_t cjk_run_end = std::string::npos;
    for (std::size_t i = 0; i < count; ++i) {
        const auto& token = tokens[i];
        if (token.kind == TokenKind::cjk) {
            // Unigrams with positions and bigrams without, exactly as Xapian's FLAG_CJK_NGRAM, so that
            // QueryParser's CJK queries match. A run continues across adjacent CJK words.
            if (token.span.begin != cjk_run_end) {
                cjk_previous.clear();
            }
            for (const auto cp : code_points(token.term)) {
                document.add_posting(p + std::string(cp), position++);
                if (!cjk_previous.empty()) {
                    document.add_term(p + cjk_previous + std::string(cp));
                }
                cjk_previous = cp;
            }
            cjk_run_end = token.span.end;
            continue;
        }
        if (p.empty()) {
            document.add_posting(token.term, position); // no copy of the term for the body
        } else {
            document.add_posting(p + token.term, position);
        }
        if (token.kind == TokenKind::word) {
            count_stem(token.term);
        }
        if (token.joined_to_next && i + 1 < count) {
            // "Jae-myung" is also findable as "Jaemyung".
            const auto joined = token.term + tokens[i + 1].term;
            document.add_posting(p + joined, position);
            document.add_term(std::string(schema::k_stem) + p + stem(joined));
        }
        ++position;
    }
    for (const auto at : m_stem_order) {
        const auto& counted = m_stem_counts[at];
        document.add_term(std::string(schema::k_stem) + p + stem(*counted.word, counted.hash), counted.count);
    }
}

BuiltDocument DocumentBuilder::build(const Article& article) {
    Xapian::Document document;
    const auto identity = article_identity(article);
    const auto id_term = schema::id_term(identity);
    document.add_boolean_term(id_term);

    // One pass of the tokenizer serves indexing and tagging: title tokens end before the blank line.
    const auto text = tagged_text(article);
    const auto tokens = m_tokenizer.tokenize(text);
    std::size_t title_count = 0;
    while (title_count < tokens.size() && tokens[title_count].span.end <= article.title.size()) {
        ++title_count;
    }
    index_tokens(document, tokens.data(), title_count, "", 1);
    index_tokens(document, tokens.data(), title_count, schema::k_title, 1);
    index_tokens(document, tokens.data() + title_count, tokens.size() - title_count, "",
                 schema::k_body_first_position);

    const auto tagged = m_tagger.tag(text, tokens);
    const auto compact_day = article.date ? format_compact_day(*article.date) : std::string{};
    std::vector<schema::StoredEntity> entities;
    std::vector<schema::StoredMention> mentions;
    std::unordered_map<const Entity*, std::uint32_t> entity_index;
    for (const auto& mention : tagged.mentions) {
        const auto [it, added] =
            entity_index.emplace(mention.entity, static_cast<std::uint32_t>(entities.size()));
        if (added) {
            entities.push_back({mention.entity->id,
                                mention.entity->type,
                                util::without_controls(mention.entity->name),
                                0,
                                {}});
        }
        auto& stored = entities[it->second];
        ++stored.mentions;
        if (stored.sentences.empty() || stored.sentences.back() != mention.sentence) {
            stored.sentences.push_back(mention.sentence); // mentions come in text order
        }
        mentions.push_back({it->second, static_cast<std::uint32_t>(mention.span.begin),
                            static_cast<std::uint32_t>(mention.span.end), mention.sentence, mention.how,
                            mention.ambiguous});
    }
    for (const auto& entity : entities) {
        // The wdf is the number of mentions, so term statistics count mentions. No positions: which
        // sentences an entity is in is kept in the entities slot, where every aggregation reads it.
        const auto term = schema::entity_term(entity.type, entity.id);
        document.add_term(term, entity.mentions);
        if (article.date) {
            document.add_term(schema::entity_day_term(term, compact_day), entity.mentions);
        }
    }

    std::string source_term;
    if (!article.source.empty()) {
        source_term = schema::source_term(article.source);
        document.add_boolean_term(source_term);
    }
    std::string iso_date;
    if (article.date) {
        const auto& compact = compact_day;
        document.add_boolean_term(std::string(schema::k_day) + compact);
        document.add_boolean_term(std::string(schema::k_month) + compact.substr(0, 6));
        document.add_boolean_term(std::string(schema::k_year) + compact.substr(0, 4));
        document.add_value(schema::slot(schema::Slot::date), compact);
        document.add_value(schema::slot(schema::Slot::month), compact.substr(0, 6));
        iso_date = format_iso_day(*article.date);
    } else {
        document.add_boolean_term(std::string(schema::k_no_date));
    }
    const auto sentences = tokens.empty() ? 0u : tokens.back().sentence + 1;
    document.add_value(schema::slot(schema::Slot::entities),
                       schema::encode_entity_slot(entities, sentences, compact_day));
    document.add_value(schema::slot(schema::Slot::content_hash), content_hash(article));
    schema::store_article(document, {identity, article.url, article.title, iso_date, article.source,
                                     article.text, entities, mentions});
    return {std::move(document), id_term, source_term, article.source, std::move(entities)};
}

} // namespace dateline
