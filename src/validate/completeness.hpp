// The checks across a period's files, once each file has been checked on its own. They
// need only a small summary of each file (FileSummary), so that a check of thousands of
// files can keep the summaries and stream the files' results (validate/driver's
// check_streamed); complete_report runs the same steps on files held in memory.
#pragma once

#include <cstdint>
#include <map>

#include "validate/check.hpp"

namespace tonghop {

// What the checks across files need of one file: a few hundred bytes, whatever its size.
struct FileSummary {
  std::string path, unit;
  UnitSource unit_source = UnitSource::None;
  std::optional<Period> period;
  std::optional<double> received;
  bool readable = true, usable = false;
  std::vector<std::uint32_t> reported;  // the plan items of rows that count (ItemKind::Task in the top bit)
  // Decided across files:
  bool superseded = false, late = false;
  std::string newer;          // the file that superseded this one
  std::vector<Issue> added;   // missing-item issues of the file that speaks for its unit
};
FileSummary summarise(const FileResult& f);

// Across the summaries, in the order of the files: superseded files, late units, missing
// units and items (into the summaries and report's lists and issues).
void complete_summaries(std::vector<FileSummary>& files, CheckReport& report, const Plan& plan, double deadline);

// Two units giving one indicator different figures: the first figure of each indicator in
// the order of the files, compared with every later one.
class ConflictFinder {
 public:
  void file(FileResult& f, const Plan& plan);

 private:
  struct First {
    std::string unit;
    double number = 0;
    Text shown;
  };
  std::map<std::size_t, First> first_;
};

// One file's result as the checks across files leave it (in the order of the files, so
// that conflicts are found as complete_report finds them).
void apply_summary(FileResult& f, const FileSummary& s, double deadline, const Plan& plan, ConflictFinder& conflicts);

}  // namespace tonghop
