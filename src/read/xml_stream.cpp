#include "read/xml_stream.hpp"

#include <expat.h>

#include <cstring>
#include <exception>
#include <memory>

#include "core/issue.hpp"

namespace tonghop {
namespace {

constexpr char kSep = ' ';  // URIs never contain a space
constexpr std::size_t kChunk = 256 * 1024;

std::pair<std::string_view, std::string_view> split_name(const char* name) {
  std::string_view full(name);
  auto pos = full.rfind(kSep);
  if (pos == std::string_view::npos) return {{}, full};
  return {full.substr(0, pos), full.substr(pos + 1)};
}

constexpr std::string_view kMarkupCompatibility =
    "http://schemas.openxmlformats.org/markup-compatibility/2006";

struct Context {
  XML_Parser parser;
  XmlHandler* handler;
  std::exception_ptr error;
  bool doctype = false;
  // Depth inside an mc:Choice: its content needs features we do not claim, so the
  // mc:Fallback beside it is read instead (ECMA-376 Part 3).
  int skip_depth = 0;
};

void stop_with(Context* ctx, std::exception_ptr e) {
  if (!ctx->error) ctx->error = e;
  XML_StopParser(ctx->parser, XML_FALSE);
}

void on_start(void* data, const XML_Char* name, const XML_Char** attrs) {
  auto* ctx = static_cast<Context*>(data);
  if (ctx->error) return;
  try {
    auto [ns, local] = split_name(name);
    if (ctx->skip_depth > 0) {
      ++ctx->skip_depth;
      return;
    }
    if (ns == kMarkupCompatibility) {
      if (local == "Choice") ctx->skip_depth = 1;
      return;
    }
    ctx->handler->start_element(ns, local, attrs);
  } catch (...) {
    stop_with(ctx, std::current_exception());
  }
}

void on_end(void* data, const XML_Char* name) {
  auto* ctx = static_cast<Context*>(data);
  if (ctx->error) return;
  try {
    if (ctx->skip_depth > 0) {
      --ctx->skip_depth;
      return;
    }
    auto [ns, local] = split_name(name);
    if (ns == kMarkupCompatibility) return;
    ctx->handler->end_element(ns, local);
  } catch (...) {
    stop_with(ctx, std::current_exception());
  }
}

void on_text(void* data, const XML_Char* s, int len) {
  auto* ctx = static_cast<Context*>(data);
  if (ctx->error || ctx->skip_depth > 0 || !ctx->handler->want_text) return;
  try {
    ctx->handler->characters(std::string_view(s, std::size_t(len)));
  } catch (...) {
    stop_with(ctx, std::current_exception());
  }
}

void on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto* ctx = static_cast<Context*>(data);
  ctx->doctype = true;
  XML_StopParser(ctx->parser, XML_FALSE);
}

}  // namespace

std::size_t MemorySource::read(char* buf, std::size_t n) {
  auto k = std::min(n, data_.size() - pos_);
  std::memcpy(buf, data_.data() + pos_, k);
  pos_ += k;
  return k;
}

const char* xml_attr(const char** attrs, std::string_view local) {
  for (; *attrs; attrs += 2) {
    std::string_view name(attrs[0]);
    auto pos = name.rfind(kSep);
    if (pos != std::string_view::npos) name.remove_prefix(pos + 1);
    if (name == local) return attrs[1];
  }
  return nullptr;
}

const char* xml_attr_ns(const char** attrs, std::string_view ns_suffix, std::string_view local) {
  for (; *attrs; attrs += 2) {
    auto [ns, name] = split_name(attrs[0]);
    if (name == local && ns.size() >= ns_suffix.size() &&
        ns.substr(ns.size() - ns_suffix.size()) == ns_suffix)
      return attrs[1];
  }
  return nullptr;
}

void parse_xml(ByteSource& src, XmlHandler& handler, std::string_view part) {
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(
      XML_ParserCreateNS(nullptr, kSep), &XML_ParserFree);
  if (!parser) throw std::bad_alloc();
  Context ctx{parser.get(), &handler, nullptr};
  XML_SetUserData(parser.get(), &ctx);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
  // External entities are never loaded; with the DOCTYPE refused none can be declared.
  XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);

  bool last = false;
  while (!last) {
    void* buf = XML_GetBuffer(parser.get(), int(kChunk));
    if (!buf) throw std::bad_alloc();
    std::size_t n = src.read(static_cast<char*>(buf), kChunk);
    last = n == 0;
    if (XML_ParseBuffer(parser.get(), int(n), last) == XML_STATUS_ERROR) {
      if (ctx.error) std::rethrow_exception(ctx.error);
      auto line = std::to_string(XML_GetCurrentLineNumber(parser.get()));
      if (ctx.doctype)
        throw_unreadable(Text("phần " + std::string(part) +
                                  " có khai báo DOCTYPE, bị từ chối vì lý do an toàn",
                              "part " + std::string(part) +
                                  " has a DOCTYPE declaration, refused for safety"));
      std::string msg = XML_ErrorString(XML_GetErrorCode(parser.get()));
      throw_unreadable(Text("XML của phần " + std::string(part) + " bị lỗi ở dòng " + line +
                                " (" + msg + ")",
                            "the XML of part " + std::string(part) + " is broken at line " +
                                line + " (" + msg + ")"));
    }
  }
}

}  // namespace tonghop
