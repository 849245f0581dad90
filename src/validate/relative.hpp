// A sub-row written relative to its parent or to the sibling above it, naming only what
// differs: "Trong đó: khu vực nông thôn" under "Tỷ lệ hộ dùng nước sạch", or "mức độ 3" after
// "Trường đạt chuẩn quốc gia mức độ 2". Its readings are the full names it stands for, to be
// matched like any written name.
//
//   relative_readings("mức độ 3", "Trường đạt chuẩn quốc gia mức độ 2", "")
//     // {"Trường đạt chuẩn quốc gia mức độ 3"}
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tonghop {

// `previous`: the plan name of the item the row above took ("" if none); `parent`: the plan
// name of the item the row belongs under ("" if none).
std::vector<std::string> relative_readings(std::string_view written, std::string_view previous, std::string_view parent);

}  // namespace tonghop
