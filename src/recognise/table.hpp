// Finding tables in a workbook as people lay them out: a title block, a header band of one
// to three rows with merged cells, columns in any order named in many ways, group rows,
// sub-rows, blank rows and repeated headers. Used for the plan's annexes and for the
// units' progress reports alike.
//
//   auto roles = LabelRoles::load_default();
//   for (const auto& t : recognise_tables(book, roles))
//     if (auto c = t.column(Role::Name)) ...
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/issue.hpp"
#include "core/workbook.hpp"

namespace tonghop {

enum class Role {
  None, Code, Name, UnitOfMeasure, TargetPeriod, YearlyTarget, Responsible, DirectingLeader, LeadAgency,
  Coordinating, Timeframe, Start, Finish, Output, Resources, Note, PlanValue, Actual, Ratio, Status,
  Comparison,  // with the same period of last year: not a result, not a ratio to the plan
};
std::string_view to_string(Role r);

// Label phrases per role, from templates/labels.toml.
class LabelRoles {
 public:
  static LabelRoles load(const std::string& path);  // throws ConfigError (file:line)
  static LabelRoles load_default();
  // The role of one folded label; the longest matching phrase wins.
  Role match(const std::string& folded_label, std::size_t* matched_length = nullptr) const;

 private:
  std::vector<std::pair<Role, std::string>> phrases_;
};

struct Column {
  std::uint32_t col = 0;
  Role role = Role::None;
  std::string label;  // the header text, parent / child for two-row bands
};

enum class RowKind { Group, Item, SubItem };

struct TableRow {
  std::uint32_t row = 0;  // 0-based sheet row
  RowKind kind = RowKind::Item;
  std::string code;       // as written, trailing "." removed; "" for sub-rows
  // (SharedText: the same group for many rows, one copy; a long report has a million rows.)
  SharedText group;       // the group row above ("I. NHÓM CHỈ TIÊU VỀ KINH TẾ")
  int parent = -1;        // index in Table::rows of the item a sub-row belongs to
  // Further sheet rows of the same item: a cell of two paragraphs pasted out of Word as two
  // rows (the other cells merged down), a PDF conversion's wrapped line, an STT merged down.
  std::vector<std::uint32_t> more_rows;
  // The name, when it was written in one cell with the STT ("12. Tỷ lệ ..."); "" otherwise.
  SharedText glued_name;
};

struct Table {
  std::size_t sheet = 0;  // index into Workbook::sheets
  std::uint32_t header_first = 0, header_last = 0;
  std::vector<Column> columns;
  std::vector<TableRow> rows;
  // Title lines above the header (merged banners, "PHỤ LỤC 1", "UBND PHƯỜNG ...").
  std::vector<std::string> title;
  // What recognition had to read back or could not read (an STT Excel turned into a date,
  // an item without a name, hidden rows skipped), with sheet and cell; the consumer sets
  // the file.
  std::vector<Issue> issues;
  // The first column of a role (a role can have several: one per year).
  std::optional<std::uint32_t> column(Role r) const;
  bool has(Role r) const { return column(r).has_value(); }
};

// What a cell shows, merge-aware: a cell covered by a merged range shows the range's
// top-left value. Numbers as plain decimals ("97.5"); percent-formatted fractions as
// percents ("97.8%"); dates as ISO dates.
// Rows and columns the sheet hides are empty to a view (last year's figures kept hidden
// are not data), unless it is made with include_hidden.
class SheetView {
 public:
  explicit SheetView(const Sheet& sheet, bool include_hidden = false);
  std::string text(std::uint32_t row, std::uint32_t col) const;
  const StoredCell* cell(std::uint32_t row, std::uint32_t col) const;
  // The cell stored at (row, col) as Sheet::find gives it (no merge, hidden or not), found
  // through the view's index of rows.
  const StoredCell* find(std::uint32_t row, std::uint32_t col) const;
  // The merged range covering (row, col), if any.
  const CellRange* merge_at(std::uint32_t row, std::uint32_t col) const;
  const Sheet& sheet() const { return sheet_; }

 private:
  const Sheet& sheet_;
  bool hide_;
  // Where each row's cells start in sheet_.cells (sorted by row, then column), from the
  // first row that holds one; one entry more for the end. Recognition and the checks look
  // cells up by row and column over and over.
  std::uint32_t first_row_ = 0;
  std::vector<std::uint32_t> row_start_;
};

std::string display_text(const StoredCell& c);

// The text of an item in a column, its further rows joined: words of a wrapped line with a
// space; agencies (lead, coordinating, responsible) one per line unless the line above
// ends inside a name ("... Hạ tầng và" / "Đô thị"). A cell merged over several of the
// item's rows counts once. The glued name for the name column.
std::string item_text(const SheetView& v, const Table& t, const TableRow& r, std::optional<std::uint32_t> col);

// Tables of the visible sheets; of hidden sheets only when no visible sheet holds one.
// `notes` (when given) receives one info naming the hidden sheets left out; each table's
// issues name the hidden rows and columns with content inside it.
std::vector<Table> recognise_tables(const Workbook& book, const LabelRoles& roles, std::vector<Issue>* notes = nullptr);

}  // namespace tonghop
