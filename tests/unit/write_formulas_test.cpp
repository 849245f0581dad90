// The formula text of the consolidated workbook, one test per kind of target.
#include <gtest/gtest.h>

#include "write/formulas.hpp"

using namespace tonghop;

namespace {
Target target(TargetKind kind, std::optional<double> low, std::optional<double> high = std::nullopt) {
  Target t;
  t.kind = kind;
  t.low = low;
  t.high = high;
  return t;
}
// The wrapper every numeric target shares: a number is judged, "" is no data, text is not assessable.
std::string numeric(const std::string& test) {
  return "=IF(ISNUMBER(H8)," + test + ",IF(H8=\"\",\"Chưa có số liệu\",\"Chưa đánh giá được\"))";
}
const std::string kByStatus =
    "IF(OR(H8=\"Đạt\",H8=\"Duy trì\"),\"Đạt\",IF(OR(H8=\"Không đạt\",H8=\"Không duy trì\"),\"Không đạt\","
    "\"Chưa đánh giá được\"))";
}  // namespace

TEST(Formulas, Ratio) {
  EXPECT_EQ(ratio_formula("H8", "F8"), "=IF(AND(ISNUMBER(H8),ISNUMBER(F8),F8<>0),ROUND(H8/F8*100,1),\"\")");
}

TEST(Formulas, CountIfOfSeveralWords) {
  EXPECT_EQ(countifs("'Biểu 01'!J8:J30", {kMet, kExceeded}),
            "=COUNTIF('Biểu 01'!J8:J30,\"Đạt\")+COUNTIF('Biểu 01'!J8:J30,\"Vượt\")");
  EXPECT_EQ(quote_sheet("Sheet's"), "'Sheet''s'");
}

TEST(Formulas, AtLeast) {
  EXPECT_EQ(assessment_formula(target(TargetKind::AtLeast, 99.5), false, "H8", ""),
            numeric("IF(H8>=99.5,\"Đạt\",\"Không đạt\")"));
}

TEST(Formulas, MoreThan) {
  EXPECT_EQ(assessment_formula(target(TargetKind::MoreThan, 97.5), false, "H8", ""),
            numeric("IF(H8>97.5,\"Đạt\",\"Không đạt\")"));
}

TEST(Formulas, LessThan) {
  EXPECT_EQ(assessment_formula(target(TargetKind::LessThan, std::nullopt, 0.5), false, "H8", ""),
            numeric("IF(H8<0.5,\"Đạt\",\"Không đạt\")"));
}

TEST(Formulas, AtMost) {
  EXPECT_EQ(assessment_formula(target(TargetKind::AtMost, std::nullopt, 5), false, "H8", ""),
            numeric("IF(H8<=5,\"Đạt\",\"Không đạt\")"));
}

TEST(Formulas, ExactAndLevel) {
  auto expected = numeric("IF(H8<100,\"Không đạt\",\"Đạt\")");
  EXPECT_EQ(assessment_formula(target(TargetKind::Exact, 100), false, "H8", ""), expected);
  EXPECT_EQ(assessment_formula(target(TargetKind::Level, 2), false, "H8", ""),
            numeric("IF(H8<2,\"Không đạt\",\"Đạt\")"));
}

TEST(Formulas, RangeExceededAboveTheTop) {
  EXPECT_EQ(assessment_formula(target(TargetKind::Range, 14, 15), false, "H8", ""),
            numeric("IF(H8<14,\"Không đạt\",IF(H8>15,\"Vượt\",\"Đạt\"))"));
}

TEST(Formulas, About) {
  EXPECT_EQ(assessment_formula(target(TargetKind::About, 76), false, "H8", ""),
            numeric("IF(ABS(H8-76)<=3.8,\"Đạt\",IF(H8>76,\"Vượt\",\"Không đạt\"))"));
}

TEST(Formulas, NoneLeftAcceptsAStatusToo) {
  EXPECT_EQ(assessment_formula(target(TargetKind::NoneLeft, std::nullopt), false, "H8", ""),
            "=IF(ISNUMBER(H8),IF(H8=0,\"Đạt\",\"Không đạt\"),IF(H8=\"\",\"Chưa có số liệu\"," + kByStatus + "))");
}

TEST(Formulas, MaintainAttainCompleteByStatus) {
  auto expected = "=IF(ISNUMBER(H8),\"Chưa đánh giá được\",IF(H8=\"\",\"Chưa có số liệu\"," + kByStatus + "))";
  for (auto kind : {TargetKind::Maintain, TargetKind::Attain, TargetKind::Complete})
    EXPECT_EQ(assessment_formula(target(kind, std::nullopt), false, "H8", ""), expected) << to_string(kind);
}

TEST(Formulas, DecreaseAgainstLastYear) {
  EXPECT_EQ(assessment_formula(target(TargetKind::Decrease, std::nullopt), true, "H8", "G8"),
            numeric("IF(ISNUMBER(G8),IF(H8<G8,\"Đạt\",\"Không đạt\"),\"Chưa đánh giá được\")"));
}

TEST(Formulas, GrowthRateAgainstLastYear) {
  EXPECT_EQ(assessment_formula(target(TargetKind::Increase, 10), true, "H8", "G8"),
            numeric("IF(ISNUMBER(G8),IF(G8<=0,\"Chưa đánh giá được\",IF((H8/G8-1)*100<10,\"Không đạt\",\"Đạt\")),"
                    "\"Chưa đánh giá được\")"));
  EXPECT_EQ(assessment_formula(target(TargetKind::Increase, std::nullopt), true, "H8", "G8"),
            numeric("IF(ISNUMBER(G8),IF(H8>G8,\"Đạt\",\"Không đạt\"),\"Chưa đánh giá được\")"));
}

TEST(Formulas, NoFormulaForWhatCannotBeJudged) {
  EXPECT_EQ(assessment_formula(target(TargetKind::Unparsed, std::nullopt), false, "H8", ""), "");
  EXPECT_EQ(assessment_formula(target(TargetKind::Empty, std::nullopt), false, "H8", ""), "");
  EXPECT_EQ(assessment_formula(target(TargetKind::AtLeast, std::nullopt), false, "H8", ""), "");  // no figure
  EXPECT_EQ(assessment_formula(target(TargetKind::Decrease, std::nullopt), true, "H8", ""), "");  // no last year
}
