#include "entities/ko/korean_tagger.hpp"

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

using WordSet = std::unordered_set<std::u32string>;

WordSet word_set(std::initializer_list<std::string_view> words) {
    WordSet out;
    for (const auto word : words) {
        out.insert(code_points(word));
    }
    return out;
}

std::vector<std::u32string> word_list(std::initializer_list<std::string_view> words) {
    return code_point_words(words);
}

bool is_syllable(char32_t c) {
    return c >= 0xAC00 && c <= 0xD7A3;
}

bool all_syllables(std::u32string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), is_syllable);
}

/// Particles and endings that may follow a name inside its eojeol, longest first.
const std::vector<std::u32string>& particles() {
    static const auto k = word_list(
        {"에게서는", "에서부터", "으로부터", "에게서", "에서는", "에서도", "에서의", "으로는", "으로서",
         "으로써",   "이라고",   "이라며",   "이라는", "이라도", "이라면", "에게는", "에게도", "께서는",
         "까지는",   "부터는",   "과의",     "와의",   "와는",   "과는",   "에는",   "에도",   "에선",
         "라고",     "라며",     "라는",     "에게",   "께서",   "까지",   "부터",   "에서",   "으로",
         "보다",     "처럼",     "만큼",     "마저",   "조차",   "이나",   "이든",   "이고",   "이며",
         "이자",     "이다",     "였다",     "이었다", "하고",   "한테",   "로서",   "로는",   "로도",
         "이랑",     "은",       "는",       "이",     "가",     "을",     "를",     "의",     "와",
         "과",       "에",       "도",       "만",     "로",     "께",     "나",     "랑",     "측",
         "측은",     "측이",     "측의",     "측도",   "측과",   "측에"});
    return k;
}

bool is_particle(std::u32string_view rest) {
    if (rest.empty()) {
        return true;
    }
    return std::any_of(particles().begin(), particles().end(), [&](const auto& p) { return rest == p; });
}

/// The stem of an eojeol: the longest prefix whose remainder is a particle (the whole eojeol if none).
/// `min_stem` keeps a particle from eating a name ("왕이" stays whole unless asked).
std::size_t stem_length(std::u32string_view word, std::size_t min_stem = 1) {
    for (const auto& p : particles()) {
        if (word.size() >= p.size() + min_stem && word.ends_with(p)) {
            return word.size() - p.size();
        }
    }
    return word.size();
}

/// Titles and honorifics that follow (or precede) a person's name.
const WordSet& titles() {
    static const auto k = word_set(
        {"대통령",     "전대통령",   "대통령실장", "총리",         "국무총리",   "부총리",     "장관",
         "차관",       "의원",       "위원장",     "부위원장",     "대표",       "원내대표",   "대변인",
         "씨",         "교수",       "회장",       "부회장",       "사장",       "부사장",     "감독",
         "선수",       "기자",       "특파원",     "국가주석",     "주석",       "외교부장",   "국무장관",
         "국방장관",   "재무장관",   "상무장관",   "총장",         "사무총장",   "청장",       "처장",
         "원장",       "실장",       "비서실장",   "수석",         "대사",       "총영사",     "시장",
         "지사",       "도지사",     "구청장",     "군수",         "판사",       "검사",       "부장검사",
         "변호사",     "후보",       "후보자",     "여사",         "국왕",       "왕세자",     "총재",
         "부총재",     "의장",       "부의장",     "국회의장",     "최고위원",   "사무총장",   "정책위의장",
         "비대위원장", "당대표",     "군",         "양",           "옹",         "작가",       "가수",
         "배우",       "코치",       "대표이사",   "이사장",       "소장",       "단장",       "팀장",
         "부장",       "과장",       "국장",       "본부장",       "센터장",     "박사",       "수상",
         "총통",       "국무위원장", "부부장",     "제1부부장",    "외무상",     "관방장관",   "외무장관",
         "상임위원장", "정무수석",   "안보실장",   "국가안보실장", "장군",       "사령관",     "합참의장",
         "참모총장",   "특사",       "특별대표",   "부대변인",     "공동대표",   "검사장",     "대법관",
         "재판관",     "대법원장",   "총괄공사",   "참사관",       "경제부총리", "사회부총리", "원내대변인",
         "국회의원",   "시의원",     "도의원",     "구의원",       "겸",         "외교장관",   "통상장관",
         "국방상",     "외상",       "총리실장",   "본부장"});
    return k;
}

/// Title endings: a word ending in one is a title ("제1차관", "외교위원장", "중국대사", "환경상").
bool ends_with_title(std::u32string_view word) {
    static const auto k =
        word_list({"차관",   "장관",   "대사",   "위원장", "대통령", "총리",   "의원",   "대표",   "청장",
                   "국장",   "실장",   "부장",   "주석",   "회장",   "사장",   "시장",   "지사",   "대변인",
                   "특사",   "총재",   "외무상", "환경상", "경제상", "방위상", "심의관", "주임",   "서기",
                   "부총재", "본부장", "참사관", "영사",   "차관보", "차관급", "감독",   "교수",   "원장",
                   "처장",   "단장",   "총장",   "의장",   "비서관", "보좌관", "수석",   "사령관", "총영사"});
    if (word.size() > 8 || word.empty() || !is_syllable(word.back())) {
        return false;
    }
    return std::any_of(k.begin(), k.end(),
                       [&](const auto& s) { return word.size() >= s.size() && word.ends_with(s); });
}

/// Words that may stand between a name and its title: "주한 중국대사", "프랑스 상원 외교위원장".
const WordSet& title_modifiers() {
    static const auto k = word_set({"주한",   "주중", "주미", "주일", "주러", "주중국", "주일본", "주미국",
                                    "주유엔", "상원", "하원", "의회", "연방", "전",     "신임",   "초대",
                                    "현",     "수석", "공동", "제1",  "제2",  "부",     "미",     "중",
                                    "일",     "러",   "영",   "독",   "북",   "EU",     "유엔"});
    return k;
}

/// Titles after which a bare eojeol is a name ("중국 국가주석 시진핑은").
const WordSet& leading_titles() {
    static const auto k =
        word_set({"대통령",   "총리",   "국무총리",   "장관", "국가주석", "주석",   "외교부장",
                  "국무장관", "위원장", "국무위원장", "총통", "수상",     "외무상", "부총리",
                  "대표",     "의원",   "감독",       "선수", "배우",     "가수"});
    return k;
}

/// Words that are never part of a name before a title: time words, adverbs, determiners.
const WordSet& not_names() {
    static const auto k = word_set(
        {"이날",   "오늘",   "어제",   "내일",   "지난", "당시", "한편",   "또",       "또한",    "특히",
         "이어",   "그러나", "하지만", "최근",   "현재", "신임", "전",     "현",       "새",      "이번",
         "당초",   "앞서",   "다만",   "직접",   "함께", "모두", "각각",   "우리",     "미국",    "중국",
         "일본",   "북한",   "한국",   "러시아", "정부", "여당", "야당",   "당",       "같은",    "다른",
         "국회",   "정치",   "경제",   "해당",   "관련", "이후", "이전",   "첫",       "초대",    "차기",
         "역대",   "국내",   "해외",   "외국",   "전임", "후임", "현직",   "전직",     "여야",    "동료",
         "상대",   "주요",   "일부",   "각국",   "양국", "양측", "세계",   "국제",     "대한",    "만난",
         "만나",   "대해",   "위해",   "통해",   "따라", "그는", "그녀는", "그",       "주재",    "겸",
         "발의한", "소속",   "출신",   "당선인", "명예", "임시", "대행",   "권한대행", "직무대행"});
    return k;
}

/// Common Korean surnames (one syllable; the two-syllable ones are checked separately).
bool is_korean_surname(std::u32string_view name) {
    static const std::u32string k_one = U"김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하"
                                        U"곽성차주우구민진지엄채원천방공현함변염"
                                        U"여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예경봉"
                                        U"사부가복태목형피두감음빈동온호범좌팽승"
                                        U"간상갈시봉";
    static const auto k_two = word_set({"남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방"});
    if (name.size() >= 3 && k_two.contains(std::u32string(name.substr(0, 2)))) {
        return true;
    }
    return !name.empty() && k_one.find(name[0]) != std::u32string::npos;
}

/// Organisation endings (the stem must be longer than the ending), longest first; some need 3+ syllables.
const std::vector<std::u32string>& org_endings() {
    static const auto k = word_list(
        {"위원회",   "그룹",   "은행",     "대학교",   "대학",         "전자",   "자동차",   "증권",
         "보험",     "건설",   "공사",     "공단",     "협회",         "재단",   "연구원",   "연구소",
         "지검",     "지법",   "고법",     "법원",     "검찰청",       "경찰청", "경찰서",   "소방서",
         "소방본부", "시청",   "구청",     "군청",     "도청",         "교육청", "병원",     "방송",
         "일보",     "신문",   "통신",     "뉴스",     "엔터테인먼트", "중공업", "화학",     "제약",
         "바이오",   "항공",   "해운",     "물산",     "상사",         "통상",   "전력",     "카드",
         "생명",     "화재",   "금융",     "지주",     "홀딩스",       "기구",   "연합",     "본부",
         "사령부",   "공화국", "정부",     "부",       "청",           "처",     "당",       "실",
         "FC",       "구단",   "다이노스", "라이온즈", "타이거즈",     "이글스", "자이언츠", "트윈스",
         "베어스",   "위즈",   "랜더스",   "히어로즈"});
    return k;
}

/// Bodies known by name that the endings do not catch.
const WordSet& known_orgs() {
    static const auto k =
        word_set({"국회",       "청와대",     "백악관",         "검찰",         "경찰",       "국정원",
                  "감사원",     "금감원",     "금융감독원",     "국가정보원",   "헌법재판소", "대법원",
                  "헌재",       "국민의힘",   "더불어민주당",   "민주당",       "조국혁신당", "개혁신당",
                  "진보당",     "정의당",     "공화당",         "자민당",       "공산당",     "노동당",
                  "유엔",       "나토",       "합참",           "합동참모본부", "삼성",       "현대",
                  "엘지",       "카카오",     "네이버",         "쿠팡",         "애플",       "구글",
                  "테슬라",     "엔비디아",   "마이크로소프트", "아마존",       "메타",       "오픈AI",
                  "한전",       "코레일",     "연합뉴스",       "조선중앙통신", "신화통신",   "교도통신",
                  "블룸버그",   "로이터",     "크렘린궁",       "크렘린",       "대통령실",   "국무조정실",
                  "국가안보실", "무역대표부", "국방부",         "외교부",       "통일부",     "법무부",
                  "교육부",     "환경부"});
    return k;
}

/// Words with an organisation ending that are not organisations.
const WordSet& not_orgs() {
    static const auto k = word_set(
        {"지도부", "수뇌부", "집행부", "상층부", "일부분", "대부분", "사령부",   "본부",     "정부",
         "내부",   "외부",   "전부",   "일부",   "간부",   "세부",   "남부",     "북부",     "동부",
         "서부",   "중부",   "공무원", "직원",   "회사원", "연구원", "위원",     "대원",     "요원",
         "의원",   "인원",   "지원",   "병원",   "공원",   "정원",   "학원",     "사원",     "회원",
         "기원",   "차원",   "자원",   "재원",   "복원",   "환원",   "당",       "정당",     "해당",
         "상당",   "식당",   "성당",   "대성당", "사회",   "국회",   "대회",     "기회",     "회의",
         "교회",   "의회",   "총회",   "집회",   "협의회", "토론회", "설명회",   "간담회",   "전시회",
         "박람회", "음악회", "위원회", "청",     "처",     "부",     "회",       "원",       "민원",
         "기구",   "연합",   "금융",   "통상",   "항공",   "화학",   "전력",     "생명",     "화재",
         "방송",   "뉴스",   "통신",   "보험",   "건설",   "은행",   "관계부처", "총괄공사", "부처",
         "실",     "사실",   "현실",   "확실",   "진실",   "내실",   "부실",     "손실",     "회의실",
         "사무실", "연구실", "교실",   "화장실", "특실",   "객실",   "왕실",     "밀실",     "상황실",
         "집무실", "비서실", "대학",   "신문",   "정부",   "공사",   "지주",     "상사",     "카드",
         "제약",   "자동차", "전자",   "증권",   "그룹"});
    return k;
}

/// Places: Korean provinces and cities, North Korea's, and world cities often in the news.
const WordSet& known_places() {
    static const auto k = word_set(
        {"튀르키예",     "뉴욕",         "뮌헨",       "나이로비", "리야드",     "두바이",   "이스탄불",
         "로마",         "오사카",       "상하이",     "서울",     "부산",       "대구",     "인천",
         "광주",         "대전",         "울산",       "세종",     "경기",       "강원",     "충북",
         "충남",         "전북",         "전남",       "경북",     "경남",       "제주",     "경기도",
         "강원도",       "충청북도",     "충청남도",   "전라북도", "전라남도",   "경상북도", "경상남도",
         "제주도",       "수원",         "성남",       "고양",     "용인",       "창원",     "청주",
         "전주",         "천안",         "안산",       "안양",     "김해",       "포항",     "평택",
         "구미",         "원주",         "춘천",       "진주",     "여수",       "순천",     "목포",
         "경주",         "강릉",         "속초",       "파주",     "김포",       "의정부",   "남양주",
         "화성",         "시흥",         "부천",       "광명",     "하남",       "오산",     "이천",
         "양평",         "거제",         "통영",       "군산",     "익산",       "안동",     "충주",
         "제천",         "서산",         "당진",       "아산",     "세종시",     "평양",     "개성",
         "원산",         "신의주",       "함흥",       "남포",     "판문점",     "여의도",   "광화문",
         "강남",         "용산",         "종로",       "명동",     "홍대",       "이태원",   "송도",
         "판교",         "워싱턴",       "뉴욕",       "도쿄",     "베이징",     "상하이",   "오사카",
         "런던",         "파리",         "모스크바",   "홍콩",     "브뤼셀",     "제네바",   "베를린",
         "로마",         "하노이",       "방콕",       "자카르타", "마닐라",     "뉴델리",   "시드니",
         "로스앤젤레스", "샌프란시스코", "실리콘밸리", "텍사스",   "캘리포니아", "하와이",   "괌",
         "오키나와",     "후쿠오카",     "교토",       "삿포로",   "선전",       "광저우",   "톈진",
         "충칭",         "우한",         "다롄",       "선양",     "단둥",       "키이우",   "가자지구",
         "중동",         "유럽",         "아시아",     "아프리카", "동남아",     "한반도",   "독도",
         "동해",         "서해",         "남해",       "황해",     "백두산",     "한라산",   "지리산",
         "설악산",       "한강",         "낙동강",     "금강"});
    return k;
}

/// Place endings on a stem of at least three syllables (수원시, 팔달구) and facilities (인천공항).
const std::vector<std::u32string>& place_endings() {
    static const auto k =
        word_list({"특별시", "광역시", "특별자치시", "특별자치도", "시",   "구",     "군",   "읍", "면",
                   "공항",   "역",     "휴게소",     "공원",       "광장", "경기장", "대교", "항", "해수욕장",
                   "터미널", "분기점", "나들목",     "IC",         "JC",   "산",     "섬"});
    return k;
}

const WordSet& not_places() {
    static const auto k = word_set(
        {"대도시",   "신도시",   "광역시",     "지역구",       "선거구", "출입구", "비상구", "연구",
         "요구",     "친구",     "가구",       "입구",         "출구",   "도구",   "강구",   "탐구",
         "추구",     "촉구",     "지역",       "영역",         "무역",   "구역",   "전역",   "역",
         "국군",     "해군",     "공군",       "육군",         "미군",   "아군",   "적군",   "북한군",
         "주한미군", "러시아군", "이스라엘군", "우크라이나군", "가면",   "측면",   "전면",   "이면",
         "장면",     "화면",     "표면",       "방면",         "국면",   "서면",   "정면",   "당면",
         "직면",     "반면",     "한편",       "공원",         "광장",   "경기장", "항",     "산",
         "섬",       "시",       "구",         "군",           "읍",     "면",     "생산",   "재산",
         "부동산",   "자산",     "출산",       "확산",         "예산",   "계산",   "청산",   "해산",
         "유산",     "발산",     "분산",       "광산",         "결산",   "합산",   "국산",   "외국산",
         "미국산",   "중국산",   "일본산",     "수입산",       "원산",   "당시",   "동시",   "즉시",
         "임시",     "역시",     "다시",       "혹시",         "항시",   "무시",   "중시",   "감시",
         "제시",     "표시",     "지시",       "개시",         "실시",   "게시",   "전시",   "잠시",
         "평시",     "필시",     "명시",       "응시",         "적시",   "수시",   "도시",   "교시",
         "정시",     "착시",     "재개시",     "본격시",       "항구",   "선진국"});

    return k;
}

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
