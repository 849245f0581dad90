#include <gtest/gtest.h>

#include <set>
#include <span>
#include <sstream>
#include <string>
#include <vector>

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

namespace {
// The template filled byte by byte, as messages were made before templates were split once:
// the reference the split templates must give byte for byte.
std::string reference_fill(std::string_view tmpl, const IssueParams& params, Lang lang) {
  std::string out;
  std::size_t i = 0;
  while (i < tmpl.size()) {
    if (tmpl[i] == '{') {
      auto close = tmpl.find('}', i);
      if (close != std::string_view::npos) {
        auto it = params.find(tmpl.substr(i + 1, close - i - 1));
        if (it != params.end()) {
          out += it->second.in(lang);
          i = close + 1;
          continue;
        }
      }
    }
    out += tmpl[i++];
  }
  return out;
}

std::string joined(std::span<const TemplatePart> parts) {
  std::string s;
  for (const auto& p : parts) s += p.text;
  return s;
}
}  // namespace

// Every code's message and hint, in both languages, with all, some or none of their
// parameters, whose values hold quotes, backslashes, braces, line breaks and accents.
TEST(Issue, SplitTemplatesGiveTheSameTextsAsFillingByteByByte) {
  for (int c = 0; c < int(IssueCode::EndOfCodes); ++c) {
    auto code = IssueCode(c);
    for (auto which : {TemplateText::Message, TemplateText::Hint}) {
      std::vector<std::string> names;
      for (auto lang : {Lang::Vi, Lang::En})
        for (const auto& part : template_parts(code, which, lang))
          if (part.placeholder) names.emplace_back(part.name());
      for (int variant = 0; variant < 3; ++variant) {
        IssueParams params;
        for (std::size_t k = 0; k < names.size(); ++k)
          if (variant == 0 || (variant == 1 && k % 2 == 0))
            params[names[k]] = Text("\"Đường {" + names[k] + "}\\ \n\tạ\"", "'Road {x}' \\n & <b>");
        params["unused"] = Text("không dùng", "unused");
        auto issue = make_issue(code, {}, params);
        for (auto lang : {Lang::Vi, Lang::En}) {
          std::string tmpl = joined(template_parts(code, which, lang));
          std::string want = reference_fill(tmpl, params, lang);
          std::string got = which == TemplateText::Message ? issue.message(lang) : issue.hint(lang);
          EXPECT_EQ(got, want) << to_string(code) << " variant " << variant;
          std::string pieces;
          issue.pieces(which, lang, [&](std::string_view s) { pieces += s; });
          EXPECT_EQ(pieces, want) << to_string(code);
        }
      }
    }
  }
}

TEST(Issue, TemplatesSplitAtPlaceholdersOnly) {
  auto parts = template_parts(IssueCode::UnassignedItem, TemplateText::Message, Lang::En);
  std::vector<std::string> texts;
  for (const auto& p : parts) texts.push_back((p.placeholder ? "P:" : "L:") + std::string(p.text));
  EXPECT_EQ(texts, (std::vector<std::string>{"L:\"", "P:{name}", "L:\" is assigned to ", "P:{owner}", "L:, not to ",
                                             "P:{unit}", "L:."}));
  // A hint without parameters is one literal part.
  auto hint = template_parts(IssueCode::UnassignedItem, TemplateText::Hint, Lang::Vi);
  ASSERT_EQ(hint.size(), 1u);
  EXPECT_FALSE(hint[0].placeholder);
}

TEST(Issue, MessagesWithSpecialCharactersExactlyInJsonAndText) {
  auto i = make_issue_at(IssueCode::UnassignedItem, "a.xlsx", "Biểu \"01\"", 4, 1, "3.1",
                         {{"name", Text("Tỷ lệ \"hộ nghèo\" {unit}\\", "Poor \"households\" {unit}\\")},
                          {"owner", Text("Phòng Kinh tế", "the Economy Office")},
                          {"unit", Text("Phòng Văn hóa - Xã hội\n", "the Culture Office\n")}});
  EXPECT_EQ(i.message(Lang::Vi),
            "\"Tỷ lệ \"hộ nghèo\" {unit}\\\" được giao cho Phòng Kinh tế, không phải Phòng Văn hóa - Xã hội\n.");
  EXPECT_EQ(i.message(Lang::En),
            "\"Poor \"households\" {unit}\\\" is assigned to the Economy Office, not to the Culture Office\n.");
  std::ostringstream vi, en;
  {
    JsonWriter j(vi, false);
    write_issue_json(j, i, Lang::Vi);
  }
  {
    JsonWriter j(en, false);
    write_issue_json(j, i, Lang::En);
  }
  EXPECT_EQ(vi.str(),
            R"({"code":"unassigned-item","severity":"warning","sheet":"Biểu \"01\"","cell":"B5","row":5,"item":"3.1",)"
            R"("message":"\"Tỷ lệ \"hộ nghèo\" {unit}\\\" được giao cho Phòng Kinh tế, không phải Phòng Văn hóa - Xã hội\n.",)"
            R"("hint":"Số liệu vẫn được ghi nhận; kiểm tra lại phân công."})");
  EXPECT_NE(en.str().find(
                R"("message":"\"Poor \"households\" {unit}\\\" is assigned to the Economy Office, not to the Culture Office\n.")"),
            std::string::npos)
      << en.str();
  std::ostringstream text;
  write_issue_text(text, i, Lang::En, "  ");
  EXPECT_EQ(text.str().substr(0, text.str().find('\n')),
            "  warning [unassigned-item] 'Biểu \"01\"'!B5: \"Poor \"households\" {unit}\\\" is assigned to the Economy "
            "Office, not to the Culture Office");
}

TEST(Issue, AMissingParameterStaysAsItsPlaceholder) {
  auto i = make_issue(IssueCode::UnassignedItem, {}, {{"name", Text("Hộ nghèo", "Poor households")}});
  EXPECT_EQ(i.message(Lang::Vi), "\"Hộ nghèo\" được giao cho {owner}, không phải {unit}.");
  EXPECT_EQ(i.message(Lang::En), "\"Poor households\" is assigned to {owner}, not to {unit}.");
}
