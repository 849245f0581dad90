// tonghop template's forms: their XML structure, their cached formula values, and the round
// trip form -> filled -> check -> consolidate, with forms edited to break them.
#include <gtest/gtest.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "consolidate/year_report.hpp"
#include "core/text.hpp"
#include "plan/item_key.hpp"
#include "read/isolated.hpp"
#include "read/zip_archive.hpp"
#include "form_test_util.hpp"
#include "test_util.hpp"
#include "validate/driver.hpp"
#include "validate/form_identity.hpp"
#include "write/template_writer.hpp"

using namespace tonghop;
using namespace tonghop::test;
using namespace tonghop::form_test;
namespace fs = std::filesystem;

namespace {

const ReadLimits& limits() {
  static ReadLimits l;  // ZipArchive keeps a reference
  return l;
}

std::string part(const std::string& path, const std::string& name) {
  ZipArchive zip(path, limits());
  return zip.read_all(name);
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

// Replaces a part of the zip package (a unit editing the workbook).
void rewrite_part(const std::string& path, const std::string& name, const std::function<std::string(std::string)>& edit) {
  std::string text = edit(part(path, name));
  int err = 0;
  zip_t* z = zip_open(path.c_str(), 0, &err);
  ASSERT_NE(z, nullptr);
  char* copy = static_cast<char*>(malloc(text.size()));
  memcpy(copy, text.data(), text.size());
  zip_source_t* src = zip_source_buffer(z, copy, text.size(), 1);
  zip_int64_t index = zip_name_locate(z, name.c_str(), 0);
  ASSERT_GE(index, 0);
  ASSERT_EQ(zip_file_replace(z, zip_uint64_t(index), src, 0), 0);
  ASSERT_EQ(zip_close(z), 0);
}

CheckReport check(const std::vector<std::string>& files, Period p = {2026, PeriodKind::Year}, const Plan& plan = an_duong(),
                  std::map<std::string, std::string> unit_of = {}) {
  CheckOptions opt;
  opt.period = p;
  opt.unit_of = std::move(unit_of);
  for (const auto& f : files) opt.received[f] = 46300;  // on time
  return check_submissions(plan, files, opt, context());
}

std::vector<const Issue*> file_issues(const CheckReport& r, const std::string& code) {
  std::vector<const Issue*> out;
  for (const auto& f : r.files)
    for (const auto& i : f.issues)
      if (to_string(i.code) == code) out.push_back(&i);
  return out;
}

// Errors and warnings: notes (formula-computed: a clean form's results all look like the
// placeholders of a writer that computes nothing, so the check recomputes them) left out.
std::set<std::string> codes(const FileResult& f) {
  std::set<std::string> out;
  for (const auto& i : f.issues)
    if (i.severity != Severity::Info) out.insert(std::string(to_string(i.code)));
  return out;
}

}  // namespace

TEST(FormName, AsciiFromUnitAndPeriod) {
  EXPECT_EQ(form_file_name("Phòng Văn hóa - Xã hội", {2026, PeriodKind::Year}), "bieu-mau-phong-van-hoa-xa-hoi-nam-2026.xlsx");
  EXPECT_EQ(form_file_name("Ban Chỉ huy Quân sự", {2026, PeriodKind::Q3}), "bieu-mau-ban-chi-huy-quan-su-quy-3-2026.xlsx");
  EXPECT_EQ(form_file_name("Đảng ủy", {2027, PeriodKind::H1}), "bieu-mau-dang-uy-6-thang-2027.xlsx");
}

TEST(FormLimits, ExcelCountsUtf16Units) {
  EXPECT_EQ(excel_length("abc"), 3u);
  EXPECT_EQ(excel_length("Chưa đạt"), 8u);       // precomposed Vietnamese letters: one unit each
  EXPECT_EQ(excel_length("a\xF0\x9F\x98\x80"), 3u);  // an emoji is a surrogate pair
}

TEST(FormXml, ProtectedSheetsUnlockedInputsHiddenKeysAndLists) {
  TempDir dir;
  auto path = write(dir, options());
  auto workbook = part(path, "xl/workbook.xml");
  // Chỉ tiêu, Nhiệm vụ, Hướng dẫn, then the hidden lists sheet.
  EXPECT_NE(workbook.find("name=\"Chỉ tiêu\""), std::string::npos);
  EXPECT_NE(workbook.find("name=\"Nhiệm vụ\""), std::string::npos);
  EXPECT_NE(workbook.find("name=\"Hướng dẫn\""), std::string::npos);
  EXPECT_TRUE(std::regex_search(workbook, std::regex("<sheet name=\"DanhMuc\" sheetId=\"4\" state=\"hidden\"")));
  EXPECT_NE(workbook.find("<definedName name=\"DS_TienDo\">DanhMuc!$A$2:$A$5</definedName>"), std::string::npos);
  EXPECT_NE(workbook.find("<definedName name=\"DS_Dat\">DanhMuc!$B$2:$B$3</definedName>"), std::string::npos);
  EXPECT_NE(workbook.find("<definedName name=\"DS_DuyTri\">DanhMuc!$C$2:$C$3</definedName>"), std::string::npos);
  for (int s = 1; s <= 4; ++s) {
    auto sheet = part(path, "xl/worksheets/sheet" + std::to_string(s) + ".xml");
    EXPECT_NE(sheet.find("<sheetProtection sheet=\"1\""), std::string::npos) << s;
    EXPECT_EQ(sheet.find("password="), std::string::npos) << s;  // none by default
  }
  auto styles = part(path, "xl/styles.xml");
  EXPECT_NE(styles.find("<protection locked=\"0\"/>"), std::string::npos);

  const auto& u = unit_of(kVhxh);
  auto indicators = part(path, "xl/worksheets/sheet1.xml");
  // The key and flag columns (J, K) hidden; one validation per input (actual, note).
  EXPECT_NE(indicators.find("<col min=\"10\" max=\"10\" width=\"14.7109375\" hidden=\"1\""), std::string::npos);
  EXPECT_EQ(count(indicators, "<dataValidation "), 2 * u.indicators.size());
  EXPECT_EQ(count(indicators, "type=\"list\""), 2u);  // the two yes/no indicators of VH-XH
  EXPECT_NE(indicators.find("<formula1>DS_DuyTri</formula1>"), std::string::npos);
  EXPECT_NE(indicators.find("<conditionalFormatting"), std::string::npos);
  EXPECT_NE(part(path, "xl/sharedStrings.xml").find(">CT-"), std::string::npos);  // the keys
  auto tasks = part(path, "xl/worksheets/sheet2.xml");
  EXPECT_EQ(count(tasks, "<dataValidation "), 4 * u.tasks.size());
  EXPECT_EQ(count(tasks, "<formula1>DS_TienDo</formula1>"), u.tasks.size());

  auto custom = part(path, "docProps/custom.xml");
  for (const char* name : {form_property::kVersion, form_property::kPlan, form_property::kUnit, form_property::kYear,
                           form_property::kPeriod, form_property::kItems})
    EXPECT_NE(custom.find(std::string("name=\"") + name + "\""), std::string::npos) << name;
  EXPECT_NE(custom.find("<vt:lpwstr>" + plan_fingerprint(an_duong()) + "</vt:lpwstr>"), std::string::npos);
  EXPECT_NE(custom.find(std::string("<vt:lpwstr>") + kVhxh + "</vt:lpwstr>"), std::string::npos);
}

// The custom properties come with the one reading of the workbook (in the process or
// isolated); a damaged properties part loses only them, and the identity is then read from
// the lists sheet.
TEST(FormXml, CustomPropertiesReadWithTheWorkbook) {
  TempDir dir;
  auto path = write(dir, options());
  auto book = load_workbook(path);
  std::map<std::string, std::string> props(book.info.custom_properties.begin(), book.info.custom_properties.end());
  EXPECT_EQ(props[form_property::kPlan], plan_fingerprint(an_duong()));
  EXPECT_EQ(props[form_property::kUnit], kVhxh);
  EXPECT_EQ(load_workbook_isolated(path).info.custom_properties, book.info.custom_properties);
  rewrite_part(path, "docProps/custom.xml", [](std::string xml) { return xml.substr(0, xml.size() / 2); });
  auto damaged = load_workbook(path);
  EXPECT_TRUE(damaged.info.custom_properties.empty());
  EXPECT_FALSE(damaged.sheets.empty());
  auto id = read_form_identity(damaged);
  ASSERT_TRUE(id);
  EXPECT_EQ(id->unit, kVhxh);
}

TEST(FormXml, PasswordWhenAsked) {
  TempDir dir;
  auto o = options();
  o.password = "bimat";
  auto sheet = part(write(dir, o), "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<sheetProtection password=\""), std::string::npos);
}

TEST(FormXml, InputMessagesWithinExcelLimits) {
  TempDir dir;
  for (const auto& u : an_duong().units) {
    auto path = write(dir, options(u.name));
    for (int s = 1; s <= 2; ++s) {
      ZipArchive zip(path, limits());
      auto name = "xl/worksheets/sheet" + std::to_string(s) + ".xml";
      if (!zip.has(name)) continue;
      auto xml = zip.read_all(name);
      std::regex prompt("prompt=\"([^\"]*)\""), title("promptTitle=\"([^\"]*)\"");
      for (std::sregex_iterator it(xml.begin(), xml.end(), prompt), end; it != end; ++it) {
        auto text = std::regex_replace((*it)[1].str(), std::regex("&quot;|&amp;|&lt;|&gt;"), "x");
        EXPECT_LE(excel_length(text), 255u) << u.name;
        EXPECT_GT(excel_length(text), 20u);
      }
      for (std::sregex_iterator it(xml.begin(), xml.end(), title), end; it != end; ++it)
        EXPECT_LE(excel_length((*it)[1].str()), 32u);
    }
  }
}

TEST(FormValues, EmptyFormCachedValuesSayWhatIsMissing) {
  TempDir dir;
  auto book = load_workbook(write(dir, options()));
  const auto& s = book.sheets[0];
  const auto& u = unit_of(kVhxh);
  // I7: what remains, every row; I10.. the rows' checks.
  EXPECT_TRUE(at(s, "I7").is_formula);
  EXPECT_EQ(at(s, "I7").number, double(u.indicators.size()));
  std::size_t missing = 0, no_choice = 0;
  for (const auto& c : s.cells) {
    if (!c.is_formula || c.col != 8 || c.row < 8) continue;
    missing += c.text == form_message::kMissing;
    no_choice += c.text == form_message::kNoChoice;
  }
  EXPECT_EQ(missing + no_choice, u.indicators.size());
  EXPECT_EQ(no_choice, 2u);
  const auto& tasks = book.sheets[1];
  EXPECT_EQ(at(tasks, "J7").number, double(u.tasks.size()));
}

TEST(FormRoundTrip, FilledFormChecksCleanMapsExactlyAndConsolidates) {
  TempDir dir;
  auto fill = good_fill();
  auto path = write(dir, options(), &fill);
  auto book = load_workbook(path);
  EXPECT_EQ(at(book.sheets[0], "I7").number, 0);  // nothing remains: green
  EXPECT_EQ(at(book.sheets[1], "J7").number, 0);
  auto report = check({path});
  ASSERT_EQ(report.files.size(), 1u);
  const auto& f = report.files[0];
  EXPECT_EQ(f.unit, kVhxh);
  EXPECT_EQ(f.unit_source, UnitSource::Form);
  std::set<std::string> expected;  // a trend target without last year's value says nothing more
  EXPECT_EQ(codes(f), expected) << f.issues.front().message(Lang::En);
  const auto& u = unit_of(kVhxh);
  EXPECT_EQ(f.rows.size(), u.indicators.size() + u.tasks.size());
  for (const auto& r : f.rows) EXPECT_EQ(r.score, 1.0) << r.written;
  auto year = consolidate(an_duong(), report);
  auto keys = item_keys(an_duong());
  for (auto i : u.indicators) {
    const auto& e = fill.entries.at(keys.indicators[i]);
    if (e.number) EXPECT_EQ(year.indicators[i].actual, e.number) << an_duong().indicators[i].name;
    else EXPECT_EQ(year.indicators[i].actual_text, e.text);
  }
  for (auto i : u.tasks) EXPECT_EQ(year.tasks[i].status, Status::InProgress);
}

TEST(FormRoundTrip, WhatIsWrongIsReportedAtItsCellAndAgreesWithKiemTra) {
  TempDir dir;
  auto fill = good_fill();
  auto keys = item_keys(an_duong());
  const auto& u = unit_of(kVhxh);
  // Row by row: the planted problem and the code the check must give.
  std::map<std::string, std::string> planted;
  std::size_t rate = SIZE_MAX, atleast = SIZE_MAX, choice = SIZE_MAX, empty = SIZE_MAX;
  for (auto i : u.indicators) {
    const auto& ind = an_duong().indicators[i];
    auto k = ind.judged_target().kind;
    if (rate == SIZE_MAX && fold_key(ind.name).rfind("ty le", 0) == 0 && ind.unit_of_measure == "%") rate = i;
    else if (atleast == SIZE_MAX && (k == TargetKind::AtLeast || k == TargetKind::Exact) && ind.judged_target().low) atleast = i;
    else if (choice == SIZE_MAX && (k == TargetKind::Maintain || k == TargetKind::Attain)) choice = i;
    else if (empty == SIZE_MAX) empty = i;
  }
  ASSERT_NE(empty, SIZE_MAX);
  fill.entries[keys.indicators[rate]].number = 120;
  fill.entries[keys.indicators[atleast]].number = *an_duong().indicators[atleast].judged_target().low - 1;
  fill.entries[keys.indicators[choice]].text = an_duong().indicators[choice].judged_target().kind == TargetKind::Maintain
                                                   ? "Không duy trì" : "Không đạt";
  fill.entries[keys.indicators[choice]].note = "Chưa đủ kinh phí";
  fill.entries.erase(keys.indicators[empty]);
  fill.entries[keys.tasks[u.tasks[0]]].status = "";
  fill.deleted.insert(keys.tasks[u.tasks[1]]);
  auto path = write(dir, options(), &fill);
  auto report = check({path});
  const auto& f = report.files[0];
  auto book = load_workbook(path);
  // Kiểm tra (cached, from the formula engine) against the check's own issues, row by row.
  std::map<std::pair<std::string, std::uint32_t>, std::set<std::string>> by_row;
  for (const auto& i : f.issues)
    if (i.where.row) by_row[{i.where.sheet, *i.where.row}].insert(std::string(to_string(i.code)));
  auto expected_code = [](const std::string& said) -> std::string {
    namespace m = form_message;
    if (said.empty()) return "";
    if (said == m::kMissing || said == m::kNoChoice || said == m::kNoStatus) return "missing-value";
    if (said == m::kNotNumber || said == m::kNotInList) return "type-error";
    if (said == m::kOver100 || said == m::kNegative) return "out-of-range";
    return "target-not-met";
  };
  std::size_t rows = 0;
  for (std::size_t s = 0; s < 2; ++s) {
    const auto& sheet = book.sheets[s];
    std::uint32_t check_col = s == 0 ? 8 : 9;
    for (const auto& c : sheet.cells) {
      if (!c.is_formula || c.col != check_col || c.row < 8) continue;
      ++rows;
      auto code = expected_code(c.text);
      auto found = by_row[{sheet.info.name, c.row}];
      found.erase("plan-value-mismatch");
      if (code.empty()) EXPECT_TRUE(found.empty()) << sheet.info.name << " row " << c.row + 1 << ": " << *found.begin();
      else EXPECT_EQ(found, std::set<std::string>{code}) << sheet.info.name << " row " << c.row + 1 << ": " << c.text;
    }
  }
  EXPECT_EQ(rows, u.indicators.size() + u.tasks.size() - 1);
  // The empty cell is named exactly; the deleted row is a missing item.
  auto missing = file_issues(report, "missing-value");
  ASSERT_EQ(missing.size(), 2u);
  std::set<std::string> cells;
  for (const auto* i : missing) cells.insert(i->where.sheet + "!" + i->cell());
  EXPECT_EQ(cells.size(), 2u);
  auto items = file_issues(report, "missing-item");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]->where.item, an_duong().tasks[u.tasks[1]].code);
}

TEST(FormEdits, EditedLabelStillMapsExactly) {
  TempDir dir;
  auto fill = good_fill();
  auto path = write(dir, options(), &fill);
  const auto& first = an_duong().indicators[unit_of(kVhxh).indicators[1]];
  rewrite_part(path, "xl/sharedStrings.xml", [&](std::string xml) {
    auto p = xml.find(">" + first.name + "<");
    EXPECT_NE(p, std::string::npos);
    if (p != std::string::npos) xml.replace(p + 1, first.name.size(), "BHYT toàn dân (số liệu của phường)");
    return xml;
  });
  auto report = check({path});
  const auto& f = report.files[0];
  EXPECT_TRUE(codes(f).empty()) << f.issues.front().message(Lang::En);
  bool seen = false;
  for (const auto& r : f.rows)
    if (r.written == "BHYT toàn dân (số liệu của phường)") {
      seen = true;
      EXPECT_EQ(r.score, 1.0);
      EXPECT_EQ(an_duong().indicators[*r.item].name, first.name);
    }
  EXPECT_TRUE(seen);
}

TEST(FormEdits, RenamedSheetChangesNothingButTheSheetNamed) {
  TempDir dir;
  auto fill = good_fill();
  fill.entries.erase(item_keys(an_duong()).indicators[unit_of(kVhxh).indicators[0]]);
  auto path = write(dir, options(), &fill);
  rewrite_part(path, "xl/workbook.xml", [](std::string xml) {
    return std::regex_replace(xml, std::regex("name=\"Chỉ tiêu\""), "name=\"Số liệu VHXH\"");
  });
  auto report = check({path});
  auto missing = file_issues(report, "missing-value");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0]->where.sheet, "Số liệu VHXH");
  EXPECT_EQ(missing[0]->cell(), "G10");
  EXPECT_EQ(codes(report.files[0]), std::set<std::string>{"missing-value"});
}

TEST(FormEdits, AnotherUnitsFormIsReportedAsSuch) {
  TempDir dir;
  auto fill = good_fill("Công an");
  // Sent under the Culture office's name: the file name, then the office's --unit.
  auto path = write(dir, options("Công an"), &fill, an_duong(), "phong-vhxh-2026.xlsx");
  auto by_name = check({path});
  auto m = file_issues(by_name, "form-unit-mismatch");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_NE(m[0]->message(Lang::En).find("made for Công an"), std::string::npos);
  EXPECT_NE(m[0]->message(Lang::En).find("the file name"), std::string::npos);
  EXPECT_EQ(by_name.files[0].unit, "Công an");  // its rows are the police's items
  auto by_option = check({path}, {2026, PeriodKind::Year}, an_duong(), {{path, kVhxh}});
  ASSERT_EQ(file_issues(by_option, "form-unit-mismatch").size(), 1u);
  EXPECT_FALSE(file_issues(by_option, "unassigned-item").empty());
}

TEST(FormEdits, FormOfAnotherYearOrPeriodIsNotCounted) {
  TempDir dir;
  auto fill = good_fill();
  auto path = write(dir, options(kVhxh, {2026, PeriodKind::H1}), &fill);
  auto report = check({path});
  auto p = file_issues(report, "period-mismatch");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_NE(p[0]->message(Lang::En).find("first half of 2026"), std::string::npos);
  auto next = check({path}, {2027, PeriodKind::H1});
  EXPECT_EQ(file_issues(next, "period-mismatch").size(), 1u);
}

TEST(FormEdits, FormOfAnOlderPlanVersionSaysWhatChanged) {
  TempDir dir;
  // The form was made from a plan that gave VH-XH one indicator less and one more task.
  Plan older = an_duong();
  auto& u = *std::find_if(older.units.begin(), older.units.end(), [](const auto& x) { return x.name == kVhxh; });
  std::size_t dropped = u.indicators.back();
  u.indicators.pop_back();
  Task gone = older.tasks[u.tasks[0]];
  gone.name = "Nhiệm vụ đã bỏ khỏi kế hoạch";
  older.tasks.push_back(gone);
  u.tasks.push_back(older.tasks.size() - 1);
  auto path = write(dir, options(), nullptr, older);
  auto report = check({path});
  auto changed = file_issues(report, "form-plan-changed");
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_NE(changed[0]->message(Lang::En).find("1 items added, 1 removed"), std::string::npos)
      << changed[0]->message(Lang::En);
  // The item the form lacks is missing; the others still map exactly.
  auto items = file_issues(report, "missing-item");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]->where.item, an_duong().indicators[dropped].code);
}

TEST(FormAll, EveryUnitOfBothSamplePlansGetsAFormThatReadsBackAsItsOwn) {
  TempDir dir;
  const auto nghi = build_plan(load_workbook(samples("ke-hoach/nghi-duong-2025-2030.xlsx")), context().roles,
                               context().units).plan;
  std::size_t forms = 0;
  for (const Plan* plan : {&an_duong(), &nghi}) {
    ASSERT_FALSE(plan->units.empty());
    KeyIndex keys(*plan);
    for (const auto& u : plan->units) {
      auto path = write(dir, options(u.name), nullptr, *plan);
      auto book = load_workbook(path);
      auto id = read_form_identity(book);
      ASSERT_TRUE(id) << u.name;
      EXPECT_EQ(id->unit, u.name);
      EXPECT_EQ(id->plan, keys.fingerprint());
      EXPECT_EQ(id->keys.size(), u.indicators.size() + u.tasks.size());
      EXPECT_EQ(plan_change(*plan, *id).added + plan_change(*plan, *id).removed, 0u);
      ++forms;
    }
  }
  EXPECT_EQ(forms, an_duong().units.size() + nghi.units.size());
}

// The office's taught unit spellings (--aliases) name a unit's form as they name its reports.
TEST(TemplateCommand, UnitSpellingTaughtByAliasesGetsItsForm) {
  TempDir dir;
  auto aliases = dir.path / "aliases.toml";
  std::ofstream(aliases) << "[[unit]]\nwritten = \"Tổ VHXH xã\"\nunit = \"Phòng Văn hóa - Xã hội\"\n";
  auto plan = samples("ke-hoach/an-duong-2026-2030.xlsx");
  auto out = (dir.path / "forms").string();
  auto without = run_cli({"template", "--plan", plan, "--year", "2026", "--unit", "Tổ VHXH xã", "-o", out});
  EXPECT_EQ(without.code, 2) << without.err;
  EXPECT_NE(without.err.find("Tổ VHXH xã"), std::string::npos);
  EXPECT_FALSE(fs::exists(out));
  auto with = run_cli({"template", "--plan", plan, "--year", "2026", "--unit", "Tổ VHXH xã", "--aliases",
                       aliases.string(), "-o", out});
  ASSERT_EQ(with.code, 0) << with.err;
  std::vector<std::string> forms;
  for (const auto& e : fs::directory_iterator(out)) forms.push_back(e.path().filename().string());
  ASSERT_EQ(forms.size(), 1u);
  auto id = read_form_identity(load_workbook(out + "/" + forms[0]));
  ASSERT_TRUE(id);
  EXPECT_EQ(id->unit, "Phòng Văn hóa - Xã hội");
}
