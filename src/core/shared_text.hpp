// An immutable text that copies share: a cell's number format, font and formula take one
// pointer in the cell instead of a std::string's 32 bytes, and cells of one style point to
// one allocation (a long report holds millions of cells and a handful of formats).
#pragma once

#include <atomic>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace tonghop {

class SharedText {
 public:
  SharedText() noexcept = default;
  SharedText(std::string_view s) : p_(s.empty() ? nullptr : new Block{{1}, std::string(s)}) {}  // NOLINT: as a string
  SharedText(const std::string& s) : SharedText(std::string_view(s)) {}                         // NOLINT
  SharedText(const char* s) : SharedText(std::string_view(s)) {}                                // NOLINT
  SharedText(const SharedText& o) noexcept : p_(o.p_) {
    if (p_) p_->refs.fetch_add(1, std::memory_order_relaxed);
  }
  SharedText(SharedText&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  SharedText& operator=(SharedText o) noexcept {
    std::swap(p_, o.p_);
    return *this;
  }
  ~SharedText() {
    if (p_ && p_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete p_;
  }

  const std::string& str() const noexcept { return p_ ? p_->text : empty_text(); }
  operator const std::string&() const noexcept { return str(); }  // NOLINT: read as a string
  operator std::string_view() const noexcept { return str(); }    // NOLINT
  bool empty() const noexcept { return !p_; }
  std::size_t size() const noexcept { return str().size(); }
  const char* c_str() const noexcept { return str().c_str(); }
  // The same allocation (copies of one text).
  bool shares(const SharedText& o) const noexcept { return p_ == o.p_; }
  friend bool operator==(const SharedText& a, std::string_view b) noexcept { return a.str() == b; }
  friend std::ostream& operator<<(std::ostream& os, const SharedText& t) { return os << t.str(); }
  friend std::string operator+(const std::string& a, const SharedText& b) { return a + b.str(); }
  friend std::string operator+(const SharedText& a, const std::string& b) { return a.str() + b; }
  friend std::string operator+(const char* a, const SharedText& b) { return a + b.str(); }
  friend std::string operator+(const SharedText& a, const char* b) { return a.str() + b; }
  void clear() noexcept { *this = SharedText(); }
  // Read as a std::string reads.
  std::size_t find(std::string_view s, std::size_t pos = 0) const noexcept { return str().find(s, pos); }
  std::size_t rfind(std::string_view s, std::size_t pos = std::string::npos) const noexcept { return str().rfind(s, pos); }
  std::string substr(std::size_t pos, std::size_t n = std::string::npos) const { return str().substr(pos, n); }
  char operator[](std::size_t i) const noexcept { return str()[i]; }
  std::string::const_iterator begin() const noexcept { return str().begin(); }
  std::string::const_iterator end() const noexcept { return str().end(); }

 private:
  struct Block {
    std::atomic<std::uint32_t> refs;
    std::string text;
  };
  static const std::string& empty_text() noexcept {
    static const std::string empty;
    return empty;
  }
  Block* p_ = nullptr;
};

}  // namespace tonghop
