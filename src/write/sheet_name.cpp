#include "write/sheet_name.hpp"

#include "core/text.hpp"

namespace tonghop {
namespace {

constexpr std::size_t kMaxChars = 31;
constexpr std::string_view kForbidden = "[]:*?/\\";

// The first n characters of valid UTF-8 text.
std::string prefix_chars(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t count = 0; i < s.size() && count < n; ++count) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return std::string(s.substr(0, i));
}

}  // namespace

std::string sheet_name_problem(std::string_view name, bool en) {
  if (name.empty()) return en ? "a sheet name cannot be empty" : "tên trang tính không được để trống";
  if (!is_valid_utf8(name)) return en ? "the sheet name is not valid UTF-8 text" : "tên trang tính không phải văn bản UTF-8 hợp lệ";
  auto n = code_point_count(name);
  if (n > kMaxChars)
    return en ? "sheet name '" + std::string(name) + "' has " + std::to_string(n) + " characters; Excel allows 31"
              : "tên trang tính '" + std::string(name) + "' dài " + std::to_string(n) + " ký tự; Excel cho phép tối đa 31";
  if (auto at = name.find_first_of(kForbidden); at != std::string_view::npos)
    return en ? "sheet name '" + std::string(name) + "' contains '" + name[at] + "', which Excel forbids ([]:*?/\\)"
              : "tên trang tính '" + std::string(name) + "' có ký tự '" + name[at] + "' Excel không cho phép ([]:*?/\\)";
  if (name.front() == '\'' || name.back() == '\'')
    return en ? "sheet name '" + std::string(name) + "' cannot begin or end with an apostrophe"
              : "tên trang tính '" + std::string(name) + "' không được bắt đầu hay kết thúc bằng dấu nháy đơn";
  if (sheet_name_key(name) == "history")
    return en ? "'History' is a name Excel keeps for itself" : "'History' là tên Excel dành riêng";
  return {};
}

std::string sheet_name_key(std::string_view name) { return lower(nfc(name)); }

std::string unique_sheet_name(const std::string& wanted, std::set<std::string>& used) {
  std::string base;
  for (char c : nfc(wanted)) base += (kForbidden.find(c) == std::string_view::npos && c != '\'') ? c : '_';
  std::string name = prefix_chars(base, kMaxChars);
  if (sheet_name_key(name) == "history") name += "_";
  for (int k = 2; name.empty() || used.count(sheet_name_key(name)); ++k) {
    std::string suffix = " (" + std::to_string(k) + ")";
    name = prefix_chars(base, kMaxChars - suffix.size()) + suffix;
  }
  used.insert(sheet_name_key(name));
  return name;
}

}  // namespace tonghop
