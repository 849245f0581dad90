#include "validate/value.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/number_text.hpp"
#include "core/text.hpp"
#include "core/vn_number.hpp"
#include "recognise/table.hpp"

namespace tonghop {

std::string_view to_string(Status s) {
  switch (s) {
    case Status::None: return "none";
    case Status::Done: return "done";
    case Status::InProgress: return "in-progress";
    case Status::NotStarted: return "not-started";
    case Status::Behind: return "behind-schedule";
    case Status::Yes: return "yes";
    case Status::No: return "no";
  }
  return "none";
}

std::string_view to_string(Assessment a) {
  switch (a) {
    case Assessment::Unknown: return "unknown";
    case Assessment::Met: return "met";
    case Assessment::NotMet: return "not-met";
    case Assessment::Exceeded: return "exceeded";
  }
  return "unknown";
}

namespace {

// The phrases a status starts with, folded, word by word; the longest that starts a
// phrase wins ("chưa hoàn thành" over "hoàn thành" cannot clash: a head must start it).
struct Head {
  const char* words;
  Status status;
  bool alone = false;  // a status only as the whole phrase ("Có", not "Có 3 hội nghị")
};
constexpr Head kHeads[] = {
    {"hoan thanh", Status::Done},          {"da hoan thanh", Status::Done},
    {"co ban hoan thanh", Status::Done},   {"da co ban hoan thanh", Status::Done},
    {"hoan tat", Status::Done},            {"da hoan tat", Status::Done},
    {"xong", Status::Done},                {"da xong", Status::Done},
    {"thuc hien xong", Status::Done},      {"da thuc hien xong", Status::Done},
    {"hoan thanh dung tien do", Status::Done},
    {"dang", Status::InProgress},          {"dang thuc hien", Status::InProgress},
    {"dang trien khai", Status::InProgress}, {"dang trien khai thuc hien", Status::InProgress},
    {"tiep tuc", Status::InProgress},      {"tiep tuc thuc hien", Status::InProgress},
    {"tiep tuc trien khai", Status::InProgress}, {"da trien khai", Status::InProgress},
    {"da trien khai thuc hien", Status::InProgress}, {"thuong xuyen thuc hien", Status::InProgress},
    {"chua hoan thanh", Status::InProgress},
    {"chua thuc hien", Status::NotStarted}, {"chua trien khai", Status::NotStarted},
    {"chua bat dau", Status::NotStarted},
    {"cham", Status::Behind, true},              {"cham tien do", Status::Behind},
    {"cham so voi ke hoach", Status::Behind}, {"qua han", Status::Behind},
    {"khong dung tien do", Status::Behind}, {"khong hoan thanh", Status::Behind},
    {"khong dat", Status::No},             {"chua dat", Status::No},
    {"khong duy tri", Status::No},         {"khong", Status::No, true},
    {"dat", Status::Yes},                  {"da dat", Status::Yes},
    {"duy tri", Status::Yes},              {"van duy tri", Status::Yes},
    {"co", Status::Yes, true},
};

// Splits on white space; each word's folded form without the punctuation around it; the
// first `max` words only (count: how many there are in all).
struct Words {
  std::vector<std::string> written, folded;
  std::size_t count = 0;
  explicit Words(std::string_view text, std::size_t max = std::string_view::npos) {
    std::size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
      std::size_t j = i;
      while (j < text.size() && text[j] != ' ' && text[j] != '\t' && text[j] != '\n' && text[j] != '\r') ++j;
      if (j > i && count++ < max) {
        written.emplace_back(text.substr(i, j - i));
        auto f = fold_key(written.back());
        while (!f.empty() && std::string_view(",.;:-").find(f.back()) != std::string_view::npos) f.pop_back();
        while (!f.empty() && std::string_view(",.;:-").find(f.front()) != std::string_view::npos) f.erase(0, 1);
        folded.push_back(f);
      }
      i = j;
    }
  }
};

// "60%", "60 %", "ước đạt 60%": the first percentage in folded words from `from`.
std::optional<double> percent_in(const Words& w, std::size_t from) {
  for (std::size_t i = from; i < w.folded.size(); ++i) {
    std::string f = w.folded[i];
    bool pct = !f.empty() && f.back() == '%';
    if (pct) f.pop_back();
    else if (i + 1 < w.folded.size() && w.folded[i + 1] == "%") pct = true;
    if (!pct) continue;
    if (auto n = parse_vn_number(f)) return n->value;
  }
  return std::nullopt;
}

bool only_progress_words(const Words& w, std::size_t from) {
  for (std::size_t i = from; i < w.folded.size(); ++i) {
    const auto& f = w.folded[i];
    if (f.empty() || f == "%" || f == "uoc" || f == "dat" || f == "khoang" || f == "duoc" || f == "tien" ||
        f == "do" || f == "khoi" || f == "luong" || f == "tren" || f == "gan")
      continue;
    std::string n = f;
    if (!n.empty() && n.back() == '%') n.pop_back();
    if (!parse_vn_number(n)) return false;
  }
  return true;
}

}  // namespace

StatusReading read_status(std::string_view text) {
  // The heads' words, folded once (read_status runs for every text cell of a report).
  static const std::vector<std::vector<std::string>> heads = [] {
    std::vector<std::vector<std::string>> out;
    for (const auto& h : kHeads) out.push_back(Words(h.words).folded);
    return out;
  }();
  static const std::size_t longest = [] {
    std::size_t n = 0;
    for (const auto& h : heads) n = std::max(n, h.size());
    return n;
  }();
  StatusReading out;
  // The head is among the first words: the rest of a long text is folded only when a
  // status starts it.
  Words w(text, longest);
  std::size_t best = 0;
  for (std::size_t k = 0; k < std::size(kHeads); ++k) {
    const auto& h = kHeads[k];
    const auto& hw = heads[k];
    if (hw.size() <= best || hw.size() > w.folded.size()) continue;
    if (h.alone && hw.size() != w.count) continue;
    if (std::equal(hw.begin(), hw.end(), w.folded.begin())) best = hw.size(), out.status = h.status;
  }
  if (out.status == Status::None) return out;
  if (w.count > w.folded.size()) w = Words(text);
  out.progress = percent_in(w, best);
  std::string rest;
  for (std::size_t i = best; i < w.written.size(); ++i) rest += (rest.empty() ? "" : " ") + w.written[i];
  // Separators and brackets around the rest: "Đang thực hiện, ...", "(dự kiến ...)".
  while (!rest.empty() && std::string_view(",;:-–( ").find(rest.front()) != std::string_view::npos) rest.erase(0, 1);
  if (rest.rfind("\xE2\x80\x93", 0) == 0) rest.erase(0, 3);
  while (!rest.empty() && std::string_view(".;) ").find(rest.back()) != std::string_view::npos) rest.pop_back();
  if (rest.find('(') == std::string::npos && !rest.empty() && rest.back() == ')') rest.pop_back();
  bool stage = best < w.folded.size() &&
               (w.folded[best] == "giai" || w.folded[best] == "buoc" || w.folded[best] == "phan" ||
                w.folded[best] == "hang" || w.folded[best] == "dot");
  bool qualified = w.folded.size() > 1 && w.folded[0] == "co" && w.folded[1] == "ban";
  qualified |= w.folded.size() > 2 && w.folded[1] == "co" && w.folded[2] == "ban";
  if (out.status == Status::Done && stage) {
    // "Đã xong giai đoạn 1": one stage is done, the task is not.
    out.status = Status::InProgress;
    out.detail = std::string(text);
    return out;
  }
  if (out.status == Status::Done && out.progress && *out.progress < 100 - 1e-9) out.status = Status::InProgress;
  if (qualified) out.detail = std::string(text);
  else if (!rest.empty() && !only_progress_words(w, best)) out.detail = rest;
  return out;
}

Status parse_status(std::string_view text) { return read_status(text).status; }

Value read_value(const StoredCell* c) {
  Value v;
  if (!c) return v;
  if (c->formula_without_value) {
    v.kind = Value::Kind::FormulaWithoutValue;
    return v;
  }
  v.raw = display_text(*c);
  if (c->type == CellType::Number) {
    v.kind = Value::Kind::Number;
    v.number = c->format_class == FormatClass::Percent ? c->number * 100 : c->number;
    v.shown = number_text(c->number, number_style(c->number_format, c->format_class));
    return v;
  }
  v.shown = Text(v.raw);
  if (c->type == CellType::Empty) return v;
  std::string t = v.raw;
  auto k = fold_key(t);
  if (k.empty() || k == "-" || k == "x") return v;
  // "≥ 95", "trên 95", "97,8%": the figure inside.
  std::string num;
  for (std::size_t i = 0; i < k.size(); ++i) {
    char ch = k[i];
    if ((ch >= '0' && ch <= '9') || ch == ',' || ch == '.') num += ch;
    else if (!num.empty()) break;
  }
  std::string rest = k;
  for (std::string_view drop : {"toi thieu", "tren", "dat", "khoang", "%", " "})
    for (auto p = rest.find(drop); p != std::string::npos; p = rest.find(drop)) rest.erase(p, drop.size());
  rest.erase(std::remove_if(rest.begin(), rest.end(), [&](char ch) {
               return (ch >= '0' && ch <= '9') || ch == ',' || ch == '.';
             }),
             rest.end());
  bool symbol = t.find("\xE2\x89\xA5") != std::string::npos || t.find('>') != std::string::npos;
  // A sign the reading does not know ("?97") leaves the text for the unit to fix.
  if (!num.empty() && (rest.empty() || symbol) && !has_unknown_symbol(t)) {
    if (auto n = parse_vn_number(num)) {
      v.kind = Value::Kind::Number;
      v.number = n->value;
      v.ambiguous = n->ambiguous && k.find('%') == std::string::npos;
      v.qualified = symbol || k.find("tren") != std::string::npos || k.find("toi thieu") != std::string::npos;
      return v;
    }
  }
  auto reading = read_status(t);
  v.status = reading.status;
  v.progress = reading.progress;
  v.detail = reading.detail;
  v.kind = v.status != Status::None ? Value::Kind::Status : Value::Kind::Text;
  return v;
}

Assessment assess(const Target& t, const Value& v) {
  if (v.kind == Value::Kind::Status) {
    bool yes = v.status == Status::Yes || v.status == Status::Done;
    bool no = v.status == Status::No || v.status == Status::NotStarted || v.status == Status::Behind;
    switch (t.kind) {
      case TargetKind::Maintain:
      case TargetKind::Attain:
      case TargetKind::Complete:
      case TargetKind::NoneLeft:
        return yes ? Assessment::Met : no ? Assessment::NotMet : Assessment::Unknown;
      default: return Assessment::Unknown;
    }
  }
  if (v.kind != Value::Kind::Number) return Assessment::Unknown;
  double a = v.number;
  constexpr double eps = 1e-9;
  switch (t.kind) {
    case TargetKind::Exact:
    case TargetKind::Level:
      if (!t.low) return Assessment::Unknown;
      if (a + eps < *t.low) return Assessment::NotMet;
      return (t.high && a > *t.high + eps) ? Assessment::Exceeded : Assessment::Met;
    case TargetKind::Range:
    case TargetKind::Increase:
      if (!t.low) return Assessment::Unknown;
      if (a + eps < *t.low) return Assessment::NotMet;
      return (t.high && a > *t.high + eps) ? Assessment::Exceeded : Assessment::Met;
    case TargetKind::AtLeast: return t.low && a + eps >= *t.low ? Assessment::Met : Assessment::NotMet;
    case TargetKind::MoreThan: return t.low && a > *t.low + eps ? Assessment::Met : Assessment::NotMet;
    case TargetKind::LessThan: return t.high && a < *t.high - eps ? Assessment::Met : Assessment::NotMet;
    case TargetKind::AtMost: return t.high && a <= *t.high + eps ? Assessment::Met : Assessment::NotMet;
    case TargetKind::About:
      if (!t.low) return Assessment::Unknown;
      if (std::fabs(a - *t.low) <= 0.05 * std::fabs(*t.low) + eps) return Assessment::Met;
      return a > *t.low ? Assessment::Exceeded : Assessment::NotMet;
    case TargetKind::NoneLeft: return std::fabs(a) < eps ? Assessment::Met : Assessment::NotMet;
    default: return Assessment::Unknown;  // trends, statuses, unparsed
  }
}

bool needs_previous(const Target& t, const std::string& unit_of_measure) {
  if (t.kind == TargetKind::Decrease) return true;
  if (t.kind != TargetKind::Increase) return false;
  return !t.low || fold_key(unit_of_measure) != "%";
}

Assessment assess_trend(const Target& t, double a, double previous) {
  constexpr double eps = 1e-9;
  if (t.kind == TargetKind::Decrease) return a < previous - eps ? Assessment::Met : Assessment::NotMet;
  if (!t.low) return a > previous + eps ? Assessment::Met : Assessment::NotMet;
  if (previous <= 0) return Assessment::Unknown;
  double growth = (a / previous - 1) * 100;
  if (growth + eps < *t.low) return Assessment::NotMet;
  return t.high && growth > *t.high + eps ? Assessment::Exceeded : Assessment::Met;
}

}  // namespace tonghop
