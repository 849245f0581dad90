#include "validate/non_item.hpp"

#include <string>
#include <vector>

#include "core/text.hpp"

namespace tonghop {

namespace {

bool starts_with_any(std::string_view k, std::initializer_list<std::string_view> prefixes) {
  for (auto p : prefixes)
    if (k.starts_with(p)) return true;
  return false;
}

bool has_letters(std::string_view w) { return upper(w) != lower(w); }

}  // namespace

bool is_non_item(std::string_view written, bool has_value) {
  std::string k = fold_key(written);
  while (!k.empty() && (k.front() == '(' || k.front() == '*' || k.front() == '-' || k.front() == ' ')) k.erase(k.begin());
  auto raw = split_words(written);
  std::size_t n = raw.size();
  if (n == 0) return true;
  // Totals.
  if (k == "cong" || k == "tong" || k == "tong so" || k == "tong cong" || starts_with_any(k, {"tong cong", "cong:", "tong:"}))
    return true;
  if (has_value) return false;
  // Signature block, footer and the date line above it.
  if (n <= 8 && starts_with_any(k, {"nguoi lap", "lap bieu", "thu truong", "ky ten", "ky,", "ky va", "ghi ro ho ten",
                                    "xac nhan", "noi nhan", "ke toan", "tm.", "tm ", "kt.", "kt ", "q. ", "chu tich",
                                    "pho chu tich", "giam doc", "pho giam doc", "truong phong", "pho truong phong",
                                    "truong ban", "bi thu", "nguoi duyet", "duyet", "dong dau"}))
    return true;
  if (n <= 14 && k.find("ngay") != std::string::npos && k.find("thang") != std::string::npos &&
      k.find("nam") != std::string::npos && k.find_first_of("0123456789") != std::string::npos)
    return true;
  // Group headings: written in capitals, or opened by a roman numeral or a heading word.
  std::size_t letters = 0, caps = 0, capitalised = 0;
  for (const auto& w : raw) {
    if (!has_letters(w)) continue;
    ++letters;
    if (upper(w) == w) ++caps;
    auto lead = (unsigned char)w[0];
    std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    std::string first = w.substr(0, len);
    if (upper(first) == first && lower(first) != first) ++capitalised;
  }
  if (letters >= 2 && caps == letters) return true;
  if (starts_with_any(k, {"nhom chi tieu", "linh vuc", "phan ", "muc ", "chuong "})) return true;
  // Prose under the table: remarks, a paragraph of sentences.
  if (starts_with_any(k, {"ghi chu", "danh gia chung", "nhan xet", "kho khan", "de xuat", "kien nghi", "luu y",
                          "ton tai", "nguyen nhan", "phuong huong"}))
    return true;
  if (n >= 30) return true;
  if (n >= 15 && k.find(". ") != std::string::npos) return true;
  // A signer's name: two to five words, each capitalised, no digits.
  if (n >= 2 && n <= 5 && capitalised == letters && letters == n && k.find_first_of("0123456789") == std::string::npos)
    return true;
  return false;
}

}  // namespace tonghop
