#include "entities/zh/chinese_tagger.hpp"

#include "text/utf8.hpp"
#include "util/hash.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#ifdef DATELINE_ZH_MODEL_PATH
__asm__(".section .rodata\n"
        ".balign 16\n"
        ".global dateline_zh_model_begin\n"
        "dateline_zh_model_begin:\n"
        ".incbin \"" DATELINE_ZH_MODEL_PATH "\"\n"
        ".global dateline_zh_model_end\n"
        "dateline_zh_model_end:\n"
        ".previous\n");
extern "C" const char dateline_zh_model_begin[];
extern "C" const char dateline_zh_model_end[];
#endif

namespace dateline::zh {

namespace {

constexpr char32_t k_before_start = 0x02; ///< the characters before a sentence's start
constexpr char32_t k_after_end = 0x03;    ///< the characters after its end

/// Feature templates: the first value hashed into a key, so that "U0=中" and "U1=中" differ.
enum Template : std::uint8_t {
    t_bias = 1,
    t_u_m2,
    t_u_m1,
    t_u_0,
    t_u_p1,
    t_u_p2,
    t_b_m2m1,
    t_b_m10,
    t_b_0p1,
    t_b_p1p2,
    t_b_m1p1,
    t_tri,
    t_classes,
    t_kb_0,
    t_kb_m1,
    t_kb_p1,
    t_surname_0,
    t_surname_m1,
    t_title_before,
    t_title_after,
    t_org_suffix,
    t_place_suffix,
};

/// Hashes a template and up to three code points (FNV-1a, 32 bits); never 0.
std::uint32_t key(Template t, char32_t a, char32_t b = 0, char32_t c = 0) {
    auto h = util::k_fnv1a32_basis;
    const auto mix = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i) {
            h = util::fnv1a32_add(h, static_cast<unsigned char>((v >> (8 * i)) & 0xFFU));
        }
    };
    mix(t);
    mix(a);
    mix(b);
    mix(c);
    return h == 0 ? 1 : h;
}

enum class CharClass : std::uint8_t { han, digit, latin, punct, other, edge };

CharClass class_of(char32_t c) {
    if (c == k_before_start || c == k_after_end) {
        return CharClass::edge;
    }
    if (is_han(c)) {
        return CharClass::han;
    }
    if (c >= '0' && c <= '9') {
        return CharClass::digit;
    }
    if (c < 0x80 ? std::isalpha(static_cast<int>(c)) != 0 : u_isalpha(static_cast<UChar32>(c)) != 0) {
        return CharClass::latin;
    }
    if (u_ispunct(static_cast<UChar32>(c)) != 0) {
        return CharClass::punct;
    }
    return CharClass::other;
}

const std::vector<std::u32string>& title_words() {
    static const auto k_words = code_point_words(
        {"主席",   "总统",   "副总统", "总理",   "副总理",   "首相",     "外长",     "部长",     "副部长",
         "大使",   "发言人", "国务卿", "国王",   "女王",     "书记",     "总书记",   "委员长",   "主任",
         "秘书长", "省长",   "市长",   "县长",   "局长",     "司长",     "院长",     "校长",     "董事长",
         "总裁",   "总经理", "经理",   "教授",   "先生",     "女士",     "同志",     "将军",     "司令",
         "司令员", "代表",   "议员",   "领导人", "委员",     "国务委员", "特使",     "会长",     "理事长",
         "团长",   "队长",   "记者",   "主编",   "厂长",     "政委",     "部长助理", "外交部长", "总干事",
         "参赞",   "领事",   "总督",   "亲王",   "王子",     "公主",     "议长",     "副议长",   "州长",
         "教练",   "选手",   "运动员", "博士",   "总参谋长", "参谋长",   "常委",     "主持人",   "法官"});
    return k_words;
}

const std::vector<std::u32string>& org_suffixes() {
    static const auto k_words = code_point_words(
        {"委员会", "公司",   "集团", "银行",   "大学",   "学院",   "中学",   "小学", "协会", "学会",   "政府",
         "法院",   "检察院", "医院", "研究所", "研究院", "基金会", "组织",   "联盟", "论坛", "办公室", "议会",
         "国会",   "总局",   "部",   "委",     "局",     "院",     "厅",     "署",   "会",   "党",     "社",
         "报",     "台",     "军",   "队",     "所",     "中心",   "联合会", "总会", "工厂", "厂"});
    return k_words;
}

bool is_place_suffix(char32_t c) {
    static const std::u32string k_chars = U"省市县区州镇乡村岛山河江湖海港湾路街国洲";
    return k_chars.find(c) != std::u32string::npos;
}

bool is_surname(char32_t c) {
    // The most frequent Chinese surnames, and the Korean ones written in Han (金, 朴, 崔 ...): a bitmap over
    // the ideographs, looked up for every character.
    static const auto k_bitmap = [] {
        const std::u32string chars = U"王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董"
                                     U"袁潘于蒋蔡余杜叶程苏魏吕丁任"
                                     U"沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎"
                                     U"贺顾毛郝龚邵万钱严覃武戴莫孔"
                                     U"向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左"
                                     U"柳甘祝包宁尚符舒阮柯纪梅童凌"
                                     U"毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤"
                                     U"阳时穆农司卓古吉缪简车项连芦"
                                     U"麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋"
                                     U"商刁沙荣巫寇桑郎甄丛仲虞敖巩"
                                     U"明佘池查麻苑迟邝朴习";
        std::vector<bool> bitmap(0x10000, false);
        for (const auto ch : chars) {
            bitmap[ch & 0xFFFF] = ch <= 0xFFFF;
        }
        return bitmap;
    }();
    return c <= 0xFFFF && k_bitmap[c];
}

/// True if `words` has a word that ends at `end` (exclusive) of `chars`, or starts at `begin` when
/// `at_start`.
bool word_ends_at(const CharSentence& chars, std::size_t end, const std::vector<std::u32string>& words) {
    for (const auto& word : words) {
        if (word.size() > end || chars[end - 1].code != word.back()) {
            continue;
        }
        bool match = true;
        for (std::size_t k = 0; k < word.size() && match; ++k) {
            match = chars[end - word.size() + k].code == word[k];
        }
        if (match) {
            return true;
        }
    }
    return false;
}

bool word_starts_at(const CharSentence& chars, std::size_t begin, const std::vector<std::u32string>& words) {
    for (const auto& word : words) {
        if (begin + word.size() > chars.size() || chars[begin].code != word.front()) {
            continue;
        }
        bool match = true;
        for (std::size_t k = 0; k < word.size() && match; ++k) {
            match = chars[begin + k].code == word[k];
        }
        if (match) {
            return true;
        }
    }
    return false;
}

char32_t fold(UChar32 c) {
    if (c < 0) {
        return 0xFFFD;
    }
    if (c < 0x80) {
        return static_cast<char32_t>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    if (is_han(static_cast<char32_t>(c)) || (c >= 0x3000 && c <= 0x303F)) {
        return static_cast<char32_t>(c); // ideographs and CJK punctuation: NFKC leaves them (but for U+3000)
    }
    UErrorCode status = U_ZERO_ERROR;
    const auto* nfkc = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) {
        throw std::runtime_error(std::string("ICU NFKC: ") + u_errorName(status));
    }
    const auto folded = nfkc->normalize(icu::UnicodeString(c), status);
    if (U_FAILURE(status) || folded.isEmpty()) {
        return static_cast<char32_t>(c);
    }
    return static_cast<char32_t>(folded.char32At(0));
}

} // namespace

bool is_han(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x2FA1F);
}

CharSentence characters(std::string_view text, std::size_t begin, std::size_t end) {
    CharSentence out;
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    auto i = static_cast<int32_t>(begin);
    const auto length = static_cast<int32_t>(end);
    while (i < length) {
        const auto start = static_cast<std::size_t>(i);
        UChar32 c;
        U8_NEXT(s, i, length, c);
        Char ch;
        ch.code = fold(c);
        ch.begin = start;
        ch.end = static_cast<std::size_t>(i);
        out.push_back(ch);
    }
    return out;
}

void mark_knowledge_base(CharSentence& sentence, const std::vector<Mention>& mentions) {
    if (sentence.empty()) {
        return;
    }
    for (const auto& mention : mentions) {
        if (mention.span.end <= sentence.front().begin || mention.span.begin >= sentence.back().end) {
            continue;
        }
        ner::KbKind kind = ner::KbKind::none;
        switch (mention.entity->type) {
        case EntityType::person:
            kind = ner::KbKind::person;
            break;
        case EntityType::country:
            kind = mention.how == MentionHow::demonym ? ner::KbKind::demonym : ner::KbKind::country;
            break;
        case EntityType::org:
            kind = ner::KbKind::org;
            break;
        case EntityType::place:
            kind = ner::KbKind::place;
            break;
        }
        std::vector<std::size_t> covered;
        for (std::size_t i = 0; i < sentence.size(); ++i) {
            if (sentence[i].begin >= mention.span.begin && sentence[i].end <= mention.span.end) {
                covered.push_back(i);
            }
        }
        for (std::size_t k = 0; k < covered.size(); ++k) {
            auto& c = sentence[covered[k]];
            c.kb = kind;
            c.kb_position = covered.size() == 1       ? ner::Position::unit
                            : k == 0                  ? ner::Position::begin
                            : k + 1 == covered.size() ? ner::Position::last
                                                      : ner::Position::inside;
        }
    }
}

std::vector<std::uint32_t> character_features(const CharSentence& sentence) {
    const auto n = sentence.size();
    std::vector<std::uint32_t> keys;
    keys.reserve(n * k_features_per_char);
    const auto at = [&](std::ptrdiff_t i) -> char32_t {
        if (i < 0) {
            return k_before_start;
        }
        if (static_cast<std::size_t>(i) >= n) {
            return k_after_end;
        }
        return sentence[static_cast<std::size_t>(i)].code;
    };
    const auto kb_of = [&](std::ptrdiff_t i) -> std::uint32_t {
        if (i < 0 || static_cast<std::size_t>(i) >= n) {
            return 0xFF;
        }
        const auto& c = sentence[static_cast<std::size_t>(i)];
        return static_cast<std::uint32_t>(c.kb) * 8 +
               (c.kb == ner::KbKind::none ? 0 : static_cast<std::uint32_t>(c.kb_position) + 1);
    };
    for (std::size_t k = 0; k < n; ++k) {
        const auto i = static_cast<std::ptrdiff_t>(k);
        const auto m2 = at(i - 2), m1 = at(i - 1), c0 = at(i), p1 = at(i + 1), p2 = at(i + 2);
        keys.push_back(key(t_bias, 0));
        keys.push_back(key(t_u_m2, m2));
        keys.push_back(key(t_u_m1, m1));
        keys.push_back(key(t_u_0, c0));
        keys.push_back(key(t_u_p1, p1));
        keys.push_back(key(t_u_p2, p2));
        keys.push_back(key(t_b_m2m1, m2, m1));
        keys.push_back(key(t_b_m10, m1, c0));
        keys.push_back(key(t_b_0p1, c0, p1));
        keys.push_back(key(t_b_p1p2, p1, p2));
        keys.push_back(key(t_b_m1p1, m1, p1));
        keys.push_back(key(t_tri, m1, c0, p1));
        keys.push_back(key(t_classes, static_cast<char32_t>(class_of(m1)),
                           static_cast<char32_t>(class_of(c0)), static_cast<char32_t>(class_of(p1))));
        keys.push_back(key(t_kb_0, kb_of(i)));
        keys.push_back(key(t_kb_m1, kb_of(i - 1)));
        keys.push_back(key(t_kb_p1, kb_of(i + 1)));
        keys.push_back(key(t_surname_0, is_surname(c0) ? 1 : 0));
        keys.push_back(key(t_surname_m1, is_surname(m1) ? 1 : 0, c0 == k_after_end ? 0 : 1));
        keys.push_back(key(t_title_before, word_ends_at(sentence, k, title_words()) ? 1 : 0));
        keys.push_back(key(t_title_after, word_starts_at(sentence, k + 1, title_words()) ? 1 : 0));
        keys.push_back(key(t_org_suffix, word_ends_at(sentence, k + 1, org_suffixes()) ? 1 : 0));
        keys.push_back(key(t_place_suffix, is_place_suffix(c0) ? 1 : 0));
    }
    return keys;
}

const ner::Model* builtin_model() {
#ifdef DATELINE_ZH_MODEL_PATH
    static const ner::Model k_model = ner::Model::from_bytes(
        std::string_view(dateline_zh_model_begin,
                         static_cast<std::size_t>(dateline_zh_model_end - dateline_zh_model_begin)),
        "built-in Chinese model", k_feature_set);
    return &k_model;
#else
    return nullptr;
#endif
}

std::vector<ner::NameSpan> ChineseTagger::tag(const CharSentence& sentence) {
    const auto n = sentence.size();
    if (n == 0) {
        return {};
    }
    const auto keys = character_features(sentence);
    m_emissions.assign(n * ner::k_tag_count, 0.0F);
    for (std::size_t i = 0; i < n; ++i) {
        m_model.add_scores(0, keys.data() + i * k_features_per_char, k_features_per_char,
                           m_emissions.data() + i * ner::k_tag_count);
    }
    return ner::spans_of(ner::viterbi(m_emissions, n, m_model.transitions(0)));
}

} // namespace dateline::zh
