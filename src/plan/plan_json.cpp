#include "plan/plan_json.hpp"

#include "core/issue_render.hpp"
#include "core/json_writer.hpp"

namespace tonghop {
namespace {

void target_json(JsonWriter& j, const Target& t) {
  j.begin_object();
  j.field("raw", t.raw);
  j.field("kind", to_string(t.kind));
  j.key("low");
  if (t.low) j.value(*t.low); else j.null();
  j.key("high");
  if (t.high) j.value(*t.high); else j.null();
  j.field("unit", t.unit);
  j.field("per_year", t.per_year);
  j.end_object();
}

void opt_string(JsonWriter& j, std::string_view key, const std::string& v) {
  j.key(key);
  if (v.empty()) j.null(); else j.value(v);
}

}  // namespace

void write_plan_json(std::ostream& os, const std::string& path, const PlanResult& r, Lang lang) {
  const auto& p = r.plan;
  JsonWriter j(os);
  j.begin_object();
  j.field("tool", "tonghop");
  j.field("version", TONGHOP_VERSION);
  j.key("plan");
  j.begin_object();
  j.field("source", path);
  opt_string(j, "commune", p.commune);
  opt_string(j, "title", p.title);
  opt_string(j, "period", p.period);
  j.key("indicators");
  j.begin_array();
  for (const auto& i : p.indicators) {
    j.begin_object();
    opt_string(j, "code", i.code);
    j.field("name", i.name);
    opt_string(j, "group", i.group);
    opt_string(j, "parent", i.parent);
    opt_string(j, "unit", i.unit_of_measure);
    j.key("target");
    target_json(j, i.yearly_target);
    j.key("target_final");
    target_json(j, i.target_final);
    opt_string(j, "responsible", i.responsible);
    opt_string(j, "leader", i.directing_leader);
    j.field("sheet", i.sheet);
    j.field("row", i.row + 1);
    j.end_object();
  }
  j.end_array();
  j.key("tasks");
  j.begin_array();
  for (const auto& t : p.tasks) {
    j.begin_object();
    opt_string(j, "code", t.code);
    opt_string(j, "section", t.section);
    j.field("name", t.name);
    opt_string(j, "lead", t.lead_agency);
    j.key("coordinating");
    j.begin_array();
    for (const auto& c : t.coordinating) j.value(c);
    j.end_array();
    j.key("timeframe");
    j.begin_object();
    j.field("raw", t.timeframe.raw);
    j.key("from");
    if (t.timeframe.from) j.value(*t.timeframe.from); else j.null();
    j.key("to");
    if (t.timeframe.to) j.value(*t.timeframe.to); else j.null();
    j.field("recurrence", to_string(t.timeframe.recurrence));
    j.end_object();
    opt_string(j, "output", t.output);
    opt_string(j, "resources", t.resources);
    opt_string(j, "leader", t.directing_leader);
    j.field("sheet", t.sheet);
    j.field("row", t.row + 1);
    j.end_object();
  }
  j.end_array();
  j.key("units");
  j.begin_array();
  for (const auto& u : p.units) {
    j.begin_object();
    j.field("name", u.name);
    j.key("indicators");
    j.begin_array();
    for (auto i : u.indicators) j.value(p.indicators[i].code.empty() ? p.indicators[i].name : p.indicators[i].code);
    j.end_array();
    j.key("tasks");
    j.begin_array();
    for (auto i : u.tasks) j.value(p.tasks[i].code);
    j.end_array();
    j.end_object();
  }
  j.end_array();
  j.end_object();
  j.key("issues");
  j.begin_array();
  for (const auto& i : r.issues) write_issue_json(j, i, lang);
  j.end_array();
  j.end_object();
}

}  // namespace tonghop
