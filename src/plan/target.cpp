#include "plan/target.hpp"

#include <vector>

#include "core/text.hpp"
#include "core/vn_number.hpp"

namespace tonghop {

std::string_view to_string(TargetKind k) {
  switch (k) {
    case TargetKind::Empty: return "empty";
    case TargetKind::Exact: return "exact";
    case TargetKind::Range: return "range";
    case TargetKind::AtLeast: return "at-least";
    case TargetKind::MoreThan: return "more-than";
    case TargetKind::AtMost: return "at-most";
    case TargetKind::LessThan: return "less-than";
    case TargetKind::About: return "about";
    case TargetKind::Increase: return "increase";
    case TargetKind::Decrease: return "decrease";
    case TargetKind::Maintain: return "maintain";
    case TargetKind::Attain: return "attain";
    case TargetKind::Complete: return "complete";
    case TargetKind::NoneLeft: return "none-left";
    case TargetKind::Level: return "level";
    case TargetKind::Unparsed: return "unparsed";
  }
  return "unparsed";
}

namespace {

struct NumberToken {
  double value;
  std::size_t begin, end;  // byte offsets in the folded key
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// w followed (after spaces) by a digit: "trên 97,5" is a bound, "trên địa bàn" is not.
bool word_before_number(const std::string& k, std::string_view w) {
  std::size_t pos = 0;
  while ((pos = k.find(w, pos)) != std::string::npos) {
    bool left = pos == 0 || !std::isalnum((unsigned char)k[pos - 1]);
    std::size_t p = pos + w.size();
    while (p < k.size() && k[p] == ' ') ++p;
    if (left && p < k.size() && std::isdigit((unsigned char)k[p]) && p > pos + w.size()) return true;
    ++pos;
  }
  return false;
}

bool has_word(const std::string& k, std::string_view w) {
  std::size_t pos = 0;
  while ((pos = k.find(w, pos)) != std::string::npos) {
    bool left = pos == 0 || !std::isalnum((unsigned char)k[pos - 1]);
    bool right = pos + w.size() >= k.size() || !std::isalnum((unsigned char)k[pos + w.size()]);
    if (left && right) return true;
    ++pos;
  }
  return false;
}

// Numbers in the folded text, leaving out years that belong to a time phrase
// ("năm 2030", "giai đoạn 2026-2030", "đến 2030").
std::vector<NumberToken> numbers_in(const std::string& k) {
  std::vector<NumberToken> out;
  std::size_t i = 0;
  while (i < k.size()) {
    // A number right after a letter or "/" belongs to a word or a unit ("doanh nghiệp/1000 dân").
    if (!is_digit(k[i])) {
      ++i;
      continue;
    }
    if (i > 0 && (std::isalpha((unsigned char)k[i - 1]) || k[i - 1] == '/')) {
      while (i < k.size() && (is_digit(k[i]) || k[i] == ',' || k[i] == '.')) ++i;  // the whole run
      continue;
    }
    std::size_t j = i;
    while (j < k.size() && (is_digit(k[j]) || ((k[j] == ',' || k[j] == '.') && j + 1 < k.size() && is_digit(k[j + 1]))))
      ++j;
    auto n = parse_vn_number(std::string_view(k).substr(i, j - i));
    // A number glued to a letter is a word: "5g", "6g".
    if (j < k.size() && std::isalpha((unsigned char)k[j])) n.reset();
    if (n) {
      bool year = n->value >= 1990 && n->value <= 2100 && j - i == 4;
      std::string before = k.substr(i >= 12 ? i - 12 : 0, i >= 12 ? 12 : i);
      bool time_word = before.find("nam") != std::string::npos || before.find("doan") != std::string::npos ||
                       before.find("den") != std::string::npos || before.find("ky") != std::string::npos ||
                       (!out.empty() && out.back().value >= 1990 && out.back().value <= 2100);
      if (!(year && time_word)) out.push_back({n->value, i, j});
    }
    i = j;
  }
  return out;
}

// Two numbers joined by "-" (spaces and "%" allowed between): a range.
bool joined_by_dash(const std::string& k, const NumberToken& a, const NumberToken& b) {
  for (std::size_t p = a.end; p < b.begin; ++p)
    if (k[p] != ' ' && k[p] != '%' && k[p] != '-') return false;
  return k.substr(a.end, b.begin - a.end).find('-') != std::string::npos;
}

// The unit written after the number, in the user's own spelling: "%", or up to three
// words ("48 doanh nghiệp", "2000 lao động", "03-05 doanh nghiệp/1000 dân").
std::string unit_after(const std::string& raw, const std::string& k, std::size_t end) {
  if (k.find('%') != std::string::npos) return "%";
  std::size_t p = end;
  while (p < k.size() && k[p] == ' ') ++p;
  std::vector<std::string> folded;
  for (int words = 0; words < 3 && p < k.size() && std::isalpha((unsigned char)k[p]); ++words) {
    std::size_t q = k.find(' ', p);
    if (q == std::string::npos) q = k.size();
    std::string w = k.substr(p, q - p);
    auto stem = w.substr(0, w.find('/'));
    if (stem == "tro" || stem == "tren" || stem == "duoi" || stem == "nam" || stem == "va" || stem == "so") break;
    folded.push_back(w);
    p = q;
    while (p < k.size() && k[p] == ' ') ++p;
  }
  if (folded.empty()) return {};
  // Find the same words in the written text to return them with their diacritics.
  auto words = split_words(lower(raw));
  for (std::size_t i = 0; i + folded.size() <= words.size(); ++i) {
    bool same = true;
    for (std::size_t w = 0; w < folded.size() && same; ++w) same = fold_key(words[i + w]) == folded[w];
    if (!same) continue;
    std::string unit;
    for (std::size_t w = 0; w < folded.size(); ++w) unit += (w ? " " : "") + words[i + w];
    while (!unit.empty() && (unit.back() == '.' || unit.back() == ',' || unit.back() == ';' || unit.back() == ')'))
      unit.pop_back();
    return unit;
  }
  std::string unit;
  for (const auto& w : folded) unit += (unit.empty() ? "" : " ") + w;
  return unit;
}

}  // namespace

Target parse_target(std::string_view raw_in) {
  Target t;
  t.raw = std::string(raw_in);
  std::string raw = nfc(raw_in);
  // ≥ ≤ > < as words the folded key keeps.
  std::string pre;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw.compare(i, 3, "\xE2\x89\xA5") == 0) pre += " toi thieu ", i += 2;
    else if (raw.compare(i, 3, "\xE2\x89\xA4") == 0) pre += " toi da ", i += 2;
    else if (raw.compare(i, 2, ">=") == 0) pre += " toi thieu ", i += 1;
    else if (raw.compare(i, 2, "<=") == 0) pre += " toi da ", i += 1;
    else if (raw[i] == '>') pre += " tren ";
    else if (raw[i] == '<') pre += " duoi ";
    else pre += raw[i];
  }
  std::string k = fold_key(pre);
  if (k.empty()) return t;
  // Folding drops signs it does not know: "?95%" must not read as 95.
  if (has_unknown_symbol(raw)) {
    t.kind = TargetKind::Unparsed;
    return t;
  }

  t.per_year = k.find("/nam") != std::string::npos || has_word(k, "hang nam") || has_word(k, "moi nam") ||
               has_word(k, "binh quan");
  t.approximate = has_word(k, "khoang");
  bool at_least = word_before_number(k, "toi thieu") || word_before_number(k, "it nhat") ||
                  word_before_number(k, "it nhat tu") || has_word(k, "tro len");
  bool more_than = word_before_number(k, "tren") && !has_word(k, "tro len");
  bool less_than = word_before_number(k, "duoi");
  bool at_most = word_before_number(k, "khong qua") || word_before_number(k, "toi da");
  // With diacritics: "giám sát" must not read as "giảm".
  std::string low = lower(raw);
  bool increase = low.find("tăng") != std::string::npos;
  bool decrease = low.find("giảm") != std::string::npos;
  bool rank = has_word(k, "top") || has_word(k, "top dau") || has_word(k, "nhom") || has_word(k, "dung dau") ||
              has_word(k, "xep hang");

  auto nums = numbers_in(k);
  if (rank) {
    t.kind = TargetKind::Unparsed;
    return t;
  }
  auto level_pos = k.find("muc do");
  if (level_pos != std::string::npos) {
    for (const auto& n : nums)
      if (n.begin > level_pos && n.begin <= level_pos + 8) {
        t.kind = TargetKind::Level;
        t.low = n.value;
        if (!at_least) t.high = n.value;
        t.unit = "mức độ";
        return t;
      }
  }
  if (nums.size() >= 2 && joined_by_dash(k, nums[0], nums[1])) {
    t.low = nums[0].value;
    t.high = nums[1].value;
    t.unit = unit_after(raw, k, nums[1].end);
    t.kind = increase ? TargetKind::Increase : decrease ? TargetKind::Decrease : TargetKind::Range;
    if (nums.size() > 2) t.kind = TargetKind::Unparsed;  // several targets in one cell
    return t;
  }
  if (nums.size() == 1) {
    double v = nums[0].value;
    t.unit = unit_after(raw, k, nums[0].end);
    if (increase) t.kind = TargetKind::Increase, t.low = v, t.high = v;
    else if (decrease && !less_than) t.kind = TargetKind::Decrease, t.low = v, t.high = v;
    else if (at_least) t.kind = TargetKind::AtLeast, t.low = v;
    else if (more_than) t.kind = TargetKind::MoreThan, t.low = v;
    else if (less_than) t.kind = TargetKind::LessThan, t.high = v;
    else if (at_most) t.kind = TargetKind::AtMost, t.high = v;
    else if (t.approximate) t.kind = TargetKind::About, t.low = v, t.high = v;
    else t.kind = TargetKind::Exact, t.low = v, t.high = v;
    return t;
  }
  if (!nums.empty()) {
    t.kind = TargetKind::Unparsed;  // several numbers that are not one range
    return t;
  }
  if (decrease) t.kind = TargetKind::Decrease;
  else if (increase) t.kind = TargetKind::Increase;
  else if (has_word(k, "duy tri")) t.kind = TargetKind::Maintain;
  else if (has_word(k, "khong con") || has_word(k, "khong de") || k.rfind("khong ", 0) == 0) t.kind = TargetKind::NoneLeft;
  else if (has_word(k, "hoan thanh")) t.kind = TargetKind::Complete;
  else if (has_word(k, "dat")) t.kind = TargetKind::Attain;
  else t.kind = TargetKind::Unparsed;
  if (t.kind == TargetKind::NoneLeft) t.low = t.high = 0.0;
  return t;
}

}  // namespace tonghop
