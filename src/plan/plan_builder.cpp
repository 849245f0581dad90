#include <utf8proc.h>

#include <map>
#include <regex>
#include <set>

#include "core/text.hpp"
#include "plan/plan.hpp"

namespace tonghop {
namespace {

bool is_indicator_table(const Table& t) {
  return t.has(Role::TargetPeriod) || t.has(Role::YearlyTarget) || t.has(Role::UnitOfMeasure);
}
bool is_task_table(const Table& t) {
  return t.has(Role::LeadAgency) || t.has(Role::Timeframe) || t.has(Role::Start) || t.has(Role::Finish) ||
         t.has(Role::Coordinating);
}

// "PHƯỜNG AN DƯƠNG" -> "phường An Dương": the level in lower case, the name capitalised.
std::string commune_name(const std::string& upper) {
  auto words = lower(upper);
  std::string out;
  bool first_word = true, start = true;
  std::size_t i = 0;
  while (i < words.size()) {
    utf8proc_int32_t cp;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(words.data() + i),
                              utf8proc_ssize_t(words.size() - i), &cp);
    if (n <= 0) break;
    i += std::size_t(n);
    if (cp == ' ') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      first_word = false;
      start = true;
      continue;
    }
    append_utf8(out, char32_t(start && !first_word ? utf8proc_toupper(cp) : cp));
    start = false;
  }
  return out;
}

}  // namespace

std::string find_commune(const std::vector<std::string>& lines) {
  static const std::regex body(R"(\b(?:ubnd|uy ban nhan dan|dang bo|dang uy)\s+((?:phuong|xa|dac khu|thi tran)\s+.+))");
  static const std::regex level(R"(^(?:phuong|xa|dac khu|thi tran)\s+\S.*)");
  // Takes the last words of the written line, as many as the folded match has, to keep
  // the diacritics.
  auto name_from = [](const std::string& line, const std::string& folded, std::size_t folded_pos) {
    auto words_total = std::count(folded.begin(), folded.end(), ' ') + 1;
    auto words_name = std::count(folded.begin() + long(folded_pos), folded.end(), ' ') + 1;
    std::size_t pos = 0;
    for (long w = 0; w < words_total - words_name && pos != std::string::npos; ++w) {
      pos = line.find(' ', pos);
      if (pos != std::string::npos) ++pos;
    }
    return pos == std::string::npos ? std::string() : commune_name(line.substr(pos));
  };
  bool after_body = false;
  std::smatch m;
  for (const auto& line : lines) {
    auto k = fold_key(line);
    if (std::regex_search(k, m, body)) return name_from(line, k, std::size_t(m.position(1)));
    // "ỦY BAN NHÂN DÂN" over "PHƯỜNG AN DƯƠNG" (the quốc hiệu may stand between them in
    // row order); a short line only, so a sentence starting with "Xã hội" is not a name.
    if (k == "uy ban nhan dan" || k == "ubnd") after_body = true;
    else if (after_body && std::count(k.begin(), k.end(), ' ') < 6 && std::regex_match(k, level))
      return name_from(line, k, 0);
  }
  return {};
}

namespace {

void describe_plan(const std::vector<std::string>& title, const std::vector<Column>& columns, Plan& plan) {
  static const std::regex period(R"((\d{4})\s*-\s*(\d{4}))");
  std::smatch m;
  if (plan.commune.empty()) plan.commune = find_commune(title);
  for (const auto& line : title) {
    auto k = fold_key(line);
    if (plan.period.empty() && std::regex_search(k, m, period)) plan.period = m[1].str() + "-" + m[2].str();
  }
  for (const auto& c : columns) {
    auto k = fold_key(c.label);
    if (plan.period.empty() && std::regex_search(k, m, period)) plan.period = m[1].str() + "-" + m[2].str();
  }
  if (plan.title.empty()) {
    for (std::size_t i = 0; i < title.size(); ++i) {
      auto k = fold_key(title[i]);
      if (k.rfind("phu luc", 0) != 0) continue;
      // The line under the annex's number, not "(Kèm theo Kế hoạch số ...)" nor a date.
      for (std::size_t j = i + 1; j < title.size() && plan.title.empty(); ++j) {
        auto kj = fold_key(title[j]);
        bool reference = title[j].rfind("(", 0) == 0 || kj.rfind("kem theo", 0) == 0 ||
                         kj.rfind("ban hanh kem theo", 0) == 0 || kj.find("ngay ") == 0;
        if (!reference && !kj.empty()) plan.title = title[j];
      }
      break;
    }
  }
}

class Builder {
 public:
  Builder(const Workbook& book, const UnitRegistry& units, PlanResult& out) : book_(book), units_(units), out_(out) {}

  void indicators(const Table& t) {
    SheetView v(book_.sheets[t.sheet]);
    const auto& sheet = book_.sheets[t.sheet].info.name;
    auto col = [&](Role r, const TableRow& row) { return item_text(v, t, row, t.column(r)); };
    std::map<std::string, std::uint32_t> seen;
    std::vector<std::size_t> table_index(t.rows.size(), SIZE_MAX);
    long previous = 0;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      const auto& r = t.rows[i];
      if (r.kind == RowKind::Group) continue;
      Indicator ind;
      ind.code = r.code;
      ind.name = col(Role::Name, r);
      if (ind.name.empty()) {
        no_name(t, r, sheet);
        continue;
      }
      ind.group = r.group;
      ind.unit_of_measure = col(Role::UnitOfMeasure, r);
      ind.yearly_target = parse_target(col(Role::YearlyTarget, r));
      ind.target_final = parse_target(col(Role::TargetPeriod, r));
      ind.directing_leader = col(Role::DirectingLeader, r);
      ind.sheet = sheet;
      ind.row = r.row;
      std::string responsible = col(Role::Responsible, r);
      auto responsible_col = t.column(Role::Responsible);
      if (responsible.empty() && t.column(Role::LeadAgency)) {
        responsible = col(Role::LeadAgency, r);
        responsible_col = t.column(Role::LeadAgency);
      }
      const Indicator* parent = nullptr;
      if (r.kind == RowKind::SubItem && r.parent >= 0 && table_index[std::size_t(r.parent)] != SIZE_MAX)
        parent = &out_.plan.indicators[table_index[std::size_t(r.parent)]];
      if (parent) ind.parent = parent->code;
      if (!responsible.empty()) ind.responsible = resolve(responsible, sheet, r.row, responsible_col, ind.code);
      else if (parent) ind.responsible = parent->responsible;
      if (ind.directing_leader.empty() && parent) ind.directing_leader = parent->directing_leader;
      if (ind.responsible.empty())
        issue(IssueCode::MissingUnit, sheet, r.row, responsible_col, ind.code,
              {{"what", Text("Chỉ tiêu", "Indicator")}, {"name", ind.name}});
      for (auto [target, role] : {std::pair{&ind.yearly_target, Role::YearlyTarget}, std::pair{&ind.target_final, Role::TargetPeriod}})
        if (target->kind == TargetKind::Unparsed)
          issue(IssueCode::UnparsedTarget, sheet, r.row, t.column(role), ind.code, {{"raw", target->raw}});
      if (r.kind == RowKind::Item && !ind.code.empty()) {
        check_numbering(ind.code, previous, seen, sheet, r.row, t.column(Role::Code));
      }
      table_index[i] = out_.plan.indicators.size();
      out_.plan.indicators.push_back(std::move(ind));
    }
  }

  void tasks(const Table& t) {
    SheetView v(book_.sheets[t.sheet]);
    const auto& sheet = book_.sheets[t.sheet].info.name;
    auto col = [&](Role r, const TableRow& row) { return item_text(v, t, row, t.column(r)); };
    std::map<std::string, std::uint32_t> seen;
    long previous = 0;
    for (const auto& r : t.rows) {
      if (r.kind == RowKind::Group) continue;
      Task task;
      task.code = r.code;
      task.section = r.group;
      task.name = col(Role::Name, r);
      if (task.name.empty()) {
        no_name(t, r, sheet);
        continue;
      }
      task.output = col(Role::Output, r);
      task.resources = col(Role::Resources, r);
      task.directing_leader = col(Role::DirectingLeader, r);
      task.sheet = sheet;
      task.row = r.row;
      // Separate start and finish columns ("Thời gian" over "Triển khai | Hoàn thành") say more
      // than one timeframe column.
      std::optional<std::uint32_t> time_col;
      if (t.has(Role::Start) || t.has(Role::Finish)) {
        task.timeframe = combine_timeframes(parse_timeframe(col(Role::Start, r)), parse_timeframe(col(Role::Finish, r)));
        time_col = t.has(Role::Start) ? t.column(Role::Start) : t.column(Role::Finish);
      } else {
        task.timeframe = parse_timeframe(col(Role::Timeframe, r));
        time_col = t.column(Role::Timeframe);
      }
      if (task.timeframe.unparsed)
        issue(IssueCode::UnparsedTimeframe, sheet, r.row, time_col, task.code, {{"raw", task.timeframe.raw}});
      auto lead_col = t.column(Role::LeadAgency) ? t.column(Role::LeadAgency) : t.column(Role::Responsible);
      std::string lead = item_text(v, t, r, lead_col);
      if (!lead.empty()) task.lead_agency = resolve(lead, sheet, r.row, lead_col, task.code);
      if (task.lead_agency.empty())
        issue(IssueCode::MissingUnit, sheet, r.row, lead_col, task.code,
              {{"what", Text("Nhiệm vụ", "Task")}, {"name", task.name}});
      for (const auto& a : split_agencies(col(Role::Coordinating, r))) {
        auto res = units_.resolve(a);
        if (res.match == UnitRegistry::Match::Generic) task.coordinating.push_back(res.name);
        else task.coordinating.push_back(resolve(a, sheet, r.row, t.column(Role::Coordinating), task.code));
      }
      if (r.kind == RowKind::Item && !task.code.empty())
        check_numbering(task.code, previous, seen, sheet, r.row, t.column(Role::Code));
      out_.plan.tasks.push_back(std::move(task));
    }
  }

  void reporting_units() {
    std::map<std::string, std::size_t> index;
    auto add = [&](const std::string& name) -> ReportingUnit& {
      auto it = index.find(name);
      if (it == index.end()) {
        it = index.emplace(name, out_.plan.units.size()).first;
        out_.plan.units.push_back(ReportingUnit{name, {}, {}});
      }
      return out_.plan.units[it->second];
    };
    for (std::size_t i = 0; i < out_.plan.indicators.size(); ++i)
      if (!out_.plan.indicators[i].responsible.empty()) add(out_.plan.indicators[i].responsible).indicators.push_back(i);
    for (std::size_t i = 0; i < out_.plan.tasks.size(); ++i)
      if (!out_.plan.tasks[i].lead_agency.empty()) add(out_.plan.tasks[i].lead_agency).tasks.push_back(i);
  }

 private:
  // A numbered row without a name is no item: reported at its name cell, never kept empty.
  void no_name(const Table& t, const TableRow& r, const std::string& sheet) {
    issue(IssueCode::MissingName, sheet, r.row, t.column(Role::Name), r.code, {{"code", r.code}});
  }

  std::string resolve(const std::string& written, const std::string& sheet, std::uint32_t row,
                      std::optional<std::uint32_t> col, const std::string& item) {
    auto r = units_.resolve(written);
    switch (r.match) {
      case UnitRegistry::Match::Known: return r.name;
      case UnitRegistry::Match::Generic: return {};
      case UnitRegistry::Match::Closest:
        issue(IssueCode::UnknownAgency, sheet, row, col, item,
              {{"name", written},
               {"closest", Text("; hiểu là \"" + r.name + "\" (gần giống nhất)",
                                "; read as \"" + r.name + "\" (the closest)")}});
        return r.name;
      case UnitRegistry::Match::Unknown:
        issue(IssueCode::UnknownAgency, sheet, row, col, item, {{"name", written}, {"closest", Text("")}});
        return r.name;
    }
    return r.name;
  }

  void check_numbering(const std::string& code, long& previous, std::map<std::string, std::uint32_t>& seen,
                       const std::string& sheet, std::uint32_t row, std::optional<std::uint32_t> col) {
    if (auto it = seen.find(code); it != seen.end()) {
      issue(IssueCode::DuplicateCode, sheet, row, col, code,
            {{"code", code}, {"first", std::to_string(it->second + 1)}});
    } else {
      seen.emplace(code, row);
    }
    // Gaps only in plain whole-number codes ("12" missing between "11" and "13").
    if (code.find('.') != std::string::npos) return;
    long n = std::strtol(code.c_str(), nullptr, 10);
    if (n > previous + 1 && previous > 0) {
      std::string missing;
      for (long k = previous + 1; k < n && k < previous + 6; ++k) missing += (missing.empty() ? "" : ", ") + std::to_string(k);
      issue(IssueCode::NumberingGap, sheet, row, col, code,
            {{"previous", std::to_string(previous)}, {"code", code}, {"missing", missing}});
    }
    if (n > previous) previous = n;
  }

  void issue(IssueCode code, const std::string& sheet, std::uint32_t row, std::optional<std::uint32_t> col,
             const std::string& item, IssueParams params) {
    out_.issues.push_back(make_issue_at(code, book_.path, sheet, row, col, item, std::move(params)));
  }

  const Workbook& book_;
  const UnitRegistry& units_;
  PlanResult& out_;
};

}  // namespace

PlanResult build_plan(const Workbook& book, const LabelRoles& roles, const UnitRegistry& units) {
  PlanResult out;
  Builder b(book, units, out);
  bool any = false;
  for (const auto& t : recognise_tables(book, roles)) {
    if (is_indicator_table(t) || is_task_table(t))
      for (auto i : t.issues) {
        i.where.file = book.path;
        out.issues.push_back(std::move(i));
      }
    if (is_indicator_table(t)) {
      b.indicators(t);
      any = true;
    } else if (is_task_table(t)) {
      b.tasks(t);
      any = true;
    } else {
      continue;
    }
    describe_plan(t.title, t.columns, out.plan);
  }
  if (!any) {
    Location where;
    where.file = book.path;
    out.issues.push_back(make_issue(IssueCode::NoTableFound, where,
                                    {{"what", Text("chỉ tiêu hoặc nhiệm vụ", "indicator or task")}}));
  }
  b.reporting_units();
  return out;
}

}  // namespace tonghop
