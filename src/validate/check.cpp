#include "validate/check.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <set>

#include "core/date.hpp"
#include "core/json_writer.hpp"
#include "core/text.hpp"
#include "read/reader.hpp"
#include "recognise/legacy.hpp"

namespace tonghop {

std::string_view to_string(PeriodKind k) {
  switch (k) {
    case PeriodKind::Year: return "year";
    case PeriodKind::H1: return "h1";
    case PeriodKind::Q1: return "q1";
    case PeriodKind::Q2: return "q2";
    case PeriodKind::Q3: return "q3";
    case PeriodKind::Q4: return "q4";
    case PeriodKind::M9: return "9m";
  }
  return "year";
}

std::optional<PeriodKind> period_kind_from_string(std::string_view s) {
  for (auto k : {PeriodKind::Year, PeriodKind::H1, PeriodKind::Q1, PeriodKind::Q2, PeriodKind::Q3, PeriodKind::Q4,
                 PeriodKind::M9})
    if (to_string(k) == s) return k;
  return std::nullopt;
}

std::optional<Period> detect_period(const std::vector<std::string>& texts) {
  static const std::regex half(R"(6 thang (?:dau )?(?:nam )?((?:19|20)\d{2}))");
  static const std::regex nine(R"(9 thang (?:dau )?(?:nam )?((?:19|20)\d{2}))");
  static const std::regex quarter(R"(quy (iv|iii|ii|i|[1-4])\s*(?:/|nam)\s*((?:19|20)\d{2}))");
  // "năm 2026", but not "5 năm 2026 - 2030" (the plan's period).
  static const std::regex year(R"(nam ((?:19|20)\d{2})(?!\s*-\s*\d))");
  std::smatch m;
  for (const auto& t : texts) {
    auto k = fold_key(t);
    if (std::regex_search(k, m, half)) return Period{std::stoi(m[1]), PeriodKind::H1};
    if (std::regex_search(k, m, nine)) return Period{std::stoi(m[1]), PeriodKind::M9};
    if (std::regex_search(k, m, quarter)) {
      std::string q = m[1];
      auto kind = q == "i" || q == "1" ? PeriodKind::Q1 : q == "ii" || q == "2" ? PeriodKind::Q2
                : q == "iii" || q == "3" ? PeriodKind::Q3 : PeriodKind::Q4;
      return Period{std::stoi(m[2]), kind};
    }
  }
  for (const auto& t : texts) {
    auto k = fold_key(t);
    if (std::regex_search(k, m, year)) return Period{std::stoi(m[1]), PeriodKind::Year};
  }
  return std::nullopt;
}

std::optional<double> parse_receipt_date(std::string_view text) {
  std::string t(text);
  while (!t.empty() && t.back() == ' ') t.pop_back();
  static const std::regex dmy(R"(^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$)");
  std::smatch m;
  if (std::regex_match(t, m, dmy)) {
    char iso[32];
    std::snprintf(iso, sizeof iso, "%s-%02d-%02dT%02d:%s:00", m[3].str().c_str(), std::stoi(m[2]), std::stoi(m[1]),
                  m[4].matched ? std::stoi(m[4]) : 0, m[5].matched ? m[5].str().c_str() : "00");
    return iso_to_serial(iso);
  }
  if (t.size() >= 10 && t[4] == '-') return iso_to_serial(t);
  return std::nullopt;
}

std::string FileResult::status() const {
  if (!readable) return "unreadable";
  bool warn = false;
  for (const auto& i : issues) {
    if (i.severity == Severity::Error) return "errors";
    warn |= i.severity == Severity::Warning;
  }
  return warn ? "warnings" : "ok";
}

std::size_t CheckReport::count(Severity s) const {
  std::size_t n = 0;
  for (const auto& f : files)
    for (const auto& i : f.issues) n += i.severity == s;
  for (const auto& i : issues) n += i.severity == s;
  return n;
}

namespace {

// The Vietnamese name of a period; period_label pairs it with the English one.
std::string period_text(const Period& p) {
  switch (p.kind) {
    case PeriodKind::Year: return "năm " + std::to_string(p.year);
    case PeriodKind::H1: return "6 tháng đầu năm " + std::to_string(p.year);
    case PeriodKind::M9: return "9 tháng năm " + std::to_string(p.year);
    default: return "quý " + std::to_string(int(p.kind) - int(PeriodKind::Q1) + 1) + "/" + std::to_string(p.year);
  }
}
Text period_label(const Period& p) {
  std::string en;
  switch (p.kind) {
    case PeriodKind::Year: en = "the year " + std::to_string(p.year); break;
    case PeriodKind::H1: en = "the first half of " + std::to_string(p.year); break;
    case PeriodKind::M9: en = "nine months of " + std::to_string(p.year); break;
    default: en = "Q" + std::to_string(int(p.kind) - int(PeriodKind::Q1) + 1) + " " + std::to_string(p.year);
  }
  return Text(period_text(p), en);
}

// Of several columns of one role (two years side by side), the one whose label names the
// year being consolidated; `undecided` tells that several exist and none names it.
std::optional<std::uint32_t> pick_column(const Table& t, Role role, int year, const Column** undecided = nullptr) {
  std::optional<std::uint32_t> first;
  const Column* second = nullptr;
  for (const auto& c : t.columns) {
    if (c.role != role) continue;
    if (fold_key(c.label).find(std::to_string(year)) != std::string::npos) return c.col;
    if (!first) first = c.col;
    else if (!second) second = &c;
  }
  if (undecided) *undecided = second;
  return first;
}

// The plan's items ready for matching, prepared once for all files.
struct PlanItems {
  std::vector<Candidate> indicators, tasks;
  PlanItems(const Plan& plan, const NameMatcher& m) {
    for (std::size_t i = 0; i < plan.indicators.size(); ++i)
      indicators.push_back({i, plan.indicators[i].code, plan.indicators[i].name, {}});
    for (std::size_t i = 0; i < plan.tasks.size(); ++i) tasks.push_back({i, plan.tasks[i].code, plan.tasks[i].name, {}});
    prepare_candidates(m, indicators);
    prepare_candidates(m, tasks);
  }
};

class FileChecker {
 public:
  FileChecker(const Plan& plan, const PlanItems& items, const CheckOptions& opt, const CheckContext& ctx,
              FileResult& out)
      : plan_(plan), items_(items), opt_(opt), ctx_(ctx), out_(out) {}

  void run() {
    auto loaded = std::make_shared<Workbook>();
    try {
      *loaded = load_workbook(out_.path, opt_.limits);
    } catch (const InputError& e) {
      out_.readable = false;
      out_.issues.push_back(e.issue());
      return;
    }
    Workbook& book = *loaded;
    if (opt_.keep_workbooks) out_.workbook = loaded;
    for (const auto& f : convert_legacy_text(book))
      issue(IssueCode::LegacyEncoding, f.sheet, std::nullopt, std::nullopt, "",
            {{"cells", std::to_string(f.cells)}, {"encoding", f.encoding}, {"font", f.encoding == "VNI" ? "VNI-*" : ".Vn*"}, {"example", f.example}});
    auto tables = recognise_tables(book, ctx_.roles);
    std::vector<const Table*> reports;
    for (const auto& t : tables)
      if (t.has(Role::Name)) reports.push_back(&t);
    identify(book, tables);
    if (reports.empty()) {
      issue(IssueCode::NoTableFound, "", std::nullopt, std::nullopt, "",
            {{"what", Text("báo cáo chỉ tiêu hoặc nhiệm vụ", "indicator or task report")}});
      return;
    }
    bool counts = true;
    if (out_.period && !(*out_.period == opt_.period)) {
      issue(IssueCode::PeriodMismatch, "", std::nullopt, std::nullopt, "",
            {{"found", period_label(*out_.period)}, {"asked", period_label(opt_.period)}});
      counts = false;
    }
    for (const auto* t : reports) table(book, *t, counts);
    if (whole_commune_) confirm_whole_commune();
  }

 private:
  void identify(const Workbook& book, const std::vector<Table>& tables) {
    if (auto it = opt_.unit_of.find(out_.path); it != opt_.unit_of.end()) {
      auto r = ctx_.units.resolve(it->second);
      out_.unit = r.name;
      out_.unit_source = "option";
    }
    std::vector<std::string> texts;
    for (const auto& t : tables) {
      texts.insert(texts.end(), t.title.begin(), t.title.end());
      for (const auto& c : t.columns) texts.push_back(c.label);
    }
    if (tables.empty())
      for (const auto& s : book.sheets)
        for (const auto& c : s.cells)
          if (c.row < 10 && c.type == CellType::Text) texts.push_back(c.text);
    out_.period = detect_period(texts);
    if (out_.unit.empty()) {
      for (const auto& t : tables)
        for (const auto& line : t.title) {
          // "UBND PHƯỜNG AN DƯƠNG" names the commune, not the unit.
          auto found = ctx_.units.find_in(line);
          if (!found.empty() && found != "Ủy ban nhân dân") {
            out_.unit = found;
            out_.unit_source = "header";
            break;
          }
        }
    }
    if (out_.unit.empty()) {
      auto found = ctx_.units.find_in(std::filesystem::path(out_.path).stem().string());
      if (!found.empty()) out_.unit = found, out_.unit_source = "filename";
    }
    // A commune's own report ("ỦY BAN NHÂN DÂN / PHƯỜNG AN DƯƠNG" and no unit line): the
    // commune reports, as a consolidated workbook does one level up.
    std::vector<std::string> title;
    for (const auto& t : tables) title.insert(title.end(), t.title.begin(), t.title.end());
    out_.commune = find_commune(title);
    if (out_.unit.empty() && !out_.commune.empty()) out_.unit = out_.commune, out_.unit_source = "commune";
    if (out_.unit.empty()) {
      issue(IssueCode::UnknownUnit, "", std::nullopt, std::nullopt, "", {{"found", Text("")}});
      return;
    }
    whole_commune_ = out_.unit_source == "commune" && fold_key(out_.commune) == fold_key(plan_.commune);
    bool in_plan = std::any_of(plan_.units.begin(), plan_.units.end(), [&](const auto& u) { return u.name == out_.unit; });
    if (!in_plan && !whole_commune_)
      issue(IssueCode::UnknownUnit, "", std::nullopt, std::nullopt, "",
            {{"found", Text(" (\"" + out_.unit + "\" không có nhiệm vụ hay chỉ tiêu nào trong kế hoạch)",
                            " (\"" + out_.unit + "\" has no indicator or task in the plan)")}});
  }

  // A header naming only the commune may be a unit that left its own name out. The
  // commune's own report (a consolidated workbook) covers items of several units; a file
  // whose rows all belong to one unit is that unit's, unnamed.
  void confirm_whole_commune() {
    std::set<std::string> owners;
    for (const auto& r : out_.rows) {
      if (!r.item) continue;
      owners.insert(r.kind == "task" ? plan_.tasks[*r.item].lead : plan_.indicators[*r.item].responsible);
    }
    owners.erase("");
    if (owners.size() >= 2) return;
    whole_commune_ = false;
    out_.unit.clear();
    out_.unit_source.clear();
    issue(IssueCode::UnknownUnit, "", std::nullopt, std::nullopt, "",
          {{"found", Text(" (tiêu đề chỉ ghi " + out_.commune + ", không ghi tên đơn vị)",
                          " (the header names only " + out_.commune + ", not the unit)")}});
  }

  void table(const Workbook& book, const Table& t, bool counts) {
    SheetView v(book.sheets[t.sheet]);
    const std::string& sheet = book.sheets[t.sheet].info.name;
    int year = opt_.period.year;
    const Column* undecided = nullptr;
    auto actual_col = pick_column(t, Role::Actual, year, &undecided);
    if (undecided)
      issue(IssueCode::DuplicateLabel, sheet, t.header_last, undecided->col, "",
            {{"label", undecided->label}, {"year", std::to_string(year)}});
    auto status_col = pick_column(t, Role::Status, year);
    auto plan_col = pick_column(t, Role::PlanValue, year);
    auto ratio_col = pick_column(t, Role::Ratio, year);
    auto unit_col = t.column(Role::UnitOfMeasure);
    auto name_col = t.column(Role::Name);
    auto note_col = t.column(Role::Note);
    auto output_col = t.column(Role::Output);
    if (!actual_col && !status_col) {
      issue(IssueCode::MissingColumn, sheet, t.header_first, name_col, "",
            {{"what", Text("\"Thực hiện\" hay \"Tiến độ\"", "\"Thực hiện\" (actual) or \"Tiến độ\" (status)")}});
      return;
    }

    for (const auto& r : t.rows) {
      if (r.kind == RowKind::Group) continue;
      RowResult row;
      row.sheet = sheet;
      row.row = r.row;
      row.counts = counts;
      row.written = name_col ? v.text(r.row, *name_col) : std::string();
      if (row.written.empty()) continue;
      row.col = *name_col;
      auto prepared = ctx_.matcher.prepare(row.written);
      auto mi = match_row(ctx_.matcher, r.code, prepared, items_.indicators);
      auto mt = match_row(ctx_.matcher, r.code, prepared, items_.tasks);
      bool is_task = mt.score > mi.score;
      const auto& m = is_task ? mt : mi;
      row.kind = is_task ? "task" : "indicator";
      row.score = std::round(m.score * 100) / 100;
      row.closest = m.index;
      row.runner_up = m.runner_up;
      row.runner_up_score = std::round(m.runner_up_score * 100) / 100;
      row.by_code = m.by_code;
      const std::string& code = r.code;
      if (m.kind == MatchResult::Kind::Unknown) {
        issue(IssueCode::UnknownItem, sheet, r.row, name_col, code,
              {{"name", row.written}, {"score", format_number(row.score)}});
        row.counts = false;
        out_.rows.push_back(row);
        continue;
      }
      std::string item_name = is_task ? plan_.tasks[m.index].name : plan_.indicators[m.index].name;
      std::string item_code = is_task ? plan_.tasks[m.index].code : plan_.indicators[m.index].code;
      if (m.kind == MatchResult::Kind::Ambiguous) {
        std::string other = is_task ? plan_.tasks[m.runner_up].name : plan_.indicators[m.runner_up].name;
        issue(IssueCode::AmbiguousMatch, sheet, r.row, name_col, code,
              {{"name", row.written}, {"first", item_name}, {"second", other}});
        row.counts = false;
        out_.rows.push_back(row);
        continue;
      }
      row.item = m.index;
      std::string key = row.kind + "#" + std::to_string(m.index);
      if (auto it = seen_.find(key); it != seen_.end()) {
        issue(IssueCode::DuplicateRow, sheet, r.row, name_col, item_code,
              {{"name", item_name}, {"first", std::to_string(it->second + 1)}});
        row.counts = false;
      } else {
        seen_[key] = r.row;
      }
      // Who it belongs to.
      std::string owner = is_task ? plan_.tasks[m.index].lead : plan_.indicators[m.index].responsible;
      if (!out_.unit.empty() && !owner.empty() && owner != out_.unit && !whole_commune_)
        issue(IssueCode::UnassignedItem, sheet, r.row, name_col, item_code,
              {{"name", item_name}, {"owner", owner}, {"unit", out_.unit}});
      // The value: the actual column, or the status column for tasks.
      auto value_col = is_task && status_col ? status_col : actual_col ? actual_col : status_col;
      row.actual = read_value(v.cell(r.row, *value_col));
      row.col = *value_col;
      if (note_col) row.note = v.text(r.row, *note_col);
      if (is_task) {
        // What was done: the result column, or the "Thực hiện" text beside a status column.
        if (output_col) row.result = v.text(r.row, *output_col);
        else if (actual_col && actual_col != value_col) row.result = v.text(r.row, *actual_col);
      }
      check_value(row, is_task, m.index, sheet, r.row, *value_col, item_code, item_name);
      if (!is_task) {
        const auto& ind = plan_.indicators[m.index];
        if (unit_col) {
          auto written = v.text(r.row, *unit_col);
          if (!written.empty() && !ind.unit.empty() && fold_key(written) != fold_key(ind.unit))
            issue(IssueCode::UnitMismatch, sheet, r.row, unit_col, item_code, {{"written", written}, {"plan", ind.unit}});
        }
        if (plan_col) check_plan_value(row, ind, v, sheet, r.row, *plan_col, item_code);
        if (ratio_col && row.plan_value && row.actual.kind == Value::Kind::Number && *row.plan_value != 0) {
          auto ratio = read_value(v.cell(r.row, *ratio_col));
          double computed = row.actual.number / *row.plan_value * 100;
          if (ratio.kind == Value::Kind::Number && std::fabs(ratio.number - computed) > 0.5 &&
              std::fabs(ratio.number * 100 - computed) > 0.5)
            issue(IssueCode::InconsistentRatio, sheet, r.row, ratio_col, item_code,
                  {{"written", ratio.raw}, {"computed", format_number(std::round(computed * 10) / 10)}});
        }
      }
      out_.rows.push_back(row);
    }
  }

  void check_value(RowResult& row, bool is_task, std::size_t index, const std::string& sheet, std::uint32_t r,
                   std::uint32_t col, const std::string& code, const std::string& name) {
    const Value& a = row.actual;
    switch (a.kind) {
      case Value::Kind::Empty:
        issue(IssueCode::MissingValue, sheet, r, col, code, {{"name", name}});
        return;
      case Value::Kind::FormulaWithoutValue:
        issue(IssueCode::FormulaWithoutValue, sheet, r, col, code, {});
        issue(IssueCode::MissingValue, sheet, r, col, code, {{"name", name}});
        return;
      case Value::Kind::Text:
        issue(IssueCode::TypeError, sheet, r, col, code,
              {{"value", a.raw}, {"expected", is_task ? Text("một trạng thái tiến độ", "a task status")
                                                      : Text("một con số hay trạng thái đạt/không đạt", "a number or a met/not-met status")}});
        return;
      default: break;
    }
    if (is_task) return;
    const auto& ind = plan_.indicators[index];
    if (a.kind == Value::Kind::Status && a.status != Status::Yes && a.status != Status::No) {
      issue(IssueCode::TypeError, sheet, r, col, code,
            {{"value", a.raw}, {"expected", Text("một con số hay trạng thái đạt/không đạt", "a number or a met/not-met status")}});
      return;
    }
    if (a.kind == Value::Kind::Number) {
      if (a.ambiguous)
        issue(IssueCode::AmbiguousNumber, sheet, r, col, code,
              {{"value", a.raw}, {"a", format_number(a.number)}, {"b", format_number(a.number / 1000)}});
      bool rate = fold_key(ind.unit) == "%" && fold_key(ind.name).rfind("ty le", 0) == 0;
      if ((rate && (a.number < 0 || a.number > 100)) || (!rate && ind.unit != "%" && a.number < 0))
        issue(IssueCode::OutOfRange, sheet, r, col, code,
              {{"value", format_number(a.number)}, {"range", rate ? Text("0 - 100") : Text("≥ 0")}});
    }
    const Target& target = ind.yearly_target();
    // Trends wait for last year's value (consolidate --previous).
    row.assessment = needs_previous(target, ind.unit) ? Assessment::Unknown : assess(target, a);
    if (row.assessment == Assessment::NotMet)
      issue(IssueCode::TargetNotMet, sheet, r, col, code,
            {{"name", ind.name}, {"value", a.raw}, {"target", target.raw}});
  }

  void check_plan_value(RowResult& row, const Indicator& ind, const SheetView& v, const std::string& sheet,
                        std::uint32_t r, std::uint32_t col, const std::string& code) {
    auto written = v.text(r, col);
    if (written.empty()) return;
    auto pv = read_value(v.cell(r, col));
    if (pv.kind == Value::Kind::Number) row.plan_value = pv.number;
    const Target& t = ind.yearly_target();
    if (t.kind == TargetKind::Empty || t.kind == TargetKind::Unparsed) return;
    if (fold_key(written) == fold_key(t.raw)) return;
    auto wt = parse_target(written);
    bool same = wt.kind == t.kind && wt.low == t.low && wt.high == t.high;
    // A single figure inside the plan's range or bound is the yearly share of it: fine.
    if (!same && pv.kind == Value::Kind::Number && t.low && (!t.high || pv.number <= *t.high + 1e-9) &&
        pv.number + 1e-9 >= *t.low)
      same = true;
    if (!same) issue(IssueCode::PlanValueMismatch, sheet, r, col, code, {{"written", written}, {"plan", t.raw}});
  }

  void issue(IssueCode code, const std::string& sheet, std::optional<std::uint32_t> row,
             std::optional<std::uint32_t> col, const std::string& item, std::map<std::string, Text> params) {
    out_.issues.push_back(make_issue_at(code, out_.path, sheet, row, col, item, std::move(params)));
  }

  const Plan& plan_;
  const PlanItems& items_;
  const CheckOptions& opt_;
  const CheckContext& ctx_;
  FileResult& out_;
  std::map<std::string, std::uint32_t> seen_;
  bool whole_commune_ = false;  // the plan's own commune reports: every item is its own
};

std::string value_text(const Value& v) {
  if (v.kind == Value::Kind::Number) return format_number(v.number);
  return v.raw;
}

}  // namespace

CheckReport check_submissions(const Plan& plan, const std::vector<std::string>& files, const CheckOptions& opt,
                              const CheckContext& ctx) {
  CheckReport report;
  report.period = opt.period;
  double deadline = opt.deadline ? *opt.deadline
                                 : *iso_to_serial(std::to_string(opt.period.year) + "-12-03T23:59:59");
  PlanItems items(plan, ctx.matcher);
  for (const auto& f : files) {
    FileResult fr;
    fr.path = f;
    FileChecker(plan, items, opt, ctx, fr).run();
    // When it came in: as the office recorded it, else the file's modification time.
    auto it = opt.received.find(f);
    if (it == opt.received.end()) it = opt.received.find(std::filesystem::path(f).filename().string());
    if (it != opt.received.end()) {
      fr.received = it->second;
      fr.received_source = "option";
    } else if (fr.readable) {
      struct stat st {};
      if (::stat(f.c_str(), &st) == 0) {
        fr.received = 25569.0 + double(st.st_mtime) / 86400.0;  // 1970-01-01 is serial 25569
        fr.received_source = "file-time";
        Location where;
        where.file = f;
        fr.issues.push_back(make_issue(IssueCode::ReceiptFromFileTime, where,
                                       {{"received", serial_to_iso(*fr.received).substr(0, 16)}}));
      }
    }
    report.files.push_back(std::move(fr));
  }
  // One unit, several usable files for the period: the newest counts.
  std::map<std::string, FileResult*> newest;
  for (auto& f : report.files) {
    if (!f.readable || f.unit.empty() || (f.period && !(*f.period == opt.period))) continue;
    auto [it, inserted] = newest.emplace(f.unit, &f);
    if (inserted) continue;
    FileResult* older = &f;
    if (f.received.value_or(0) > it->second->received.value_or(0)) std::swap(older, it->second);
    for (auto& r : older->rows) r.counts = false;
    Location where;
    where.file = older->path;
    older->issues.push_back(make_issue(IssueCode::DuplicateSubmission, where,
                                       {{"unit", older->unit}, {"newer", it->second->path}}));
  }
  for (auto& [unit, f] : newest) {
    if (!f->received || *f->received <= deadline) continue;
    f->late = true;
    report.late.push_back(unit);
    Location where;
    where.file = f->path;
    f->issues.push_back(make_issue(IssueCode::LateSubmission, where,
                                   {{"unit", unit},
                                    {"received", serial_to_iso(*f->received).substr(0, 10)},
                                    {"deadline", serial_to_iso(deadline).substr(0, 10)}}));
  }
  // Completeness: who was expected, who sent a usable file, what each left out.
  std::set<std::string> submitted;
  for (const auto& u : plan.units) report.expected.push_back(u.name);
  // The commune's own report (a consolidated workbook read back) covers every unit.
  auto whole_commune = [&](const FileResult& f) {
    return f.unit_source == "commune" && !plan.commune.empty() && fold_key(f.unit) == fold_key(plan.commune);
  };
  for (const auto& f : report.files) {
    bool usable = f.readable && !f.unit.empty() && (!f.period || *f.period == opt.period) &&
                  std::none_of(f.issues.begin(), f.issues.end(), [](const Issue& i) {
                    return i.code == IssueCode::NoTableFound || i.code == IssueCode::PeriodMismatch;
                  });
    if (usable) submitted.insert(f.unit);
    if (usable && whole_commune(f))
      for (const auto& u : plan.units) submitted.insert(u.name);
  }
  for (const auto& u : plan.units) {
    if (!submitted.count(u.name)) {
      report.missing.push_back(u.name);
      report.issues.push_back(make_issue(IssueCode::MissingSubmission, {}, {{"unit", u.name}}));
      continue;
    }
    report.submitted.push_back(u.name);
    // Items the unit was assigned and reported in none of its files.
    FileResult* home = nullptr;
    std::set<std::string> reported;
    for (auto& f : report.files) {
      if (f.unit != u.name && !whole_commune(f)) continue;
      // The file that counts (not one superseded by a newer file) holds what is missing.
      bool superseded = std::any_of(f.issues.begin(), f.issues.end(),
                                    [](const Issue& i) { return i.code == IssueCode::DuplicateSubmission; });
      if (!superseded && (!home || std::any_of(home->issues.begin(), home->issues.end(), [](const Issue& i) {
                            return i.code == IssueCode::DuplicateSubmission;
                          })))
        home = &f;
      if (!home) home = &f;
      for (const auto& r : f.rows)
        if (r.item && r.counts) reported.insert(r.kind + "#" + std::to_string(*r.item));
    }
    auto missing_item = [&](const char* kind, std::size_t i, const std::string& code, const std::string& name) {
      if (reported.count(std::string(kind) + "#" + std::to_string(i))) return;
      Location where;
      where.file = home->path;
      where.item = code;
      bool indicator = std::string(kind) == "indicator";
      home->issues.push_back(make_issue(IssueCode::MissingItem, where,
                                        {{"unit", u.name},
                                         {"kind", indicator ? Text("chỉ tiêu", "indicator") : Text("nhiệm vụ", "task")},
                                         {"name", name}}));
    };
    for (auto i : u.indicators) missing_item("indicator", i, plan.indicators[i].code, plan.indicators[i].name);
    for (auto i : u.tasks) missing_item("task", i, plan.tasks[i].code, plan.tasks[i].name);
  }
  // Two units giving one indicator different figures.
  std::map<std::size_t, std::pair<const FileResult*, const RowResult*>> first_value;
  for (auto& f : report.files)
    for (const auto& r : f.rows) {
      if (r.kind != "indicator" || !r.item || !r.counts || r.actual.kind != Value::Kind::Number) continue;
      auto [it, inserted] = first_value.emplace(*r.item, std::pair{&f, &r});
      if (inserted || it->second.first->unit == f.unit) continue;
      if (std::fabs(it->second.second->actual.number - r.actual.number) < 1e-9) continue;
      f.issues.push_back(make_issue_at(IssueCode::ConflictingValues, f.path, r.sheet, r.row, std::nullopt,
                                       plan.indicators[*r.item].code,
                                    {{"name", plan.indicators[*r.item].name},
                                     {"unit", f.unit},
                                     {"value", value_text(r.actual)},
                                     {"other", it->second.first->unit},
                                     {"other_value", value_text(it->second.second->actual)}}));
    }
  return report;
}

}  // namespace tonghop
