#include "consolidate/issue_groups.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/cell.hpp"
#include "core/platform.hpp"

namespace tonghop {
namespace {

int rank(Severity s) { return s == Severity::Error ? 0 : s == Severity::Warning ? 1 : 2; }

}  // namespace

bool IssueGrouper::ByValue::operator()(const Key& a, const Key& b) const {
  return std::tie(std::get<0>(a), std::get<1>(a), *std::get<2>(a), *std::get<3>(a), *std::get<4>(a)) <
         std::tie(std::get<0>(b), std::get<1>(b), *std::get<2>(b), *std::get<3>(b), *std::get<4>(b));
}

void IssueGrouper::add(const Issue& i) {
  auto first = [&] { return keep_ ? &kept_.emplace_back(i) : &i; };
  if (!i.where.row) {
    groups_.push_back({first(), 1, {}});
    return;
  }
  auto it = at_.find(Key{rank(i.severity), i.code, &i.where.file, &i.where.sheet, &i.where.item});
  if (it == at_.end()) {
    const Issue* f = first();
    it = at_.emplace(Key{rank(f->severity), f->code, &f->where.file, &f->where.sheet, &f->where.item}, groups_.size())
             .first;
    groups_.push_back({f, 0, {}});
  }
  auto& g = groups_[it->second];
  ++g.count;
  g.cells.emplace_back(*i.where.row, i.where.col.value_or(kWholeRow));
}

std::vector<IssueGroup> IssueGrouper::groups() const {
  auto groups = groups_;
  std::stable_sort(groups.begin(), groups.end(),
                   [](const IssueGroup& a, const IssueGroup& b) { return rank(a.first->severity) < rank(b.first->severity); });
  return groups;
}

std::vector<IssueGroup> group_issues(const std::vector<Issue>& issues) {
  IssueGrouper g(false);
  for (const auto& i : issues) g.add(i);
  return g.groups();
}

std::vector<IssueLine> issue_lines(const std::vector<Issue>& issues) {
  IssueGrouper g(false);
  for (const auto& i : issues) g.add(i);
  return issue_lines(g);
}

std::vector<IssueLine> issue_lines(const IssueGrouper& grouped) {
  std::vector<IssueLine> lines;
  for (const auto& g : grouped.groups()) {
    const Issue& i = *g.first;
    IssueLine& line = lines.emplace_back();
    line.file = platform::file_name(i.where.file);
    line.sheet = i.where.sheet;
    // Up to a few hundred references: more would only make the row unreadable.
    line.cell = g.count > 1 ? cells_text(g, 400) : i.cell();
    line.count = g.count;
    line.rank = rank(i.severity);
    line.severity = i.severity == Severity::Error ? "lỗi" : i.severity == Severity::Warning ? "cảnh báo" : "thông tin";
    line.code = std::string(to_string(i.code));
    line.message = i.message(Lang::Vi);
  }
  return lines;
}

std::string thousands_vi(std::size_t n) {
  std::string s = std::to_string(n);
  for (int i = int(s.size()) - 3; i > 0; i -= 3) s.insert(std::size_t(i), ".");
  return s;
}

std::string cells_text(const IssueGroup& g, std::size_t max_chars) {
  std::string out;
  std::size_t i = 0;
  while (i < g.cells.size()) {
    // A run down one column: F8, F9, F10 -> F8:F10.
    std::size_t j = i;
    while (j + 1 < g.cells.size() && g.cells[j + 1].second == g.cells[i].second &&
           g.cells[j + 1].first == g.cells[j].first + 1)
      ++j;
    auto name = [&](std::size_t k) {
      return g.cells[k].second == kWholeRow ? std::to_string(g.cells[k].first + 1) + ":" + std::to_string(g.cells[k].first + 1)
                                            : cell_ref(g.cells[k].first, g.cells[k].second);
    };
    std::string ref = name(i);
    if (j > i) ref = g.cells[i].second == kWholeRow ? std::to_string(g.cells[i].first + 1) + ":" + std::to_string(g.cells[j].first + 1)
                                                    : ref + ":" + name(j);
    if (!out.empty() && out.size() + ref.size() > max_chars)
      return out + ", … và " + thousands_vi(g.cells.size() - i) + " ô khác";
    out += (out.empty() ? "" : ", ") + ref;
    i = j + 1;
  }
  return out;
}

}  // namespace tonghop
