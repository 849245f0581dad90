#include "write/sheet_name.hpp"

#include "core/text.hpp"

namespace tonghop {

std::string unique_sheet_name(const std::string& wanted, std::set<std::string>& used) {
  std::string base;
  for (char c : wanted) base += std::string("[]:*?/\\'").find(c) == std::string::npos ? c : '_';
  std::string name = utf8_prefix(base, 31);
  // Room for " (NN)" within the 31.
  for (int k = 2; name.empty() || used.count(name); ++k) name = utf8_prefix(base, 26) + " (" + std::to_string(k) + ")";
  used.insert(name);
  return name;
}

}  // namespace tonghop
