// What a file is, from its first bytes.
#pragma once

#include <string>
#include <string_view>

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
// Reads up to 8 KiB of the file and sniffs it; throws InputError if it cannot be opened.
Container sniff_file(const std::string& path);

}  // namespace tonghop
