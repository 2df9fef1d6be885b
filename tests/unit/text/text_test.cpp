#include "text/tokenizer.hpp"
#include "text/utf8.hpp"

#include <doctest/doctest.h>
#include <unicode/uchar.h>

using namespace dateline;

namespace {

/// "term@sentence" for each token, space-separated: a canonical dump to compare against.
std::string dump(const std::string& text) {
    Tokenizer tokenizer;
    std::string out;
    for (const auto& token : tokenizer.tokenize(text)) {
        out += out.empty() ? "" : " ";
        out += token.term;
        if (token.sentence > 0) {
            out += "@" + std::to_string(token.sentence);
        }
        if (token.kind == TokenKind::cjk) {
            out += "/cjk";
        }
        if (token.joined_to_next) {
            out += "-";
        }
    }
    return out;
}

} // namespace

TEST_CASE("common::repair_utf8") {
    SUBCASE("valid text is untouched") {
        std::string text = "Lee Jae-myung 이재명 习近平 café";
        const auto copy = text;
        CHECK(repair_utf8(text) == 0);
        CHECK(text == copy);
    }
    SUBCASE("each ill-formed sequence becomes U+FFFD and is counted") {
        std::string text = "Bad \xFF byte and \xC3 truncated";
        CHECK(repair_utf8(text) == 2);
        CHECK(text == "Bad \xEF\xBF\xBD byte and \xEF\xBF\xBD truncated");
        CHECK(is_valid_utf8(text));
    }
    SUBCASE("control characters become spaces, tabs and newlines stay") {
        std::string text = std::string("a\0b\x01"
                                       "c\td\ne",
                                       9);
        CHECK(repair_utf8(text) == 0);
        CHECK(text == "a b c\td\ne");
    }
    SUBCASE("every byte value at every position of an ASCII text (eight bytes are checked at a time)") {
        for (int byte = 0; byte < 0x100; ++byte) {
            for (std::size_t at = 0; at < 19; ++at) {
                std::string text(19, 'a');
                text[at] = static_cast<char>(byte);
                const bool control =
                    (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7f;
                const bool ill_formed = byte >= 0x80; // a lone lead or continuation byte
                std::string expected(19, 'a');
                expected.replace(at, 1,
                                 ill_formed ? "\xEF\xBF\xBD"
                                 : control  ? " "
                                            : std::string(1, static_cast<char>(byte)));
                CHECK_MESSAGE(repair_utf8(text) == (ill_formed ? 1U : 0U), "byte ", byte, " at ", at);
                CHECK_MESSAGE(text == expected, "byte ", byte, " at ", at);
            }
        }
    }
    SUBCASE("collapse_whitespace") {
        CHECK(collapse_whitespace("  a \n\t b\u00A0 c  ") == "a b c");
        CHECK(collapse_whitespace("") == "");
        CHECK(collapse_whitespace("x\u2003y\u3000\u3000z \xFF w") == "x y z \xFF w"); // ill-formed bytes stay
        // The ASCII fast path agrees with ICU's White_Space property on every ASCII character.
        for (int c = 1; c < 0x80; ++c) {
            const std::string text = std::string("a") + static_cast<char>(c) + "b";
            CHECK_MESSAGE((collapse_whitespace(text) == "a b") == (u_isUWhiteSpace(c) != 0), "character ", c);
        }
    }
}

TEST_CASE("common::Tokenizer") {
    SUBCASE("words are NFKC case-folded, possessives and acronym periods dropped") {
        CHECK(dump("Xi's visit to the U.S. and Lee\u2019s reply") == "xi visit to the us and lee reply");
        CHECK(dump("ＡＰＥＣ Café STRASSE Straße") == "apec café strasse strasse");
    }
    SUBCASE("hyphenated names are two words joined") {
        CHECK(dump("Lee Jae-myung met Kim Jong-un") == "lee jae- myung met kim jong- un");
        CHECK(dump("well - known") == "well known");
    }
    SUBCASE("numbers are tokens") {
        CHECK(dump("$350 billion, 15 percent") == "350 billion 15 percent");
    }
    SUBCASE("sentences are numbered") {
        CHECK(dump("Xi arrived. Lee met him. Mr. Kim left.") ==
              "xi arrived lee@1 met@1 him@1 mr@2 kim@2 left@2");
        CHECK(dump("The U.S. President spoke. Gen. Kim and Sen. Rubio agreed.") ==
              "the us president spoke gen@1 kim@1 and@1 sen@1 rubio@1 agreed@1");
    }
    SUBCASE("Han, Hangul and Kana are marked for n-gram indexing") {
        Tokenizer tokenizer;
        std::string joined;
        for (const auto& token : tokenizer.tokenize("习近平 이재명은 ひらがな")) {
            CHECK(token.kind == TokenKind::cjk);
            joined += token.term;
        }
        CHECK(joined == "习近平이재명은ひらがな");
    }
    SUBCASE("spans are byte offsets into the text") {
        Tokenizer tokenizer;
        const std::string text = "이재명 met Xi.";
        const auto tokens = tokenizer.tokenize(text);
        REQUIRE(tokens.size() == 3);
        CHECK(text.substr(tokens[0].span.begin, tokens[0].span.end - tokens[0].span.begin) == "이재명");
        CHECK(text.substr(tokens[2].span.begin, tokens[2].span.end - tokens[2].span.begin) == "Xi");
    }
    SUBCASE("spans stay byte offsets after characters of two UTF-16 units and of four bytes") {
        // ICU walks UTF-16: an emoji or a mathematical letter is two units and four bytes, a Hangul syllable
        // one unit and three bytes, "é" one unit and two bytes.
        Tokenizer tokenizer;
        const std::string text = "😀 Café 𝐀𝐁 met 이재명. 김정은 left 🇰🇷 today.";
        const auto tokens = tokenizer.tokenize(text);
        std::vector<std::string> spelled;
        for (const auto& token : tokens) {
            spelled.push_back(text.substr(token.span.begin, token.span.end - token.span.begin));
        }
        const std::vector<std::string> expected{"Café", "𝐀𝐁", "met", "이재명", "김정은", "left", "today"};
        CHECK(spelled == expected);
        REQUIRE(tokens.size() == expected.size());
        CHECK(tokens[4].sentence == 1);
        const auto starts = tokenizer.sentence_starts(text);
        REQUIRE(starts.size() == 3);
        CHECK(text.substr(starts[1], 9) == "김정은");
        CHECK(starts[2] == text.size());
    }
    SUBCASE("sentence spans") {
        Tokenizer tokenizer;
        const std::string text = "  First one.  Second one?\n\nThird. ";
        const auto spans = tokenizer.sentences(text);
        REQUIRE(spans.size() == 3);
        CHECK(text.substr(spans[1].begin, spans[1].end - spans[1].begin) == "Second one?");
    }
    SUBCASE("empty text") {
        CHECK(dump("") == "");
        CHECK(dump(" ... ") == "");
    }
}

TEST_CASE("common::normalize_query_text keeps ASCII, folds the rest") {
    CHECK(normalize_query_text("Lee AND Xi") == "Lee AND Xi");
    CHECK(normalize_query_text("ＡＰＥＣ OR Straße") ==
          "apec OR Strasse"); // QueryParser lower-cases the rest
    CHECK(normalize_query_text("习近平") == "习近平");
}
