#include "recognise/legacy.hpp"

#include <iconv.h>
#include <utf8proc.h>

#include <cerrno>
#include <optional>

#include "core/text.hpp"

namespace tonghop {
namespace {

// UTF-8 text whose code points are all below U+0100, back to the bytes they stand for.
std::optional<std::string> as_bytes(const std::string& text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    utf8proc_int32_t cp;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                              utf8proc_ssize_t(text.size() - i), &cp);
    if (n <= 0 || cp > 0xFF) return std::nullopt;
    out += char(cp);
    i += std::size_t(n);
  }
  return out;
}

std::string upper(const std::string& s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    utf8proc_int32_t cp;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                              utf8proc_ssize_t(s.size() - i), &cp);
    if (n <= 0) break;
    append_utf8(out, char32_t(utf8proc_toupper(cp)));
    i += std::size_t(n);
  }
  return out;
}

bool tcvn3_font(const std::string& font) {
  return font.size() >= 3 && font[0] == '.' && (font[1] == 'V' || font[1] == 'v') && (font[2] == 'n' || font[2] == 'N');
}

// .VnTimeH, .VnArialH ...: the capitals fonts.
bool capitals_font(const std::string& font) { return tcvn3_font(font) && !font.empty() && font.back() == 'H'; }

// Text whose every non-ASCII character is a letter Vietnamese has in Latin-1 (à á â ã è é
// ê ì í ò ó ô õ ù ú ý and capitals) reads as Unicode already ("dòng", "Tháng"), whatever
// the font says: someone typed Unicode into an old .VnTime template.
bool plausible_unicode(const std::string& bytes) {
  static const std::string letters = "\xC0\xC1\xC2\xC3\xC8\xC9\xCA\xCC\xCD\xD2\xD3\xD4\xD5\xD9\xDA\xDD"
                                     "\xE0\xE1\xE2\xE3\xE8\xE9\xEA\xEC\xED\xF2\xF3\xF4\xF5\xF9\xFA\xFD";
  for (unsigned char c : bytes)
    if (c >= 0x80 && letters.find(char(c)) == std::string::npos) return false;
  return true;
}

}  // namespace

std::optional<std::string> tcvn3_to_unicode(const std::string& text, bool capitals) {
  auto bytes = as_bytes(text);
  if (!bytes) return std::nullopt;
  iconv_t cd = iconv_open("UTF-8", "TCVN5712-1");
  if (cd == iconv_t(-1)) return std::nullopt;
  std::string out(bytes->size() * 4 + 8, '\0');
  char* src = bytes->data();
  std::size_t src_left = bytes->size(), dst_left = out.size();
  char* dst = out.data();
  bool ok = iconv(cd, &src, &src_left, &dst, &dst_left) != std::size_t(-1);
  iconv(cd, nullptr, nullptr, &dst, &dst_left);
  iconv_close(cd);
  if (!ok) return std::nullopt;
  out.resize(std::size_t(dst - out.data()));
  nfc_in_place(out);
  return capitals ? upper(out) : out;
}

bool looks_like_tcvn3(const std::string& text) {
  auto bytes = as_bytes(text);
  if (!bytes) return false;
  // Tone-marked a/e/o/u and ơ/ư/đ in TCVN3 sit at bytes that Latin-1 text uses for
  // symbols (¸ µ ¶ · ¹ ¨ © « ­ ® ¬ Ò ×) rarely found in Vietnamese reports.
  std::size_t marks = 0, letters = 0;
  for (unsigned char c : *bytes) {
    if (c >= 0xA1) ++marks;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++letters;
  }
  return marks >= 2 && letters >= marks;
}

std::vector<LegacyFinding> convert_legacy_text(Workbook& book) {
  std::vector<LegacyFinding> out;
  bool no_fonts = book.info.format == FileFormat::Csv;
  for (auto& sheet : book.sheets) {
    // A sheet is TCVN3 when one of its cells can only be TCVN3; then all its legacy-font
    // text is, even words that would also read as Unicode ("Ghi chó" for "Ghi chú").
    bool sheet_is_tcvn3 = false;
    for (const auto& c : sheet.cells) {
      if (c.type != CellType::Text) continue;
      bool candidate = tcvn3_font(c.font) || (no_fonts && looks_like_tcvn3(c.text));
      auto bytes = candidate ? as_bytes(c.text) : std::nullopt;
      if (bytes && !plausible_unicode(*bytes)) {
        sheet_is_tcvn3 = true;
        break;
      }
    }
    if (!sheet_is_tcvn3) continue;
    LegacyFinding f{sheet.info.name, "TCVN3", 0, {}};
    for (auto& c : sheet.cells) {
      if (c.type != CellType::Text) continue;
      if (!tcvn3_font(c.font) && !(no_fonts && looks_like_tcvn3(c.text))) continue;
      auto converted = tcvn3_to_unicode(c.text, capitals_font(c.font));
      if (!converted || *converted == c.text) continue;
      c.text = *converted;
      if (f.example.size() < 12) f.example = c.text;
      ++f.cells;
    }
    if (f.cells) out.push_back(std::move(f));
  }
  return out;
}

}  // namespace tonghop
