#include "validate/check_json.hpp"

#include "core/date.hpp"
#include "core/issue_render.hpp"
#include "core/json_writer.hpp"
#include "validate/driver.hpp"

namespace tonghop {

CheckJsonWriter::CheckJsonWriter(std::ostream& os, const Plan& plan, const Period& period, Lang lang)
    : j_(os), plan_(plan), lang_(lang) {
  auto& j = j_;
  j.begin_object();
  j.field("tool", "tonghop");
  j.field("version", TONGHOP_VERSION);
  j.key("plan");
  j.begin_object();
  j.key("commune");
  if (plan.commune.empty()) j.null(); else j.value(plan.commune);
  j.key("period");
  if (plan.period.empty()) j.null(); else j.value(plan.period);
  j.field("indicators", std::int64_t(plan.indicators.size()));
  j.field("tasks", std::int64_t(plan.tasks.size()));
  j.end_object();
  j.field("year", period.year);
  j.field("period", to_string(period.kind));
  j.key("files");
  j.begin_array();
}

void CheckJsonWriter::file(const FileResult& f) {
  head(f, f.status());
  rows(f.rows);
  issues(f.issues);
  end();
}

void CheckJsonWriter::head(const FileResult& f, FileStatus status) {
  auto& j = j_;
  j.begin_object();
  j.field("path", f.path);
  j.field("status", to_string(status));
  j.key("unit");
  if (f.unit.empty()) j.null(); else j.value(f.unit);
  j.key("unit_source");
  if (f.unit_source == UnitSource::None) j.null(); else j.value(to_string(f.unit_source));
  j.key("commune");
  if (f.commune.empty()) j.null(); else j.value(f.commune);
  j.key("period");
  if (f.period) {
    j.begin_object();
    j.field("year", f.period->year);
    j.field("kind", to_string(f.period->kind));
    j.end_object();
  } else {
    j.null();
  }
  j.key("received");
  if (f.received) j.value(serial_to_iso(*f.received).substr(0, 19)); else j.null();
  j.key("received_source");
  if (f.received_source == ReceiptSource::None) j.null(); else j.value(to_string(f.received_source));
  j.field("late", f.late);
  j.key("rows");
  j.begin_array();
  in_rows_ = true;
}

void CheckJsonWriter::rows(const std::vector<RowResult>& rows) {
  auto& j = j_;
  const auto& plan = plan_;
  for (const auto& row : rows) {
    j.begin_object();
    j.field("sheet", row.sheet.str());
    j.field("row", row.row + 1);
    j.field("kind", to_string(row.kind));
    const bool task = row.kind == ItemKind::Task;
    j.key("code");
    if (!row.item || plan.code_of(row.ref()).empty()) j.null(); else j.value(plan.code_of(row.ref()));
    j.key("name");
    if (!row.item) j.null(); else j.value(plan.name_of(row.ref()));
    j.field("written", row.written);
    j.field("score", row.score);
    j.key("actual");
    if (row.actual.kind == Value::Kind::Number) j.value(row.actual.number);
    else if (row.actual.raw.empty()) j.null();
    else j.value(row.actual.raw);
    j.key("plan");
    if (row.plan_value) j.value(*row.plan_value); else j.null();
    j.field("status", task ? to_string(row.actual.status) : to_string(row.assessment));
    j.field("counted", row.counts);
    j.end_object();
  }
}

void CheckJsonWriter::end_rows() {
  if (!in_rows_) return;
  in_rows_ = false;
  j_.end_array();
  j_.key("issues");
  j_.begin_array();
}

void CheckJsonWriter::issues(const std::vector<Issue>& issues) {
  end_rows();
  for (const auto& i : issues) write_issue_json(j_, i, lang_);
}

void CheckJsonWriter::end() {
  end_rows();
  j_.end_array();
  j_.end_object();
}

void CheckJsonWriter::part(const ResultPart& p) {
  switch (p.kind) {
    case ResultPart::Kind::Head: head(p.file, p.status); break;
    case ResultPart::Kind::Rows: rows(p.file.rows); break;
    case ResultPart::Kind::Issues: issues(p.file.issues); break;
    case ResultPart::Kind::End: end(); break;
  }
}

void CheckJsonWriter::finish(const CheckReport& r, std::size_t files, std::size_t errors, std::size_t warnings) {
  auto& j = j_;
  j.end_array();
  j.key("completeness");
  j.begin_object();
  for (auto [key, list] : {std::pair{"expected", &r.expected}, std::pair{"submitted", &r.submitted},
                           std::pair{"missing", &r.missing}}) {
    j.key(key);
    j.begin_array();
    for (const auto& u : *list) j.value(u);
    j.end_array();
  }
  j.key("late");
  j.begin_array();
  for (const auto& u : r.late) j.value(u);
  j.end_array();
  j.end_object();
  j.key("issues");
  j.begin_array();
  for (const auto& i : r.issues) write_issue_json(j, i, lang_);
  j.end_array();
  j.key("summary");
  j.begin_object();
  j.field("files", std::int64_t(files));
  j.field("errors", std::int64_t(errors));
  j.field("warnings", std::int64_t(warnings));
  j.end_object();
  j.end_object();
  j.flush();
}

void write_check_json(std::ostream& os, const Plan& plan, const CheckReport& r, Lang lang) {
  CheckJsonWriter w(os, plan, r.period, lang);
  for (const auto& f : r.files) w.file(f);
  w.finish(r, r.files.size(), r.count(Severity::Error), r.count(Severity::Warning));
}

}  // namespace tonghop
