#include "validate/value.hpp"

#include <algorithm>
#include <cmath>

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

Status parse_status(std::string_view text) {
  auto k = fold_key(text);
  auto starts = [&](std::string_view p) { return k.rfind(p, 0) == 0; };
  if (starts("cham") || starts("qua han") || starts("khong dung tien do")) return Status::Behind;
  if (starts("chua thuc hien") || starts("chua trien khai") || starts("chua bat dau")) return Status::NotStarted;
  if (starts("dang ")) return Status::InProgress;
  if (starts("khong dat") || starts("chua dat") || starts("khong duy tri") || k == "khong") return Status::No;
  if (starts("da hoan thanh") || starts("hoan thanh") || starts("xong")) return Status::Done;
  if (starts("dat") || starts("da dat") || starts("duy tri") || starts("van duy tri") || k == "co") return Status::Yes;
  return Status::None;
}

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
    return v;
  }
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
  if (!num.empty() && (rest.empty() || symbol)) {
    if (auto n = parse_vn_number(num)) {
      v.kind = Value::Kind::Number;
      v.number = n->value;
      v.ambiguous = n->ambiguous && k.find('%') == std::string::npos;
      v.qualified = symbol || k.find("tren") != std::string::npos || k.find("toi thieu") != std::string::npos;
      return v;
    }
  }
  v.status = parse_status(t);
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
