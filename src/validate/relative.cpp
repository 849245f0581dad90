#include "validate/relative.hpp"

#include "core/text.hpp"

namespace tonghop {

namespace {

std::string fold_word(const std::string& w) {
  std::string k = fold_key(w);
  while (!k.empty() && (k.back() == ':' || k.back() == ',' || k.back() == '.')) k.pop_back();
  return k;
}

std::string join(const std::vector<std::string>& w, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += (out.empty() ? "" : " ") + w[i];
  return out;
}

// The words that only say "this is a part of the above": markers and "Trong đó:".
std::vector<std::string> own_words(std::string_view written) {
  auto w = split_words(written);
  std::size_t i = 0;
  while (i < w.size()) {
    auto f = fold_word(w[i]);
    if (f == "+" || f == "-" || f == "*" || f.empty()) ++i;
    else if (f == "trong" && i + 1 < w.size() && fold_word(w[i + 1]) == "do") i += 2;
    else if (f == "gom" || f == "bao" || f == "rieng") ++i;
    else break;
  }
  return {w.begin() + long(i), w.end()};
}

}  // namespace

std::vector<std::string> relative_readings(std::string_view written, std::string_view previous, std::string_view parent) {
  std::vector<std::string> out;
  auto own = own_words(written);
  if (own.empty() || own.size() > 8) return out;  // a long name stands on its own
  if (!parent.empty()) {
    auto p = split_words(parent);
    // The parent's own "Trong đó:" ends its name.
    while (!p.empty() && (fold_word(p.back()) == "do" || fold_word(p.back()) == "trong" || fold_word(p.back()).empty())) p.pop_back();
    out.push_back(join(p, 0, p.size()) + " " + join(own, 0, own.size()));
  }
  if (!previous.empty()) {
    // "mức độ 3" after "... mức độ 2": the sibling's name up to where the row's first word
    // appears in it, then the row.
    auto p = split_words(previous);
    auto first = fold_word(own[0]);
    for (std::size_t j = p.size(); j-- > 0;) {
      if (fold_word(p[j]) == first) {
        if (j > 0) out.push_back(join(p, 0, j) + " " + join(own, 0, own.size()));
        break;
      }
    }
  }
  return out;
}

}  // namespace tonghop
