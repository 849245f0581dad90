// Text typed with legacy Vietnamese fonts stores bytes that only look right in those fonts:
// TCVN3 (ABC; fonts .VnTime, .VnArial, capitals fonts .VnTimeH ...), converted through
// glibc's TCVN5712-1 table; and VNI (fonts VNI-Times, VNI-Helve ...), where a letter is
// followed by modifier bytes, converted by the project's own table (vni_to_unicode).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/workbook.hpp"

namespace tonghop {

struct LegacyFinding {
  std::string sheet;
  std::string encoding;  // "TCVN3" or "VNI"
  std::size_t cells = 0;
  std::string example;   // one converted text, to show the user
};

// Converts in place every text cell written in TCVN3: by its font (.Vn*) or, with no font
// (CSV), by its characters. One finding per sheet that had any.
std::vector<LegacyFinding> convert_legacy_text(Workbook& book);

// The conversion itself, for one text whose characters are TCVN3 bytes (U+0000-U+00FF);
// nullopt when the text has other characters.
std::optional<std::string> tcvn3_to_unicode(const std::string& text, bool capitals_font);

// VNI Windows text (as Latin-1 characters) to Unicode; nullopt when the text has other
// characters.
std::optional<std::string> vni_to_unicode(const std::string& text);

// Whether text without font information looks like TCVN3 (tone-marked letters that
// Unicode text would not contain in that way).
bool looks_like_tcvn3(const std::string& text);

}  // namespace tonghop
