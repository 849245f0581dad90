// Rows of a report table that are not plan items and match none: group headings, totals,
// the prose paragraphs under a table, "Người lập biểu", a signature, a signer's name. They
// are neither matched nor each reported (the check gives one info per block of them).
//
//   if (!matched && is_non_item("Người lập biểu", false)) ...   // true
#pragma once

#include <string_view>

namespace tonghop {

// `has_value`: the row has something in its value columns (a number or a status). A row
// with a value is a report of something and stays an unknown item.
bool is_non_item(std::string_view written, bool has_value);

}  // namespace tonghop
