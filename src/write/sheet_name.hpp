// Sheet names as Excel checks them: at most 31 characters (characters, not bytes), none of
// []:*?/\ , no apostrophe first or last, unique ignoring case (Unicode case: "TỔNG HỢP"
// and "tổng hợp" are one name to Excel and LibreOffice).
//
//   std::set<std::string> used = {sheet_name_key("Tổng hợp")};
//   unique_sheet_name("phong-vhxh-2026", used);   // "phong-vhxh-2026"
//   unique_sheet_name("PHONG-VHXH-2026", used);   // "PHONG-VHXH-2026 (2)"
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace tonghop {

// Why Excel would refuse the name, in Vietnamese (English when english); "" when it accepts it.
std::string sheet_name_problem(std::string_view name, bool english = false);

// The key two names share when Excel takes them for one: NFC, lower case.
std::string sheet_name_key(std::string_view name);

// A name Excel accepts made from wanted (a file or sheet name): forbidden characters and
// apostrophes replaced by "_", cut to 31 characters without splitting one, made unique
// against used (keys from sheet_name_key), and its key added to used.
std::string unique_sheet_name(const std::string& wanted, std::set<std::string>& used);

}  // namespace tonghop
