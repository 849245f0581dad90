// Streaming XML through expat: parts are fed in chunks and never held whole. Any DOCTYPE
// is refused, so no entity is ever expanded.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tonghop {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Fills up to n bytes; returns 0 at the end. Throws InputError on failure.
  virtual std::size_t read(char* buf, std::size_t n) = 0;
};

class MemorySource : public ByteSource {
 public:
  explicit MemorySource(std::string_view data) : data_(data) {}
  std::size_t read(char* buf, std::size_t n) override;

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

// Element names arrive split into namespace URI and local name, so prefixes ("x:c",
// "c") and Strict/transitional namespaces need no special care by callers.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start_element(std::string_view ns, std::string_view local,
                             const char** attrs) = 0;
  virtual void end_element(std::string_view ns, std::string_view local) = 0;
  virtual void characters(std::string_view) {}
  // Only handlers that want text get character data (the hot path skips it otherwise).
  bool want_text = false;
};

// Value of the attribute with this local name (any namespace), or nullptr.
const char* xml_attr(const char** attrs, std::string_view local);
// Value of an attribute whose namespace URI ends with ns_suffix.
const char* xml_attr_ns(const char** attrs, std::string_view ns_suffix, std::string_view local);

// Parses the whole source; throws InputError (unreadable-file) naming part on malformed
// XML or a DOCTYPE. Exceptions thrown by the handler pass through unchanged.
void parse_xml(ByteSource& src, XmlHandler& handler, std::string_view part);

}  // namespace tonghop
