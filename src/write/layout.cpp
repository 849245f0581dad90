#include "write/layout.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "core/config.hpp"

namespace tonghop {
namespace {

const std::map<std::string, std::set<std::string>>& vocabulary() {
  static const std::map<std::string, std::set<std::string>> v = {
      {"indicators", {"code", "name", "unit_of_measure", "target_final", "target_year", "plan_value", "actual", "ratio",
                      "assessment", "responsible", "leader", "source"}},
      {"tasks", {"code", "name", "lead", "coordinating", "timeframe", "status", "source"}},
      {"units", {"name", "files", "received", "on_time", "errors", "warnings", "missing_items"}},
      {"issues", {"file", "sheet", "cell", "severity", "code", "message"}},
      {"summary", {}},
  };
  return v;
}

LayoutTable table(const toml::table& doc, const std::string& key, const std::string& path) {
  LayoutTable t;
  const auto* node = doc[key].as_table();
  if (!node) throw ConfigError(path + ":1: the [" + key + "] table is missing");
  auto sheet = (*node)["sheet"].value<std::string>();
  if (!sheet || sheet->empty())
    throw ConfigError(path + ":" + std::to_string(node->source().begin.line) + ": [" + key + "] needs a sheet name");
  if (sheet->size() > 31)
    throw ConfigError(path + ":" + std::to_string(node->source().begin.line) + ": sheet name '" + *sheet +
                      "' is longer than Excel's 31 characters");
  t.sheet = *sheet;
  t.title = (*node)["title"].value_or(std::string());
  const auto& allowed = vocabulary().at(key);
  if (const auto* cols = (*node)["columns"].as_array()) {
    for (const auto& c : *cols) {
      const auto* ct = c.as_table();
      auto line = std::to_string(c.source().begin.line);
      if (!ct) throw ConfigError(path + ":" + line + ": a column is { field = ..., label = ..., width = ... }");
      LayoutColumn col;
      col.field = (*ct)["field"].value_or(std::string());
      col.label = (*ct)["label"].value_or(col.field);
      col.width = (*ct)["width"].value_or(12.0);
      if (!allowed.count(col.field)) {
        std::string known;
        for (const auto& f : allowed) known += (known.empty() ? "" : ", ") + f;
        throw ConfigError(path + ":" + line + ": unknown field '" + col.field + "' in [" + key + "] (known: " + known + ")");
      }
      t.columns.push_back(std::move(col));
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
  l.name = doc["name"].value_or(std::filesystem::path(path).stem().string());
  l.font = doc["font"].value_or(std::string("Times New Roman"));
  l.font_size = doc["font_size"].value_or(12.0);
  l.issuing_body = doc["header"]["issuing_body"].value_or(std::string());
  l.office = doc["header"]["office"].value_or(std::string());
  l.motto = doc["header"]["motto"].value_or(std::string());
  l.motto_line2 = doc["header"]["motto_line2"].value_or(std::string());
  l.place_date = doc["header"]["place_date"].value_or(std::string());
  l.summary = table(doc, "summary", path);
  l.indicators = table(doc, "indicators", path);
  l.tasks = table(doc, "tasks", path);
  l.units = table(doc, "units", path);
  l.issues = table(doc, "issues", path);
  std::set<std::string> names;
  for (const auto* t : {&l.summary, &l.indicators, &l.tasks, &l.units, &l.issues})
    if (!names.insert(t->sheet).second) throw ConfigError(path + ":1: two tables use the sheet '" + t->sheet + "'");
  return l;
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
