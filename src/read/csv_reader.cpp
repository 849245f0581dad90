// CSV and tab-separated text: encoding (UTF-8 with or without BOM, UTF-16 from Excel's
// "Unicode text", Windows-1258 from Vietnamese Windows) and delimiter are detected; fields
// follow RFC 4180 quoting. Plain numbers become numbers; everything else stays text, so
// Vietnamese-style "97,8" is left for the stages that know what a column means.
#include <array>
#include <charconv>
#include <fstream>
#include <string>
#include <vector>

#include "core/codepage.hpp"
#include "core/issue.hpp"
#include "core/text.hpp"
#include "read/format_readers.hpp"
#include "core/platform.hpp"

namespace tonghop {
namespace {

// Decodes the file to UTF-8 and names the encoding it had.
std::string decode(std::string raw, std::string& encoding) {
  auto starts = [&](std::string_view p) { return raw.compare(0, p.size(), p) == 0; };
  if (starts("\xEF\xBB\xBF")) {
    encoding = "UTF-8";
    raw.erase(0, 3);
    return raw;
  }
  if (starts("\xFF\xFE")) {
    encoding = "UTF-16LE";
    return decode_utf16(std::string_view(raw).substr(2), false);
  }
  if (starts("\xFE\xFF")) {
    encoding = "UTF-16BE";
    return decode_utf16(std::string_view(raw).substr(2), true);
  }
  // UTF-16 without a BOM: every other byte of ASCII text is zero.
  std::size_t even_zero = 0, odd_zero = 0, n = std::min<std::size_t>(raw.size(), 4096);
  for (std::size_t i = 0; i < n; ++i)
    if (raw[i] == 0) (i % 2 ? odd_zero : even_zero)++;
  if (n >= 4 && odd_zero > n / 4 && even_zero == 0) {
    encoding = "UTF-16LE";
    return decode_utf16(raw, false);
  }
  if (n >= 4 && even_zero > n / 4 && odd_zero == 0) {
    encoding = "UTF-16BE";
    return decode_utf16(raw, true);
  }
  if (is_valid_utf8(raw)) {
    encoding = "UTF-8";
    return raw;
  }
  encoding = "CP1258";
  return decode_codepage(raw, *codepage_by_number(1258));
}

// Field counts per record for one delimiter, quote-aware, over the first records.
std::vector<std::size_t> field_counts(std::string_view text, char delim, std::size_t max_records) {
  std::vector<std::size_t> counts;
  std::size_t fields = 1;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size() && counts.size() < max_records; ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') ++i;
        else quoted = false;
      }
      continue;
    }
    if (c == '"') quoted = true, any = true;
    else if (c == delim) ++fields, any = true;
    else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any) counts.push_back(fields);
      fields = 1;
      any = false;
    } else {
      any = true;
    }
  }
  if (any) counts.push_back(fields);
  return counts;
}

char detect_delimiter(std::string_view text) {
  constexpr std::array<char, 4> candidates = {',', ';', '\t', '|'};
  char best = ',';
  double best_score = 0;
  for (char d : candidates) {
    auto counts = field_counts(text, d, 50);
    if (counts.empty()) continue;
    // The most frequent field count, and how many records have it.
    std::size_t mode = 0, mode_n = 0;
    for (auto c : counts) {
      std::size_t n = 0;
      for (auto k : counts) n += k == c;
      if (n > mode_n || (n == mode_n && c > mode)) mode = c, mode_n = n;
    }
    if (mode < 2) continue;
    double score = double(mode_n) / double(counts.size()) * double(mode_n) + double(mode) * 1e-3;
    if (score > best_score) best_score = score, best = d;
  }
  return best;
}

bool plain_number(std::string_view s, double& out) {
  if (s.empty() || s.size() > 40) return false;
  std::size_t i = (s[0] == '-') ? 1 : 0;
  if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
  // "007" keeps its zeros as text: codes and phone numbers are not quantities.
  if (s[i] == '0' && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') return false;
  // "1.234" is a thousand and more in Vietnamese and about one in English: left as text
  // for the stage that knows the column to decide (and flag).
  auto dot = s.find('.');
  if (dot != std::string_view::npos && s.size() - dot - 1 == 3 && s.find_first_of("eE") == std::string_view::npos)
    return false;
  for (char c : s.substr(i))
    if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'))
      return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

void read_csv(const std::string& path, const std::string& sheet_name, WorkbookSink& sink,
              const ReadLimits& limits) {
  std::ifstream in(platform::path_from_utf8(path), std::ios::binary);
  if (!in) throw_unreadable(Text("không mở được tệp", "the file cannot be opened"));
  std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  WorkbookInfo info;
  info.format = FileFormat::Csv;
  std::string text = decode(std::move(raw), info.encoding);
  if (text.size() > limits.text_bytes)
    throw_limit("text-size", limits.text_bytes,
                Text("tệp văn bản quá lớn", "the text file is too large"));
  std::string_view body(text);
  // Excel's "sep=;" first line names the delimiter.
  if (body.substr(0, 4) == "sep=" && body.size() >= 5) {
    info.delimiter = body[4];
    auto nl = body.find('\n');
    body.remove_prefix(nl == std::string_view::npos ? body.size() : nl + 1);
  } else {
    info.delimiter = detect_delimiter(body);
  }
  sink.begin_workbook(info);
  sink.begin_sheet(SheetInfo{sheet_name, 0, Visibility::Visible});

  std::string field;
  std::uint32_t row = 0, col = 0;
  bool quoted = false, was_quoted = false;
  auto emit = [&]() {
    if (!field.empty()) {
      Cell c;
      c.row = row;
      c.col = col;
      double v;
      if (!was_quoted && plain_number(field, v)) {
        c.type = CellType::Number;
        c.number = v;
      } else {
        clean_text_in_place(field);
        c.type = CellType::Text;
        c.text = field;
      }
      sink.cell(c);
    }
    field.clear();
    was_quoted = false;
  };
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < body.size() && body[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == info.delimiter) {
      emit();
      ++col;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < body.size() && body[i + 1] == '\n') ++i;
      emit();
      ++row;
      col = 0;
    } else {
      field += c;
    }
  }
  emit();
  sink.end_sheet();
  sink.end_workbook();
}

}  // namespace tonghop
