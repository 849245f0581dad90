#include "validate/driver.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <regex>

#include "core/date.hpp"
#include "evaluate/evaluate.hpp"
#include "read/reader.hpp"
#include "recognise/legacy.hpp"

namespace tonghop {

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

LoadedSubmission load_submission(const std::string& path, const ReadLimits& limits) {
  LoadedSubmission out;
  auto book = std::make_shared<Workbook>();
  try {
    *book = load_workbook(path, limits);
  } catch (const InputError& e) {
    out.issues.push_back(e.issue());
    return out;
  }
  for (const auto& f : convert_legacy_text(*book))
    out.issues.push_back(make_issue_at(
        IssueCode::LegacyEncoding, path, f.sheet, std::nullopt, std::nullopt, "",
        {{"cells", std::to_string(f.cells)}, {"encoding", f.encoding}, {"font", f.encoding == "VNI" ? "VNI-*" : ".Vn*"},
         {"example", f.example}}));
  // Formulas without a trusted result: computed, or listed once per sheet as not assessable.
  auto listed = [](const std::vector<std::pair<std::uint32_t, std::uint32_t>>& cells) {
    std::string out;
    std::size_t shown = std::min<std::size_t>(cells.size(), 12);
    for (std::size_t i = 0; i < shown; ++i) out += (i ? ", " : "") + cell_ref(cells[i].first, cells[i].second);
    if (shown < cells.size()) out += ", …";
    return out;
  };
  auto ev = evaluate_formulas(*book);
  for (const auto& s : ev.computed)
    out.issues.push_back(make_issue_at(IssueCode::FormulaComputed, path, s.sheet, std::nullopt, std::nullopt, "",
                                       {{"count", std::to_string(s.cells.size())}, {"cells", listed(s.cells)}}));
  for (const auto& s : ev.unevaluated)
    out.issues.push_back(make_issue_at(IssueCode::FormulaWithoutValue, path, s.sheet, std::nullopt, std::nullopt, "",
                                       {{"count", std::to_string(s.cells.size())}, {"cells", listed(s.cells)},
                                        {"reason", s.reason}}));
  out.workbook = std::move(book);
  return out;
}

SubmissionMeta submission_meta(const std::string& path, const CheckOptions& opt, bool readable,
                               std::vector<Issue>& notes) {
  SubmissionMeta meta;
  meta.path = path;
  if (auto it = opt.unit_of.find(path); it != opt.unit_of.end()) meta.unit = it->second;
  auto it = opt.received.find(path);
  if (it == opt.received.end()) it = opt.received.find(std::filesystem::path(path).filename().string());
  if (it != opt.received.end()) {
    meta.received = it->second;
    meta.received_source = ReceiptSource::Option;
  } else if (readable) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
      meta.received = 25569.0 + double(st.st_mtime) / 86400.0;  // 1970-01-01 is serial 25569
      meta.received_source = ReceiptSource::FileTime;
      Location where;
      where.file = path;
      notes.push_back(
          make_issue(IssueCode::ReceiptFromFileTime, where, {{"received", serial_to_iso(*meta.received).substr(0, 16)}}));
    }
  }
  return meta;
}

CheckReport check_submissions(const Plan& plan, const std::vector<std::string>& files, const CheckOptions& opt,
                              const CheckContext& ctx) {
  CheckReport report;
  report.period = opt.period;
  PlanItems items(plan, ctx.matcher);
  for (const auto& path : files) {
    auto loaded = load_submission(path, opt.limits);
    std::vector<Issue> notes;
    auto meta = submission_meta(path, opt, loaded.workbook != nullptr, notes);
    FileResult fr;
    if (loaded.workbook) {
      fr = check_workbook(*loaded.workbook, meta, plan, items, opt.period, ctx);
      if (opt.keep_workbooks) fr.workbook = loaded.workbook;
    } else {
      fr.path = path;
      fr.readable = false;
      fr.received = meta.received;
      fr.received_source = meta.received_source;
    }
    fr.issues.insert(fr.issues.begin(), loaded.issues.begin(), loaded.issues.end());
    fr.issues.insert(fr.issues.end(), notes.begin(), notes.end());
    report.files.push_back(std::move(fr));
  }
  complete_report(report, plan, opt.deadline ? *opt.deadline : default_deadline(opt.period.year));
  return report;
}

}  // namespace tonghop
