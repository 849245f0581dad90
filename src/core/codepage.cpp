#include "core/codepage.hpp"

#include "core/text.hpp"

namespace tonghop {
namespace {

#include "core/codepage_tables.inc"

constexpr char16_t kUndefined = 0xFFFF;

}  // namespace

std::size_t codepage_count() { return sizeof kCodepages / sizeof kCodepages[0]; }
const CodepageEntry& codepage_at(std::size_t i) { return kCodepages[i]; }

const CodepageEntry* codepage_by_name(std::string_view name) {
  for (const auto& c : kCodepages)
    if (name == c.name) return &c;
  return nullptr;
}

const CodepageEntry* codepage_by_number(int number) {
  for (const auto& c : kCodepages)
    if (number != 0 && (c.numbers[0] == number || c.numbers[1] == number)) return &c;
  return nullptr;
}

std::string decode_codepage(std::string_view bytes, const CodepageEntry& cp, std::size_t* invalid) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  bool marks = false;
  for (unsigned char b : bytes) {
    char16_t c = cp.table[b];
    if (c == kUndefined) {
      if (invalid) ++*invalid;
      append_utf8(out, 0xFFFD);
      continue;
    }
    // Windows-1258's and TCVN3's tone marks (and other scripts' marks) come after their
    // letter: NFC composes them, as glibc's iconv did.
    marks = marks || c >= 0x0300;
    append_utf8(out, c);
  }
  if (marks) nfc_in_place(out);
  return out;
}

std::string decode_utf16(std::string_view bytes, bool big_endian, std::size_t* invalid) {
  std::string out;
  out.reserve(bytes.size());
  auto unit = [&](std::size_t i) {
    auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    return big_endian ? char32_t((a << 8) | b) : char32_t((b << 8) | a);
  };
  auto bad = [&] {
    if (invalid) ++*invalid;
    append_utf8(out, 0xFFFD);
  };
  std::size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    char32_t c = unit(i);
    if (c >= 0xD800 && c < 0xDC00 && i + 3 < bytes.size()) {
      char32_t lo = unit(i + 2);
      if (lo >= 0xDC00 && lo < 0xE000) {
        append_utf8(out, 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00));
        i += 2;
        continue;
      }
    }
    if (c >= 0xD800 && c < 0xE000) bad();
    else append_utf8(out, c);
  }
  if (i < bytes.size()) bad();
  return out;
}

}  // namespace tonghop
