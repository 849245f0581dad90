#include "read/format_detect.hpp"

#include <fstream>

#include "core/issue.hpp"
#include "core/platform.hpp"

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

Container sniff_file(const std::string& path, std::string* head_out) {
  std::ifstream in(platform::path_from_utf8(path), std::ios::binary);
  if (!in) throw_unreadable(Text("không mở được tệp", "the file cannot be opened"));
  std::string head(8192, '\0');
  in.read(head.data(), std::streamsize(head.size()));
  head.resize(std::size_t(in.gcount()));
  auto c = sniff(head);
  if (head_out) *head_out = std::move(head);
  return c;
}

std::optional<Text> foreign_document(std::string_view h) {
  using namespace std::literals;
  auto starts = [&](std::string_view magic) { return h.substr(0, magic.size()) == magic; };
  std::string_view body = h.substr(0, 1024);
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  // "%PDF-" may follow a little junk (some printers and mail gateways prepend bytes).
  if (body.find("%PDF-") != std::string_view::npos)
    return Text("tệp PDF (bản in hay bản ký của báo cáo)",
                "a PDF file (a printed or signed copy of the report)");
  if (starts("\x89PNG\r\n\x1A\n")) return Text("ảnh PNG", "a PNG image");
  if (starts("\xFF\xD8\xFF")) return Text("ảnh JPEG (ảnh chụp)", "a JPEG image (a photo)");
  if (starts("GIF87a") || starts("GIF89a")) return Text("ảnh GIF", "a GIF image");
  if (starts("II*\0"sv) || starts("MM\0*"sv)) return Text("ảnh TIFF (bản quét)", "a TIFF image (a scan)");
  if (starts("BM") && h.size() >= 26 && h[14] >= 12 && h[15] == 0 && h[16] == 0 && h[17] == 0)
    return Text("ảnh BMP", "a BMP image");
  if (starts("RIFF") && h.size() >= 12 && h.substr(8, 4) == "WEBP") return Text("ảnh WebP", "a WebP image");
  if (h.size() >= 12 && h.substr(4, 4) == "ftyp") {
    auto brand = h.substr(8, 4);
    if (brand == "heic" || brand == "heix" || brand == "mif1" || brand == "msf1")
      return Text("ảnh HEIC (ảnh chụp bằng điện thoại)", "a HEIC image (a phone photo)");
    return Text("tệp video", "a video file");
  }
  if (starts("{\\rtf")) return Text("văn bản RTF", "an RTF document");
  if (starts("Rar!\x1A\x07")) return Text("tệp nén RAR", "a RAR archive");
  if (starts("7z\xBC\xAF\x27\x1C")) return Text("tệp nén 7-Zip", "a 7-Zip archive");
  if (starts("\x1F\x8B")) return Text("tệp nén gzip", "a gzip archive");
  return std::nullopt;
}

bool html_has_table(const std::string& path) {
  std::ifstream in(platform::path_from_utf8(path), std::ios::binary);
  std::string buf(1 << 16, '\0'), carry;
  while (in) {
    in.read(buf.data(), std::streamsize(buf.size()));
    auto n = std::size_t(in.gcount());
    if (n == 0) break;
    // Keep the end of the previous chunk so a tag split between chunks is still found.
    std::string window = carry + buf.substr(0, n);
    if (contains_nocase(window, "<table")) return true;
    carry = window.substr(window.size() > 5 ? window.size() - 5 : 0);
  }
  return false;
}

}  // namespace tonghop
