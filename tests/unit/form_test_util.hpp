// Helpers shared by the fill-in form tests (unit and slow): the An Dương plan, forms written
// to a temporary folder, and forms filled as a careful unit would.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "plan/item_key.hpp"
#include "read/reader.hpp"
#include "validate/check.hpp"
#include "write/layout.hpp"
#include "write/template_writer.hpp"

namespace tonghop::form_test {

namespace fs = std::filesystem;

inline std::string samples(const std::string& p) { return std::string(TONGHOP_TEST_DATA) + "/../../samples/" + p; }

inline CheckContext& context() {
  static CheckContext ctx{LabelRoles::load_default(), UnitRegistry::load_default(), NameMatcher::load_default(), {}};
  return ctx;
}
inline const Plan& an_duong() {
  static Plan p = build_plan(load_workbook(samples("ke-hoach/an-duong-2026-2030.xlsx")), context().roles,
                             context().units).plan;
  return p;
}
inline const Layout& layout() {
  static Layout l = Layout::find("commune-yearly");
  return l;
}

inline constexpr const char* kVhxh = "Phòng Văn hóa - Xã hội";

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("tonghop-form-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

inline FormOptions options(const std::string& unit = kVhxh, Period p = {2026, PeriodKind::Year}) {
  FormOptions o;
  o.unit = unit;
  o.period = p;
  o.document_time = 1798718400;
  return o;
}

inline std::string write(const TempDir& dir, const FormOptions& o, const FormFill* fill = nullptr, const Plan& plan = an_duong(),
                  const std::string& name = "") {
  auto path = (dir.path / (name.empty() ? form_file_name(o.unit, o.period) : name)).string();
  write_form(path, plan, layout(), o, fill);
  return path;
}

inline const ReportingUnit& unit_of(const std::string& name) {
  for (const auto& u : an_duong().units)
    if (u.name == name) return u;
  throw std::runtime_error("no unit " + name);
}

// Every item of the unit filled as a careful unit would: figures meeting the targets.
inline FormFill good_fill(const std::string& unit = kVhxh) {
  FormFill fill;
  auto keys = item_keys(an_duong());
  const auto& u = unit_of(unit);
  for (auto i : u.indicators) {
    const auto& ind = an_duong().indicators[i];
    const Target& t = ind.judged_target();
    FormEntry e;
    if (t.kind == TargetKind::Maintain) e.text = "Duy trì";
    else if (t.kind == TargetKind::Attain || t.kind == TargetKind::Complete) e.text = "Đạt";
    else if (t.kind == TargetKind::LessThan || t.kind == TargetKind::AtMost) e.number = t.high.value_or(1) / 2;
    else if (t.kind == TargetKind::Decrease) e.number = 0.4;
    else if (t.kind == TargetKind::MoreThan) e.number = std::min(100.0, *t.low + 0.5);
    else if (t.low) e.number = t.high.value_or(*t.low);
    else e.number = 5;
    fill.entries[keys.indicators[i]] = e;
  }
  for (auto i : u.tasks) {
    FormEntry e;
    e.status = "Đang thực hiện";
    e.result = "Đã triển khai kế hoạch";
    e.progress = 60;
    fill.entries[keys.tasks[i]] = e;
  }
  return fill;
}

}  // namespace tonghop::form_test
