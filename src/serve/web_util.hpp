// Small text helpers of the web layer: URL and form decoding, XML/HTML escaping.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tonghop::serve {

std::string url_encode(std::string_view s);
// %XX and (in forms) '+' decoded; nullopt on a broken escape.
std::optional<std::string> url_decode(std::string_view s, bool plus_is_space = true);
// "a=1&b=x%20y" -> {a: 1, b: "x y"}; broken pairs left out.
std::map<std::string, std::string> parse_query(std::string_view s);
std::string xml_escape(std::string_view s);

}  // namespace tonghop::serve

namespace tonghop::serve {

struct FormPart {
  std::string name, filename, content_type;
  std::string_view data;  // into the request body
};

// multipart/form-data (RFC 7578): the parts of body; nullopt when the boundary is missing
// or the body is malformed.
std::optional<std::vector<FormPart>> parse_multipart(std::string_view body, std::string_view content_type);

// Whether a secret (an access token) equals the expected one, in a time that depends on
// their lengths only, so a caller cannot find a token byte by byte by timing the answers.
//   same_secret(link.token, token_from_request)
bool same_secret(std::string_view expected, std::string_view given);

}  // namespace tonghop::serve
