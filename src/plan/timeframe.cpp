#include "plan/timeframe.hpp"

#include <regex>

#include "core/text.hpp"

namespace tonghop {

std::string_view to_string(Recurrence r) {
  switch (r) {
    case Recurrence::None: return "none";
    case Recurrence::Yearly: return "yearly";
    case Recurrence::Continuous: return "continuous";
  }
  return "none";
}

namespace {

int quarter(const std::string& s) {
  if (s == "i" || s == "1") return 1;
  if (s == "ii" || s == "2") return 2;
  if (s == "iii" || s == "3") return 3;
  if (s == "iv" || s == "4") return 4;
  return 0;
}

}  // namespace

Timeframe parse_timeframe(std::string_view raw) {
  Timeframe t;
  t.raw = std::string(raw);
  std::string k = fold_key(raw);
  if (k.empty()) return t;
  if (has_unknown_symbol(raw)) {
    t.unparsed = true;
    return t;
  }
  if (k.find("hang nam") != std::string::npos || k.find("moi nam") != std::string::npos ||
      k.find("thuong nien") != std::string::npos)
    t.recurrence = Recurrence::Yearly;
  if (k.find("thuong xuyen") != std::string::npos || k.find("lien tuc") != std::string::npos)
    t.recurrence = Recurrence::Continuous;
  if (k.rfind("theo chi dao", 0) == 0 || k.rfind("theo yeu cau", 0) == 0) t.on_instruction = true;

  static const std::regex quarters(R"(quy (iv|iii|ii|i|[1-4])(?:-(?:quy )?(iv|iii|ii|i|[1-4]))?/(\d{4}))");
  static const std::regex years(R"((?:^|[^\d])((?:19|20)\d{2})(?:-((?:19|20)\d{2}))?(?=$|[^\d]))");
  std::smatch m;
  bool from_only = k.rfind("tu ", 0) == 0;
  bool to_only = k.rfind("den ", 0) == 0;
  std::vector<std::string> points;
  auto begin = k.cbegin();
  bool has_quarter = false;
  while (std::regex_search(begin, k.cend(), m, quarters)) {
    has_quarter = true;
    int q1 = quarter(m[1]), q2 = m[2].matched ? quarter(m[2]) : q1;
    points.push_back(m[3].str() + "-Q" + std::to_string(q1));
    if (q2 != q1) points.push_back(m[3].str() + "-Q" + std::to_string(q2));
    begin = m.suffix().first;
  }
  if (!has_quarter) {
    begin = k.cbegin();
    while (std::regex_search(begin, k.cend(), m, years)) {
      points.push_back(m[1]);
      if (m[2].matched) points.push_back(m[2]);
      begin = m.suffix().first;
    }
  }
  if (!points.empty() && !t.on_instruction) {
    if (from_only) t.from = points.front();
    else if (to_only) t.to = points.back();
    else t.from = points.front(), t.to = points.back();
  }
  return t;
}

Timeframe combine_timeframes(const Timeframe& start, const Timeframe& finish) {
  Timeframe t;
  t.raw = start.raw;
  if (!finish.raw.empty() && finish.raw != start.raw) t.raw += (t.raw.empty() ? "" : " - ") + finish.raw;
  t.from = start.from ? start.from : finish.from;
  t.to = finish.to ? finish.to : start.to;
  t.recurrence = start.recurrence != Recurrence::None ? start.recurrence : finish.recurrence;
  t.on_instruction = start.on_instruction || finish.on_instruction;
  t.unparsed = start.unparsed || finish.unparsed;
  return t;
}

}  // namespace tonghop
