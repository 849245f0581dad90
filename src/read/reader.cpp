#include "read/reader.hpp"

#include <filesystem>
#include <system_error>

#include "core/issue.hpp"
#include "read/convert.hpp"
#include "read/format_detect.hpp"
#include "read/format_readers.hpp"
#include "read/zip_archive.hpp"
#include "core/platform.hpp"

namespace tonghop {
namespace {

void read_converted(const std::string& path, Text format, WorkbookSink& sink, const ReadLimits& limits,
                    const char* to = "xlsx");

void read_zip(const std::string& path, WorkbookSink& sink, const ReadLimits& limits) {
  ZipArchive zip(path, limits);
  if (zip.has("xl/workbook.bin"))
    return read_converted(path, Text("Sổ làm việc nhị phân Excel (.xlsb)", "Excel Binary Workbook (.xlsb)"),
                          sink, limits);
  if (zip.has("mimetype")) {
    auto mime = zip.read_all("mimetype");
    while (!mime.empty() && (mime.back() == '\n' || mime.back() == '\r' || mime.back() == ' '))
      mime.pop_back();
    if (mime == "application/vnd.oasis.opendocument.spreadsheet" ||
        mime == "application/vnd.oasis.opendocument.spreadsheet-template")
      return read_ods(zip, sink, limits);
    if (mime.rfind("application/vnd.oasis.opendocument.", 0) == 0)
      throw_not_spreadsheet(Text("tài liệu OpenDocument (" + mime + ")", "an OpenDocument file (" + mime + ")"));
  }
  if (zip.has("[Content_Types].xml")) {
    if (zip.has("word/document.xml")) return read_docx(zip, sink, limits);
    if (zip.has("ppt/presentation.xml"))
      throw_not_spreadsheet(Text("bản trình chiếu PowerPoint (.pptx)", "a PowerPoint presentation (.pptx)"));
    return read_xlsx(zip, sink, limits);
  }
  if (zip.has("content.xml")) return read_ods(zip, sink, limits);
  throw_not_spreadsheet(Text("tệp nén ZIP", "a ZIP archive"));
}



// Sets converted_from on the workbook the converted copy reports.
class ConvertedSink : public WorkbookSink {
 public:
  ConvertedSink(WorkbookSink& inner, Text format) : inner_(inner), format_(std::move(format)) {}
  void begin_workbook(const WorkbookInfo& info) override {
    WorkbookInfo i = info;
    i.converted_from = format_.en;
    inner_.begin_workbook(i);
    inner_.issue(make_issue(IssueCode::ConvertedFile, {}, {{"format", format_}}));
  }
  void begin_sheet(const SheetInfo& s) override { inner_.begin_sheet(s); }
  void cell(const Cell& c) override { inner_.cell(c); }
  void merged_range(const CellRange& r) override { inner_.merged_range(r); }
  void hidden_rows(std::uint32_t first, std::uint32_t last) override { inner_.hidden_rows(first, last); }
  void hidden_columns(std::uint32_t first, std::uint32_t last) override { inner_.hidden_columns(first, last); }
  void issue(const Issue& i) override { inner_.issue(i); }
  void end_sheet() override { inner_.end_sheet(); }
  void end_workbook() override { inner_.end_workbook(); }

 private:
  WorkbookSink& inner_;
  Text format_;
};

// A format tonghop does not read: converted by LibreOffice when it is there and allowed,
// refused as unsupported-format otherwise.
void read_converted(const std::string& path, Text format, WorkbookSink& sink, const ReadLimits& limits,
                    const char* to) {
  auto soffice = limits.allow_conversion ? find_libreoffice() : std::nullopt;
  if (!soffice) throw_unsupported(std::move(format), true);
  TempDir tmp;
  auto xlsx = convert_with_libreoffice(*soffice, path, tmp.path(), unsigned(limits.convert_seconds), to);
  ConvertedSink converted(sink, std::move(format));
  read_zip(xlsx, converted, limits);
}

}  // namespace

void read_word97(const std::string& path, WorkbookSink& sink, const ReadLimits& limits) {
  if (!limits.allow_conversion || !find_libreoffice()) throw_word97_unsupported();
  read_converted(path, Text("văn bản Word 97-2003 (.doc)", "Word 97-2003 document (.doc)"), sink, limits, "docx");
}

void read_workbook(const std::string& path, WorkbookSink& sink_in, const ReadLimits& limits) {
  try {
    std::error_code ec;
    auto status = std::filesystem::status(platform::path_from_utf8(path), ec);
    if (ec || !std::filesystem::exists(status)) throw_not_found(path);
    if (std::filesystem::is_directory(status))
      throw_unreadable(Text("đây là thư mục, không phải tệp", "this is a folder, not a file"));
    auto size = std::filesystem::file_size(platform::path_from_utf8(path), ec);
    if (ec) throw_unreadable(Text("không đọc được kích thước tệp", "the file size cannot be read"));
    if (size > limits.file_bytes)
      throw_limit("file-size", limits.file_bytes,
                  Text("tệp nặng " + std::to_string(size) + " byte",
                       "the file has " + std::to_string(size) + " bytes"));
    GuardedSink sink(sink_in, limits);
    std::string head;
    auto container = sniff_file(path, &head);
    if (container == Container::Text || container == Container::Binary)
      if (auto kind = foreign_document(head)) throw_not_spreadsheet(std::move(*kind));
    switch (container) {
      case Container::Empty:
        throw_unreadable(Text("tệp rỗng (0 byte)", "the file is empty (0 bytes)"));
      case Container::Zip:
        return read_zip(path, sink, limits);
      case Container::Cfb:
        return read_cfb(path, sink, limits);
      case Container::RawBiff:
        return read_converted(path, Text("Excel 2.x-4.x (.xls cũ)", "Excel 2.x-4.x (old .xls)"), sink, limits);
      case Container::SpreadsheetML:
        return read_converted(path, Text("Bảng tính XML 2003", "XML Spreadsheet 2003"), sink, limits);
      case Container::FlatOds:
        return read_converted(path, Text("OpenDocument dạng XML phẳng (.fods)", "flat OpenDocument XML (.fods)"),
                              sink, limits);
      case Container::Html:
        if (!html_has_table(path))
          throw_not_spreadsheet(Text("trang web HTML không có bảng nào", "an HTML web page with no table in it"));
        return read_converted(path, Text("trang web HTML (được lưu với đuôi bảng tính)",
                                         "HTML web page (saved with a spreadsheet extension)"),
                              sink, limits);
      case Container::Text:
        return read_csv(path, platform::file_stem(path), sink, limits);
      case Container::Binary:
        throw_unreadable(Text("đây không phải bảng tính (dữ liệu nhị phân không nhận ra)",
                              "this is not a spreadsheet (unrecognised binary data)"));
    }
  } catch (InputError& e) {
    if (e.issue().where.file.empty()) e.issue().where.file = path;
    throw;
  }
}

}  // namespace tonghop
