#include "consolidate/year_report.hpp"

#include <filesystem>
#include <map>

#include "core/date.hpp"
#include "core/pipeline.hpp"
#include "core/json_writer.hpp"
#include "core/number_text.hpp"
#include "core/platform.hpp"

namespace tonghop {

std::string SourceRef::text() const {
  if (file.empty()) return {};
  return platform::file_name(file) + "!" + sheet_prefix(sheet) + cell;
}

namespace {

// The plan's yearly figure as one number, when the target gives one: "76" -> 76;
// "Trên 97,5" -> 97.5; "14 - 15" -> 14 (the low end).
std::optional<double> plan_figure(const Indicator& ind) {
  const Target& t = ind.judged_target();
  if (needs_previous(t, ind.unit_of_measure)) return std::nullopt;  // a growth rate, not the year's figure
  switch (t.kind) {
    case TargetKind::Exact:
    case TargetKind::AtLeast:
    case TargetKind::MoreThan:
    case TargetKind::Range:
    case TargetKind::About:
    case TargetKind::Level:
    case TargetKind::Increase:
      return t.low;
    case TargetKind::AtMost:
    case TargetKind::LessThan:
      return t.high;
    default: return std::nullopt;
  }
}

}  // namespace

Outcome outcome(const IndicatorLine& l) {
  if (l.source.file.empty()) return Outcome::NoData;
  if (l.assessment == Assessment::Met || l.assessment == Assessment::Exceeded) return Outcome::Met;
  if (l.assessment == Assessment::NotMet) return Outcome::NotMet;
  return Outcome::NoData;
}

namespace {

// The year report built one file at a time, in the order of the files: the first counted
// row of an item gives its value, units gather their files and counts.
class YearBuilder {
 public:
  YearBuilder(const Plan& plan, const Period& period, const PreviousYear* previous)
      : plan_(plan), previous_(previous) {
    y_.period = period;
    for (std::size_t i = 0; i < plan.indicators.size(); ++i) {
      IndicatorLine line;
      line.index = i;
      line.plan_value = plan_figure(plan.indicators[i]);
      line.trend = needs_previous(plan.indicators[i].judged_target(), plan.indicators[i].unit_of_measure);
      if (previous)
        if (auto it = previous->values.find(i); it != previous->values.end()) line.previous = it->second;
      y_.indicators.push_back(line);
    }
    for (std::size_t i = 0; i < plan.tasks.size(); ++i) {
      TaskLine line;
      line.index = i;
      y_.tasks.push_back(line);
    }
    // Units: expected ones first, in the plan's order.
    for (const auto& u : plan.units) {
      at_[u.name] = y_.units.size();
      y_.units.push_back(UnitLine{u.name, {}, {}, false, false, 0, 0, 0});
    }
  }

  // What a file's issues count for its unit.
  struct Counts {
    std::size_t errors = 0, warnings = 0, missing_items = 0;
    void add(const Issue& i) {
      errors += i.severity == Severity::Error;
      warnings += i.severity == Severity::Warning;
      missing_items += i.code == IssueCode::MissingItem;
    }
  };

  void file(const FileResult& f) {
    rows(f, f.rows);
    Counts counts;
    for (const auto& i : f.issues) counts.add(i);
    unit(f, counts);
  }

  // Some of the rows of `f` (its head: the rows may come a batch at a time).
  void rows(const FileResult& f, const std::vector<RowResult>& rows) {
    // The first counted row for an item is its value (conflicts are reported by the check).
    for (const auto& r : rows) {
      if (!r.item || !r.counts) continue;
      if (r.kind == ItemKind::Indicator) {
        auto& line = y_.indicators[*r.item];
        if (!line.source.file.empty() || r.actual.kind == Value::Kind::Empty) continue;
        if (r.actual.kind == Value::Kind::Number) line.actual = r.actual.number;
        line.actual_text = r.actual.raw;
        line.actual_shown = r.actual.shown;
        line.assessment = r.assessment;
        line.source = SourceRef{f.path, r.sheet, cell_ref(r.row, r.col), r.row, r.col};
        line.note = r.note;
      } else {
        auto& line = y_.tasks[*r.item];
        if (!line.source.file.empty() || r.actual.kind != Value::Kind::Status) continue;
        line.status = r.actual.status;
        line.status_text = r.actual.raw;
        line.result = r.result;
        line.note = r.note;
        line.source = SourceRef{f.path, r.sheet, cell_ref(r.row, r.col), r.row, r.col};
      }
    }
  }

  // The file's unit: its files and what its issues count.
  void unit(const FileResult& f, const Counts& counts) {
    if (f.unit.empty()) return;
    if (!at_.count(f.unit)) {
      at_[f.unit] = y_.units.size();
      y_.units.push_back(UnitLine{f.unit, {}, {}, false, false, 0, 0, 0});
    }
    auto& u = y_.units[at_[f.unit]];
    u.files.push_back(platform::file_name(f.path));
    u.errors += counts.errors;
    u.warnings += counts.warnings;
    u.missing_items += counts.missing_items;
    if (!f.superseded) {
      u.late = f.late;
      if (f.received) u.received = serial_to_iso(*f.received).substr(0, 10);
    }
  }

  // Trends judged, units marked sent, key figures; the trends' issues go to `trend_issues`.
  YearReport finish(const std::vector<std::string>& submitted, std::vector<Issue>& trend_issues) {
    auto& y = y_;
    // Trends: judged against last year's value, or said plainly that it is missing.
    const std::string last_year = std::to_string(y.period.year - 1);
    for (auto& line : y.indicators) {
      if (!line.trend) continue;
      std::string remark;
      if (!line.previous)
        remark = previous_ ? "Không có số liệu năm " + last_year + " trong " +
                                 platform::file_name(previous_->file) + " để so sánh"
                           : "Cần số liệu năm " + last_year + " để đánh giá (chạy lại với --previous)";
      else if (line.actual) {
        const auto& ind = plan_.indicators[line.index];
        line.assessment = assess_trend(ind.judged_target(), *line.actual, *line.previous);
        if (line.assessment == Assessment::NotMet)
          trend_issues.push_back(make_issue_at(
              IssueCode::TargetNotMet, line.source.file, line.source.sheet, line.source.row, line.source.col, ind.code,
              {{"name", ind.name},
               {"value", Text(line.actual_shown.vi + " (năm " + last_year + ": " + number_text(*line.previous).vi + ")",
                              line.actual_shown.en + " (" + last_year + ": " + number_text(*line.previous).en + ")")},
               {"target", ind.judged_target().raw}}));
      }
      if (!remark.empty()) line.note += (line.note.empty() ? "" : "; ") + remark;
    }
    for (const auto& s : submitted) y.units[at_[s]].sent = true;
    // Key figures.
    auto& k = y.kpi;
    k.indicators = y.indicators.size();
    for (std::size_t i = 0; i < y.indicators.size(); ++i) {
      const auto& group = plan_.indicators[y.indicators[i].index].group;
      if (y.groups.empty() || group != y.groups.back().name) y.groups.push_back({group, i, 0, 0, 0, 0});
      auto& g = y.groups.back();
      ++g.count;
      switch (outcome(y.indicators[i])) {
        case Outcome::Met: ++g.met, ++k.indicators_met; break;
        case Outcome::NotMet: ++g.not_met, ++k.indicators_not_met; break;
        case Outcome::NoData: ++g.no_data, ++k.indicators_no_data; break;
      }
    }
    k.tasks = y.tasks.size();
    for (const auto& t : y.tasks) {
      switch (t.status) {
        case Status::Done: ++k.tasks_done; break;
        case Status::InProgress: ++k.tasks_in_progress; break;
        case Status::NotStarted: ++k.tasks_not_started; break;
        case Status::Behind: ++k.tasks_behind; break;
        default: ++k.tasks_no_data;
      }
    }
    k.units_expected = plan_.units.size();
    for (const auto& u : y.units) {
      k.units_sent += u.sent;
      k.units_on_time += u.sent && !u.late;
    }
    return std::move(y_);
  }

 private:
  const Plan& plan_;
  const PreviousYear* previous_;
  YearReport y_;
  std::map<std::string, std::size_t> at_;
};

}  // namespace

namespace {

RawRow raw_row(const Plan& plan, const RowResult& r) {
  RawRow raw;
  raw.sheet = r.sheet;
  raw.row = r.row + 1;
  raw.written = r.written;
  if (r.item) raw.code = plan.code_of(r.ref());
  raw.value = r.actual.kind == Value::Kind::Number ? format_number(r.actual.number) : r.actual.raw;
  if (!r.item) raw.verdict = "không khớp kế hoạch";
  else if (!r.counts) raw.verdict = "không tính";
  else raw.verdict = std::string(r.kind == ItemKind::Task ? to_string(r.actual.status) : to_string(r.assessment));
  return raw;
}

}  // namespace

RawSubmission raw_submission(const Plan& plan, const FileResult& f) {
  RawSubmission sub{platform::file_name(f.path), f.unit, {}};
  sub.rows.reserve(f.rows.size());
  for (const auto& r : f.rows) sub.rows.push_back(raw_row(plan, r));
  return sub;
}

YearReport consolidate(const Plan& plan, CheckReport check, const PreviousYear* previous) {
  YearBuilder build(plan, check.period, previous);
  for (const auto& f : check.files) build.file(f);
  std::vector<Issue> trend_issues;
  YearReport y = build.finish(check.submitted, trend_issues);
  // The check's rows become the raw rows one file at a time, each file's released as it is
  // done: the two are never held whole at once (nothing below reads the rows).
  for (auto& f : check.files) {
    if (!f.readable) continue;
    y.submissions.push_back(raw_submission(plan, f));
    std::vector<RowResult>().swap(f.rows);
  }
  // Moved, not copied: a big year has hundreds of thousands of them.
  for (auto& f : check.files)
    y.issues.insert(y.issues.end(), std::make_move_iterator(f.issues.begin()), std::make_move_iterator(f.issues.end()));
  y.issues.insert(y.issues.end(), std::make_move_iterator(check.issues.begin()),
                  std::make_move_iterator(check.issues.end()));
  y.issues.insert(y.issues.end(), trend_issues.begin(), trend_issues.end());
  return y;
}

namespace {

void keep_lines(YearReport::Stream& stream, const std::vector<IssueLine>& lines) {
  for (const auto& l : lines)
    stream.lines[l.rank]->add({l.file, l.sheet, l.cell, l.severity, l.code, l.message, std::to_string(l.count)});
}

// A part of a file's result as read back; at its end, its issues as the workbook's lines and
// what they count (the issues themselves stay in the reading thread).
struct ReadBack {
  ResultPart part;
  std::vector<IssueLine> lines;
  std::size_t issues = 0;
  YearBuilder::Counts counts;
};

}  // namespace

YearReport consolidate(const Plan& plan, const StreamedCheck& check, const PreviousYear* previous,
                       StreamedCheck::Totals* totals) {
  YearBuilder build(plan, check.report.period, previous);
  auto stream = std::make_shared<YearReport::Stream>();
  for (auto& store : stream->lines) store = std::make_unique<RecordStore>();
  stream->raw = std::make_unique<RecordStore>();
  // The results read back, completed and their issue lines made in a second thread while
  // this one builds the year and keeps each file's lines and raw rows: the only reading of
  // the results.
  StreamedCheck::Totals counted;
  pipelined<ReadBack>(
      [&](const auto& push) {
        std::optional<IssueGrouper> grouped;
        ReadBack end;
        counted = check.each_part([&](ResultPart& p) {
          if (p.kind == ResultPart::Kind::Issues) {
            if (!grouped) grouped.emplace(true);
            for (const auto& i : p.file.issues) grouped->add(i), end.counts.add(i);
            end.issues += p.file.issues.size();
            return;
          }
          if (p.kind != ResultPart::Kind::End) {
            push(ReadBack{std::move(p), {}, 0, {}});
            return;
          }
          if (grouped) end.lines = issue_lines(*grouped);
          grouped.reset();
          end.part = std::move(p);
          push(std::move(end));
          end = ReadBack{};
        });
      },
      [&, head = FileResult{}](ReadBack& read) mutable {
        auto& p = read.part;
        switch (p.kind) {
          case ResultPart::Kind::Head:
            head = std::move(p.file);
            if (!head.readable) return;
            ++stream->submissions;
            // A record for the file, then one per row: a long report is never one record.
            stream->raw->add({platform::file_name(head.path), head.unit});
            return;
          case ResultPart::Kind::Rows:
            build.rows(head, p.file.rows);
            if (!head.readable) return;
            stream->raw_rows += p.file.rows.size();
            for (const auto& row : p.file.rows) {
              auto r = raw_row(plan, row);
              stream->raw->add({r.sheet, std::to_string(r.row), r.written, r.code, r.value, r.verdict});
            }
            return;
          case ResultPart::Kind::Issues: return;  // (kept in the reading thread)
          case ResultPart::Kind::End:
            build.unit(head, read.counts);
            stream->issues += read.issues;
            keep_lines(*stream, read.lines);
            return;
        }
      });
  if (totals) *totals = counted;
  std::vector<Issue> trend_issues;
  YearReport y = build.finish(check.report.submitted, trend_issues);
  std::vector<Issue> run_issues = check.report.issues;
  run_issues.insert(run_issues.end(), trend_issues.begin(), trend_issues.end());
  stream->issues += run_issues.size();
  keep_lines(*stream, issue_lines(run_issues));
  y.stream = std::move(stream);
  return y;
}

std::size_t YearReport::raw_row_count() const {
  if (stream) return stream->raw_rows;
  std::size_t n = 0;
  for (const auto& s : submissions) n += s.rows.size();
  return n;
}

void YearReport::each_issue_line(const std::function<void(const IssueLine&)>& use) const {
  if (!stream) {
    auto lines = issue_lines(issues);  // one run: the same lines as run by run
    for (int rank = 0; rank < 3; ++rank)
      for (const auto& l : lines)
        if (l.rank == rank) use(l);
    return;
  }
  IssueLine line;
  for (int rank = 0; rank < 3; ++rank)
    stream->lines[rank]->each([&](const std::vector<std::string>& f) {
      line = {f.at(0), f.at(1), f.at(2), f.at(3), f.at(4), f.at(5), std::stoull(f.at(6)), rank};
      use(line);
    });
}

void YearReport::each_submission(const std::function<void(const RawSubmission&)>& use) const {
  if (!stream) {
    for (const auto& s : submissions) use(s);
    return;
  }
  // A file's record (2 fields) starts a submission; its rows' records (6 fields) follow.
  RawSubmission sub;
  bool any = false;
  stream->raw->each([&](const std::vector<std::string>& f) {
    if (f.size() == 2) {
      if (any) use(sub);
      sub = {f[0], f[1], {}};
      any = true;
      return;
    }
    sub.rows.push_back({f.at(0), std::uint32_t(std::stoul(f.at(1))), f.at(2), f.at(3), f.at(4), f.at(5)});
  });
  if (any) use(sub);
}

}  // namespace tonghop
