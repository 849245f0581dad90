// Unicode text helpers shared by every stage.
#pragma once

#include <string>
#include <vector>
#include <string_view>

namespace tonghop {

// True when s is well-formed UTF-8.
bool is_valid_utf8(std::string_view s);

// NFC-normalises s in place. Invalid UTF-8 bytes are replaced by U+FFFD first, so the
// result is always valid UTF-8. Pure ASCII is left untouched without allocating.
void nfc_in_place(std::string& s);
std::string nfc(std::string_view s);

// What every reader does to text as it enters (cell text, sheet names): no-break and
// figure spaces become plain spaces; zero-width characters and byte-order marks are
// removed (Word and PDF converters leave them inside numbers and names); then NFC. Done
// once here, so no later grammar meets them. Soft hyphens (U+00AD) stay: in text typed in
// TCVN3 that byte is the letter "ư"; the legacy-text sink (src/read/legacy) drops them
// from the text that is not legacy, right after reading.
void clean_text_in_place(std::string& s);
// Removes soft hyphens (U+00AD); true when there were any.
bool drop_soft_hyphens(std::string& s);

// Characters (code points) in UTF-8 text: what a column width counts.
std::size_t code_point_count(std::string_view s);
// The words of s between spaces, tabs and line breaks.
// Example: split_words(" Trong đó:  nông thôn") == {"Trong", "đó:", "nông", "thôn"}
std::vector<std::string> split_words(std::string_view s);

// s cut to at most max_bytes without splitting a character.
std::string utf8_prefix(std::string_view s, std::size_t max_bytes);

// Appends the UTF-8 encoding of a code point (U+FFFD for invalid ones).
void append_utf8(std::string& out, char32_t cp);

// A key for comparing Vietnamese labels and names as people mean them: lower case,
// diacritics removed (đ -> d), so "hoá"/"hóa" and "Văn hóa"/"Van hoa" agree; dashes of
// any kind as "-" with no spaces around them; punctuation other than "-", "/", "%", ","
// and "." dropped; runs of white space as one space.
//   fold_key("Phòng VH- XH") == "phong vh-xh"
std::string fold_key(std::string_view s);
// The same into `out` (its text replaced, its capacity kept: folding row after row); s
// must not point into out.
void fold_key(std::string_view s, std::string& out);

// True when s holds a character the grammars of targets, timeframes and values do not
// know: anything but letters (with their marks), digits, white space and the signs these
// cells use (% , . - – / ( ) : ; + ~ ≥ ≤ > < = " ' “ ”). "?95%" (a "≥" lost to an encoding)
// answers true, so it is reported instead of read as 95.
bool has_unknown_symbol(std::string_view s);

// Lower / upper case of a UTF-8 string (Vietnamese letters included), keeping diacritics.
std::string lower(std::string_view s);
std::string upper(std::string_view s);
// Without making either: whether s has a letter with cases (upper(s) != lower(s)) and
// whether it is all capitals (upper(s) == s).
struct LetterCase {
  bool cased = false, all_upper = true;
};
LetterCase letter_case(std::string_view s);

// Decodes Excel's "_xHHHH_" escapes (used in OOXML strings for control characters).
void unescape_ooxml(std::string& s);

}  // namespace tonghop
