// The fuzz targets by name: "xlsx", "ods", "docx", "xls", "csv" (the readers), "cfb" (the .xls
// compound-file container alone), "target",
// "timeframe" (the plan's grammars), "vn_number", "table" (header recognition).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace tonghop::fuzz {

const std::vector<std::string_view>& target_names();
// Runs one input through the named target; false for an unknown name. A finding is a
// crash, a sanitizer report, an abort or an exception other than InputError.
bool run_target(std::string_view name, const std::uint8_t* data, std::size_t size);

}  // namespace tonghop::fuzz
