// LibreOffice recalculates fill-in forms (label: slow): every formula's cached value, which
// the formula engine computed when tonghop wrote the form, is what LibreOffice computes.
// The unit tests compare the same cached values with tonghop check's findings row by row,
// so LibreOffice's "Kiểm tra" agrees with the check. Skipped without LibreOffice/python3-uno.
#include <gtest/gtest.h>

#include <cstdlib>

#include "../unit/form_test_util.hpp"

using namespace tonghop;
using namespace tonghop::form_test;

namespace {

// tools/recalc_compare.py: 0 all agree, 1 some differ, 77 LibreOffice or python3-uno missing.
int recalc_compare(const std::string& path) {
  std::string cmd = "cd '" + std::string(TONGHOP_SOURCE_DIR) + "' && timeout 170 /usr/bin/python3 tools/recalc_compare.py '" +
                    path + "'";
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST(FormRecalc, FilledFormWithMistakesRecalculatesToItsCachedValues) {
  TempDir dir;
  auto fill = good_fill();
  auto keys = item_keys(an_duong());
  const auto& u = unit_of(kVhxh);
  // Every kind of row message at least once: empty, over 100, not met with and without a
  // note, a pasted text, a refused choice, a missing status, a progress over 100.
  std::size_t n = 0;
  for (auto i : u.indicators) {
    auto& e = fill.entries[keys.indicators[i]];
    const auto& ind = an_duong().indicators[i];
    bool choice = !e.text.empty();
    switch (n++ % 5) {
      case 0: e = FormEntry{}; break;
      case 1:
        if (!choice) e.number = 120;
        else e.text = "Có";
        break;
      case 2:
        if (!choice && ind.judged_target().low) e.number = *ind.judged_target().low - 1;
        else if (choice) e.text = ind.judged_target().kind == TargetKind::Maintain ? "Không duy trì" : "Không đạt";
        break;
      case 3:
        if (!choice && ind.judged_target().low) e.number = *ind.judged_target().low - 1, e.note = "Thiếu kinh phí";
        break;
      case 4: e.number.reset(), e.text = "khoảng 90"; break;
    }
  }
  n = 0;
  for (auto i : u.tasks) {
    auto& e = fill.entries[keys.tasks[i]];
    switch (n++ % 4) {
      case 0: e.status.clear(); break;
      case 1: e.progress = 150; break;
      case 2: e.status = "Xong rồi"; break;
      default: break;
    }
  }
  auto path = write(dir, options(), &fill);
  int code = recalc_compare(path);
  if (code == 77) GTEST_SKIP() << "LibreOffice or python3-uno is not installed";
  EXPECT_EQ(code, 0);
}

TEST(FormRecalc, EmptyFormsOfBothSamplePlansRecalculateToTheirCachedValues) {
  TempDir dir;
  // One form per sample plan: the unit with the most items.
  const auto nghi = build_plan(load_workbook(samples("ke-hoach/nghi-duong-2025-2030.xlsx")), context().roles,
                         context().units).plan;
  for (const Plan* plan : {&an_duong(), &nghi}) {
    const ReportingUnit* biggest = &plan->units.front();
    for (const auto& u : plan->units)
      if (u.indicators.size() + u.tasks.size() > biggest->indicators.size() + biggest->tasks.size()) biggest = &u;
    auto path = write(dir, options(biggest->name), nullptr, *plan);
    int code = recalc_compare(path);
    if (code == 77) GTEST_SKIP() << "LibreOffice or python3-uno is not installed";
    EXPECT_EQ(code, 0) << biggest->name;
  }
}
