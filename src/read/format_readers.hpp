// The format readers behind read_workbook(); internal to src/read.
#pragma once

#include <string>

#include "read/limits.hpp"
#include "read/sink.hpp"

namespace tonghop {

class ZipArchive;

void read_xlsx(ZipArchive& zip, WorkbookSink& sink, const ReadLimits& limits);
void read_ods(ZipArchive& zip, WorkbookSink& sink, const ReadLimits& limits);
void read_csv(const std::string& path, const std::string& sheet_name, WorkbookSink& sink,
              const ReadLimits& limits);
// Refuses what an OLE2/CFB container holds until the .xls reader lands: encrypted OOXML
// or FILEPASS -> encrypted-file, .xls -> unsupported-format, anything else -> unreadable.
void read_cfb(const std::string& path, WorkbookSink& sink, const ReadLimits& limits);

}  // namespace tonghop
