// What a file is, from its first bytes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/issue.hpp"

namespace tonghop {

enum class Container {
  Empty,          // zero bytes
  Zip,            // xlsx, xlsm, xlsb, ods, or another zip
  Cfb,            // OLE2 compound file: xls, encrypted OOXML, doc
  RawBiff,        // BIFF2-4 (or a bare BIFF5/8 stream) outside a compound file
  SpreadsheetML,  // Excel 2003 XML
  FlatOds,        // OpenDocument flat XML (.fods)
  Html,           // a web page saved as .xls
  Text,           // CSV / TSV / text
  Binary,         // anything else
};

std::string_view to_string(Container c);
Container sniff(std::string_view head);
// Reads up to 8 KiB of the file (into head when given) and sniffs it; throws InputError if
// it cannot be opened.
Container sniff_file(const std::string& path, std::string* head = nullptr);

// What a document that is no spreadsheet is, from its magic bytes ("tệp PDF", "ảnh PNG",
// "văn bản RTF"): units send the signed PDF or a photo instead of the spreadsheet, and
// must be told exactly that. nullopt when the bytes are not such a document.
std::optional<Text> foreign_document(std::string_view head);

// Whether an HTML file holds a <table> anywhere (an HTML page saved as .xls always does).
bool html_has_table(const std::string& path);

}  // namespace tonghop
