// Meetings in Korean and Chinese sentences (see meetings.hpp for the shapes read).
#include "meetings/meeting_reading.hpp"

#include <algorithm>
#include <array>

namespace dateline::meetings {

namespace {

bool contains_any(std::string_view text, std::initializer_list<std::string_view> words) {
    return std::any_of(words.begin(), words.end(),
                       [&](std::string_view w) { return text.find(w) != std::string_view::npos; });
}

/// The first of `words` in `text`, or npos.
std::size_t first_of(std::string_view text, std::initializer_list<std::string_view> words) {
    std::size_t best = std::string_view::npos;
    for (const auto w : words) {
        best = std::min(best, text.find(w));
    }
    return best;
}

bool is_person(const SentenceMention& m) {
    return m.entity->type == EntityType::person;
}

/// One multilateral or bilateral event from the roles, or one per counterpart where the sentence says they
/// were met one after another ("잇달아", "分别").
void add_events(std::vector<FoundMeeting>& out, std::vector<const SentenceMention*> subjects,
                std::vector<const SentenceMention*> others, bool one_by_one, bool others_visit,
                FoundMeeting base) {
    if (subjects.empty() && others.size() >= 2) {
        subjects.push_back(others.front());
        others.erase(others.begin());
    }
    if (subjects.empty()) {
        return;
    }
    const auto make = [&](std::vector<const SentenceMention*> a, std::vector<const SentenceMention*> b) {
        FoundMeeting f = base;
        if (others_visit) {
            std::swap(a, b); // the visitors act, the host receives
        }
        f.actors = std::move(a);
        f.recipients = std::move(b);
        if (f.mode == MeetingMode::multilateral && f.actors.size() + f.recipients.size() < 3) {
            f.mode = MeetingMode::unspecified;
        }
        if (f.mode == MeetingMode::multilateral) {
            f.actors.insert(f.actors.end(), f.recipients.begin(), f.recipients.end());
            f.recipients.clear();
        }
        out.push_back(std::move(f));
    };
    if (others.empty()) {
        if (subjects.size() >= 2) {
            make(std::move(subjects), {}); // all alike: "A와 B는", "A는 B의 …"
        }
        return;
    }
    if (one_by_one && others.size() >= 2) {
        for (const auto* other : others) {
            make(subjects, {other});
        }
    } else {
        make(std::move(subjects), std::move(others));
    }
}

// --- Korean -----------------------------------------------------------------------------------------

/// "…회담에서", "…회의에서": the sentence reports what happened at the meeting.
bool at_the_meeting(std::string_view text, std::size_t trigger) {
    const auto rest = text.substr(trigger);
    return rest.starts_with("회담에서") || rest.starts_with("정상회담에서") || rest.starts_with("회의에서");
}

enum class Role : std::uint8_t { none, subject, counterpart, listed };

/// The role a Korean particle gives the noun phrase it ends: the first eojeol ending after the mention
/// (past titles and bodies: "왕이 중국 외교부장과") that carries a particle.
Role korean_role(std::string_view text, const SentenceMention& mention, std::size_t next_mention) {
    std::size_t at = mention.end;
    for (int eojeol = 0; eojeol < 6 && at < text.size(); ++eojeol) {
        auto end = text.find(' ', at);
        if (end == std::string_view::npos || end > next_mention) {
            end = std::min(text.size(), next_mention);
        }
        auto word = text.substr(at, end - at);
        while (!word.empty() && (word.back() == '.' || word.back() == '"' || word.back() == '\'')) {
            word.remove_suffix(1);
        }
        if (word.ends_with(",") || word.ends_with("·") || word.ends_with("、")) {
            return Role::listed;
        }
        for (const auto p : {"께서는", "께서", "은", "는", "이", "가", "의"}) {
            if (word.ends_with(p) && !word.empty()) {
                return Role::subject;
            }
        }
        for (const auto p : {"와의", "과의", "와는", "과는", "와도", "과도", "와", "과", "을", "를", "에게",
                             "하고", "이랑", "랑"}) {
            if (word.ends_with(p)) {
                return Role::counterpart;
            }
        }
        if (end >= next_mention || end >= text.size()) {
            return Role::none;
        }
        at = end + 1;
    }
    return Role::none;
}

std::vector<FoundMeeting> korean(const SentenceView& view) {
    const auto text = view.text;
    const auto trigger =
        first_of(text, {"회담", "만나", "만났", "만난", "만남", "만날", "면담", "접견", "예방", "회동",
                        "통화", "정상회의", "환담", "대면", "회의", "협의", "화상"});
    if (trigger == std::string_view::npos) {
        return {};
    }
    if (contains_any(text, {"못했", "못한", "않았", "않기로", "않는다", "않을", "거부", "거절", "없었"})) {
        return {};
    }
    FoundMeeting base;
    base.rule = "ko:particles";
    base.trigger = trigger;
    if (contains_any(text, {"취소", "연기", "보류", "불발", "무산"})) {
        base.status = MeetingStatus::cancelled;
    } else if (!at_the_meeting(text, trigger) &&
               contains_any(text.substr(trigger, 24),
                            {"싶다", "희망", "바란다", "해야", "촉구", "제안", "요청", "요구", "주장"})) {
        // Wished for or asked for: the wish follows the meeting word ("만나고 싶다", "회담을 요청했다");
        // "A는 B를 예방하고 … 확대를 요청했다" asked for something else at a meeting.
        return {};
    } else if (contains_any(text, {"예정",   "계획", "할 것",    "하기로",   "갖기로",   "추진",    "열릴",
                                   "만날",   "가질", "방침",     "개최할",   "회담할",   "통화할",  "갖는다",
                                   "만난다", "연다", "회담한다", "방문한다", "방한한다", "통화한다"})) {
        base.status = MeetingStatus::planned;
    }
    if (contains_any(text, {"통화", "전화"})) {
        base.mode = MeetingMode::phone;
    } else if (contains_any(text, {"화상"})) {
        base.mode = MeetingMode::video;
    } else if (contains_any(text, {"정상회의", "다자"})) {
        base.mode = MeetingMode::multilateral;
    } else if (contains_any(text, {"방한", "방중", "방일", "방미", "방북", "방문", "예방", "순방"})) {
        base.mode = MeetingMode::visit;
    }
    std::vector<const SentenceMention*> subjects, others, pending;
    for (std::size_t i = 0; i < view.mentions.size(); ++i) {
        const auto& m = view.mentions[i];
        if (!is_person(m)) {
            continue;
        }
        std::size_t next = text.size();
        for (auto j = i + 1; j < view.mentions.size(); ++j) {
            if (is_person(view.mentions[j])) {
                next = view.mentions[j].begin;
                break;
            }
        }
        const auto role = korean_role(text, m, next);
        if (role == Role::listed) {
            pending.push_back(&m);
            continue;
        }
        auto& group = role == Role::subject ? subjects : others;
        if (role != Role::none) {
            group.insert(group.end(), pending.begin(), pending.end());
            group.push_back(&m);
        }
        pending.clear();
    }
    // "A는 방한 중인 B를 접견했다": the host receives; a visitor named as the object acts.
    const bool others_visit = base.mode == MeetingMode::visit &&
                              contains_any(text, {"접견", "방한 중인", "방한한"}) &&
                              !contains_any(text, {"예방"});
    std::vector<FoundMeeting> out;
    add_events(out, subjects, others, contains_any(text, {"잇달아", "각각", "차례로", "연이어", "연쇄"}),
               others_visit, base);
    return out;
}

// --- Chinese --------------------------------------------------------------------------------------------

std::vector<FoundMeeting> chinese(const SentenceView& view) {
    const auto text = view.text;
    const auto trigger = first_of(text, {"会见", "会谈", "会晤", "通电话", "通话", "接见", "见面", "会面",
                                         "拜会", "峰会", "领导人会议", "磋商", "视频会议", "电话", "会议"});
    if (trigger == std::string_view::npos) {
        return {};
    }
    const auto lead = text.substr(0, trigger);
    if (contains_any(lead, {"没有", "未能", "并未", "尚未", "未曾", "未与", "拒绝", "不会", "无法"})) {
        return {};
    }
    FoundMeeting base;
    base.rule = "zh:verb";
    base.trigger = trigger;
    if (contains_any(text, {"取消", "推迟", "延期", "搁置"})) {
        base.status = MeetingStatus::cancelled;
    } else if (contains_any(text, {"希望", "应该", "应当", "呼吁", "应尽快", "要求"})) {
        return {};
    } else if ((text.find("将") != std::string_view::npos && text.find("将军") == std::string_view::npos) ||
               contains_any(text, {"拟", "计划", "即将", "准备", "预计", "明天", "下月", "下周", "原定"})) {
        base.status = MeetingStatus::planned;
    }
    if (contains_any(text, {"通电话", "通话", "电话"})) {
        base.mode = MeetingMode::phone;
    } else if (contains_any(text, {"视频"})) {
        base.mode = MeetingMode::video;
    } else if (contains_any(text, {"峰会", "领导人会议", "多边"})) {
        base.mode = MeetingMode::multilateral;
    } else if (contains_any(text, {"来访", "访华", "访问", "拜会", "应邀", "到访", "访"})) {
        base.mode = MeetingMode::visit;
    }
    std::vector<const SentenceMention*> subjects, others;
    std::size_t previous_end = 0;
    for (const auto& m : view.mentions) {
        if (!is_person(m)) {
            continue;
        }
        const auto before = text.substr(previous_end, m.begin - previous_end);
        previous_end = m.end;
        if (m.begin >= trigger) {
            others.push_back(&m);
        } else if (contains_any(before, {"同", "与", "和", "跟"}) && !subjects.empty()) {
            others.push_back(&m);
        } else {
            subjects.push_back(&m);
        }
    }
    const bool others_visit = base.mode == MeetingMode::visit &&
                              contains_any(text.substr(trigger), {"来访", "访华", "到访", "应邀"});
    std::vector<FoundMeeting> out;
    add_events(out, subjects, others, contains_any(text, {"分别", "先后", "相继"}), others_visit, base);
    return out;
}

} // namespace

std::vector<FoundMeeting> read_korean(const SentenceView& sentence) {
    return korean(sentence);
}

std::vector<FoundMeeting> read_chinese(const SentenceView& sentence) {
    return chinese(sentence);
}

} // namespace dateline::meetings
