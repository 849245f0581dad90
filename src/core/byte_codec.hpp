// The byte form results take between a process and the child it forked (read/isolated: a
// workbook read; validate/driver: a file checked). Plain machine-order encoding: the bytes
// only travel between two processes of the same binary.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/issue.hpp"

namespace tonghop {

class ByteWriter {
 public:
  template <class T>
  void pod(T v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void str(const std::string& s) {
    pod<std::uint64_t>(s.size());
    out += s;
  }
  template <class T>
  void opt(const std::optional<T>& v) {
    pod(v.has_value());
    pod(v.value_or(T{}));
  }
  void text(const Text& t) { str(t.vi), str(t.en); }
  // The compact forms, for what a long report holds a million of: a count in as few bytes as
  // it needs (7 bits a byte; most are under 128), a string after its length as a count, a
  // text's English as "the same" when it is the Vietnamese.
  void count(std::uint64_t n) {
    for (; n >= 0x80; n >>= 7) out += char((n & 0x7f) | 0x80);
    out += char(n);
  }
  void short_str(std::string_view s) {
    count(s.size());
    out.append(s);
  }
  void short_text(const Text& t) {
    short_str(t.vi);
    if (t.en == t.vi) {
      count(0);
    } else {
      count(t.en.size() + 1);
      out.append(t.en);
    }
  }
  void issue(const Issue& i) {
    const auto& [code, severity, where, params] = i;
    const auto& [file, sheet, row, col, item] = where;
    pod(code), pod(severity), str(file), str(sheet), opt(row), opt(col), str(item);
    pod<std::uint64_t>(params.size());
    for (const auto& [k, v] : params) str(k), text(v);
  }
  std::string out;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  // The bytes taken from `more` as they are needed (it appends some to its argument, false
  // when there are no more): a long message is never held whole.
  explicit ByteReader(std::function<bool(std::string&)> more) : more_(std::move(more)) {}
  template <class T>
  T pod() {
    T v;
    need(sizeof v);
    std::memcpy(&v, in_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  std::string str() {
    auto n = pod<std::uint64_t>();
    need(n);
    std::string s(in_.substr(at_, n));
    at_ += n;
    return s;
  }
  template <class T>
  std::optional<T> opt() {
    bool has = pod<bool>();
    T v = pod<T>();
    return has ? std::optional<T>(v) : std::nullopt;
  }
  Text text() {
    auto vi = str();
    return Text(std::move(vi), str());
  }
  std::uint64_t count() {
    std::uint64_t n = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      auto b = pod<unsigned char>();
      n |= std::uint64_t(b & 0x7f) << shift;
      if (!(b & 0x80)) return n;
    }
    throw std::runtime_error("malformed message from a child process");
  }
  std::string short_str() { return bytes(count()); }
  Text short_text() {
    auto vi = short_str();
    auto en = count();
    if (en == 0) return Text(vi, vi);
    return Text(std::move(vi), bytes(en - 1));
  }
  std::string bytes(std::uint64_t n) {
    need(n);
    std::string s(in_.substr(at_, n));
    at_ += n;
    return s;
  }
  Issue issue() {
    Issue i{};
    i.code = pod<IssueCode>(), i.severity = pod<Severity>();
    i.where.file = str(), i.where.sheet = str();
    i.where.row = opt<std::uint32_t>(), i.where.col = opt<std::uint32_t>();
    i.where.item = str();
    for (auto n = pod<std::uint64_t>(); n > 0; --n) {
      auto k = str();
      i.params[k] = text();
    }
    return i;
  }
  // What is left of a message given whole.
  std::size_t left() const { return in_.size() - at_; }

 private:
  void need(std::size_t n) {
    while (in_.size() - at_ < n) {
      if (!more_) throw std::runtime_error("truncated message from a child process");
      buffer_.erase(0, at_);
      at_ = 0;
      if (!more_(buffer_)) more_ = nullptr;
      in_ = buffer_;
    }
  }
  std::string_view in_;
  std::size_t at_ = 0;
  std::function<bool(std::string&)> more_;
  std::string buffer_;
};

}  // namespace tonghop
