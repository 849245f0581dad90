#include "core/json_writer.hpp"

#include <charconv>
#include <cmath>

namespace tonghop {

std::string format_number(double v) {
  if (!std::isfinite(v)) return "null";
  if (v == 0) return "0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

void JsonWriter::newline() {
  if (!pretty_) return;
  out_ << '\n';
  for (std::size_t i = 0; i < counts_.size(); ++i) out_ << "  ";
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!counts_.empty()) {
    if (counts_.back()++ > 0) out_ << ',';
    newline();
  }
}

void JsonWriter::begin_object() {
  before_value();
  out_ << '{';
  counts_.push_back(0);
}

void JsonWriter::end_object() {
  bool had = counts_.back() > 0;
  counts_.pop_back();
  if (had) newline();
  out_ << '}';
  if (counts_.empty() && pretty_) out_ << '\n';
}

void JsonWriter::begin_array() {
  before_value();
  out_ << '[';
  counts_.push_back(0);
}

void JsonWriter::end_array() {
  bool had = counts_.back() > 0;
  counts_.pop_back();
  if (had) newline();
  out_ << ']';
}

void JsonWriter::key(std::string_view k) {
  before_value();
  write_string(k);
  out_ << (pretty_ ? ": " : ":");
  after_key_ = true;
}

void JsonWriter::write_string(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out_ << '"';
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.write(s.data() + start, std::streamsize(i - start));
    start = i + 1;
    switch (c) {
      case '"': out_ << "\\\""; break;
      case '\\': out_ << "\\\\"; break;
      case '\n': out_ << "\\n"; break;
      case '\r': out_ << "\\r"; break;
      case '\t': out_ << "\\t"; break;
      default: out_ << "\\u00" << hex[c >> 4] << hex[c & 15];
    }
  }
  out_.write(s.data() + start, std::streamsize(s.size() - start));
  out_ << '"';
}

void JsonWriter::value(std::string_view s) {
  before_value();
  write_string(s);
}

void JsonWriter::value(double d) {
  before_value();
  out_ << format_number(d);
}

void JsonWriter::value(std::int64_t i) {
  before_value();
  out_ << i;
}

void JsonWriter::value(bool b) {
  before_value();
  out_ << (b ? "true" : "false");
}

void JsonWriter::null() {
  before_value();
  out_ << "null";
}

}  // namespace tonghop
