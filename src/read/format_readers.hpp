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
// OLE2/CFB containers: .xls (BIFF8, BIFF5) is read; encrypted OOXML or FILEPASS ->
// encrypted-file; other OLE2 documents -> unsupported-format.
// .docx: every table a sheet (read/docx_reader.hpp). .doc (Word 97-2003): converted to
// .docx by LibreOffice when installed, refused as unsupported-format otherwise.
void read_docx(ZipArchive& zip, WorkbookSink& sink, const ReadLimits& limits);
void read_word97(const std::string& path, WorkbookSink& sink, const ReadLimits& limits);
[[noreturn]] void throw_word97_unsupported();
void read_cfb(const std::string& path, WorkbookSink& sink, const ReadLimits& limits);

}  // namespace tonghop
