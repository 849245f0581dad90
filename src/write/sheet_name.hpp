// Sheet names Excel accepts, made from file and sheet names: the characters it forbids
// ([]:*?/\ and the apostrophe that would need quoting) replaced by "_", at most 31
// characters' bytes without splitting a character, and unique within the workbook.
//
//   std::set<std::string> used = {"Tổng hợp"};
//   unique_sheet_name("phong-vhxh-2026", used);   // "phong-vhxh-2026"
//   unique_sheet_name("phong-vhxh-2026", used);   // "phong-vhxh-2026 (2)"
#pragma once

#include <set>
#include <string>

namespace tonghop {

std::string unique_sheet_name(const std::string& wanted, std::set<std::string>& used);

}  // namespace tonghop
