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

void JsonWriter::write_string(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out_ += '"';
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.append(s.data() + start, i - start);
    start = i + 1;
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
  out_.append(s.data() + start, s.size() - start);
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
