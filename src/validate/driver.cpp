#include "validate/driver.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <regex>

#include "core/date.hpp"
#include "core/json_writer.hpp"
#include "evaluate/evaluate.hpp"
#include "read/isolated.hpp"
#include "read/reader.hpp"

namespace tonghop {

std::optional<double> parse_receipt_date(std::string_view text) {
  auto d = parse_typed_date(text);
  if (!d) return std::nullopt;
  return d.serial;
}

ReceiptsBook read_receipts_book(const Workbook& book, const std::string& path) {
  ReceiptsBook out;
  for (const auto& sheet : book.sheets)
    for (const auto& c : sheet.cells) {
      if (c.col != 0 || c.type != CellType::Text || c.text.empty()) continue;
      const auto* d = sheet.find(c.row, 1);
      if (!d) continue;
      if (d->type == CellType::Date || (d->type == CellType::Number && d->format_class == FormatClass::Date)) {
        out.received[c.text] = d->number;
        continue;
      }
      std::string typed = d->type == CellType::Number ? format_number(d->number) : d->text;
      if (typed.find_first_of("0123456789") == std::string::npos) continue;  // a header: "Ngày nhận"
      auto when = parse_typed_date(typed);
      if (when) {
        out.received[c.text] = when.serial;
        continue;
      }
      out.unknown.insert(c.text);
      Text problem = when.status == TypedDate::Status::NoSuchDay
                         ? Text("không có thật (tháng " + std::to_string(when.month) + "/" + std::to_string(when.year) +
                                    " không có ngày " + std::to_string(when.day) + ")",
                                "does not exist (" + std::to_string(when.month) + "/" + std::to_string(when.year) +
                                    " has no day " + std::to_string(when.day) + ")")
                         : Text("không đọc được", "cannot be read");
      out.issues.push_back(make_issue_at(
          IssueCode::InvalidDate, path, sheet.info.name, d->row, d->col, "",
          {{"value", typed},
           {"source", Text("sổ nhận " + std::filesystem::path(path).filename().string(),
                           "the receipts book " + std::filesystem::path(path).filename().string())},
           {"problem", problem},
           {"effect", Text("chưa xét được tệp " + c.text + " nộp đúng hạn hay muộn",
                           "whether " + c.text + " came in on time is not judged")}}));
    }
  return out;
}

LoadedSubmission load_submission(const std::string& path, const ReadLimits& limits) {
  LoadedSubmission out;
  auto book = std::make_shared<Workbook>();
  try {
    *book = load_workbook_isolated(path, limits);  // a reader crash refuses this file only
  } catch (const InputError& e) {
    out.issues.push_back(e.issue());
    return out;
  }
  out.issues = book->issues;
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
  auto name = std::filesystem::path(path).filename().string();
  auto it = opt.received.find(path);
  if (it == opt.received.end()) it = opt.received.find(name);
  if (opt.receipt_unknown.count(path) || opt.receipt_unknown.count(name)) {
    // The office recorded it, with a date that cannot be used (reported with the book's
    // cell): not judged, rather than judged by the file's time.
  } else if (it != opt.received.end()) {
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
    if (loaded.workbook) meta.form = read_form_identity(path, *loaded.workbook, opt.limits);
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
  report.issues.insert(report.issues.end(), opt.receipt_issues.begin(), opt.receipt_issues.end());
  complete_report(report, plan, opt.deadline ? *opt.deadline : default_deadline(opt.period.year));
  return report;
}

}  // namespace tonghop
