#include <gtest/gtest.h>

#include <sstream>

#include "cli/cli.hpp"
#include "cli/options.hpp"
#include "test_util.hpp"

using namespace tonghop;
using namespace tonghop::test;
namespace po = boost::program_options;


// Every option a command accepts is in its --help, after its examples: the help is generated
// from the same definitions the parser uses.
TEST(CliHelp, EveryCommandListsEveryOptionAfterItsExamples) {
  struct Want {
    std::string command;
    std::vector<std::string> options;
  };
  const std::vector<Want> wants = {
      {"check", {"--plan", "--year", "--period", "--unit ", "--units", "--received", "--receipts", "--deadline",
                 "--explain", "--report", "--format", "--lang", "--limit", "--no-convert", "-h, --help"}},
      {"consolidate", {"-o, --output", "--plan", "--year", "--period", "--units", "--receipts", "--deadline",
                       "--template", "--previous", "--strict", "--lang", "--limit", "--no-convert"}},
      {"plan", {"--units", "--format", "--lang", "--limit", "--no-convert"}},
      {"inspect", {"--format", "--lang", "--limit", "--no-convert"}},
  };
  for (const auto& w : wants)
    for (const char* lang : {"vi", "en"}) {
      auto r = run_cli({w.command, "--help", "--lang", lang});
      EXPECT_EQ(r.code, 0) << w.command;
      auto options = r.out.find(std::string(lang) == "vi" ? "\nTùy chọn:\n" : "\nOptions:\n");
      ASSERT_NE(options, std::string::npos) << w.command << "\n" << r.out;
      EXPECT_LT(r.out.find(std::string(lang) == "vi" ? "Ví dụ:" : "Examples:"), options);
      for (const auto& o : w.options)
        EXPECT_NE(r.out.find("  " + o, options), std::string::npos) << w.command << " --help lacks " << o;
    }
}

// Options that did nothing are gone: a clear usage error, not silently ignored.
TEST(CliHelp, OptionsThatDidNothingAreRefused) {
  auto quiet = run_cli({"inspect", "-q", "x.xlsx"});
  EXPECT_EQ(quiet.code, int(ExitCode::Usage));
  auto json = run_cli({"consolidate", "--format", "json", "--plan", "p.xlsx", "--year", "2026", "-o", "o.xlsx", "r/"});
  EXPECT_EQ(json.code, int(ExitCode::Usage));
  EXPECT_NE(json.err.find("--format"), std::string::npos) << json.err;
  EXPECT_EQ(run_cli({"consolidate", "--help"}).out.find("--format"), std::string::npos);
}

TEST(CliHelp, HelpAlignsArgumentsAndSpeaksTheLanguage) {
  cli::CommandOptions opts;
  opts.add("output,o", po::value<std::string>(), Text("TỆP", "FILE"), Text("sổ cần ghi", "the workbook to write"))
      .add("strict", po::bool_switch(), Text(""), Text("không ghi khi có lỗi", "write nothing on errors"));
  std::ostringstream vi, en;
  opts.write(vi, Lang::Vi);
  opts.write(en, Lang::En);
  EXPECT_EQ(vi.str(), "  -o, --output TỆP  sổ cần ghi\n  --strict          không ghi khi có lỗi\n");
  EXPECT_EQ(en.str(), "  -o, --output FILE  the workbook to write\n  --strict           write nothing on errors\n");
}

// One place decides the exit code: unreadable outranks errors, which outrank warnings.
TEST(CliExitCode, UnreadableThenErrorsThenOk) {
  EXPECT_EQ(cli::exit_code(true, true), ExitCode::Unreadable);
  EXPECT_EQ(cli::exit_code(true, false), ExitCode::Unreadable);
  EXPECT_EQ(cli::exit_code(false, true), ExitCode::DataErrors);
  EXPECT_EQ(cli::exit_code(false, false), ExitCode::Ok);
}
