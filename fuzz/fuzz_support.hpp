// Shared by the libFuzzer targets: the input as a file (the readers open paths), a zip
// package built from "@@@ part-name" sections, and the limits every target reads under.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "read/limits.hpp"

namespace tonghop::fuzz {

// Limits low enough that one execution stays fast and small, so that libFuzzer's own
// timeout and memory limit only fire on real hangs and leaks.
ReadLimits fuzz_limits();

// Writes the bytes to a file private to this process and returns its path (reused).
const std::string& write_input(const std::uint8_t* data, std::size_t size, std::string_view suffix);

// "@@@ xl/workbook.xml\n<workbook .../>\n@@@ xl/worksheets/sheet1.xml\n..." -> parts.
std::vector<std::pair<std::string, std::string>> split_parts(std::string_view input);

// A stored (uncompressed) zip of the parts, written to this process's file; returns its path.
const std::string& write_zip(const std::vector<std::pair<std::string, std::string>>& parts);

// Reads a zip package given either as raw bytes (starting "PK") or as "@@@" sections.
const std::string& package_path(const std::uint8_t* data, std::size_t size);

}  // namespace tonghop::fuzz
