// Text typed with legacy Vietnamese fonts stores bytes that only look right in those fonts:
// TCVN3 (ABC; fonts .VnTime, .VnArial, capitals fonts .VnTimeH ...), converted through
// glibc's TCVN5712-1 table; and VNI (fonts VNI-Times, VNI-Helve ...), where a letter is
// followed by modifier bytes, converted by the project's own table (vni_to_unicode).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/issue.hpp"
#include "core/workbook.hpp"
#include "read/sink.hpp"

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

// The info issue legacy-encoding for one finding (its sheet; the file is the caller's).
Issue legacy_issue(const LegacyFinding& f);

// The conversion as a sink decorator, as the guards are: load_workbook applies it for every
// reader, so no caller has to remember it. Text passes through untouched until a sheet's
// first cell in a legacy font (or, in CSV, that looks like TCVN3); the rest of that sheet
// is held and sent on converted at its end, followed by a legacy-encoding issue per finding.
class LegacyTextSink : public WorkbookSink {
 public:
  explicit LegacyTextSink(WorkbookSink& inner) : inner_(inner) {}
  void begin_workbook(const WorkbookInfo& info) override;
  void begin_sheet(const SheetInfo& sheet) override;
  void cell(const Cell& cell) override;
  void merged_range(const CellRange& r) override { inner_.merged_range(r); }
  void hidden_rows(std::uint32_t first, std::uint32_t last) override { inner_.hidden_rows(first, last); }
  void hidden_columns(std::uint32_t first, std::uint32_t last) override { inner_.hidden_columns(first, last); }
  void issue(const Issue& i) override { inner_.issue(i); }
  void end_sheet() override;
  void end_workbook() override { inner_.end_workbook(); }

 private:
  WorkbookSink& inner_;
  bool no_fonts_ = false;  // CSV: judged by the characters
  std::string sheet_;
  bool holding_ = false;
  std::vector<StoredCell> held_;
};

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
