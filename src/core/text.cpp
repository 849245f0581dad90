#include "core/text.hpp"

#include <utf8proc.h>

#include <array>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <vector>

namespace tonghop {

namespace {
// Calls accept(code point) for every non-ASCII code point while it returns true; false
// when accept refused one or the UTF-8 is invalid. ASCII is skipped without a call.
template <typename Accept>
bool all_non_ascii(std::string_view s, Accept accept) {
  std::size_t i = 0;
  while (i < s.size()) {
    if ((unsigned char)s[i] < 0x80) {
      ++i;
      continue;
    }
    utf8proc_int32_t cp;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                              utf8proc_ssize_t(s.size() - i), &cp);
    if (n <= 0 || !accept(char32_t(cp))) return false;
    i += std::size_t(n);
  }
  return true;
}
}  // namespace

std::size_t code_point_count(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

std::string utf8_prefix(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  std::size_t end = max_bytes;
  // Back to the start of the character that would be cut.
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end));
}

bool is_valid_utf8(std::string_view s) {
  return all_non_ascii(s, [](char32_t) { return true; });
}

void append_utf8(std::string& out, char32_t cp) {
  if (!utf8proc_codepoint_valid(utf8proc_int32_t(cp))) cp = 0xFFFD;
  utf8proc_uint8_t buf[4];
  auto n = utf8proc_encode_char(utf8proc_int32_t(cp), buf);
  out.append(reinterpret_cast<const char*>(buf), std::size_t(n));
}

namespace {
// One pass over UTF-8 with a code point mapping (invalid bytes become U+FFFD).
template <typename Map>
std::string map_code_points(std::string_view s, Map map) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    utf8proc_int32_t cp;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                              utf8proc_ssize_t(s.size() - i), &cp);
    if (n <= 0) {
      append_utf8(out, 0xFFFD);
      ++i;
      continue;
    }
    append_utf8(out, char32_t(map(cp)));
    i += std::size_t(n);
  }
  return out;
}

// Invalid bytes as U+FFFD, everything else as it was.
std::string repair_utf8(std::string_view s) {
  return map_code_points(s, [](utf8proc_int32_t cp) { return cp; });
}
}  // namespace

namespace {
// True when every code point is one NFC leaves as it is without looking at its
// neighbours: below U+0300 (no combining marks there), precomposed Latin Extended
// Additional (all of Vietnamese), and general punctuation and currency signs (U+2000 and
// U+2001 excepted: they decompose). Text Excel writes is nearly always of this kind, so
// the full normalisation runs only for the rest. Invalid UTF-8 answers false.
bool quick_nfc(std::string_view s) {
  return all_non_ascii(s, [](char32_t cp) {
    return cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2010 && cp <= 0x206F) ||
           (cp >= 0x20A0 && cp <= 0x20CF);
  });
}
}  // namespace

void nfc_in_place(std::string& s) {
  if (quick_nfc(s)) return;
  if (!is_valid_utf8(s)) s = repair_utf8(s);
  utf8proc_uint8_t* out = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                        utf8proc_ssize_t(s.size()), &out, utf8proc_option_t(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0) return;
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> guard(out, &std::free);
  s.assign(reinterpret_cast<const char*>(out), std::size_t(n));
}

void clean_text_in_place(std::string& s) {
  // Every character handled here is U+00A0 (C2 A0), U+2007..U+2060 (E2 80/81 xx)
  // or U+FEFF (EF BB BF): text without those lead bytes is left alone.
  if (s.find_first_of("\xC2\xE2\xEF") != std::string::npos) {
    std::string out;
    out.reserve(s.size());
    bool changed = false;
    for (std::size_t i = 0; i < s.size();) {
      auto b = [&](std::size_t k) { return i + k < s.size() ? (unsigned char)s[i + k] : 0u; };
      unsigned c0 = b(0), c1 = b(1), c2 = b(2);
      if (c0 == 0xC2 && c1 == 0xA0) {  // no-break space
        out += ' ';
        i += 2, changed = true;
        continue;
      }
      if (c0 == 0xE2 && c1 == 0x80 && (c2 == 0x87 || c2 == 0xAF)) {  // figure, narrow no-break space
        out += ' ';
        i += 3, changed = true;
        continue;
      }
      if ((c0 == 0xE2 && c1 == 0x80 && c2 >= 0x8B && c2 <= 0x8D) ||  // zero-width space, (non-)joiner
          (c0 == 0xE2 && c1 == 0x81 && c2 == 0xA0) ||                 // word joiner
          (c0 == 0xEF && c1 == 0xBB && c2 == 0xBF)) {                 // byte-order mark
        i += 3, changed = true;
        continue;
      }
      out += s[i++];
    }
    if (changed) s.swap(out);
  }
  nfc_in_place(s);
}

bool drop_soft_hyphens(std::string& s) {
  auto p = s.find("\xC2\xAD");
  if (p == std::string::npos) return false;
  std::string out = s.substr(0, p);
  for (std::size_t i = p; i < s.size();) {
    if (s.compare(i, 2, "\xC2\xAD") == 0) i += 2;
    else out += s[i++];
  }
  s.swap(out);
  return true;
}

std::string nfc(std::string_view s) {
  std::string out(s);
  nfc_in_place(out);
  return out;
}

bool has_unknown_symbol(std::string_view s) {
  static constexpr std::string_view kAscii = "%,.-/():;+~<>=\"'* \t\r\n";
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = (unsigned char)s[i];
    if (c < 0x80) {
      if (!std::isalnum(c) && kAscii.find(char(c)) == std::string_view::npos) return true;
      ++i;
      continue;
    }
    utf8proc_int32_t cp;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                              utf8proc_ssize_t(s.size() - i), &cp);
    if (n <= 0) return true;
    i += std::size_t(n);
    auto cat = utf8proc_category(cp);
    bool letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME;
    bool sign = cp == 0x2264 || cp == 0x2265 || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 ||
                cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == 0x2026;
    if (!letter && !sign) return true;
  }
  return false;
}

std::string lower(std::string_view s) { return map_code_points(s, utf8proc_tolower); }
std::string upper(std::string_view s) { return map_code_points(s, utf8proc_toupper); }

LetterCase letter_case(std::string_view s) {
  LetterCase out;
  std::size_t i = 0;
  while (i < s.size()) {
    utf8proc_int32_t cp;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                              utf8proc_ssize_t(s.size() - i), &cp);
    if (n <= 0) {  // upper() writes U+FFFD for the byte (lower() too): not s, no case
      out.all_upper = false;
      ++i;
      continue;
    }
    auto up = utf8proc_toupper(cp);
    out.cased |= up != utf8proc_tolower(cp);
    out.all_upper &= up == cp;
    i += std::size_t(n);
  }
  return out;
}

namespace {

// Decompose, case-fold and drop combining marks, through utf8proc.
std::string fold_chars(std::string_view s) {
  utf8proc_uint8_t* mapped = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), utf8proc_ssize_t(s.size()), &mapped,
                        utf8proc_option_t(UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                                          UTF8PROC_STRIPMARK));
  if (n < 0) return lower(s);
  std::string out(reinterpret_cast<const char*>(mapped), std::size_t(n));
  std::free(mapped);
  return out;
}

// Folded text (fold_chars) with the few code points fold_key treats alike written as
// those: đ as "d", the dashes as "-", a no-break space as a space.
void append_mapped(std::string& out, std::string_view folded) {
  std::size_t i = 0;
  while (i < folded.size()) {
    utf8proc_int32_t cp;
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(folded.data() + i),
                              utf8proc_ssize_t(folded.size() - i), &cp);
    if (n <= 0) {  // fold_chars gives valid UTF-8; skipped as fold_key skips invalid bytes
      ++i;
      continue;
    }
    i += std::size_t(n);
    if (cp == 0x0111 || cp == 0x0110) cp = 'd';  // đ has no decomposition
    else if ((cp >= 0x2010 && cp <= 0x2014) || cp == 0x2212) cp = '-';
    else if (cp == 0xA0) cp = ' ';
    append_utf8(out, char32_t(cp));
  }
}

// Every code point below U+2070 (Latin, Vietnamese, combining marks, general punctuation)
// folded and mapped once: labels and names are folded for every row of every report.
constexpr char32_t kFoldTable = 0x2070;
const std::vector<std::string>& fold_table() {
  static const std::vector<std::string> table = [] {
    std::vector<std::string> t(kFoldTable);
    for (char32_t cp = 0; cp < kFoldTable; ++cp) {
      if (cp >= 0xD800 && cp < 0xE000) continue;  // never decoded
      std::string one;
      append_utf8(one, cp);
      append_mapped(t[cp], fold_chars(one));
    }
    return t;
  }();
  return table;
}

// What fold_key keeps of ASCII: 1 a letter or digit (upper case lowered), 2 "-" and "/"
// (no spaces around them), 3 "%", "," and "."; 0 anything else (white space included),
// which separates words.
constexpr std::array<char, 128> kAsciiFold = [] {
  std::array<char, 128> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[std::size_t(c)] = char(c), t[std::size_t(c - 'a' + 'A')] = char(c);
  for (int c = '0'; c <= '9'; ++c) t[std::size_t(c)] = char(c);
  for (char c : {'-', '/', '%', ',', '.'}) t[std::size_t(c)] = c;
  return t;
}();

// The output side of fold_key: folded bytes in, words joined by one space, none around
// "-" and "/", none at either end.
class KeyBuilder {
 public:
  explicit KeyBuilder(std::string& out) : out_(out) {}
  void put(unsigned char b) {
    if (b >= 0x80) {
      if (b >= 0xC0) start_char();  // a lead byte: a letter or sign kept whole
      out_ += char(b);
      return;
    }
    char k = kAsciiFold[b];
    if (!k) {
      space_ = true;
      return;
    }
    if (k == '-' || k == '/') {
      out_ += k;
      space_ = false;
      return;
    }
    start_char();
    out_ += k;
  }
  void put(std::string_view bytes) {
    for (char c : bytes) put((unsigned char)c);
  }

 private:
  void start_char() {
    if (space_ && !out_.empty() && out_.back() != '-' && out_.back() != '/') out_ += ' ';
    space_ = false;
  }
  std::string& out_;
  bool space_ = false;
};

// The code point at s[i] (not ASCII) and its length, as utf8proc_iterate decodes it (a
// length <= 0 for invalid UTF-8); two- and three-byte characters, all of Vietnamese,
// without a library call.
utf8proc_ssize_t decode_utf8(std::string_view s, std::size_t i, utf8proc_int32_t& cp) {
  auto at = [&](std::size_t k) { return (unsigned char)s[i + k]; };
  auto cont = [](unsigned char b) { return (b & 0xC0) == 0x80; };
  unsigned char lead = at(0);
  if (lead >= 0xC2 && lead < 0xE0 && i + 1 < s.size()) {
    if (!cont(at(1))) return -1;
    cp = ((lead & 0x1F) << 6) | (at(1) & 0x3F);
    return 2;
  }
  if (lead >= 0xE0 && lead < 0xF0 && i + 2 < s.size()) {
    if (!cont(at(1)) || !cont(at(2)) || (lead == 0xED && at(1) > 0x9F)) return -1;
    cp = ((lead & 0x0F) << 12) | ((at(1) & 0x3F) << 6) | (at(2) & 0x3F);
    return cp < 0x800 ? -1 : 3;
  }
  return utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i), utf8proc_ssize_t(s.size() - i), &cp);
}

}  // namespace

std::string fold_key(std::string_view s) {
  std::string out;
  fold_key(s, out);
  return out;
}

void fold_key(std::string_view s, std::string& out) {
  const auto& table = fold_table();
  out.clear();
  out.reserve(s.size());
  KeyBuilder key(out);
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = (unsigned char)s[i];
    if (c < 0x80) {
      key.put(c);
      ++i;
      continue;
    }
    utf8proc_int32_t cp;
    auto n = decode_utf8(s, i, cp);
    if (n <= 0) {
      ++i;
      continue;
    }
    if (char32_t(cp) < kFoldTable) {
      key.put(table[std::size_t(cp)]);
    } else {
      std::string mapped;
      append_mapped(mapped, fold_chars(s.substr(i, std::size_t(n))));
      key.put(mapped);
    }
    i += std::size_t(n);
  }
}

void unescape_ooxml(std::string& s) {
  auto pos = s.find("_x");
  if (pos == std::string::npos) return;
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '_' && i + 6 < s.size() + 0 && s[i + 1] == 'x' && s[i + 6] == '_') {
      int a = hex(s[i + 2]), b = hex(s[i + 3]), c = hex(s[i + 4]), d = hex(s[i + 5]);
      if (a >= 0 && b >= 0 && c >= 0 && d >= 0) {
        append_utf8(out, char32_t((a << 12) | (b << 8) | (c << 4) | d));
        i += 7;
        continue;
      }
    }
    out += s[i++];
  }
  s.swap(out);
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

}  // namespace tonghop
