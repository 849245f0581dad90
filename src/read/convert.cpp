#include "read/convert.hpp"

#include <filesystem>
#include <system_error>

#include "core/issue.hpp"
#include "core/platform.hpp"

namespace fs = std::filesystem;

namespace tonghop {

std::optional<std::string> find_libreoffice() {
  for (const char* name : {"soffice", "libreoffice"})
    if (auto found = platform::find_executable(name)) return found;
  // Windows installs it under Program Files, seldom on PATH.
  for (const auto& dir : platform::application_dirs()) {
    auto candidate = platform::path_from_utf8(dir) / "LibreOffice" / "program" / "soffice.exe";
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return platform::utf8_of(candidate);
  }
  return std::nullopt;
}

TempDir::TempDir() {
  auto dir = platform::make_temp_dir("tonghop");
  if (!dir) throw_unreadable(Text("không tạo được thư mục tạm", "a temporary folder cannot be made"));
  path_ = *dir;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(platform::path_from_utf8(path_), ec);
}

std::string convert_to_xlsx(const std::string& soffice, const std::string& input,
                            const std::string& outdir, unsigned seconds) {
  return convert_with_libreoffice(soffice, input, outdir, seconds, "xlsx");
}

std::string convert_with_libreoffice(const std::string& soffice, const std::string& input,
                                     const std::string& outdir, unsigned seconds, const std::string& to) {
  std::error_code ec;
  std::string abs_input = platform::utf8_of(fs::absolute(platform::path_from_utf8(input), ec));
  // A private profile, HOME and TMPDIR in the private folder, so that a missing or
  // read-only home (CI, a service account) and concurrent conversions never share state.
  auto profile_u8 = platform::path_from_utf8(outdir + "/profile").generic_u8string();
  std::string profile_url(profile_u8.begin(), profile_u8.end());
  if (profile_url.empty() || profile_url[0] != '/') profile_url = "/" + profile_url;  // C:/... on Windows
  std::string profile = "-env:UserInstallation=file://" + profile_url;
  auto run = platform::run_program(
      {soffice, profile, "--headless", "--norestore", "--convert-to", to, "--outdir", outdir, abs_input},
      {{"HOME", outdir}, {"TMPDIR", outdir}}, seconds);
  if (!run.started) throw_unreadable(Text("không chạy được LibreOffice", "LibreOffice cannot be started"));
  if (run.timed_out)
    throw_unreadable(Text("LibreOffice không chuyển đổi xong trong " + std::to_string(seconds) + " giây",
                          "LibreOffice did not finish converting within " + std::to_string(seconds) + " seconds"));
  std::string out = platform::utf8_of(platform::path_from_utf8(outdir) / platform::path_from_utf8(platform::file_stem(input))) + "." + to;
  if (run.exit_code != 0 || !fs::exists(platform::path_from_utf8(out), ec))
    throw_unreadable(Text("LibreOffice không chuyển đổi được tệp", "LibreOffice could not convert the file"));
  return out;
}

}  // namespace tonghop
