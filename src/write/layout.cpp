#include "write/layout.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "core/toml_file.hpp"
#include "write/sheet_name.hpp"
#include "core/platform.hpp"

namespace tonghop {
namespace {

LayoutTable table(const toml::table& doc, const std::string& key, TableKind kind, const std::string& path) {
  LayoutTable t;
  const auto* node = doc[key].as_table();
  if (!node) throw ConfigError(path + ":1: the [" + key + "] table is missing");
  auto sheet = (*node)["sheet"].value<std::string>();
  if (!sheet || sheet->empty())
    throw ConfigError(path + ":" + std::to_string(node->source().begin.line) + ": [" + key + "] needs a sheet name");
  if (auto problem = sheet_name_problem(*sheet, true); !problem.empty())
    throw ConfigError(path + ":" + std::to_string((*node)["sheet"].node()->source().begin.line) + ": [" + key + "] " +
                      problem);
  t.sheet = *sheet;
  t.title = (*node)["title"].value_or(std::string());
  if (const auto* cols = (*node)["columns"].as_array()) {
    for (const auto& c : *cols) {
      const auto* ct = c.as_table();
      auto line = std::to_string(c.source().begin.line);
      if (!ct) throw ConfigError(path + ":" + line + ": a column is { field = ..., label = ..., width = ... }");
      LayoutColumn col;
      col.field = (*ct)["field"].value_or(std::string());
      col.label = (*ct)["label"].value_or(col.field);
      col.width = (*ct)["width"].value_or(12.0);
      col.number_format = (*ct)["number_format"].value_or(std::string());
      auto id = field_named(kind, col.field);
      if (!id)
        throw ConfigError(path + ":" + line + ": unknown field '" + col.field + "' in [" + key + "] (known: " +
                          field_list(kind) + ")");
      col.id = *id;
      t.columns.push_back(std::move(col));
    }
  }
  if (const auto* charts = (*node)["charts"].as_array()) {
    static const std::set<std::string> data = {"indicator_groups", "indicator_results", "task_status", "units"};
    static const std::set<std::string> types = {"bar", "column", "pie", "doughnut"};
    for (const auto& c : *charts) {
      const auto* ct = c.as_table();
      auto line = std::to_string(c.source().begin.line);
      if (!ct) throw ConfigError(path + ":" + line + ": a chart is { data = ..., type = ..., title = ... }");
      LayoutChart chart{(*ct)["data"].value_or(std::string()), (*ct)["type"].value_or(std::string("column")),
                        (*ct)["title"].value_or(std::string())};
      if (!data.count(chart.data))
        throw ConfigError(path + ":" + line + ": unknown chart data '" + chart.data +
                          "' (known: indicator_groups, indicator_results, task_status, units)");
      if (!types.count(chart.type))
        throw ConfigError(path + ":" + line + ": unknown chart type '" + chart.type + "' (known: bar, column, pie, doughnut)");
      t.charts.push_back(std::move(chart));
    }
  }
  if (key != "summary" && t.columns.empty())
    throw ConfigError(path + ":" + std::to_string(node->source().begin.line) + ": [" + key + "] has no columns");
  return t;
}

}  // namespace

Layout Layout::load(const std::string& path) {
  auto doc = load_toml(path);
  Layout l;
  l.name = doc["name"].value_or(platform::file_stem(path));
  l.font = doc["font"].value_or(std::string("Times New Roman"));
  l.font_size = doc["font_size"].value_or(12.0);
  l.issuing_body = doc["header"]["issuing_body"].value_or(std::string());
  l.office = doc["header"]["office"].value_or(std::string());
  l.motto = doc["header"]["motto"].value_or(std::string());
  l.motto_line2 = doc["header"]["motto_line2"].value_or(std::string());
  l.place_date = doc["header"]["place_date"].value_or(std::string());
  l.summary = table(doc, "summary", TableKind::Summary, path);
  l.indicators = table(doc, "indicators", TableKind::Indicators, path);
  l.tasks = table(doc, "tasks", TableKind::Tasks, path);
  l.units = table(doc, "units", TableKind::Units, path);
  l.issues = table(doc, "issues", TableKind::Issues, path);
  if (const auto* subs = doc["submissions"].as_table()) {
    auto line_of = [&](const char* key) {
      const auto* n = subs->get(key);
      return std::to_string(n ? n->source().begin.line : subs->source().begin.line);
    };
    l.submissions.sheet = (*subs)["sheet"].value_or(l.submissions.sheet);
    if (auto problem = sheet_name_problem(l.submissions.sheet, true); !problem.empty())
      throw ConfigError(path + ":" + line_of("sheet") + ": [submissions] " + problem);
    auto up_to = (*subs)["separate_sheets_up_to"].value_or(std::int64_t(l.submissions.separate_sheets_up_to));
    if (up_to < 0 || up_to > 1000)
      throw ConfigError(path + ":" + line_of("separate_sheets_up_to") +
                        ": separate_sheets_up_to is between 0 and 1000 (one sheet per submission up to that many)");
    l.submissions.separate_sheets_up_to = std::size_t(up_to);
  }
  if (const auto* rows = doc.get("rows_per_sheet")) {
    auto n = rows->value<std::int64_t>();
    if (!n || *n < 20 || *n > 1048576)
      throw ConfigError(path + ":" + std::to_string(rows->source().begin.line) +
                        ": rows_per_sheet is between 20 and 1048576 (Excel's last row)");
    l.rows_per_sheet = std::uint32_t(*n);
  }
  if (const auto* page = doc["page"].as_table()) {
    // The key's own line when it is there, the table's otherwise.
    auto line_of = [&](const char* key) {
      const auto* n = page->get(key);
      return std::to_string(n ? n->source().begin.line : page->source().begin.line);
    };
    auto orientation = (*page)["orientation"].value_or(std::string("landscape"));
    if (orientation != "landscape" && orientation != "portrait")
      throw ConfigError(path + ":" + line_of("orientation") + ": orientation is \"landscape\" or \"portrait\", not '" + orientation + "'");
    l.page.landscape = orientation == "landscape";
    auto paper = (*page)["paper"].value_or(std::string("A4"));
    static const std::map<std::string, int> papers = {{"A4", 9}, {"A3", 8}, {"A5", 11}, {"Letter", 1}};
    auto it = papers.find(paper);
    if (it == papers.end()) throw ConfigError(path + ":" + line_of("paper") + ": unknown paper '" + paper + "' (known: A3, A4, A5, Letter)");
    l.page.paper = it->second;
    l.page.fit_width = (*page)["fit_width"].value_or(true);
    l.page.footer = (*page)["footer"].value_or(l.page.footer);
  }
  // A chart of files per unit draws the units table's file_count column.
  for (const auto& c : l.summary.charts)
    if (c.data == "units" && std::none_of(l.units.columns.begin(), l.units.columns.end(),
                                          [](const auto& col) { return col.id == Field::FileCount; }))
      throw ConfigError(path + ":1: the \"units\" chart needs a file_count column in [units]");
  std::set<std::string> names;
  for (const auto* t : {&l.summary, &l.indicators, &l.tasks, &l.units, &l.issues})
    if (!names.insert(sheet_name_key(t->sheet)).second) throw ConfigError(path + ":1: two tables use the sheet '" + t->sheet + "'");
  if (names.count(sheet_name_key(l.submissions.sheet)))
    throw ConfigError(path + ":1: [submissions] uses the sheet '" + l.submissions.sheet + "' of another table");
  return l;
}

int LayoutTable::column_of(Field field) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].id == field) return int(i);
  return -1;
}

Layout Layout::find(const std::string& name_or_path) {
  bool is_path = name_or_path.find('/') != std::string::npos ||
                 (name_or_path.size() > 5 && name_or_path.compare(name_or_path.size() - 5, 5, ".toml") == 0);
  if (is_path) return load(name_or_path);
  return load(templates_dir() + "/" + name_or_path + ".toml");
}

std::string fill_placeholders(std::string text, const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [key, value] : values) {
    std::string token = "{" + key + "}";
    for (auto pos = text.find(token); pos != std::string::npos; pos = text.find(token, pos + value.size()))
      text.replace(pos, token.size(), value);
  }
  return text;
}

}  // namespace tonghop
