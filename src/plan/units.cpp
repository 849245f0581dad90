#include "plan/units.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "core/text.hpp"
#include "core/toml_file.hpp"

namespace tonghop {
namespace {

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// Dice coefficient of the two keys' word sets.
double similarity(const std::string& a, const std::string& b) {
  auto wa = words(a), wb = words(b);
  std::set<std::string> sa(wa.begin(), wa.end()), sb(wb.begin(), wb.end());
  if (sa.empty() || sb.empty()) return 0;
  std::size_t common = 0;
  for (const auto& w : sa) common += sb.count(w);
  return 2.0 * double(common) / double(sa.size() + sb.size());
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r' || s.back() == '.'))
    s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

namespace {
std::string loose(const std::string& k);
}  // namespace

UnitRegistry UnitRegistry::load_default() { return load(templates_dir() + "/units.toml"); }

UnitRegistry UnitRegistry::load(const std::string& path) {
  toml::table doc = load_toml(path);
  UnitRegistry reg;
  if (auto* abbr = doc["abbreviations"].as_table())
    for (const auto& [k, v] : *abbr)
      if (auto s = v.value<std::string>()) reg.abbreviations_[fold_key(k.str())] = fold_key(*s);
  if (auto* loc = doc["localities"]["words"].as_array())
    for (const auto& v : *loc)
      if (auto s = v.value<std::string>()) reg.localities_.push_back(fold_key(*s));
  if (auto* gen = doc["generic"]["prefixes"].as_array())
    for (const auto& v : *gen)
      if (auto s = v.value<std::string>()) reg.generic_prefixes_.push_back(fold_key(*s));
  if (auto* units = doc["unit"].as_array()) {
    for (const auto& u : *units) {
      const auto* t = u.as_table();
      auto name = t ? (*t)["name"].value<std::string>() : std::nullopt;
      if (!name) {
        auto line = u.source().begin.line;
        throw ConfigError(path + ":" + std::to_string(line) + ": a [[unit]] needs a name");
      }
      std::vector<std::string> aliases;
      if (auto* a = (*t)["aliases"].as_array())
        for (const auto& v : *a)
          if (auto s = v.value<std::string>()) aliases.push_back(*s);
      reg.add_unit(*name, aliases);
    }
  }
  return reg;
}

std::string UnitRegistry::key(std::string_view name) const {
  std::string k = fold_key(name);
  // Expand abbreviations word by word; "vh-xh" as a whole first, then its halves.
  std::string out;
  std::size_t i = 0;
  while (i < k.size()) {
    std::size_t j = i;
    while (j < k.size() && k[j] != ' ' && k[j] != ',') ++j;
    std::string w = k.substr(i, j - i);
    auto it = abbreviations_.find(w);
    if (it != abbreviations_.end()) {
      w = it->second;
    } else if (w.find('-') != std::string::npos) {
      std::string parts;
      std::size_t a = 0;
      while (a <= w.size()) {
        auto b = w.find('-', a);
        if (b == std::string::npos) b = w.size();
        auto part = w.substr(a, b - a);
        auto p = abbreviations_.find(part);
        parts += (a ? "-" : "") + (p != abbreviations_.end() ? p->second : part);
        a = b + 1;
      }
      w = parts;
    }
    out += w;
    if (j < k.size()) out += k[j] == ',' ? ", " : " ";
    i = j + 1;
    while (i < k.size() && k[i] == ' ') ++i;
  }
  out = fold_key(out);  // tidy the spacing the expansion made
  for (const auto& loc : localities_) {
    if (out.size() > loc.size() + 1 && out.compare(out.size() - loc.size(), loc.size(), loc) == 0 &&
        out[out.size() - loc.size() - 1] == ' ') {
      out.resize(out.size() - loc.size() - 1);
      break;
    }
  }
  return out;
}

void UnitRegistry::add_unit(const std::string& name, const std::vector<std::string>& aliases) {
  auto add = [&](std::string k) {
    by_key_[k] = name;
    // What find_in looks for, made once here rather than for every text it reads.
    std::string whole = loose(k);
    // "Phòng Kinh tế, Hạ tầng và Đô thị" is often written without "Phòng".
    std::string bare = whole.rfind("phong ", 0) == 0 ? whole.substr(6) : whole;
    needles_[std::move(k)] = Needles{std::move(whole), std::move(bare), name};
  };
  add(key(name));
  for (const auto& a : aliases) add(key(a));
}

UnitRegistry::Resolution UnitRegistry::resolve(std::string_view raw) const {
  Resolution r;
  r.name = trim(raw);
  std::string k = key(r.name);
  if (k.empty()) return r;
  for (const auto& g : generic_prefixes_)
    if (k.rfind(g, 0) == 0) {
      r.match = Match::Generic;
      return r;
    }
  if (auto it = by_key_.find(k); it != by_key_.end()) {
    r.match = Match::Known;
    r.name = it->second;
    r.score = 1;
    return r;
  }
  double best = 0, second = 0;
  std::string best_name;
  for (const auto& [known, name] : by_key_) {
    double s = similarity(k, known);
    if (s > best) {
      if (name != best_name) second = best;
      best = s, best_name = name;
    } else if (s > second && name != best_name) {
      second = s;
    }
  }
  if (best >= 0.8 && best - second >= 0.05) {
    r.match = Match::Closest;
    r.name = best_name;
    r.score = best;
  }
  return r;
}

namespace {
bool contains_words(const std::string& hay, const std::string& needle) {
  std::size_t pos = 0;
  auto word = [](char c) { return std::isalnum((unsigned char)c) || (unsigned char)c >= 0x80; };
  while (!needle.empty() && (pos = hay.find(needle, pos)) != std::string::npos) {
    bool left = pos == 0 || !word(hay[pos - 1]);
    bool right = pos + needle.size() >= hay.size() || !word(hay[pos + needle.size()]);
    if (left && right) return true;
    ++pos;
  }
  return false;
}
}  // namespace

namespace {
// Inside running text and file names, commas and "và" are often left out.
std::string loose(const std::string& k) {
  std::string out;
  std::size_t i = 0;
  while (i < k.size()) {
    auto j = k.find(' ', i);
    if (j == std::string::npos) j = k.size();
    std::string w = k.substr(i, j - i);
    while (!w.empty() && w.back() == ',') w.pop_back();
    if (!w.empty() && w != "va") out += (out.empty() ? "" : " ") + w;
    i = j + 1;
  }
  return out;
}
}  // namespace

std::string UnitRegistry::find_in(std::string_view text) const {
  // File names separate words with "_", "-" and ".": try the text as it is and with
  // those as spaces ("phong-vhxh" -> "phong vhxh"; "kt-ht-dt" stays whole first).
  std::string spaced(text);
  for (auto& c : spaced)
    if (c == '_' || c == '.') c = ' ';
  std::string dashes_too = spaced;
  for (auto& c : dashes_too)
    if (c == '-') c = ' ';
  std::string best;
  std::size_t best_len = 0;
  for (const auto& variant : {loose(key(spaced)), loose(key(dashes_too))}) {
    for (const auto& [full, n] : needles_)
      for (const std::string* needle : {&n.whole, &n.bare})
        if (needle->size() > best_len && needle->size() >= 5 && contains_words(variant, *needle))
          best = n.name, best_len = needle->size();
  }
  return best;
}

std::string UnitRegistry::find_in_file_name(std::string_view stem) const {
  if (auto found = find_in(stem); !found.empty()) return found;
  std::string k = fold_key(stem);
  for (auto& c : k)
    if (c == '_' || c == '-' || c == '.' || c == ',' || c == '/') c = ' ';
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < k.size();) {
    auto j = k.find(' ', i);
    if (j == std::string::npos) j = k.size();
    if (j > i) tokens.push_back(k.substr(i, j - i));
    i = j + 1;
  }
  std::set<std::string> names;
  for (const auto& [full, name] : by_key_) names.insert(name);
  std::set<std::string> found;
  for (const auto& t : tokens) {
    if (t.size() < 2 || t.size() > 8 || !std::all_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
      continue;
    if (auto it = abbreviations_.find(t); it != abbreviations_.end())
      if (auto f = find_in(it->second); !f.empty()) found.insert(f);
    if (t.size() < 3) continue;
    for (const auto& name : names) {
      // The name's words, "và" left out as initialisms leave it ("KT-HT-ĐT").
      auto nk = key(name);
      for (auto& c : nk)
        if (c == '-' || c == ',') c = ' ';
      std::vector<std::string> words;
      for (std::size_t i = 0; i < nk.size();) {
        auto j = nk.find(' ', i);
        if (j == std::string::npos) j = nk.size();
        if (j > i && nk.substr(i, j - i) != "va") words.push_back(nk.substr(i, j - i));
        i = j + 1;
      }
      for (std::size_t a = 0; a < words.size(); ++a) {
        std::string initials;
        for (std::size_t b = a; b < words.size() && initials.size() < t.size(); ++b) initials += words[b][0];
        if (initials == t && t.size() >= 3) {
          found.insert(name);
          break;
        }
      }
    }
  }
  return found.size() == 1 ? *found.begin() : std::string();
}

std::vector<std::string> split_agencies(std::string_view cell) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= cell.size()) {
    auto j = cell.find_first_of(";\n", i);
    if (j == std::string_view::npos) j = cell.size();
    auto part = trim(cell.substr(i, j - i));
    if (!part.empty()) out.push_back(part);
    i = j + 1;
  }
  return out;
}

}  // namespace tonghop
