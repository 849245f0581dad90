// The consolidated workbook's writing cost, next to libxlsxwriter writing the same cells
// bare. Times are printed on stdout as "phase seconds"; memory is measured from outside
// (/usr/bin/time) by bench/run_write_bench.sh.
//
//   bench_write reports PLAN OUT.xlsx FILE...    check, then consolidate and write
//   bench_write raw PLAN ROWS OUT.xlsx           one submission of ROWS rows, then write
//   bench_write bare IN.xlsx OUT.xlsx            IN's cells written bare (constant memory)
#include <xlsxwriter.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "consolidate/year_report.hpp"
#include "core/json_writer.hpp"
#include "read/reader.hpp"
#include "validate/driver.hpp"
#include "write/consolidated_writer.hpp"

using namespace tonghop;

namespace {

// Peak resident memory so far, in MB (VmHWM), to tell the phases apart.
long peak_mb() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  long kb = -1;
  while (std::fgets(line, sizeof line, f))
    if (std::sscanf(line, "VmHWM: %ld kB", &kb) == 1) break;
  std::fclose(f);
  return kb / 1024;
}

// CPU seconds (user + system) of the process so far: on a machine shared with other work
// the wall time of a phase includes waiting for a core, its CPU time does not.
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

Plan load_plan(const std::string& path, const CheckContext& ctx) {
  return build_plan(load_workbook(path), ctx.roles, ctx.units).plan;
}

int reports(int argc, char** argv) {
  CheckContext ctx{LabelRoles::load_default(), UnitRegistry::load_default(), NameMatcher::load_default()};
  auto plan = load_plan(argv[2], ctx);
  std::vector<std::string> files(argv + 4, argv + argc);
  CheckOptions opt;
  opt.period = {2026, PeriodKind::Year};
  auto t0 = std::chrono::steady_clock::now();
  auto check = check_submissions(plan, files, opt, ctx);
  std::printf("check %.3f s, peak %ld MB\n", seconds_since(t0), peak_mb());
  t0 = std::chrono::steady_clock::now();
  double c0 = cpu_seconds();
  auto year = consolidate(plan, std::move(check));
  write_consolidated(argv[3], plan, year, Layout::find("commune-yearly"), WriteOptions::for_year(2026));
  std::printf("write %.3f s, peak %ld MB, cpu %.3f s\n", seconds_since(t0), peak_mb(), cpu_seconds() - c0);
  std::size_t rows = 0;
  for (const auto& s : year.submissions) rows += s.rows.size();
  std::printf("submissions %zu raw_rows %zu issues %zu\n", year.submissions.size(), rows, year.issues.size());
  return 0;
}

// One submission of many rows, as a unit sending a whole register would: names from the
// plan, values, verdicts. Built directly: the writer is what is measured.
int raw(char** argv) {
  CheckContext ctx{LabelRoles::load_default(), UnitRegistry::load_default(), NameMatcher::load_default()};
  auto plan = load_plan(argv[2], ctx);
  long n = std::stol(argv[3]);
  auto t0 = std::chrono::steady_clock::now();
  CheckReport check;
  check.period = {2026, PeriodKind::Year};
  auto year = consolidate(plan, check);
  RawSubmission sub{"so-lieu-chi-tiet-2026.xlsx", "Phòng Văn hóa - Xã hội", {}};
  sub.rows.reserve(std::size_t(n));
  for (long i = 0; i < n; ++i) {
    const auto& ind = plan.indicators[std::size_t(i) % plan.indicators.size()];
    sub.rows.push_back(RawRow{"Biểu 01", std::uint32_t(i + 8), ind.name, ind.code, format_number(double(i % 1000) / 10),
                              i % 7 ? "met" : "không khớp kế hoạch"});
  }
  year.submissions.push_back(std::move(sub));
  std::printf("build %.3f s, peak %ld MB\n", seconds_since(t0), peak_mb());
  t0 = std::chrono::steady_clock::now();
  double c0 = cpu_seconds();
  write_consolidated(argv[4], plan, year, Layout::find("commune-yearly"), WriteOptions::for_year(2026));
  std::printf("write %.3f s, peak %ld MB, cpu %.3f s\n", seconds_since(t0), peak_mb(), cpu_seconds() - c0);
  return 0;
}

// The baseline: every cell of IN (values, formulas' cached results) written with no format,
// no formula, no chart, in libxlsxwriter's constant-memory mode.
int bare(char** argv) {
  ReadLimits limits;
  limits.cells = 100'000'000;
  auto book = load_workbook(argv[2], limits);
  std::printf("load %ld MB\n", peak_mb());
  std::size_t cells = 0;
  auto t0 = std::chrono::steady_clock::now();
  double c0 = cpu_seconds();
  lxw_workbook_options o{};
  o.constant_memory = LXW_TRUE;
  auto* wb = workbook_new_opt(argv[3], &o);
  if (!wb) return 1;
  for (const auto& s : book.sheets) {
    auto* ws = workbook_add_worksheet(wb, s.info.name.c_str());
    for (const auto& c : s.cells) {
      ++cells;
      if (c.type == CellType::Number || c.type == CellType::Boolean) worksheet_write_number(ws, c.row, lxw_col_t(c.col), c.number, nullptr);
      else if (!c.text.empty()) worksheet_write_string(ws, c.row, lxw_col_t(c.col), c.text.c_str(), nullptr);
    }
  }
  if (workbook_close(wb) != LXW_NO_ERROR) return 1;
  std::printf("write %.3f s, peak %ld MB, cells %zu, cpu %.3f s\n", seconds_since(t0), peak_mb(), cells,
              cpu_seconds() - c0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  try {
    if (mode == "reports" && argc >= 5) return reports(argc, argv);
    if (mode == "raw" && argc == 5) return raw(argv);
    if (mode == "bare" && argc == 4) return bare(argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_write: %s\n", e.what());
    return 1;
  }
  std::fprintf(stderr,
               "usage: bench_write reports PLAN OUT.xlsx FILE...\n"
               "       bench_write raw PLAN ROWS OUT.xlsx\n"
               "       bench_write bare IN.xlsx OUT.xlsx\n");
  return 2;
}
