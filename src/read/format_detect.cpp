#include "read/format_detect.hpp"

#include <fstream>

#include "core/issue.hpp"

namespace tonghop {
namespace {

bool contains_nocase(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && (hay[i + k] | 0x20) == (needle[k] | 0x20)) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

}  // namespace

std::string_view to_string(Container c) {
  switch (c) {
    case Container::Empty: return "empty";
    case Container::Zip: return "zip";
    case Container::Cfb: return "cfb";
    case Container::RawBiff: return "biff";
    case Container::SpreadsheetML: return "spreadsheetml";
    case Container::FlatOds: return "fods";
    case Container::Html: return "html";
    case Container::Text: return "text";
    case Container::Binary: return "binary";
  }
  return "binary";
}

Container sniff(std::string_view h) {
  if (h.empty()) return Container::Empty;
  if (h.substr(0, 2) == "PK" && h.size() >= 4 &&
      ((h[2] == 3 && h[3] == 4) || (h[2] == 5 && h[3] == 6) || (h[2] == 7 && h[3] == 8)))
    return Container::Zip;
  if (h.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
    return Container::Cfb;
  // BOF record of a raw BIFF stream: 09 00|02|04|08, then a small length.
  if (h.size() >= 4 && h[0] == 0x09 && (h[1] == 0x00 || h[1] == 0x02 || h[1] == 0x04 || h[1] == 0x08) &&
      (unsigned char)h[2] <= 0x20 && h[3] == 0)
    return Container::RawBiff;
  std::string_view body = h;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  auto first = body.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && body[first] == '<') {
    if (contains_nocase(body, "urn:schemas-microsoft-com:office:spreadsheet"))
      return Container::SpreadsheetML;
    if (contains_nocase(body, "urn:oasis:names:tc:opendocument")) return Container::FlatOds;
    if (contains_nocase(body, "<html") || contains_nocase(body, "<table") ||
        contains_nocase(body, "<!doctype html"))
      return Container::Html;
  }
  // UTF-16 text has many NULs; other binary data has NULs and control bytes.
  if (h.size() >= 2 && ((h[0] == '\xFF' && h[1] == '\xFE') || (h[0] == '\xFE' && h[1] == '\xFF')))
    return Container::Text;
  std::size_t nul_even = 0, nul_odd = 0, control = 0;
  for (std::size_t i = 0; i < h.size(); ++i) {
    auto c = (unsigned char)h[i];
    if (c == 0) (i % 2 ? nul_odd : nul_even)++;
    else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1A) ++control;
  }
  bool utf16 = (nul_odd > h.size() / 4 && nul_even == 0) || (nul_even > h.size() / 4 && nul_odd == 0);
  if (utf16 && control == 0) return Container::Text;
  if (nul_even + nul_odd > 0 || control > h.size() / 100 + 1) return Container::Binary;
  return Container::Text;
}

Container sniff_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw_unreadable(Text("không mở được tệp", "the file cannot be opened"));
  std::string head(8192, '\0');
  in.read(head.data(), std::streamsize(head.size()));
  head.resize(std::size_t(in.gcount()));
  return sniff(head);
}

}  // namespace tonghop
