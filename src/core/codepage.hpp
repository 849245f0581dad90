// Legacy 8-bit encodings decoded by tables of our own (codepage_tables.inc, generated once
// from glibc's iconv by tools/make_codepage_tables.py): TCVN3 (.VnTime) and Windows-1258
// for Vietnamese text, and the code pages an Excel 5.0/95 workbook declares. No iconv, so
// Linux and Windows decode alike; UTF-16 is decoded here too.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tonghop {

struct CodepageEntry {
  const char* name;        // "tcvn3", "cp1258", ...
  const char* iconv_name;  // what glibc calls it (the tables' source; the tests' reference)
  int numbers[2];          // Windows code page numbers meaning it (0: none)
  const char16_t* table;   // 256 characters; 0xFFFF: the byte is not defined
};

// Every table, in the generator's order.
std::size_t codepage_count();
const CodepageEntry& codepage_at(std::size_t i);
// By name ("tcvn3", "cp1258") or Windows code page number; nullptr when there is no table.
const CodepageEntry* codepage_by_name(std::string_view name);
const CodepageEntry* codepage_by_number(int number);

// Bytes to UTF-8 in NFC (a base letter and the tone mark after it become one character, as
// Vietnamese Windows-1258 text is typed). A byte the encoding does not define becomes
// U+FFFD and is counted in *invalid.
std::string decode_codepage(std::string_view bytes, const CodepageEntry& cp, std::size_t* invalid = nullptr);

// UTF-16 to UTF-8; an unpaired surrogate or a last odd byte becomes U+FFFD, counted in
// *invalid.
std::string decode_utf16(std::string_view bytes, bool big_endian, std::size_t* invalid = nullptr);

}  // namespace tonghop
