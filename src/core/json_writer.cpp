#include "core/json_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tonghop {

namespace {

constexpr std::size_t kBuffer = 64 << 10;

// format_number's text at p (at most 32 bytes); the end.
char* write_number(char* p, double v) {
  if (!std::isfinite(v)) return std::copy_n("null", 4, p);
  if (v == 0) return *p = '0', p + 1;
  return std::to_chars(p, p + 32, v).ptr;
}

// True when one of the 8 bytes of w needs an escape in a JSON string: a control character,
// '"' or '\\' (exact for "one of", the standard bit tricks for a byte below n and a zero byte).
bool needs_escape(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  auto zero_byte = [&](std::uint64_t x) { return (x - ones) & ~x & high; };
  std::uint64_t control = (w - ones * 0x20) & ~w & high;
  return (control | zero_byte(w ^ (ones * '"')) | zero_byte(w ^ (ones * '\\'))) != 0;
}

// Which bytes need an escape, for the byte-by-byte part.
constexpr auto kEscaped = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = true;
  t['"'] = t['\\'] = true;
  return t;
}();

// s's bytes escaped at out, which has room for 6 bytes per byte of s (\u00XX at worst);
// the end of what was written.
char* escape_into(char* out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  if (s.empty()) return out;  // (its data may be null: memcpy's arguments must not be)
  const char* p = s.data();
  const char* end = p + s.size();
  const char* run = p;  // the first byte not written yet
  while (p < end) {
    // Sixteen or eight bytes at a time while none needs an escape (nearly all text), then
    // byte by byte through the eight that do, and through a tail of fewer than eight.
#if defined(__SSE2__)
    if (end - p >= 16) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i control = _mm_set1_epi8(0x1f);  // bytes up to 0x1f, compared unsigned
      __m128i hit = _mm_cmpeq_epi8(_mm_max_epu8(x, control), control);
      hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, _mm_set1_epi8('"')));
      hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
      if (_mm_movemask_epi8(hit) == 0) {
        p += 16;
        continue;
      }
    }
#endif
    if (end - p >= 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      if (!needs_escape(w)) {
        p += 8;
        continue;
      }
    }
    for (const char* stop = end - p >= 8 ? p + 8 : end; p < stop; ++p) {
      auto c = (unsigned char)*p;
      if (!kEscaped[c]) continue;
      std::memcpy(out, run, std::size_t(p - run));
      out += p - run;
      run = p + 1;
      *out++ = '\\';
      switch (c) {
        case '"': *out++ = '"'; break;
        case '\\': *out++ = '\\'; break;
        case '\n': *out++ = 'n'; break;
        case '\r': *out++ = 'r'; break;
        case '\t': *out++ = 't'; break;
        default:
          out = std::copy_n("u00", 3, out);
          *out++ = hex[c >> 4];
          *out++ = hex[c & 15];
      }
    }
  }
  std::memcpy(out, run, std::size_t(end - run));
  return out + (end - run);
}

// Strings are written in steps of this many bytes, so the room asked for stays small
// however long the text.
constexpr std::size_t kStep = 8192;

}  // namespace

std::string format_number(double v) {
  char buf[32];
  return std::string(buf, write_number(buf, v));
}

char* JsonWriter::room(std::size_t n) {
  if (size_ + n > capacity_) {
    flush();
    if (n > capacity_) {
      capacity_ = std::max(n, kBuffer);
      buf_.reset(new char[capacity_]);
    }
  }
  return buf_.get() + size_;
}

void JsonWriter::put(std::string_view s) {
  if (s.empty()) return;
  std::memcpy(room(s.size()), s.data(), s.size());
  size_ += s.size();
}

void JsonWriter::flush() {
  if (size_) os_.write(buf_.get(), std::streamsize(size_));
  size_ = 0;
}

void JsonWriter::newline() {
  if (!pretty_) return;
  std::size_t indent = counts_.size() * 2;
  char* p = room(1 + indent);
  *p = '\n';
  std::memset(p + 1, ' ', indent);
  size_ += 1 + indent;
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!counts_.empty()) {
    if (counts_.back()++ > 0) put(',');
    newline();
  }
}

void JsonWriter::begin_object() {
  before_value();
  put('{');
  counts_.push_back(0);
}

void JsonWriter::end_object() {
  bool had = counts_.back() > 0;
  counts_.pop_back();
  if (had) newline();
  put('}');
  if (counts_.empty()) {
    if (pretty_) put('\n');
    flush();
  }
}

void JsonWriter::begin_array() {
  before_value();
  put('[');
  counts_.push_back(0);
}

void JsonWriter::end_array() {
  bool had = counts_.back() > 0;
  counts_.pop_back();
  if (had) newline();
  put(']');
  if (counts_.empty()) flush();
}

void JsonWriter::key(std::string_view k) {
  before_value();
  if (k.size() > kStep) {
    write_string(k);
    put(pretty_ ? std::string_view(": ") : std::string_view(":"));
  } else {
    // The whole key, its quotes and the colon in the room asked for once.
    char* const first = room(k.size() * 6 + 4);
    char* p = first;
    *p++ = '"';
    p = escape_into(p, k);
    *p++ = '"';
    *p++ = ':';
    if (pretty_) *p++ = ' ';
    size_ += std::size_t(p - first);
  }
  after_key_ = true;
}

void JsonWriter::write_string(std::string_view s) {
  if (s.size() > kStep) {
    put('"');
    string_piece(s);
    put('"');
    return;
  }
  char* const first = room(s.size() * 6 + 2);
  char* p = first;
  *p++ = '"';
  p = escape_into(p, s);
  *p++ = '"';
  size_ += std::size_t(p - first);
}

void JsonWriter::begin_string() {
  before_value();
  put('"');
}

void JsonWriter::string_piece(std::string_view s) {
  for (std::size_t at = 0; at < s.size(); at += kStep) {
    auto step = s.substr(at, kStep);
    char* const first = room(step.size() * 6);
    size_ += std::size_t(escape_into(first, step) - first);
  }
}

void JsonWriter::value(std::string_view s) {
  before_value();
  write_string(s);
}

void JsonWriter::value(double d) {
  before_value();
  char* p = room(32);
  size_ += std::size_t(write_number(p, d) - p);
}

void JsonWriter::value(std::int64_t i) {
  before_value();
  char* p = room(24);
  size_ += std::size_t(std::to_chars(p, p + 24, i).ptr - p);
}

void JsonWriter::value(bool b) {
  before_value();
  put(b ? std::string_view("true") : std::string_view("false"));
}

void JsonWriter::null() {
  before_value();
  put("null");
}

}  // namespace tonghop
