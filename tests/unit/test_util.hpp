// Helpers shared by the unit tests.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "core/issue.hpp"
#include "plan/plan.hpp"
#include "read/reader.hpp"
#include "validate/check.hpp"

namespace tonghop::test {

inline std::string data(const std::string& name) { return std::string(TONGHOP_TEST_DATA) + "/" + name; }

// The workbook exactly as the reader delivers it (no legacy-text conversion: the readers'
// own tests look at the raw text; load_workbook converts).
inline Workbook load(const std::string& name, const ReadLimits& limits = {}) {
  WorkbookCollector c;
  read_workbook(data(name), c, limits);
  auto book = c.take();
  book.path = data(name);
  return book;
}

// The refusal code of reading a file, or "" when it reads.
inline std::string refusal(const std::string& path, const ReadLimits& limits = {}) {
  try {
    load_workbook(path, limits);
    return "";
  } catch (const InputError& e) {
    return std::string(to_string(e.issue().code));
  }
}

inline const StoredCell& at(const Sheet& s, const std::string& ref) {
  auto p = parse_cell_ref(ref);
  static StoredCell none;
  if (!p) return none;
  const auto* c = s.find(p->row, p->col);
  return c ? *c : none;
}

// The rows of a tab-separated file after its header line, each with at least min_fields
// fields (missing ones empty).
inline std::vector<std::vector<std::string>> read_tsv(const std::string& path, std::size_t min_fields) {
  std::ifstream in(path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string x;
    while (std::getline(ss, x, '\t')) f.push_back(x);
    while (f.size() < min_fields) f.emplace_back();
    rows.push_back(f);
  }
  return rows;
}

// A command run in-process, as main would run it.
struct CliRun {
  int code;
  std::string out, err;
};
inline CliRun run_cli(std::vector<std::string> args) {
  std::ostringstream out, err;
  int code = cli::run(args, out, err);
  return {code, out.str(), err.str()};
}

// The check's data as shipped (templates/), loaded once per test program.
inline const CheckContext& default_context() {
  static CheckContext c{LabelRoles::load_default(), UnitRegistry::load_default(), NameMatcher::load_default(), {}};
  return c;
}

// The An Dương plan of tests/data/plans, read once.
inline const Plan& an_duong_plan() {
  static Plan p = build_plan(load("plans/an_duong_official.xlsx"), default_context().roles, default_context().units).plan;
  return p;
}

}  // namespace tonghop::test
