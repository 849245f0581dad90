#include "read/legacy.hpp"

#include <utf8proc.h>

#include <cerrno>
#include <optional>

#include "core/codepage.hpp"
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

bool vni_font(const std::string& font) {
  return font.size() >= 4 && (font[0] == 'V' || font[0] == 'v') && (font[1] == 'N' || font[1] == 'n') &&
         (font[2] == 'I' || font[2] == 'i') && font[3] == '-';
}

// VNI Windows: what a modifier byte adds to the vowel before it, as combining marks
// (acute U+0301, grave U+0300, hook U+0309, tilde U+0303, dot below U+0323, circumflex
// U+0302, breve U+0306). Lower and upper case bytes mean the same.
const char32_t* vni_marks(unsigned char b, char32_t vowel) {
  switch (b | 0x20) {  // Ù->ù ...: Latin-1 upper and lower case differ by 0x20
    case 0xF9: return U"\u0301";
    case 0xF8: return U"\u0300";
    case 0xFB: return U"\u0309";
    case 0xF5: return U"\u0303";
    case 0xEF: return U"\u0323";
    case 0xE2: return U"\u0302";
    case 0xE1: return U"\u0302\u0301";
    case 0xE0: return U"\u0302\u0300";
    case 0xE5: return U"\u0302\u0309";
    case 0xE3: return U"\u0302\u0303";
    case 0xE4: return U"\u0302\u0323";
  }
  if (vowel == 'a' || vowel == 'A') switch (b | 0x20) {  // the breve is for a only
      case 0xEA: return U"\u0306";
      case 0xE9: return U"\u0306\u0301";
      case 0xE8: return U"\u0306\u0300";
      case 0xFA: return U"\u0306\u0309";
      case 0xFC: return U"\u0306\u0303";
      case 0xEB: return U"\u0306\u0323";
    }
  return nullptr;
}

// Letters VNI writes as one byte: ơ ư đ and the toned i and y.
const char32_t* vni_letter(unsigned char b) {
  switch (b) {
    case 0xF4: return U"\u01A1";  case 0xD4: return U"\u01A0";  // ơ Ơ
    case 0xF6: return U"\u01B0";  case 0xD6: return U"\u01AF";  // ư Ư
    case 0xF1: return U"\u0111";  case 0xD1: return U"\u0110";  // đ Đ
    case 0xED: return U"i\u0301"; case 0xCD: return U"I\u0301";
    case 0xEC: return U"i\u0300"; case 0xCC: return U"I\u0300";
    case 0xE6: return U"i\u0309"; case 0xC6: return U"I\u0309";
    case 0xF3: return U"i\u0303"; case 0xD3: return U"I\u0303";
    case 0xF2: return U"i\u0323"; case 0xD2: return U"I\u0323";
    case 0xEE: return U"y\u0323"; case 0xCE: return U"Y\u0323";
  }
  return nullptr;
}

bool vni_vowel(char32_t c);

// A vowel right before a VNI modifier byte ("aù", "eâ", "oï"): Unicode Vietnamese does not
// write that, VNI writes little else.
bool vni_definite(const std::string& bytes) {
  for (std::size_t i = 0; i + 1 < bytes.size(); ++i)
    if (vni_vowel((unsigned char)bytes[i]) && vni_marks((unsigned char)bytes[i + 1], (unsigned char)bytes[i])) return true;
  return false;
}

bool vni_vowel(char32_t c) {
  switch (c) {
    case 'a': case 'e': case 'o': case 'u': case 'y': case 'A': case 'E': case 'O': case 'U': case 'Y':
    case 0x01A1: case 0x01A0: case 0x01B0: case 0x01AF: return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> vni_to_unicode(const std::string& text) {
  auto bytes = as_bytes(text);
  if (!bytes) return std::nullopt;
  std::string out;
  char32_t last = 0;  // the last letter written, to attach modifiers to
  for (unsigned char b : *bytes) {
    if (const char32_t* marks = vni_vowel(last) ? vni_marks(b, last) : nullptr) {
      for (; *marks; ++marks) append_utf8(out, *marks);
      continue;
    }
    if (const char32_t* letter = vni_letter(b)) {
      for (const char32_t* p = letter; *p; ++p) append_utf8(out, *p);
      last = letter[0];
      continue;
    }
    append_utf8(out, char32_t(b));
    last = b;
  }
  nfc_in_place(out);
  return out;
}

std::optional<std::string> tcvn3_to_unicode(const std::string& text, bool capitals) {
  auto bytes = as_bytes(text);
  if (!bytes) return std::nullopt;
  static const CodepageEntry& tcvn3 = *codepage_by_name("tcvn3");
  std::size_t invalid = 0;
  std::string out = decode_codepage(*bytes, tcvn3, &invalid);
  if (invalid) return std::nullopt;
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

namespace {

bool tcvn3_cell(const StoredCell& c, bool no_fonts) {
  return tcvn3_font(c.font) || (no_fonts && looks_like_tcvn3(c.text));
}

// Whether a text cell may need converting: written in a legacy font, or (no fonts: CSV)
// looking like TCVN3.
bool candidate(const Cell& c, bool no_fonts) {
  if (c.type != CellType::Text) return false;
  std::string font(c.font);
  return vni_font(font) || tcvn3_font(font) || (no_fonts && looks_like_tcvn3(std::string(c.text)));
}

// One sheet's cells converted in place. A sheet is in a legacy encoding when one of its
// cells can only be read that way; then all its legacy-font text is, even words that would
// also read as Unicode ("Ghi chó" for "Ghi chú").
void convert_sheet(const std::string& sheet, std::vector<StoredCell>& cells, bool no_fonts,
                   std::vector<LegacyFinding>& out) {
  bool tcvn3 = false, vni = false;
  for (const auto& c : cells) {
    if (c.type != CellType::Text) continue;
    auto bytes = as_bytes(c.text);
    if (!bytes) continue;
    if (vni_font(c.font)) vni |= vni_definite(*bytes);
    else if (!plausible_unicode(*bytes)) tcvn3 |= tcvn3_cell(c, no_fonts);
  }
  for (auto [on, encoding] : {std::pair{tcvn3, "TCVN3"}, std::pair{vni, "VNI"}}) {
    if (!on) continue;
    LegacyFinding f{sheet, encoding, 0, {}};
    bool is_vni = std::string_view(encoding) == "VNI";
    for (auto& c : cells) {
      if (c.type != CellType::Text || (is_vni ? !vni_font(c.font) : !tcvn3_cell(c, no_fonts))) continue;
      auto converted = is_vni ? vni_to_unicode(c.text) : tcvn3_to_unicode(c.text, capitals_font(c.font));
      if (!converted || *converted == c.text) continue;
      c.text = *converted;
      if (f.example.size() < 12) f.example = c.text;
      ++f.cells;
    }
    if (f.cells) out.push_back(std::move(f));
  }
  // What is Unicode text now: a soft hyphen there is Word's, invisible, never a letter.
  for (auto& c : cells)
    if (c.type == CellType::Text && c.text.str().find("\xC2\xAD") != std::string::npos) {
      std::string text = c.text;
      drop_soft_hyphens(text);
      c.text = std::move(text);
    }
}

Cell view_of(const StoredCell& s) {
  Cell c;
  c.row = s.row;
  c.col = s.col;
  c.type = s.type;
  c.number = s.number;
  c.text = s.text;
  c.is_formula = s.is_formula;
  c.formula = s.formula;
  c.formula_without_value = s.formula_without_value;
  c.format_class = s.format_class;
  c.number_format = s.number_format;
  c.font = s.font;
  return c;
}

}  // namespace

std::vector<LegacyFinding> convert_legacy_text(Workbook& book) {
  std::vector<LegacyFinding> out;
  bool no_fonts = book.info.format == FileFormat::Csv;
  for (auto& sheet : book.sheets) convert_sheet(sheet.info.name, sheet.cells, no_fonts, out);
  return out;
}

Issue legacy_issue(const LegacyFinding& f) {
  Location where;
  where.sheet = f.sheet;
  return make_issue(IssueCode::LegacyEncoding, where,
                    {{"cells", std::to_string(f.cells)},
                     {"encoding", f.encoding},
                     {"font", f.encoding == "VNI" ? "VNI-*" : ".Vn*"},
                     {"example", f.example}});
}

void LegacyTextSink::begin_workbook(const WorkbookInfo& info) {
  no_fonts_ = info.format == FileFormat::Csv;
  inner_.begin_workbook(info);
}

void LegacyTextSink::begin_sheet(const SheetInfo& sheet) {
  sheet_ = sheet.name;
  held_.clear();
  holding_ = false;
  inner_.begin_sheet(sheet);
}

void LegacyTextSink::cell(const Cell& c) {
  // Cells pass straight through until the first that may be legacy text; from there on the
  // sheet is held (in order) until its end decides.
  if (!holding_ && !candidate(c, no_fonts_)) {
    // Never legacy text: a soft hyphen in it is Word's, invisible, never a letter.
    if (c.type != CellType::Text || c.text.find("\xC2\xAD") == std::string_view::npos) return inner_.cell(c);
    std::string text(c.text);
    drop_soft_hyphens(text);
    Cell clean = c;
    clean.text = text;
    return inner_.cell(clean);
  }
  holding_ = true;
  held_.emplace_back(c);
}

void LegacyTextSink::end_sheet() {
  if (holding_) {
    std::vector<LegacyFinding> found;
    convert_sheet(sheet_, held_, no_fonts_, found);
    for (const auto& c : held_) inner_.cell(view_of(c));
    for (const auto& f : found) inner_.issue(legacy_issue(f));
    held_.clear();
    holding_ = false;
  }
  inner_.end_sheet();
}

}  // namespace tonghop
