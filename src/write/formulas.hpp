// The text of the formulas the consolidated workbook carries, built from cell references
// by plain functions (no workbook needed), so each can be tested on its own.
//
//   ratio_formula("H8", "F8");   // =IF(AND(ISNUMBER(H8),ISNUMBER(F8),F8<>0),ROUND(H8/F8*100,1),"")
#pragma once

#include <string>
#include <vector>

#include "plan/target.hpp"

namespace tonghop {

// The assessment words: the formulas' results and the cached values written with them.
inline constexpr const char* kMet = "Đạt";
inline constexpr const char* kExceeded = "Vượt";
inline constexpr const char* kNotMet = "Không đạt";
inline constexpr const char* kNoData = "Chưa có số liệu";
inline constexpr const char* kNotAssessable = "Chưa đánh giá được";

// 'Biểu 01' with inner apostrophes doubled.
std::string quote_sheet(const std::string& sheet);

// "=COUNTIF(range,"a")+COUNTIF(range,"b")": cells of a range holding any of the words.
std::string countifs(const std::string& range, const std::vector<const char*>& values);

// Actual over plan in percent, one decimal; "" when either is not a number or plan is 0.
std::string ratio_formula(const std::string& actual, const std::string& plan);

// The assessment of an actual value (cell a) against a target: kMet, kExceeded, kNotMet,
// kNoData for an empty cell, kNotAssessable for what cannot be judged. trend: judged
// against last year's value in cell previous. "" when no formula can judge the target
// (unparsed, empty, a trend without last year's column).
std::string assessment_formula(const Target& target, bool trend, const std::string& a, const std::string& previous);

}  // namespace tonghop
