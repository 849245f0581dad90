// The page's files (web/), embedded in the binary at build time (cmake/embed_assets.cmake).
#pragma once

#include <string_view>
#include <vector>

namespace tonghop::serve {

struct Asset {
  std::string_view name;          // "app.js"
  std::string_view content_type;
  std::string_view bytes;
};

const std::vector<Asset>& web_assets();
const Asset* find_asset(std::string_view name);

}  // namespace tonghop::serve
