#include "read/limits.hpp"

#include <charconv>

#include "core/issue.hpp"

namespace tonghop {

const std::vector<LimitDescription>& limit_descriptions() {
  static const std::vector<LimitDescription> d = {
      {"file-size", &ReadLimits::file_bytes, "kích thước tệp (byte)", "file size (bytes)"},
      {"zip-entries", &ReadLimits::zip_entries, "số phần trong gói zip",
       "parts in the zip package"},
      {"unzipped-size", &ReadLimits::unzipped_bytes, "dung lượng sau giải nén (byte)",
       "unzipped size (bytes)"},
      {"zip-ratio", &ReadLimits::zip_ratio, "tỷ lệ nén của một phần",
       "compression ratio of a part"},
      {"cells", &ReadLimits::cells, "số ô có dữ liệu", "non-empty cells"},
      {"sheets", &ReadLimits::sheets, "số trang tính", "sheets"},
      {"text-size", &ReadLimits::text_bytes, "dung lượng chữ (byte)", "text size (bytes)"},
      {"convert-seconds", &ReadLimits::convert_seconds, "thời gian chuyển đổi bằng LibreOffice (giây)",
       "time for a LibreOffice conversion (seconds)"},
      {"read-seconds", &ReadLimits::read_seconds, "thời gian đọc một tệp (giây)", "time to read one file (seconds)"},
      {"read-memory", &ReadLimits::read_memory, "bộ nhớ để đọc một tệp (byte)", "memory to read one file (bytes)"},
  };
  return d;
}

std::optional<std::string> set_limit(ReadLimits& limits, std::string_view assignment) {
  auto eq = assignment.find('=');
  if (eq == std::string_view::npos)
    return "expected KEY=VALUE, got '" + std::string(assignment) + "'";
  auto key = assignment.substr(0, eq);
  auto value = assignment.substr(eq + 1);
  std::uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || ptr != value.data() + value.size() || v == 0)
    return "limit '" + std::string(key) + "' needs a positive whole number, got '" +
           std::string(value) + "'";
  for (const auto& d : limit_descriptions())
    if (d.key == key) {
      limits.*d.field = v;
      return std::nullopt;
    }
  std::string keys;
  for (const auto& d : limit_descriptions()) keys += (keys.empty() ? "" : ", ") + std::string(d.key);
  return "unknown limit '" + std::string(key) + "' (known: " + keys + ")";
}

void GuardedSink::begin_sheet(const SheetInfo& sheet) {
  if (++sheets_ > limits_.sheets)
    throw_limit("sheets", limits_.sheets, Text("quá nhiều trang tính", "too many sheets"));
  inner_.begin_sheet(sheet);
}

void GuardedSink::cell(const Cell& c) {
  if (c.row >= kMaxRows || c.col >= kMaxCols)
    throw_unreadable(Text("ô nằm ngoài lưới bảng tính (hàng " + std::to_string(c.row + 1ull) +
                              ", cột " + std::to_string(c.col + 1ull) + ")",
                          "a cell lies outside the spreadsheet grid (row " +
                              std::to_string(c.row + 1ull) + ", column " +
                              std::to_string(c.col + 1ull) + ")"));
  if (++cells_ > limits_.cells)
    throw_limit("cells", limits_.cells,
                Text("quá nhiều ô có dữ liệu", "too many non-empty cells"));
  inner_.cell(c);
}

}  // namespace tonghop
