// Every file of the real-world corpus (../shared/corpus) is read or refused with a refusal
// code: no crash, no hang, bounded memory. Cells are counted, not kept, so the peak memory
// measured is the reader's own.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <set>

#include "core/issue.hpp"
#include "read/reader.hpp"

using namespace tonghop;
namespace fs = std::filesystem;

namespace {

struct CountingSink : WorkbookSink {
  std::uint64_t cells = 0, sheets = 0;
  void begin_sheet(const SheetInfo&) override { ++sheets; }
  void cell(const Cell&) override { ++cells; }
};

std::vector<fs::path> corpus_files() {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(TONGHOP_CORPUS_DIR, ec)) {
    if (!e.is_regular_file()) continue;
    auto name = e.path().filename().string();
    if (name == "MANIFEST.tsv" || name == "README.md") continue;
    files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST(Corpus, EveryFileIsReadOrRefusedCleanly) {
  auto files = corpus_files();
  if (files.empty()) GTEST_SKIP() << "no corpus at " << TONGHOP_CORPUS_DIR;
  const std::set<IssueCode> refusals = {IssueCode::UnreadableFile, IssueCode::UnsupportedFormat,
                                        IssueCode::EncryptedFile, IssueCode::LimitExceeded,
                                        IssueCode::NotASpreadsheet};
  // Our own readers are measured: no LibreOffice conversion even where it is installed.
  ReadLimits limits;
  limits.allow_conversion = false;
  std::map<std::string, int> outcome;
  double slowest = 0;
  std::string slowest_file;
  for (const auto& f : files) {
    CountingSink sink;
    auto start = std::chrono::steady_clock::now();
    try {
      read_workbook(f.string(), sink, limits);
      ++outcome["read"];
    } catch (const InputError& e) {
      EXPECT_TRUE(refusals.count(e.issue().code)) << f << ": " << e.what();
      EXPECT_FALSE(e.issue().message(Lang::Vi).empty());
      ++outcome[std::string(to_string(e.issue().code))];
    } catch (const std::exception& e) {
      ADD_FAILURE() << f << ": not a clean refusal: " << e.what();
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(secs, 10.0) << f;
    if (secs > slowest) slowest = secs, slowest_file = f.filename().string();
  }
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  EXPECT_LT(ru.ru_maxrss, 512L * 1024) << "peak memory " << ru.ru_maxrss << " KiB";
  std::cout << "corpus: " << files.size() << " files;";
  for (const auto& [k, v] : outcome) std::cout << " " << k << " " << v << ";";
  std::cout << " slowest " << slowest_file << " " << slowest << " s; peak " << ru.ru_maxrss / 1024
            << " MiB\n";
  EXPECT_EQ(files.size(), 1366u);
}

// Real password-protected files from Excel and other writers are told apart from broken
// ones: the user must be told to remove the password, not that the file is damaged.
TEST(Corpus, PasswordProtectedFilesAreEncryptedFile) {
  int checked = 0;
  for (const auto& f : corpus_files()) {
    auto name = f.filename().string();
    if (name.find("protect") == std::string::npos && name.find("password") == std::string::npos &&
        name.find("Password") == std::string::npos && name.find("encrypt") == std::string::npos)
      continue;
    CountingSink sink;
    ReadLimits limits;
    limits.allow_conversion = false;
    try {
      read_workbook(f.string(), sink, limits);
    } catch (const InputError& e) {
      if (e.issue().code == IssueCode::EncryptedFile) ++checked;
    }
  }
  if (corpus_files().empty()) GTEST_SKIP();
  std::cout << "encrypted-file among the corpus's password files: " << checked << "\n";
  EXPECT_GE(checked, 20);
}
