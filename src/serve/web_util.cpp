#include "serve/web_util.hpp"

#include <cctype>

namespace tonghop::serve {

std::string url_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~')
      out += char(c);
    else
      out += '%', out += hex[c >> 4], out += hex[c & 15];
  }
  return out;
}

std::optional<std::string> url_decode(std::string_view s, bool plus_is_space) {
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+' && plus_is_space) {
      out += ' ';
    } else if (s[i] == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      int h = digit(s[i + 1]), l = digit(s[i + 2]);
      if (h < 0 || l < 0) return std::nullopt;
      out += char(h * 16 + l);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::map<std::string, std::string> parse_query(std::string_view s) {
  std::map<std::string, std::string> out;
  while (!s.empty()) {
    auto amp = s.find('&');
    auto pair = s.substr(0, amp);
    s = amp == std::string_view::npos ? std::string_view() : s.substr(amp + 1);
    auto eq = pair.find('=');
    auto k = url_decode(pair.substr(0, eq));
    auto v = url_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (k && v && !k->empty()) out[*k] = *v;
  }
  return out;
}

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace tonghop::serve

namespace tonghop::serve {
namespace {

// The value of a parameter in a header value: name="x" or name=x; filename* (RFC 5987) wins.
std::optional<std::string> header_param(std::string_view v, std::string_view name) {
  std::string lower(v);
  for (auto& c : lower) c = char(std::tolower((unsigned char)c));
  std::string ext = std::string(name) + "*=";
  if (auto p = lower.find(ext); p != std::string::npos) {
    auto rest = v.substr(p + ext.size());
    auto end = rest.find(';');
    rest = rest.substr(0, end);
    auto q = rest.find("''");
    if (q != std::string_view::npos) {
      if (auto d = url_decode(rest.substr(q + 2), false)) return d;
    }
  }
  std::string key = std::string(name) + "=";
  for (std::size_t p = lower.find(key); p != std::string::npos; p = lower.find(key, p + 1)) {
    if (p > 0 && lower[p - 1] != ' ' && lower[p - 1] != ';') continue;
    auto rest = v.substr(p + key.size());
    if (!rest.empty() && rest[0] == '"') {
      std::string out;
      for (std::size_t i = 1; i < rest.size(); ++i) {
        if (rest[i] == '\\' && i + 1 < rest.size()) out += rest[++i];
        else if (rest[i] == '"') return out;
        else out += rest[i];
      }
      return std::nullopt;
    }
    auto end = rest.find(';');
    return std::string(rest.substr(0, end));
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<FormPart>> parse_multipart(std::string_view body, std::string_view content_type) {
  auto boundary = header_param(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 200) return std::nullopt;
  std::string delim = "--" + *boundary;
  std::vector<FormPart> parts;
  auto pos = body.find(delim);
  if (pos == std::string_view::npos) return std::nullopt;
  pos += delim.size();
  for (;;) {
    if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") return std::nullopt;
    pos += 2;
    auto head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string_view::npos) return std::nullopt;
    FormPart part;
    auto head = body.substr(pos, head_end - pos);
    while (!head.empty()) {
      auto eol = head.find("\r\n");
      auto line = head.substr(0, eol);
      head = eol == std::string_view::npos ? std::string_view() : head.substr(eol + 2);
      auto colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string field(line.substr(0, colon));
      for (auto& c : field) c = char(std::tolower((unsigned char)c));
      auto value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      if (field == "content-disposition") {
        part.name = header_param(value, "name").value_or("");
        part.filename = header_param(value, "filename").value_or("");
      } else if (field == "content-type") {
        part.content_type = std::string(value);
      }
    }
    auto data_start = head_end + 4;
    auto next = body.find("\r\n" + delim, data_start);
    if (next == std::string_view::npos) return std::nullopt;
    part.data = body.substr(data_start, next - data_start);
    parts.push_back(std::move(part));
    pos = next + 2 + delim.size();
  }
}

bool same_secret(std::string_view expected, std::string_view given) {
  if (expected.size() != given.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) diff |= static_cast<unsigned char>(expected[i] ^ given[i]);
  // volatile: the compiler may not turn the loop back into an early-exit comparison.
  volatile unsigned char result = diff;
  return result == 0;
}

}  // namespace tonghop::serve
