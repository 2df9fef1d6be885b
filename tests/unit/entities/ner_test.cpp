#include "entities/knowledge_base.hpp"
#include "entities/name_merge.hpp"
#include "entities/ner/ner_model.hpp"
#include "entities/ner/ner_words.hpp"
#include "readers/conll_reader.hpp"
#include "test_support.hpp"
#include "training/conll_corpus.hpp"
#include "training/lexicon_builder.hpp"
#include "training/ner_training.hpp"
#include "training/word_clusters.hpp"
#include "util/errors.hpp"
#include "util/hash.hpp"

#include <doctest/doctest.h>

#include <limits>

#include <cstring>
#include <deque>
#include <map>
#include <sstream>
#include <unordered_map>

using namespace dateline;
using dateline::testing::TempDir;

namespace {

std::string words_of(const std::vector<ner::Sentence>& sentences) {
    std::string out;
    for (const auto& sentence : sentences) {
        for (const auto& word : sentence) {
            out += std::string(word.text) + "|";
        }
        out += "\n";
    }
    return out;
}

/// A small CoNLL file written for these tests: a few templates over a few names, IOB1 as in eng.train.
std::string fixture_conll(bool held_out = false) {
    const std::vector<std::string> people =
        held_out ? std::vector<std::string>{"Peter Brown", "Nadia Petrova"}
                 : std::vector<std::string>{"John Smith", "Mary Jones", "Ahmed Khan", "Carlos Ruiz"};
    const std::vector<std::string> places = held_out ? std::vector<std::string>{"Quito", "Oslo"}
                                                     : std::vector<std::string>{"Paris", "Lagos", "Lima"};
    const std::vector<std::string> orgs = held_out ? std::vector<std::string>{"Initech Corp"}
                                                   : std::vector<std::string>{"Acme Corp", "Globex Corp"};
    const auto name = [](const std::string& words, const std::string& type) {
        std::string out;
        std::istringstream in(words);
        for (std::string word; in >> word;) {
            out += word + " NNP I-NP I-" + type + "\n";
        }
        return out;
    };
    const auto plain = [](const std::string& words) {
        std::string out;
        std::istringstream in(words);
        for (std::string word; in >> word;) {
            out += word + " XX O O\n";
        }
        return out;
    };
    std::string out;
    for (const auto& person : people) {
        for (const auto& place : places) {
            for (const auto& org : orgs) {
                out +=
                    name(person, "PER") + plain("visited") + name(place, "LOC") + plain("on Monday .") + "\n";
                out += name(org, "ORG") + plain("said") + name(person, "PER") + plain("will lead it in") +
                       name(place, "LOC") + plain(".") + "\n";
            }
        }
        out += "-DOCSTART- -X- O O\n\n";
    }
    return out;
}

LabeledCorpus read_fixture(const TempDir& dir, const std::string& name, bool held_out) {
    const auto path = dir.write(name, fixture_conll(held_out));
    return read_labeled_conll(path.string(), KnowledgeBase::builtin(), [](const std::string&) {});
}

/// Replaces the checksum of model bytes, so a test can change a field and reach the check behind it.
std::string with_checksum(std::string bytes) {
    const auto hash = util::fnv1a64(std::string_view(bytes).substr(0, bytes.size() - 8));
    std::memcpy(bytes.data() + bytes.size() - 8, &hash, 8);
    return bytes;
}

} // namespace

TEST_CASE("common::ner tags and decoding") {
    using ner::NameType;
    SUBCASE("BILOU tags and names convert both ways") {
        const std::vector<ner::NameSpan> names = {
            {0, 2, NameType::per}, {3, 4, NameType::loc}, {5, 8, NameType::org}};
        const auto tags = ner::tags_of(names, 9);
        CHECK(tags[0] == ner::make_tag(NameType::per, ner::Position::begin));
        CHECK(tags[1] == ner::make_tag(NameType::per, ner::Position::last));
        CHECK(tags[3] == ner::make_tag(NameType::loc, ner::Position::unit));
        CHECK(tags[6] == ner::make_tag(NameType::org, ner::Position::inside));
        CHECK(ner::spans_of(tags) == names);
    }
    SUBCASE("BILOU constraints") {
        const auto b_per = ner::make_tag(NameType::per, ner::Position::begin);
        const auto l_per = ner::make_tag(NameType::per, ner::Position::last);
        const auto l_org = ner::make_tag(NameType::org, ner::Position::last);
        CHECK(ner::allowed_transition(b_per, l_per));
        CHECK_FALSE(ner::allowed_transition(b_per, l_org));
        CHECK_FALSE(ner::allowed_transition(b_per, ner::k_outside));
        CHECK_FALSE(ner::allowed_transition(ner::k_outside, l_per));
    }
    SUBCASE("Viterbi never spells half a name, whatever the scores say") {
        // Emissions favour I-PER everywhere; the only valid readings are whole names or O.
        std::vector<float> emissions(3 * ner::k_tag_count, 0.0F);
        const auto i_per = ner::make_tag(NameType::per, ner::Position::inside);
        for (std::size_t i = 0; i < 3; ++i) {
            emissions[i * ner::k_tag_count + i_per] = 5.0F;
        }
        emissions[0 * ner::k_tag_count + ner::make_tag(NameType::per, ner::Position::begin)] = 1.0F;
        emissions[2 * ner::k_tag_count + ner::make_tag(NameType::per, ner::Position::last)] = 1.0F;
        const std::vector<float> transitions((ner::k_tag_count + 1) * ner::k_tag_count, 0.0F);
        const auto tags = ner::viterbi(emissions, 3, transitions);
        CHECK(ner::spans_of(tags) == std::vector<ner::NameSpan>{{0, 3, NameType::per}});
        for (std::size_t i = 1; i < tags.size(); ++i) {
            CHECK(ner::allowed_transition(tags[i - 1], tags[i]));
        }
    }
    SUBCASE("Viterbi over words that can only be outside finds the path it finds over any other scores") {
        // Runs of words left unscored (every tag but outside impossible) take a shortcut; the same sentences
        // with those tags merely very unlikely take the full loop, and must decode the same.
        constexpr auto k = ner::k_tag_count;
        constexpr std::size_t n = 40;
        std::uint32_t seed = 12345;
        const auto next = [&] {
            seed = seed * 1664525U + 1013904223U;
            return static_cast<float>(seed >> 8) / static_cast<float>(1U << 24) * 4.0F - 2.0F;
        };
        std::vector<float> transitions((k + 1) * k);
        for (auto& weight : transitions) {
            weight = next();
        }
        for (int trial = 0; trial < 50; ++trial) {
            std::vector<float> forced(n * k), unlikely(n * k);
            for (std::size_t i = 0; i < n; ++i) {
                const bool unscored = next() < 0.5F; // about five in eight, in runs and alone
                for (std::size_t tag = 0; tag < k; ++tag) {
                    const auto score = next();
                    const bool blocked = unscored && tag != ner::k_outside;
                    forced[i * k + tag] = blocked ? -std::numeric_limits<float>::infinity() : score;
                    unlikely[i * k + tag] = blocked ? -1e9F : score;
                }
            }
            CHECK(ner::viterbi(forced, n, transitions) == ner::viterbi(unlikely, n, transitions));
        }
    }
    SUBCASE("entity-level scores as conlleval counts them") {
        ner::SpanScore score;
        score.add({{0, 2, NameType::per}, {3, 4, NameType::loc}},
                  {{0, 2, NameType::per}, {3, 4, NameType::org}});
        CHECK(score.precision() == doctest::Approx(50.0));
        CHECK(score.recall() == doctest::Approx(50.0));
        CHECK(score.f1({NameType::per}) == doctest::Approx(100.0));
        CHECK(score.f1({NameType::loc}) == doctest::Approx(0.0));
    }
}

TEST_CASE("indexer::read_conll") {
    SUBCASE("documents split at markers before or after them; sentences rebuilt as text") {
        std::istringstream in("EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\n\n"
                              "-DOCSTART- -X- O O\n\nBonn NNP I-NP I-LOC\n");
        std::vector<ConllDocument> documents;
        read_conll(in, [&](ConllDocument&& d) { documents.push_back(std::move(d)); });
        REQUIRE(documents.size() == 2);
        CHECK(documents[0].text == "EU rejects\n\nPeter\n\n"); // a blank line ends each sentence
        CHECK(documents[0].sentences.size() == 2);
        CHECK(documents[0].sentences[1].first_line_number == 4);
        CHECK(documents[0].sentences[1].tags == std::vector<std::string>{"B-PER"});
        CHECK(documents[1].lines.front() == "-DOCSTART- -X- O O");
        CHECK(documents[1].first_line_number == 6);
        CHECK(documents[1].text == "Bonn\n\n");
    }
    SUBCASE("IOB1 and IOB2 give the same names; a foreign tag names its line") {
        using ner::NameType;
        const std::vector<ner::NameSpan> expected = {
            {0, 2, NameType::per}, {2, 3, NameType::per}, {4, 5, NameType::loc}};
        CHECK(conll_names({"I-PER", "I-PER", "B-PER", "O", "I-LOC"}, "f:1") == expected);
        CHECK(conll_names({"B-PER", "I-PER", "B-PER", "O", "B-LOC"}, "f:1") == expected);
        CHECK(iob2_tags(expected, 5) == std::vector<std::string>{"B-PER", "I-PER", "B-PER", "O", "B-LOC"});
        CHECK_THROWS_WITH_AS((void)conll_names({"B-PERSON"}, "train.txt:7"), doctest::Contains("train.txt:7"),
                             DataError);
    }
}

TEST_CASE("common::name_tagger_sentences cuts real text as CoNLL did") {
    Tokenizer tokenizer;
    const std::string text =
        "Lee Jae-myung's visit (to Seoul), he said. \"It went well,\" the U.S. envoy added -- "
        "at 10:30.";
    const auto sentences = name_tagger_sentences(text, tokenizer.tokenize(text));
    CHECK(words_of(sentences) == "Lee|Jae-myung|'s|visit|(|to|Seoul|)|,|he|said|.|\n"
                                 "\"|It|went|well|,|\"|the|U.S.|envoy|added|--|at|10:30|.|\n");
}

TEST_CASE("indexer::train_name_tagger on a small corpus") {
    TempDir dir;
    const auto train = read_fixture(dir, "train.conll", false);
    const auto held_out = read_fixture(dir, "held-out.conll", true);
    REQUIRE(train.sentences.size() == 48); // 4 people x 3 places x 2 organisations x 2 templates
    TrainingOptions options;
    options.epochs = 5;
    options.training = "fixture";
    std::vector<EpochReport> reports;
    const auto model = train_name_tagger(train.sentences, held_out.sentences, ner::Lexicon{}, options,
                                         [&](const EpochReport& r) { reports.push_back(r); });
    REQUIRE(reports.size() == 10); // two passes
    CHECK(reports.front().pass == 1);
    CHECK(reports.back().pass == 2);
    CHECK(model.pass_count() == 2);
    CHECK(reports.back().dev.gold[0] > 0);
    SUBCASE("it learns the training data and carries the contexts to names it never saw") {
        CHECK(evaluate_name_tagger(model, train.sentences).f1() == doctest::Approx(100.0));
        CHECK(evaluate_name_tagger(model, held_out.sentences).f1() >= 80.0);
        CHECK(model.info().dev_f1 >= 80.0);
        CHECK(model.info().training == "fixture");
    }
    SUBCASE("the model file round-trips, byte for byte and decision for decision") {
        const auto bytes = model.to_bytes();
        const auto loaded = ner::Model::from_bytes(bytes, "fixture.dlner");
        CHECK(loaded.to_bytes() == bytes);
        CHECK(loaded.info().epochs == model.info().epochs);
        CHECK(evaluate_name_tagger(loaded, held_out.sentences).f1() ==
              doctest::Approx(evaluate_name_tagger(model, held_out.sentences).f1()));
        const auto path = dir.write("model.dlner", bytes);
        CHECK(ner::Model::from_file(path.string()).feature_count() == model.feature_count());
    }
    SUBCASE("bad model files are refused with a reason") {
        const auto bytes = model.to_bytes();
        CHECK_THROWS_WITH_AS(
            (void)ner::Model::from_bytes("hello, world: not a model at all", "x.dlner"),
            doctest::Contains("x.dlner: not a usable name-tagger model: it does not start like one"),
            DataError);
        CHECK_THROWS_WITH_AS((void)ner::Model::from_bytes(bytes.substr(0, bytes.size() / 2), "half.dlner"),
                             doctest::Contains("checksum"), DataError);
        auto flipped = bytes;
        flipped[bytes.size() / 2] ^= 0x40;
        CHECK_THROWS_WITH_AS((void)ner::Model::from_bytes(flipped, "flipped.dlner"),
                             doctest::Contains("checksum"), DataError);
        auto newer = bytes;
        newer[11] = 9; // the format version, right after the magic line
        CHECK_THROWS_WITH_AS((void)ner::Model::from_bytes(with_checksum(newer), "newer.dlner"),
                             doctest::Contains("format version 9"), DataError);
        ner::ModelInfo other;
        other.feature_set = "someone-elses-features";
        const ner::Model foreign(other, {ner::PassWeights{model.transitions(0), {}}}, ner::Lexicon{});
        CHECK_THROWS_WITH_AS((void)ner::Model::from_bytes(foreign.to_bytes(), "foreign.dlner"),
                             doctest::Contains("feature set \"someone-elses-features\""), DataError);
        CHECK_THROWS_AS((void)ner::Model::from_file((dir.path() / "missing.dlner").string()), DataError);
    }
}

TEST_CASE("common::merge_action") {
    const auto& kb = KnowledgeBase::builtin();
    const auto* chad = kb.find_id(EntityType::country, "TD");
    const auto* us = kb.find_id(EntityType::country, "US");
    REQUIRE(chad != nullptr);
    REQUIRE(us != nullptr);
    const std::string text = "Chad Smith of the U.S. Agriculture Department";
    const Mention chad_match{{0, 4}, 0, chad, MentionHow::name, false};
    const Mention us_match{{18, 22}, 0, us, MentionHow::alias, false};
    using ner::NameType;
    CHECK(merge_action(text, {{0, 10}, NameType::per}, {}) == MergeAction::add);
    CHECK(merge_action(text, {{0, 10}, NameType::per}, {&chad_match}) == MergeAction::replace);
    CHECK(merge_action(text, {{0, 4}, NameType::per}, {&chad_match}) == MergeAction::keep_matches);
    CHECK(merge_action(text, {{18, 45}, NameType::org}, {&us_match}) == MergeAction::add_around);
    CHECK(kept_inside({{18, 45}, NameType::org}, us_match));
    CHECK(merge_action(text, {{14, 22}, NameType::org}, {&us_match}) ==
          MergeAction::keep_matches); // "the U.S."
}

TEST_CASE("indexer::ClusterCorpus groups words that share contexts") {
    ClusterCorpus corpus;
    const std::vector<std::string> sentences = {"the cat sat down",       "the dog sat down",
                                                "a cat ran off",          "a dog ran off",
                                                "flights to Paris today", "flights to London today",
                                                "trains to Paris daily",  "trains to London daily"};
    std::deque<std::string> keep; // the words point into it
    for (int repeat = 0; repeat < 5; ++repeat) {
        for (const auto& s : sentences) {
            ner::Sentence sentence;
            std::istringstream in(s);
            for (std::string word; in >> word;) {
                sentence.push_back({keep.emplace_back(word)});
            }
            corpus.add(sentence);
        }
    }

    std::map<std::uint32_t, std::uint16_t> codes;
    for (const auto& [key, code] : corpus.cluster(100)) {
        codes[key] = code;
    }
    // The top level (the code's first four bits) is enough to tell animals from cities.
    const auto top = [&](std::string_view word) { return codes.at(ner::Lexicon::key(word)) >> 12; };
    CHECK(top("cat") == top("dog"));
    CHECK(top("paris") == top("london"));
    CHECK(top("cat") != top("paris"));
    CHECK(corpus.cluster(100).size() == codes.size()); // deterministic
}

TEST_CASE("common::ner scores only the words that may be names and their neighbours") {
    const auto* model = ner::Model::builtin();
    if (model == nullptr) {
        MESSAGE("skipped: this build has no built-in name model");
        return;
    }
    Tokenizer tokenizer;
    const std::string text =
        "the company said on tuesday that its chief met officials of the Bank of England "
        "and Peter Brown in london after the market closed .";
    auto sentences = name_tagger_sentences(text, tokenizer.tokenize(text));
    REQUIRE(sentences.size() == 1);
    const auto& sentence = sentences.front();
    SUBCASE("features: the marked words' are those of a full extraction, the others have none") {
        ner::FeatureExtractor full(model->info().kb_features, model->lexicon());
        ner::FeatureExtractor masked(model->info().kb_features, model->lexicon());
        std::vector<std::uint8_t> scored(sentence.size(), 0);
        scored[2] = scored[12] = 1;
        const auto all = full.extract(sentence);
        const auto& some = masked.extract(sentence, scored);
        REQUIRE(some.offsets.size() == sentence.size() + 1);
        for (std::size_t i = 0; i < sentence.size(); ++i) {
            const std::vector<std::uint32_t> expected(all.keys.begin() + all.offsets[i],
                                                      all.keys.begin() + all.offsets[i + 1]);
            const std::vector<std::uint32_t> got(some.keys.begin() + some.offsets[i],
                                                 some.keys.begin() + some.offsets[i + 1]);
            CHECK(got == (scored[i] != 0 ? expected : std::vector<std::uint32_t>{}));
        }
    }
    SUBCASE("names next to lower-case words are still found whole") {
        ner::NameTagger tagger(*model);
        std::vector<std::string> found;
        for (const auto& name : tagger.tag_sentence(sentence, 0)) {
            std::string words;
            for (auto i = name.first; i < name.last; ++i) {
                words += (words.empty() ? "" : " ") + std::string(sentence[i].text);
            }
            found.push_back(words);
        }
        CHECK(found == std::vector<std::string>{"Bank of England", "Peter Brown"});
    }
    SUBCASE("a word's own features are the same wherever it stands; a tagger that remembers them decodes the "
            "same") {
        const std::string other_text = "Peter Brown of England told London , England is the Bank .";
        const auto other = name_tagger_sentences(other_text, tokenizer.tokenize(other_text)).front();
        ner::FeatureExtractor first(model->info().kb_features, model->lexicon());
        ner::FeatureExtractor second(model->info().kb_features, model->lexicon());
        const auto a = first.extract(sentence);
        const auto& b = second.extract(other);
        const auto own = [](const ner::SentenceFeatures& f, std::size_t i) {
            return std::vector<std::uint32_t>(f.keys.begin() + f.offsets[i],
                                              f.keys.begin() + f.offsets[i] + f.own_counts[i]);
        };
        // "England" and "Peter" in both sentences, with other neighbours.
        CHECK(own(a, 14) == own(b, 3));
        CHECK(own(a, 16) == own(b, 0));
        CHECK(a.own_counts[14] > 12);
        CHECK(a.offsets[15] - a.offsets[14] > a.own_counts[14]); // and context features after them
        // Tagging one sentence after another (own weights remembered from the first) gives what a fresh
        // tagger gives, pass by pass.
        ner::NameTagger warm(*model);
        for (std::size_t pass = 0; pass < model->pass_count(); ++pass) {
            (void)warm.tag_sentence(sentence, pass);
            ner::NameTagger cold(*model);
            const auto warm_names = warm.tag_sentence(other, pass);
            const auto warm_scores = warm.last_emissions();
            CHECK(warm_names == cold.tag_sentence(other, pass));
            CHECK(warm_scores == cold.last_emissions());
            CHECK(warm.tag_sentence(sentence, pass) == cold.tag_sentence(sentence, pass));
        }
    }
    SUBCASE("a remembered word whose slot a new word of the same sentence takes first is scored whole") {
        // Two capitalised forms that share a slot of the tagger's cache.
        const auto slot = [](const std::string& form) {
            return util::fnv1a64(form) & (ner::NameTagger::k_own_weights_slots - 1);
        };
        std::unordered_map<std::size_t, std::string> seen;
        std::string first_form, second_form;
        for (int i = 0; first_form.empty(); ++i) {
            const auto form = "Zeta" + std::to_string(i);
            const auto [it, added] = seen.emplace(slot(form), form);
            if (!added) {
                first_form = it->second;
                second_form = form;
            }
        }
        const auto words = [](std::initializer_list<std::string_view> forms) {
            ner::Sentence out;
            for (const auto form : forms) {
                out.push_back(ner::Word{form});
            }
            return out;
        };
        // The first form is remembered; then the second takes its slot before the first is scored again.
        const auto remembered = words({"talks", "with", first_form, "ended"});
        const auto clashing = words({second_form, "met", first_form, "today"});
        ner::NameTagger warm(*model);
        ner::NameTagger cold(*model);
        (void)warm.tag_sentence(remembered, 0);
        CHECK(warm.tag_sentence(clashing, 0) == cold.tag_sentence(clashing, 0));
        CHECK(warm.last_emissions() == cold.last_emissions());
    }
}

TEST_CASE("common::ner a later pass runs only where the document disagrees with the first") {
    const auto sentence = [](std::initializer_list<const char*> words) {
        ner::Sentence out;
        for (const auto* word : words) {
            out.push_back(ner::Word{word});
        }
        return out;
    };
    std::vector<ner::Sentence> document = {sentence({"Smith", "met", "Jones", "."}),
                                           sentence({"Smith", "left", "."}), sentence({"Jones", "said", "."}),
                                           sentence({"talks", "ended", "."})};
    const std::vector<std::vector<ner::NameSpan>> names = {
        {{0, 1, ner::NameType::per}, {2, 3, ner::NameType::per}}, {{0, 1, ner::NameType::per}}, {}, {}};
    ner::mark_document_labels(document, names);
    // Jones is a person here but outside a name in the third sentence.
    CHECK(ner::document_disagrees(document[0]));
    // Smith is a person wherever else he is named; "left" is nowhere else.
    CHECK_FALSE(ner::document_disagrees(document[1]));
    // Jones is outside a name here and a person elsewhere.
    CHECK(ner::document_disagrees(document[2]));
    // Nothing here is anywhere else.
    CHECK_FALSE(ner::document_disagrees(document[3]));

    auto word = ner::Word{"Acme"};
    word.document_label = ner::named_label(ner::NameType::org, true);
    word.first_pass = ner::make_tag(ner::NameType::org, ner::Position::unit);
    CHECK_FALSE(ner::document_disagrees({word}));
    word.first_pass = ner::make_tag(ner::NameType::per, ner::Position::unit);
    CHECK(ner::document_disagrees({word})); // an organisation elsewhere, a person here
    word.first_pass = ner::make_tag(ner::NameType::org, ner::Position::unit);
    word.document_label = ner::named_label(ner::NameType::org, false);
    CHECK(ner::document_disagrees({word})); // mostly an organisation elsewhere, but not always
}
