#include <algorithm>
#include <filesystem>
#include <set>

#include "core/text.hpp"
#include "validate/file_check.hpp"
#include "core/platform.hpp"

namespace tonghop {

void identify(FileCheck& fc, const Workbook& book, const std::vector<Table>& tables, const SubmissionMeta& meta) {
  if (!meta.unit.empty()) {
    auto r = fc.ctx.units.resolve(meta.unit);
    fc.out.unit = r.name;
    fc.out.unit_source = UnitSource::Option;
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
  fc.out.period = detect_period(texts);
  if (meta.form) identify_form(*meta.form, fc.plan, fc.items.keys, fc.ctx.units, fc.out);
  if (meta.period) fc.out.period = meta.period;
  if (fc.out.unit.empty()) {
    for (const auto& t : tables)
      for (const auto& line : t.title) {
        // "UBND PHƯỜNG AN DƯƠNG" names the commune, not the unit.
        auto found = fc.ctx.units.find_in(line);
        if (!found.empty() && found != "Ủy ban nhân dân") {
          fc.out.unit = found;
          fc.out.unit_source = UnitSource::Header;
          break;
        }
      }
  }
  if (fc.out.unit.empty()) {
    auto found = fc.ctx.units.find_in_file_name(platform::file_stem(fc.out.path));
    if (!found.empty()) fc.out.unit = found, fc.out.unit_source = UnitSource::FileName;
  }
  // A commune's own report ("ỦY BAN NHÂN DÂN / PHƯỜNG AN DƯƠNG" and no unit line): the
  // commune reports, as a consolidated workbook does one level up.
  std::vector<std::string> title;
  for (const auto& t : tables) title.insert(title.end(), t.title.begin(), t.title.end());
  fc.out.commune = find_commune(title);
  if (fc.out.unit.empty() && !fc.out.commune.empty()) fc.out.unit = fc.out.commune, fc.out.unit_source = UnitSource::Commune;
  if (fc.out.unit.empty()) {
    fc.issue(IssueCode::UnknownUnit, "", std::nullopt, std::nullopt, "", {{"found", Text("")}});
    return;
  }
  fc.whole_commune = fc.out.unit_source == UnitSource::Commune && fold_key(fc.out.commune) == fold_key(fc.plan.commune);
  bool in_plan = std::any_of(fc.plan.units.begin(), fc.plan.units.end(), [&](const auto& u) { return u.name == fc.out.unit; });
  if (!in_plan && !fc.whole_commune)
    fc.issue(IssueCode::UnknownUnit, "", std::nullopt, std::nullopt, "",
          {{"found", Text(" (\"" + fc.out.unit + "\" không có nhiệm vụ hay chỉ tiêu nào trong kế hoạch)",
                          " (\"" + fc.out.unit + "\" has no indicator or task in the plan)")}});
}

// A header naming only the commune may be a unit that left its own name out. The
// commune's own report (a consolidated workbook) covers items of several units; a file
// whose rows all belong to one unit is that unit's, unnamed.
void confirm_whole_commune(FileCheck& fc) {
  std::set<std::string_view> owners = fc.owners;  // (the rows may have left already: FileCheck::sink)
  owners.erase("");
  if (owners.size() >= 2) return;
  fc.whole_commune = false;
  fc.out.unit.clear();
  fc.out.unit_source = UnitSource::None;
  fc.issue(IssueCode::UnknownUnit, "", std::nullopt, std::nullopt, "",
        {{"found", Text(" (tiêu đề chỉ ghi " + fc.out.commune + ", không ghi tên đơn vị)",
                        " (the header names only " + fc.out.commune + ", not the unit)")}});
}

}  // namespace tonghop
