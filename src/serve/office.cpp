#include "serve/office.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "consolidate/year_report.hpp"
#include "core/cell.hpp"
#include "core/date.hpp"
#include "core/issue_render.hpp"
#include "core/json_writer.hpp"
#include "core/platform.hpp"
#include "core/text.hpp"
#include "plan/aliases.hpp"
#include "plan/plan_json.hpp"
#include "read/reader.hpp"
#include "serve/charts.hpp"
#include "serve/web_util.hpp"
#include "validate/check_json.hpp"
#include "validate/driver.hpp"
#include "write/check_report_writer.hpp"
#include "write/consolidated_writer.hpp"
#include "write/layout.hpp"
#include "write/template_writer.hpp"

namespace fs = std::filesystem;

namespace tonghop::serve {
namespace {

std::optional<double> received_serial(const std::string& iso) {
  if (iso.size() < 19) return std::nullopt;
  return iso_to_serial(iso.substr(0, 19));
}

// The corrections into the check's alias store (what --aliases gives the CLI) and its unit
// registry. "Not a plan item" has no entry there yet: it is kept, not applied.
void apply_corrections(const std::vector<Correction>& corrections, CheckContext& ctx) {
  auto taught = corrections_as_aliases(corrections);
  taught.teach(ctx.units);
  for (const auto& a : taught.entries()) ctx.aliases.add(a);
}

std::string item_name(const Plan& plan, const RowResult& r) {
  if (!r.item) return "";
  return r.kind == ItemKind::Task ? plan.tasks[*r.item].name : plan.indicators[*r.item].name;
}
std::string item_code(const Plan& plan, const RowResult& r) {
  if (!r.item) return "";
  return r.kind == ItemKind::Task ? plan.tasks[*r.item].code : plan.indicators[*r.item].code;
}
std::string value_text(const Value& v) {
  if (v.kind == Value::Kind::Number) return format_number(v.number);
  return v.raw;
}
std::string row_status(const RowResult& r) {
  return std::string(r.kind == ItemKind::Task ? to_string(r.actual.status) : to_string(r.assessment));
}

}  // namespace

AliasStore corrections_as_aliases(const std::vector<Correction>& corrections) {
  AliasStore store;
  for (const auto& c : corrections) {
    if (c.kind == "unit")
      store.add({Alias::Kind::Unit, c.written, c.target, 0});
    else if (c.target_kind == "none")
      store.add({Alias::Kind::NotItem, c.written, "", 0});
    else
      store.add({Alias::Kind::Item, c.written, c.target, 0});
  }
  return store;
}

std::string sanitise_file_name(std::string_view name) {
  // The last component of either kind of path separator.
  auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) continue;
    if (std::string_view("<>:\"|?*").find(char(c)) != std::string_view::npos) c = '_';
    out += char(c);
  }
  if (!is_valid_utf8(out))
    for (auto& c : out)
      if ((unsigned char)c >= 0x80) c = '_';
  nfc_in_place(out);
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(0, 1);
  while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
  if (out.size() > 120) out = utf8_prefix(out, 120);
  if (out.empty()) out = "tep-tai-len";
  return out;
}

Office::Office(OfficeConfig config)
    : config_(std::move(config)),
      context_{LabelRoles::load_default(),
               config_.units_file.empty() ? UnitRegistry::load_default() : UnitRegistry::load(config_.units_file),
               NameMatcher::load_default(), {}} {
  if (!config_.aliases_file.empty()) {
    context_.aliases = AliasStore::load(config_.aliases_file);
    context_.aliases.teach(context_.units);
  }
  Workbook book;
  try {
    book = load_workbook(config_.plan_path, config_.limits);
  } catch (const InputError& e) {
    throw std::runtime_error(config_.plan_path + ": " + e.issue().message(Lang::Vi) + " / " +
                             e.issue().message(Lang::En));
  }
  plan_ = build_plan(book, context_.roles, context_.units);
  if (plan_.plan.indicators.empty() && plan_.plan.tasks.empty())
    throw std::runtime_error(config_.plan_path +
                             ": không tìm thấy bảng chỉ tiêu hay nhiệm vụ nào / no indicator or task table found");
}

std::string Office::plan_json(Lang lang) const {
  std::ostringstream os;
  write_plan_json(os, platform::file_name(config_.plan_path), plan_, lang);
  return os.str();
}

double Office::deadline() const {
  return config_.deadline ? *config_.deadline : default_deadline(config_.period.year);
}

std::string Office::period_key(const Period& p) const {
  return std::to_string(p.year) + "-" + std::string(to_string(p.kind));
}

std::optional<Period> Office::parse_period_key(const std::string& key) const {
  auto dash = key.find('-');
  if (dash != 4) return std::nullopt;
  auto kind = period_kind_from_string(key.substr(dash + 1));
  int year = 0;
  for (char c : key.substr(0, 4)) {
    if (c < '0' || c > '9') return std::nullopt;
    year = year * 10 + (c - '0');
  }
  if (!kind) return std::nullopt;
  return Period{year, *kind};
}

CheckReport Office::run_check(const std::vector<StoredFile>& files, const std::vector<Correction>& corrections,
                              const std::string& work, bool keep_workbooks) const {
  (void)work;
  CheckContext ctx = context_;
  apply_corrections(corrections, ctx);
  CheckReport report;
  report.period = config_.period;
  PlanItems items(plan_.plan, ctx.matcher);
  for (const auto& f : files) {
    // The original, read by its content; named as the unit named it (the name may tell
    // the unit).
    auto loaded = load_submission(f.original, config_.limits);
    SubmissionMeta meta;
    meta.path = sanitise_file_name(f.name);
    meta.unit = f.unit_chosen;
    meta.period = parse_period_key(f.period_chosen);
    meta.received = received_serial(f.received_at);
    meta.received_source = ReceiptSource::Option;
    FileResult fr;
    if (loaded.workbook) {
      fr = check_workbook(*loaded.workbook, meta, plan_.plan, items, config_.period, ctx);
      if (keep_workbooks) fr.workbook = loaded.workbook;
    } else {
      fr.path = meta.path;
      fr.readable = false;
      fr.received = meta.received;
      fr.received_source = meta.received_source;
    }
    for (auto& i : loaded.issues) i.where.file = meta.path;
    fr.issues.insert(fr.issues.begin(), loaded.issues.begin(), loaded.issues.end());
    report.files.push_back(std::move(fr));
  }
  complete_report(report, plan_.plan, deadline());
  return report;
}

int Office::check_file(std::ostream& out, const StoredFile& f, const std::vector<Correction>& corrections,
                       const std::string& work) const {
  auto report = run_check({f}, corrections, work, false);
  // One file: who else has not sent belongs to the dashboard, not to this file's result.
  report.issues.clear();
  report.missing.clear();
  const auto& fr = report.files.at(0);
  std::int64_t errors = 0, warnings = 0;
  for (const auto& i : fr.issues) errors += i.severity == Severity::Error, warnings += i.severity == Severity::Warning;
  auto clean = [](std::string s) {
    for (auto& c : s)
      if (c == '\t' || c == '\n') c = ' ';
    return s;
  };
  out << (fr.readable ? "1" : "0") << '\t' << clean(fr.unit) << '\t' << to_string(fr.unit_source) << '\t'
      << (fr.period ? period_key(*fr.period) : "") << '\t' << to_string(fr.status()) << '\t' << errors << '\t' << warnings
      << '\n';
  write_check_json(out, plan_.plan, report, Lang::Vi);
  out << '\x1e';
  write_check_json(out, plan_.plan, report, Lang::En);
  return 0;
}

FileVerdict Office::parse_verdict(const std::string& s) {
  FileVerdict v;
  auto nl = s.find('\n');
  auto sep = s.find('\x1e');
  if (nl == std::string::npos || sep == std::string::npos || sep < nl) throw std::runtime_error("malformed check answer");
  std::vector<std::string> f;
  std::string line = s.substr(0, nl);
  std::size_t start = 0;
  for (;;) {
    auto t = line.find('\t', start);
    f.push_back(line.substr(start, t == std::string::npos ? std::string::npos : t - start));
    if (t == std::string::npos) break;
    start = t + 1;
  }
  if (f.size() != 7) throw std::runtime_error("malformed check answer");
  v.readable = f[0] == "1";
  v.unit = f[1], v.unit_source = f[2], v.period = f[3], v.status = f[4];
  v.errors = std::stoll(f[5]);
  v.warnings = std::stoll(f[6]);
  v.json_vi = s.substr(nl + 1, sep - nl - 1);
  v.json_en = s.substr(sep + 1);
  return v;
}

int Office::dashboard(std::ostream& out, const std::vector<StoredFile>& current,
                      const std::vector<Correction>& corrections, const std::string& work, Lang lang) const {
  auto report = run_check(current, corrections, work, false);
  std::map<std::string, std::int64_t> id_of_name, id_of_unit;
  for (std::size_t i = 0; i < current.size(); ++i) {
    id_of_name[report.files[i].path] = current[i].id;
    if (!report.files[i].unit.empty()) id_of_unit[report.files[i].unit] = current[i].id;
  }
  std::map<std::string, std::vector<std::string>> missing_items;
  for (const auto& f : report.files)
    for (const auto& i : f.issues)
      if (i.code == IssueCode::MissingItem) {
        auto u = i.params.find("unit"), n = i.params.find("name");
        if (u != i.params.end() && n != i.params.end())
          missing_items[u->second.in(Lang::Vi)].push_back((i.where.item.empty() ? "" : i.where.item + ". ") +
                                                         n->second.in(lang));
      }
  const Plan& plan = plan_.plan;
  auto year = tonghop::consolidate(plan, std::move(report));
  JsonWriter j(out, false);
  j.begin_object();
  j.field("commune", plan.commune);
  j.field("period", period_key(config_.period));
  j.field("deadline", serial_to_iso(deadline()).substr(0, 19));
  j.field("now", now_iso().substr(0, 19));
  j.key("units");
  j.begin_array();
  for (const auto& u : year.units) {
    j.begin_object();
    j.field("name", u.name);
    j.field("sent", u.sent);
    j.field("late", u.late);
    j.field("errors", std::int64_t(u.errors));
    j.field("warnings", std::int64_t(u.warnings));
    j.field("missing_items", std::int64_t(u.missing_items));
    j.field("received", u.received);
    j.key("submission");
    if (auto it = id_of_unit.find(u.name); it != id_of_unit.end()) j.value(it->second); else j.null();
    j.key("missing");
    j.begin_array();
    for (const auto& m : missing_items[u.name]) j.value(m);
    j.end_array();
    j.end_object();
  }
  j.end_array();
  j.key("indicators");
  j.begin_array();
  bool vi = lang == Lang::Vi;
  std::vector<ChartBar> groups;
  std::map<std::string, std::size_t> group_at;
  for (const auto& line : year.indicators) {
    const auto& ind = plan.indicators[line.index];
    std::string status(to_string(line.assessment));
    bool no_data = line.source.file.empty();
    if (no_data) status = "no-data";
    j.begin_object();
    j.field("code", ind.code);
    j.field("name", ind.name);
    j.field("group", ind.group);
    j.field("responsible", ind.responsible);
    j.field("target", ind.judged_target().raw);
    j.field("actual", line.actual_text);
    j.field("status", status);
    j.field("source", line.source.text());
    j.key("submission");
    if (auto it = id_of_name.find(line.source.file); it != id_of_name.end()) j.value(it->second); else j.null();
    j.end_object();
    auto [it, inserted] = group_at.emplace(ind.group, groups.size());
    if (inserted) groups.push_back({ind.group.empty() ? "-" : ind.group, {}});
    auto& bar = groups[it->second];
    if (bar.segments.empty())
      bar.segments = {{0, "met", "#2e7d32", "", vi ? "Đạt" : "Met"},
                      {0, "not-met", "#c62828", "", vi ? "Không đạt" : "Not met"},
                      {0, "unknown", "#f9a825", "", vi ? "Chưa đánh giá" : "Not assessed"},
                      {0, "no-data", "#b0bec5", "", vi ? "Chưa báo cáo" : "Not reported"}};
    std::string seg = status == "exceeded" ? "met" : status;
    for (auto& s : bar.segments)
      if (s.key == seg) s.value += 1;
  }
  j.end_array();
  j.key("tasks");
  j.begin_array();
  std::map<std::string, double> task_counts;
  for (const auto& line : year.tasks) {
    const auto& t = plan.tasks[line.index];
    std::string status = line.source.file.empty() ? "no-data" : std::string(to_string(line.status));
    task_counts[status] += 1;
    j.begin_object();
    j.field("code", t.code);
    j.field("name", t.name);
    j.field("lead", t.lead_agency);
    j.field("status", status);
    j.field("result", line.result);
    j.field("source", line.source.text());
    j.key("submission");
    if (auto it = id_of_name.find(line.source.file); it != id_of_name.end()) j.value(it->second); else j.null();
    j.end_object();
  }
  j.end_array();
  const auto& k = year.kpi;
  j.key("kpi");
  j.begin_object();
  j.field("indicators", std::int64_t(k.indicators));
  j.field("indicators_met", std::int64_t(k.indicators_met));
  j.field("indicators_not_met", std::int64_t(k.indicators_not_met));
  j.field("indicators_no_data", std::int64_t(k.indicators_no_data));
  j.field("tasks", std::int64_t(k.tasks));
  j.field("tasks_done", std::int64_t(k.tasks_done));
  j.field("tasks_in_progress", std::int64_t(k.tasks_in_progress));
  j.field("tasks_not_started", std::int64_t(k.tasks_not_started));
  j.field("tasks_behind", std::int64_t(k.tasks_behind));
  j.field("tasks_no_data", std::int64_t(k.tasks_no_data));
  j.field("units_expected", std::int64_t(k.units_expected));
  j.field("units_sent", std::int64_t(k.units_sent));
  j.field("units_on_time", std::int64_t(k.units_on_time));
  j.end_object();
  // The pictures of the workbook's summary, each bar linking to the rows behind it.
  for (auto& g : groups)
    for (auto& s : g.segments) s.href = "#units?group=" + url_encode(g.label) + "&status=" + s.key;
  std::vector<ChartBar> tasks;
  for (auto [key, vi_label, en_label, color] :
       {std::tuple{"done", "Hoàn thành", "Done", "#2e7d32"}, {"in-progress", "Đang thực hiện", "In progress", "#1565c0"},
        {"not-started", "Chưa thực hiện", "Not started", "#6d4c41"},
        {"behind-schedule", "Chậm tiến độ", "Behind schedule", "#c62828"},
        {"none", "Chưa rõ", "Unclear", "#f9a825"}, {"no-data", "Chưa báo cáo", "Not reported", "#b0bec5"}})
    tasks.push_back({vi ? vi_label : en_label, {{task_counts[key], key, color, std::string("#units?task=") + key, ""}}});
  std::size_t late = 0;
  for (const auto& u : year.units) late += u.late;
  std::vector<ChartBar> units = {
      {vi ? "Đã gửi đúng hạn" : "Sent on time",
       {{double(k.units_sent - late), "on-time", "#2e7d32", "#units?filter=on-time", ""}}},
      {vi ? "Gửi muộn" : "Late", {{double(late), "late", "#ef6c00", "#units?filter=late", ""}}},
      {vi ? "Chưa gửi" : "Not sent",
       {{double(k.units_expected - k.units_sent), "missing", "#c62828", "#units?filter=missing", ""}}}};
  j.key("charts");
  j.begin_object();
  j.field("groups", bar_chart_svg(vi ? "Chỉ tiêu theo nhóm: kế hoạch và kết quả" : "Indicators per group: planned and met",
                                  groups, true));
  j.field("tasks", bar_chart_svg(vi ? "Nhiệm vụ theo tiến độ" : "Tasks by status", tasks, false));
  j.field("units", bar_chart_svg(vi ? "Đơn vị báo cáo" : "Reporting units", units, false));
  j.end_object();
  j.end_object();
  return 0;
}

int Office::diff(std::ostream& out, const StoredFile& older, const StoredFile& newer,
                 const std::vector<Correction>& corrections, const std::string& work, Lang lang) const {
  // Each version checked on its own: the difference is in what the unit wrote.
  auto a = run_check({older}, corrections, work + "/a", false);
  auto b = run_check({newer}, corrections, work + "/b", false);
  const Plan& plan = plan_.plan;
  auto key = [&](const RowResult& r) { return r.item ? std::string(to_string(r.kind)) + "#" + std::to_string(*r.item) : "?" + fold_key(r.written); };
  std::map<std::string, const RowResult*> before, after;
  std::vector<std::string> order;
  for (const auto& r : a.files.at(0).rows)
    if (before.emplace(key(r), &r).second) order.push_back(key(r));
  for (const auto& r : b.files.at(0).rows)
    if (after.emplace(key(r), &r).second && !before.count(key(r))) order.push_back(key(r));
  JsonWriter j(out, false);
  j.begin_object();
  j.field("older", older.id);
  j.field("newer", newer.id);
  j.key("changes");
  j.begin_array();
  std::size_t unchanged = 0;
  for (const auto& k : order) {
    const RowResult* x = before.count(k) ? before[k] : nullptr;
    const RowResult* y = after.count(k) ? after[k] : nullptr;
    if (x && y && value_text(x->actual) == value_text(y->actual) && row_status(*x) == row_status(*y)) {
      ++unchanged;
      continue;
    }
    const RowResult& r = y ? *y : *x;
    j.begin_object();
    j.field("change", !x ? "added" : !y ? "removed" : "changed");
    j.field("kind", to_string(r.kind));
    j.field("code", item_code(plan, r));
    j.field("name", r.item ? item_name(plan, r) : r.written);
    j.field("cell", y ? "'" + y->sheet.str() + "'!" + column_name(y->col) + std::to_string(y->row + 1) : "");
    j.field("before", x ? value_text(x->actual) : "");
    j.field("after", y ? value_text(y->actual) : "");
    j.field("before_status", x ? row_status(*x) : "");
    j.field("after_status", y ? row_status(*y) : "");
    j.end_object();
  }
  j.end_array();
  j.field("unchanged", std::int64_t(unchanged));
  auto count = [](const CheckReport& r, Severity s) {
    std::int64_t n = 0;
    for (const auto& i : r.files.at(0).issues) n += i.severity == s;
    return n;
  };
  j.key("errors");
  j.begin_array();
  j.value(count(a, Severity::Error));
  j.value(count(b, Severity::Error));
  j.end_array();
  j.key("warnings");
  j.begin_array();
  j.value(count(a, Severity::Warning));
  j.value(count(b, Severity::Warning));
  j.end_array();
  (void)lang;
  j.end_object();
  return 0;
}

int Office::consolidate(const std::string& out_xlsx, const std::vector<StoredFile>& current,
                        const std::vector<Correction>& corrections, const std::string& work) const {
  auto report = run_check(current, corrections, work, false);
  auto layout = Layout::find(config_.layout);
  auto year = tonghop::consolidate(plan_.plan, std::move(report));
  write_consolidated(out_xlsx, plan_.plan, year, layout, WriteOptions::for_year(config_.period.year));
  return 0;
}

int Office::annotated(const std::string& out_xlsx, const StoredFile& f, const std::vector<Correction>& corrections,
                      const std::string& work, Lang lang) const {
  auto report = run_check({f}, corrections, work, true);
  std::vector<ReportedFile> files;
  for (const auto& fr : report.files) files.push_back({fr.path, fr.unit, fr.workbook.get(), fr.issues});
  write_check_report(out_xlsx, files, {}, lang);
  return 0;
}

int Office::form(const std::string& out_xlsx, const std::string& unit) const {
  FormOptions o;
  o.unit = unit;
  o.period = config_.period;
  auto iso = serial_to_iso(deadline());  // YYYY-MM-DD...
  o.deadline = iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
  o.document_time = WriteOptions::for_year(config_.period.year).document_time;
  write_form(out_xlsx, plan_.plan, Layout::find(config_.layout), o);
  return 0;
}

}  // namespace tonghop::serve
