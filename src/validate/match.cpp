#include "validate/match.hpp"

#include <algorithm>

#include "core/config.hpp"
#include "core/text.hpp"

namespace tonghop {

NameMatcher NameMatcher::load(const std::string& path) {
  auto doc = load_toml(path);
  NameMatcher m;
  if (auto* t = doc["abbreviations"].as_table())
    for (const auto& [k, v] : *t)
      if (auto s = v.value<std::string>()) m.abbreviations_[fold_key(k.str())] = fold_key(*s);
  return m;
}

NameMatcher NameMatcher::load_default() { return load(templates_dir() + "/abbreviations.toml"); }

std::vector<std::string> NameMatcher::words(std::string_view name) const {
  std::string k = fold_key(name);
  // "Trong đó:" ends a parent's name; "+"/"-" open sub-rows: neither is part of the name.
  for (std::string_view marker : {"trong do"}) {
    auto pos = k.rfind(marker);
    if (pos != std::string::npos && pos + marker.size() + 2 >= k.size()) k.resize(pos);
  }
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (cur.empty()) return;
    auto it = abbreviations_.find(cur);
    std::string expanded = it != abbreviations_.end() ? it->second : cur;
    cur.clear();
    std::string w;
    for (char c : expanded + " ") {
      if (c == ' ' || c == '-' || c == ',') {
        if (!w.empty()) out.push_back(w);
        w.clear();
      } else {
        w += c;
      }
    }
  };
  for (std::size_t i = 0; i < k.size(); ++i) {
    char c = k[i];
    bool sep = c == ' ' || c == ',' || c == '.' || c == '/' || c == '%' || c == '(' || c == ')';
    // A hyphen joins abbreviations ("kt-xh") but separates words otherwise.
    if (c == '-' && !cur.empty() && abbreviations_.count(cur + k.substr(i, k.find(' ', i) - i)) == 0) sep = true;
    if (sep) flush();
    else cur += c;
  }
  flush();
  out.erase(std::remove_if(out.begin(), out.end(), [](const std::string& w) { return w == "+" || w.empty(); }),
            out.end());
  return out;
}

int NameMatcher::id(const std::string& word) const {
  auto [it, inserted] = ids_->emplace(word, int(ids_->size()));
  return it->second;
}

PreparedName NameMatcher::prepare(std::string_view name) const {
  PreparedName p;
  for (const auto& w : words(name)) {
    p.words.push_back(id(w));
    if (!w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }))
      p.numbers.push_back(id(w.find_first_not_of('0') == std::string::npos ? "0" : w.substr(w.find_first_not_of('0'))));
  }
  for (auto* v : {&p.words, &p.numbers}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  return p;
}

double NameMatcher::similarity(const PreparedName& a, const PreparedName& b) const {
  if (a.words.empty() || b.words.empty()) return 0;
  std::size_t common = 0;
  for (auto i = a.words.begin(), j = b.words.begin(); i != a.words.end() && j != b.words.end();) {
    if (*i == *j) ++common, ++i, ++j;
    else if (*i < *j) ++i;
    else ++j;
  }
  double dice = 2.0 * double(common) / double(a.words.size() + b.words.size());
  if (!a.numbers.empty() && !b.numbers.empty() && a.numbers != b.numbers) dice = std::min(dice, 0.5);
  return dice;
}

double NameMatcher::similarity(std::string_view a, std::string_view b) const {
  return similarity(prepare(a), prepare(b));
}

void prepare_candidates(const NameMatcher& m, std::vector<Candidate>& candidates) {
  for (auto& c : candidates) c.prepared = m.prepare(c.name);
}

MatchResult match_row(const NameMatcher& m, const std::string& code, const std::string& name,
                      const std::vector<Candidate>& candidates) {
  return match_row(m, code, m.prepare(name), candidates);
}

MatchResult match_row(const NameMatcher& m, const std::string& code, const PreparedName& row,
                      const std::vector<Candidate>& candidates) {
  MatchResult r;
  double best = 0, second = 0;
  std::size_t best_i = 0, second_i = 0;
  bool best_by_code = false;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const auto& c = candidates[i];
    double s = m.similarity(row, c.prepared.words.empty() ? m.prepare(c.name) : c.prepared);
    bool code_agrees = !code.empty() && code == c.code;
    // The same code lifts a fair name match; units' own numbering cannot lift a poor one.
    if (code_agrees && s >= 0.5) s = std::min(1.0, s + 0.15);
    if (s > best) {
      second = best, second_i = best_i;
      best = s, best_i = i, best_by_code = code_agrees;
    } else if (s > second) {
      second = s, second_i = i;
    }
  }
  r.score = best;
  r.runner_up_score = second;
  if (candidates.size() > 1) r.runner_up = candidates[second_i].index;
  if (best < kMatchThreshold) {
    r.index = candidates.empty() ? 0 : candidates[best_i].index;  // the closest, for --explain
    return r;
  }
  if (second >= kMatchThreshold && best - second < kAmbiguityMargin) {
    r.kind = MatchResult::Kind::Ambiguous;
    r.index = candidates[best_i].index;
    return r;
  }
  r.kind = MatchResult::Kind::Matched;
  r.index = candidates[best_i].index;
  r.by_code = best_by_code;
  return r;
}

}  // namespace tonghop
