// Converting formats tonghop does not read itself (.xlsb, XML Spreadsheet 2003, HTML
// saved as .xls, Excel 2-4, flat ODS) to .xlsx with LibreOffice, when it is installed.
#pragma once

#include <optional>
#include <string>

namespace tonghop {

// soffice or libreoffice on PATH, or nullopt.
std::optional<std::string> find_libreoffice();

// A private temporary folder, removed with everything in it when destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Runs LibreOffice headless on input, writing OUTDIR/<stem>.xlsx, with its own profile
// inside outdir; killed (with everything it started) after `seconds`. Returns the
// converted file's path; throws InputError (unreadable-file) on failure or time-out.
std::string convert_to_xlsx(const std::string& soffice, const std::string& input,
                            const std::string& outdir, unsigned seconds);
// The same to another format LibreOffice writes ("docx" for a Word 97-2003 .doc).
std::string convert_with_libreoffice(const std::string& soffice, const std::string& input,
                                     const std::string& outdir, unsigned seconds, const std::string& to);

}  // namespace tonghop
