#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "core/issue.hpp"
#include "core/issue_render.hpp"

using namespace tonghop;

TEST(Issue, MessagesInBothLanguagesFromOneTemplate) {
  auto i = make_issue(IssueCode::UnsupportedFormat, Location{"a.xlsb", "", {}, {}, ""},
                      {{"format", Text("Sổ làm việc nhị phân Excel (.xlsb)", "Excel Binary Workbook (.xlsb)")}});
  EXPECT_EQ(i.severity, Severity::Error);
  EXPECT_EQ(i.message(Lang::Vi), "Tệp ở định dạng Sổ làm việc nhị phân Excel (.xlsb), tonghop chưa đọc được định dạng này.");
  EXPECT_EQ(i.message(Lang::En), "The file is in the Excel Binary Workbook (.xlsb) format, which tonghop does not read.");
  EXPECT_FALSE(i.hint(Lang::Vi).empty());
}

TEST(Issue, CodesRoundTrip) {
  for (auto c : {IssueCode::UnreadableFile, IssueCode::UnsupportedFormat, IssueCode::FileNotFound, IssueCode::NotASpreadsheet,
                IssueCode::EncryptedFile,
                 IssueCode::LimitExceeded, IssueCode::ConvertedFile, IssueCode::NoTableFound,
                 IssueCode::DuplicateCode, IssueCode::NumberingGap, IssueCode::UnparsedTarget,
                 IssueCode::MissingUnit, IssueCode::UnknownAgency})
    EXPECT_EQ(issue_code_from_string(to_string(c)), c);
  EXPECT_FALSE(issue_code_from_string("no-such-code"));
}

TEST(Issue, JsonHasCellAndOneBasedRow) {
  Location where{"f.xlsx", "Biểu 01", 11, 5, "6"};
  auto i = make_issue(IssueCode::UnreadableFile, where, {{"reason", Text("x", "x")}});
  std::ostringstream os;
  JsonWriter j(os, false);
  write_issue_json(j, i, Lang::En);
  EXPECT_NE(os.str().find(R"("cell":"F12","row":12,"item":"6")"), std::string::npos) << os.str();
}

TEST(Issue, InputErrorCarriesTheIssue) {
  try {
    throw_limit("cells", 10, Text("nhiều", "many"));
  } catch (const InputError& e) {
    EXPECT_EQ(e.issue().code, IssueCode::LimitExceeded);
    EXPECT_EQ(e.issue().message(Lang::En), "The file exceeds a safety limit: many (limit 10).");
    EXPECT_NE(e.issue().hint(Lang::En).find("--limit cells="), std::string::npos);
    return;
  }
  FAIL() << "no InputError";
}

TEST(Issue, ParametersAreKeptByNameInNameOrder) {
  IssueParams p{{"name", "Tỷ lệ hộ nghèo"}, {"first", "12"}, {"name", "ignored: the first wins"}};
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p.begin()->first, "first");  // iterated as a std::map would
  EXPECT_EQ(p.at("name").vi, "Tỷ lệ hộ nghèo");
  EXPECT_EQ(p.count("unit"), 0u);
  EXPECT_THROW(p.at("unit"), std::out_of_range);
  p["code"] = Text("mã", "code");
  p["name"] = "Hộ nghèo";
  std::vector<std::string> names;
  for (const auto& [k, v] : p) names.push_back(k);
  EXPECT_EQ(names, (std::vector<std::string>{"code", "first", "name"}));
  EXPECT_EQ(p.at("name").en, "Hộ nghèo");
  auto i = make_issue(IssueCode::DuplicateRow, {}, p);
  EXPECT_NE(i.message(Lang::Vi).find("Hộ nghèo"), std::string::npos);
  EXPECT_NE(i.message(Lang::Vi).find("12"), std::string::npos);
}

TEST(Issue, EveryCodeHasItsOwnTemplateInBothLanguages) {
  std::set<std::string> names;
  for (int c = 0; c < int(IssueCode::EndOfCodes); ++c) {
    auto code = IssueCode(c);
    std::string name(to_string(code));
    EXPECT_TRUE(names.insert(name).second) << "code " << c << " has no template of its own (" << name << ")";
    EXPECT_EQ(issue_code_from_string(name), code) << name;
    auto i = make_issue(code, {}, {});
    EXPECT_FALSE(i.message(Lang::Vi).empty());
    EXPECT_FALSE(i.message(Lang::En).empty());
    EXPECT_NE(i.message(Lang::Vi), i.message(Lang::En)) << name;
  }
}
