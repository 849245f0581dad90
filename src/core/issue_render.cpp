#include "core/issue_render.hpp"

#include "core/cell.hpp"

namespace tonghop {

std::string_view severity_label(Severity s, Lang lang) {
  switch (s) {
    case Severity::Error: return lang == Lang::Vi ? "lỗi" : "error";
    case Severity::Warning: return lang == Lang::Vi ? "cảnh báo" : "warning";
    case Severity::Info: return lang == Lang::Vi ? "thông tin" : "info";
  }
  return "";
}

void write_issue_json(JsonWriter& j, const Issue& issue, Lang lang) {
  j.begin_object();
  j.field("code", to_string(issue.code));
  j.field("severity", to_string(issue.severity));
  j.key("sheet");
  if (issue.where.sheet.empty()) j.null(); else j.value(issue.where.sheet);
  auto cell = issue.cell();
  j.key("cell");
  if (cell.empty()) j.null(); else j.value(cell);
  j.key("row");
  if (issue.where.row) j.value(std::int64_t(*issue.where.row) + 1); else j.null();
  j.key("item");
  if (issue.where.item.empty()) j.null(); else j.value(issue.where.item);
  // Straight into the output: no string per message (a long report has a million issues).
  for (auto which : {TemplateText::Message, TemplateText::Hint}) {
    j.key(which == TemplateText::Message ? "message" : "hint");
    j.begin_string();
    issue.pieces(which, lang, [&](std::string_view s) { j.string_piece(s); });
    j.end_string();
  }
  j.end_object();
}

void write_issue_text(std::ostream& os, const Issue& issue, Lang lang, std::string_view indent) {
  os << indent << severity_label(issue.severity, lang) << " [" << to_string(issue.code) << "]";
  std::string place = issue.where.sheet;
  auto cell = issue.cell();
  if (!cell.empty()) {
    place = place.empty() ? cell : sheet_prefix(place) + cell;
  } else if (issue.where.row) {
    if (!place.empty()) place += ' ';
    place += lang == Lang::Vi ? "hàng " : "row ";
    place += std::to_string(*issue.where.row + 1);
  }
  if (!place.empty()) os << " " << place;
  os << ": ";
  issue.message_pieces(lang, [&](std::string_view s) { os << s; });
  os << "\n";
  bool hint = false;
  issue.hint_pieces(lang, [&](std::string_view s) { hint = hint || !s.empty(); });
  if (hint) {
    os << indent << "  → ";
    issue.hint_pieces(lang, [&](std::string_view s) { os << s; });
    os << "\n";
  }
}

}  // namespace tonghop
