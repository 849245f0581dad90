#include "write/formulas.hpp"

#include <cmath>

#include "core/json_writer.hpp"

namespace tonghop {
namespace {

std::string num(double v) { return format_number(v); }
std::string quoted(const char* word) { return "\"" + std::string(word) + "\""; }

}  // namespace

std::string quote_sheet(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("''") : std::string(1, c);
  return q + "'";
}

std::string countifs(const std::string& range, const std::vector<const char*>& values) {
  std::string f = "=";
  for (std::size_t i = 0; i < values.size(); ++i)
    f += (i ? "+" : "") + std::string("COUNTIF(") + range + ",\"" + values[i] + "\")";
  return f;
}

std::string ratio_formula(const std::string& a, const std::string& p) {
  return "=IF(AND(ISNUMBER(" + a + "),ISNUMBER(" + p + ")," + p + "<>0),ROUND(" + a + "/" + p + "*100,1),\"\")";
}

std::string assessment_formula(const Target& t, bool trend, const std::string& a, const std::string& pv) {
  const std::string met = quoted(kMet), not_met = quoted(kNotMet), over = quoted(kExceeded),
                    no_data = quoted(kNoData), not_assessable = quoted(kNotAssessable);
  // The yes/no words the writer puts in the actual column for a status.
  std::string by_status = "IF(OR(" + a + "=\"Đạt\"," + a + "=\"Duy trì\")," + met + ",IF(OR(" + a +
                          "=\"Không đạt\"," + a + "=\"Không duy trì\")," + not_met + "," + not_assessable + "))";
  // A status written where a figure is asked cannot be judged; an empty cell is no data.
  auto numeric = [&](const std::string& test, bool status_too = false) {
    return "=IF(ISNUMBER(" + a + ")," + test + ",IF(" + a + "=\"\"," + no_data + "," +
           (status_too ? by_status : not_assessable) + "))";
  };
  if (trend) {
    if (pv.empty()) return {};
    std::string test;
    if (t.kind == TargetKind::Decrease) test = "IF(" + a + "<" + pv + "," + met + "," + not_met + ")";
    else if (!t.low) test = "IF(" + a + ">" + pv + "," + met + "," + not_met + ")";
    else {
      std::string growth = "(" + a + "/" + pv + "-1)*100";
      test = "IF(" + pv + "<=0," + not_assessable + ",IF(" + growth + "<" + num(*t.low) + "," + not_met + "," +
             (t.high ? "IF(" + growth + ">" + num(*t.high) + "," + over + "," + met + ")" : met) + "))";
    }
    return numeric("IF(ISNUMBER(" + pv + ")," + test + "," + not_assessable + ")");
  }
  switch (t.kind) {
    case TargetKind::AtLeast:
      if (!t.low) break;
      return numeric("IF(" + a + ">=" + num(*t.low) + "," + met + "," + not_met + ")");
    case TargetKind::MoreThan:
      if (!t.low) break;
      return numeric("IF(" + a + ">" + num(*t.low) + "," + met + "," + not_met + ")");
    case TargetKind::LessThan:
      if (!t.high) break;
      return numeric("IF(" + a + "<" + num(*t.high) + "," + met + "," + not_met + ")");
    case TargetKind::AtMost:
      if (!t.high) break;
      return numeric("IF(" + a + "<=" + num(*t.high) + "," + met + "," + not_met + ")");
    case TargetKind::Exact:
    case TargetKind::Level:
    case TargetKind::Range:
    case TargetKind::Increase:
      if (!t.low) break;
      return numeric("IF(" + a + "<" + num(*t.low) + "," + not_met + "," +
                     (t.high ? "IF(" + a + ">" + num(*t.high) + "," + over + "," + met + ")" : met) + ")");
    case TargetKind::About:
      if (!t.low) break;
      // 5% either side, rounded so that binary noise (3.8000000000000003) stays out of the text.
      return numeric("IF(ABS(" + a + "-" + num(*t.low) + ")<=" + num(std::round(0.05 * std::fabs(*t.low) * 1e9) / 1e9) + "," + met +
                     ",IF(" + a + ">" + num(*t.low) + "," + over + "," + not_met + "))");
    case TargetKind::NoneLeft:
      return numeric("IF(" + a + "=0," + met + "," + not_met + ")", true);
    case TargetKind::Maintain:
    case TargetKind::Attain:
    case TargetKind::Complete:
      return "=IF(ISNUMBER(" + a + ")," + not_assessable + ",IF(" + a + "=\"\"," + no_data + "," + by_status + "))";
    default: break;
  }
  return {};
}

}  // namespace tonghop
