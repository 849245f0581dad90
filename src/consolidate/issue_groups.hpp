// The check's issues as the consolidated workbook lists them: a problem repeated in one
// sheet (the same code for the same plan item, or for rows matching no item) is one line
// with a count and its cells, errors first. Pure computation: nothing is dropped, every
// issue is counted in exactly one group.
//
//   auto groups = group_issues(year.issues);
//   groups[0].count;             // how many issues the line stands for
//   cells_text(groups[0], 500);  // "F8:F20, G9"
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <tuple>
#include <string>
#include <utility>
#include <vector>

#include "core/issue.hpp"

namespace tonghop {

// The column of an issue about a whole row.
inline constexpr std::uint32_t kWholeRow = 0xFFFFFFFF;

struct IssueGroup {
  const Issue* first = nullptr;  // its message stands for the group
  std::size_t count = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> cells;  // (row, col or kWholeRow), 0-based, in the check's order
};

// Issues with a row are grouped by severity, code, file, sheet and plan item; issues without
// one (a missing file, a unit's missing item) stay one line each. Errors, then warnings, then
// notes, each in the order the check found them.
std::vector<IssueGroup> group_issues(const std::vector<Issue>& issues);

// The same grouping fed an issue at a time. `keep`: each group keeps a copy of its first issue
// (a long report's issues are then never all held); otherwise the issues added must outlive it.
class IssueGrouper {
 public:
  explicit IssueGrouper(bool keep) : keep_(keep) {}
  void add(const Issue& i);
  // In group_issues' order; the first issues are the copies kept, or the issues added.
  std::vector<IssueGroup> groups() const;

 private:
  using Key = std::tuple<int, IssueCode, const std::string*, const std::string*, const std::string*>;
  struct ByValue {  // keys point into the first issues; compared by value
    bool operator()(const Key& a, const Key& b) const;
  };
  bool keep_;
  std::deque<Issue> kept_;  // the copies (addresses stay)
  std::vector<IssueGroup> groups_;
  std::map<Key, std::size_t, ByValue> at_;
};

// The group's cells as Excel references, runs down a column as ranges ("F8:F20, G9", rows
// as "12:14"); cut
// near max_chars with the number of cells left out ("…, và 1.234 ô khác").
std::string cells_text(const IssueGroup& group, std::size_t max_chars);

// A group as a line of the consolidated workbook's issues sheet, in texts.
struct IssueLine {
  std::string file, sheet, cell, severity, code;
  std::string message;  // the first issue's; the sheet says how many more the line stands for
  std::uint64_t count = 0;
  int rank = 0;  // 0 errors, 1 warnings, 2 notes
};
// A run's issues as lines, in group_issues' order.
std::vector<IssueLine> issue_lines(const std::vector<Issue>& issues);
std::vector<IssueLine> issue_lines(const IssueGrouper& grouped);

// 1234567 -> "1.234.567", as Vietnamese readers write numbers.
std::string thousands_vi(std::size_t n);

}  // namespace tonghop
