#include "core/json_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace tonghop {

std::string format_number(double v) {
  if (!std::isfinite(v)) return "null";
  if (v == 0) return "0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

void JsonWriter::flush() {
  os_.write(out_.data(), std::streamsize(out_.size()));
  out_.clear();
}

void JsonWriter::newline() {
  if (!pretty_) return;
  out_ += '\n';
  out_.append(counts_.size() * 2, ' ');
  if (out_.size() > (64u << 10)) flush();
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!counts_.empty()) {
    if (counts_.back()++ > 0) out_ += ',';
    newline();
  }
}

void JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  counts_.push_back(0);
}

void JsonWriter::end_object() {
  bool had = counts_.back() > 0;
  counts_.pop_back();
  if (had) newline();
  out_ += '}';
  if (counts_.empty()) {
    if (pretty_) out_ += '\n';
    flush();
  }
}

void JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  counts_.push_back(0);
}

void JsonWriter::end_array() {
  bool had = counts_.back() > 0;
  counts_.pop_back();
  if (had) newline();
  out_ += ']';
  if (counts_.empty()) flush();
}

void JsonWriter::key(std::string_view k) {
  before_value();
  write_string(k);
  out_ += pretty_ ? ": " : ":";
  after_key_ = true;
}

namespace {
// True when one of the 8 bytes of w needs an escape in a JSON string: a control character,
// '"' or '\\' (exact for "one of", the standard bit tricks for a byte below n and a zero byte).
bool needs_escape(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  auto zero_byte = [&](std::uint64_t x) { return (x - ones) & ~x & high; };
  std::uint64_t control = (w - ones * 0x20) & ~w & high;
  return (control | zero_byte(w ^ (ones * '"')) | zero_byte(w ^ (ones * '\\'))) != 0;
}
}  // namespace

void JsonWriter::write_string(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out_ += '"';
  const char* p = s.data();
  const char* end = p + s.size();
  const char* run = p;  // the first byte not written yet
  while (p < end) {
    // Eight bytes at a time while none needs an escape (nearly all text), then byte by byte
    // through the eight that do.
    if (end - p >= 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      if (!needs_escape(w)) {
        p += 8;
        continue;
      }
    }
    for (const char* stop = std::min(end, p + 8); p < stop; ++p) {
      auto c = (unsigned char)*p;
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(run, std::size_t(p - run));
      run = p + 1;
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default:
          out_ += "\\u00";
          out_ += hex[c >> 4];
          out_ += hex[c & 15];
      }
    }
  }
  out_.append(run, std::size_t(end - run));
  out_ += '"';
}

void JsonWriter::value(std::string_view s) {
  before_value();
  write_string(s);
}

void JsonWriter::value(double d) {
  before_value();
  out_ += format_number(d);
}

void JsonWriter::value(std::int64_t i) {
  before_value();
  out_ += std::to_string(i);
}

void JsonWriter::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
}

void JsonWriter::null() {
  before_value();
  out_ += "null";
}

}  // namespace tonghop
