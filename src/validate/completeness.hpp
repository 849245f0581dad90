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
// The same of a result whose rows are not held: the items of its rows that count, gathered
// as they went (add_reported).
FileSummary summarise(const FileResult& f, std::vector<std::uint32_t> reported);
void add_reported(std::vector<std::uint32_t>& reported, const RowResult& row);

// A figure the conflict check compares: an indicator's number in a row that counts (a file
// has at most one per indicator, so a file's figures are few whatever its length).
struct Figure {
  std::size_t item = 0;
  double number = 0;
  Text shown;
  SharedText sheet;
  std::uint32_t row = 0;
};
void add_figure(std::vector<Figure>& figures, const RowResult& row);

// Across the summaries, in the order of the files: superseded files, late units, missing
// units and items (into the summaries and report's lists and issues).
void complete_summaries(std::vector<FileSummary>& files, CheckReport& report, const Plan& plan, double deadline);

// Two units giving one indicator different figures: the first figure of each indicator in
// the order of the files, compared with every later one.
class ConflictFinder {
 public:
  void file(FileResult& f, const Plan& plan);
  // The same of a file's figures; its conflicts into `found`.
  void file(const FileResult& f, const std::vector<Figure>& figures, const Plan& plan, std::vector<Issue>& found);

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
// The same of a result read back a part at a time (validate/driver's StreamedCheck): `f`
// without its rows and issues, `figures` its figures; the issues the checks across files add
// after its own go to `added`. Its rows stop counting when it comes out superseded.
void apply_summary(FileResult& f, const std::vector<Figure>& figures, const FileSummary& s, double deadline,
                   const Plan& plan, ConflictFinder& conflicts, std::vector<Issue>& added);

}  // namespace tonghop
