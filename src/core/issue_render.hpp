// One renderer per output format for issues.
#pragma once

#include <ostream>

#include "core/issue.hpp"
#include "core/json_writer.hpp"

namespace tonghop {

// {"code", "severity", "sheet", "cell", "row", "item", "message", "hint"}; the file is
// the enclosing object's.
void write_issue_json(JsonWriter& j, const Issue& issue, Lang lang);

// "lỗi [unreadable-file] Biểu 01!F12: message\n    → hint" on one indented block.
void write_issue_text(std::ostream& os, const Issue& issue, Lang lang, std::string_view indent);

std::string_view severity_label(Severity s, Lang lang);

}  // namespace tonghop
