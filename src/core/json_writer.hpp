// A small streaming JSON writer: reports can hold millions of cells, so nothing is built
// in memory first.
//
//   JsonWriter j(std::cout);
//   j.begin_object();
//   j.key("sheets"); j.begin_array(); j.value("Biểu 01"); j.end_array();
//   j.end_object();
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace tonghop {

// Shortest text that reads back as the same double ("0.1", "97.8", "1e+21"); integral
// values print without a fraction.
std::string format_number(double v);

class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out, bool pretty = true) : os_(out), pretty_(pretty) {}
  ~JsonWriter() { flush(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;
  // Output is buffered; it reaches the stream when the buffer fills, when the outermost
  // value closes, and at destruction.
  void flush();

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view k);
  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(double d);
  void value(std::int64_t i);
  void value(std::uint32_t i) { value(std::int64_t(i)); }
  void value(int i) { value(std::int64_t(i)); }
  void value(bool b);
  void null();
  // A string value written in pieces, each escaped as it comes: begin_string(), then
  // string_piece() any number of times, then end_string().
  void begin_string();
  void string_piece(std::string_view s);
  void end_string() { put('"'); }

  // key + value in one call.
  template <typename T>
  void field(std::string_view k, const T& v) {
    key(k);
    value(v);
  }

 private:
  void before_value();
  void newline();
  void write_string(std::string_view s);
  // Room for n more bytes at the end of the buffer (written out first when it is full).
  char* room(std::size_t n);
  void put(char c) { *room(1) = c, ++size_; }
  void put(std::string_view s);

  std::ostream& os_;
  // The bytes not written out yet (written byte by byte into a plain buffer: a report's
  // JSON is tens of megabytes of short keys and values).
  std::unique_ptr<char[]> buf_;
  std::size_t size_ = 0, capacity_ = 0;
  bool pretty_;
  // Per open container: number of elements written so far.
  std::vector<std::size_t> counts_;
  bool after_key_ = false;
};

}  // namespace tonghop
