// A layout of the consolidated workbook, read from templates/*.toml: sheet names, titles
// with placeholders, the header block, and the columns of each table by field.
//
//   auto layout = Layout::load(templates_dir() + "/commune-yearly.toml");
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "write/fields.hpp"

namespace tonghop {

// The fields a column may show, by table, are listed in src/write/fields.cpp.
struct LayoutColumn {
  std::string field, label;  // field as written in the layout
  Field id = Field::Name;    // the same field, for the writers
  double width = 12;
  std::string number_format;  // Excel's code ("0.0", "#,##0"); "" for the default
};

// A chart of the summary sheet. data: indicator_groups (plan vs met per group),
// indicator_results, task_status, units (files per unit); type: bar column pie doughnut.
struct LayoutChart {
  std::string data, type, title;
};

struct LayoutTable {
  std::string sheet, title;
  std::vector<LayoutColumn> columns;
  std::vector<LayoutChart> charts;  // summary only
  // The column showing field, or -1.
  int column_of(Field field) const;
};

struct PageSetup {
  bool landscape = true;
  int paper = 9;             // Excel's paper code: 9 A4, 8 A3
  bool fit_width = true;     // one page wide, as many tall as needed
  std::string footer = "&CTrang &P/&N";
};

// The submissions' rows as read: one sheet per submission up to separate_sheets_up_to
// submissions, past that one sheet (this name) with the file as a column.
struct SubmissionsLayout {
  std::string sheet = "Số liệu gốc";
  std::size_t separate_sheets_up_to = 50;
};

struct Layout {
  std::string name, font = "Times New Roman";
  double font_size = 12;
  std::string issuing_body, office, motto, motto_line2, place_date;
  LayoutTable summary, indicators, tasks, units, issues;
  SubmissionsLayout submissions;
  PageSetup page;
  // A table longer than this continues on another sheet: Excel's 1,048,576 rows, or fewer
  // (a test layout shows the mechanism on small inputs).
  std::uint32_t rows_per_sheet = 1048576;

  // Throws ConfigError "path:line: what" for a syntax error, a missing sheet name or an
  // unknown field.
  static Layout load(const std::string& path);
  // A name ("commune-yearly") from templates/, or a path to a .toml file.
  static Layout find(const std::string& name_or_path);
};

// "{commune}" and the like replaced from pairs; unknown placeholders are left as written.
std::string fill_placeholders(std::string text, const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace tonghop
