#include "validate/match.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "core/toml_file.hpp"
#include "core/text.hpp"

namespace tonghop {

namespace {

bool is_number(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_letters(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// ASCII punctuation that separates words in a written name ("-" is handled apart: it joins
// abbreviations such as "KT-XH").
bool is_separator(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == ',' || c == '.' || c == ';' || c == ':' || c == '/' ||
         c == '(' || c == ')' || c == '"' || c == '\'' || c == '%' || c == '[' || c == ']' || c == '!' || c == '?' ||
         c == '*' || c == '+' || c == '&';
}

// The unit's own numbering in front of a name: "1.", "2.3.", "a)", "II.", "I.31", "-", "+", "•".
std::string_view strip_numbering(std::string_view s) {
  for (int pass = 0; pass < 2; ++pass) {
    std::size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    s.remove_prefix(i);
    if (s.starts_with("- ") || s.starts_with("+ ") || s.starts_with("* ")) {
      s.remove_prefix(2);
      continue;
    }
    if (s.starts_with("\xE2\x80\xA2 ") || s.starts_with("\xE2\x80\x93 ")) {  // bullet, en dash
      s.remove_prefix(4);
      continue;
    }
    std::size_t j = 0;
    if (j < s.size() && s[j] == '(') ++j;
    std::size_t start = j;
    bool roman = false;
    while (j < s.size() && (std::string_view("IVXLC").find(s[j]) != std::string_view::npos)) ++j, roman = true;
    if (!roman) {
      while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || (s[j] == '.' && j > start))) ++j;
      if (j == start && j < s.size() && s[j] >= 'a' && s[j] <= 'h') ++j;
    } else {
      while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.')) ++j;
    }
    if (j == start) break;
    bool closed = j < s.size() && (s[j] == ')' || s[j] == '.');
    if (closed) ++j;
    bool digits_dotted = !roman && j > start + 1 && s[j - 1] == '.';
    // "100% ..." or "2 trường" are content; "3." "a)" "II." "I.31" are numbering.
    if (j < s.size() && s[j] == ' ' && (closed || roman || digits_dotted) &&
        !(j - start == 1 && s[start] >= 'a' && !closed)) {
      // A roman numeral must stand alone ("IT" or "Vĩnh" are words).
      if (roman && !closed && s.substr(start, j - start).find('.') == std::string_view::npos) break;
      s.remove_prefix(j + 1);
      continue;
    }
    break;
  }
  return s;
}

// Edit distance at most 1 between two ASCII words.
bool one_edit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) return a.substr(i + 1) == b.substr(i + 1);
  return a.substr(i) == b.substr(i + 1);
}

constexpr double kWeak = 0.25;  // the weight of a function word, relative to its IDF

}  // namespace

NameMatcher NameMatcher::load(const std::string& path) {
  auto doc = load_toml(path);
  NameMatcher m;
  if (auto* t = doc["abbreviations"].as_table())
    for (const auto& [k, v] : *t)
      if (auto s = v.value<std::string>()) m.abbreviations_[fold_key(k.str())] = fold_key(*s);
  if (auto* w = doc["weak"]["words"].as_array())
    for (const auto& x : *w)
      if (auto s = x.value<std::string>()) m.weak_.insert(fold_key(*s));
  return m;
}

NameMatcher NameMatcher::load_default() { return load(templates_dir() + "/abbreviations.toml"); }

std::vector<NameMatcher::Token> NameMatcher::tokens(std::string_view name) const {
  name = strip_numbering(name);
  std::vector<std::string> raw;
  std::string cur;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    unsigned char c = i < name.size() ? (unsigned char)name[i] : ' ';
    if (is_separator(c)) {
      if (!cur.empty()) raw.push_back(cur);
      cur.clear();
    } else {
      cur += char(c);
    }
  }
  std::vector<Token> out;
  std::size_t letter_tokens = 0, caps = 0;
  std::vector<bool> is_caps;
  for (const auto& r : raw) {
    // Most words start with a small ASCII letter or a digit: no capitals to look at.
    auto c0 = (unsigned char)r[0];
    bool plain = (c0 >= 'a' && c0 <= 'z') || (c0 >= '0' && c0 <= '9');
    auto cases = plain ? LetterCase{} : letter_case(r);
    bool letters = plain ? c0 >= 'a' : cases.cased;
    bool all_caps = !plain && letters && cases.all_upper;
    if (letters) ++letter_tokens;
    if (all_caps) ++caps;
    is_caps.push_back(all_caps);
  }
  // A heading written in capitals holds words, not abbreviations.
  bool caps_text = letter_tokens >= 3 && caps * 2 > letter_tokens;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    std::string f = fold_key(raw[i]);
    // fold_key keeps some punctuation and turns dashes into "-": words only here.
    std::string clean;
    for (char c : f)
      if (c != ',' && c != '.' && c != '/' && c != '%' && c != ' ') clean += c;
    while (!clean.empty() && clean.front() == '-') clean.erase(clean.begin());
    while (!clean.empty() && clean.back() == '-') clean.pop_back();
    if (clean.empty()) continue;
    Token t{clean, false};
    if (is_caps[i] && !caps_text && abbreviations_.count(clean) == 0 && clean.size() >= 2 && clean.size() <= 6 &&
        is_letters(clean))
      t.initialism = true;
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<std::string> NameMatcher::words(std::string_view name) const { return words_of(tokens(name)); }

std::vector<std::string> NameMatcher::words_of(const std::vector<Token>& tokens) const {
  std::vector<std::string> out;
  auto push_expanded = [&](const std::string& w) {
    auto it = abbreviations_.find(w);
    if (it == abbreviations_.end()) {
      out.push_back(w);
      return;
    }
    std::string part;
    for (char c : it->second + " ") {
      if (c == ' ' || c == '-' || c == ',') {
        if (!part.empty()) out.push_back(part);
        part.clear();
      } else {
        part += c;
      }
    }
  };
  for (const auto& t : tokens) {
    if (abbreviations_.count(t.folded)) {
      push_expanded(t.folded);
      continue;
    }
    // A hyphen joins abbreviations ("vh-xh") but separates words otherwise ("thu-chi").
    std::string part;
    for (char c : t.folded + "-") {
      if (c == '-') {
        if (!part.empty()) push_expanded(part);
        part.clear();
      } else {
        part += c;
      }
    }
  }
  // "Trong đó:" closes a parent's name; "số" before a number is a filler.
  if (out.size() >= 2 && out[out.size() - 2] == "trong" && out.back() == "do") out.resize(out.size() - 2);
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == "so" && i + 1 < out.size() && is_number(out[i + 1])) continue;
    std::string w = out[i];
    // "lí"/"lý", "kĩ"/"kỹ", "tỉ"/"tỷ": a final y after a consonant is the same syllable as i.
    if (w.size() >= 2 && w.back() == 'y' && std::string_view("aeiouy").find(w[w.size() - 2]) == std::string_view::npos &&
        is_letters(w))
      w.back() = 'i';
    kept.push_back(w);
  }
  return kept;
}

int NameMatcher::id(const std::string& word) const {
  auto [it, inserted] = ids_->emplace(word, int(ids_->size()));
  if (inserted) names_->push_back(word);
  return it->second;
}

void NameMatcher::forget_words_from(std::size_t count) const {
  while (names_->size() > count) {
    ids_->erase(names_->back());
    names_->pop_back();
  }
}

PreparedName NameMatcher::prepare(std::string_view name) const {
  PreparedName p;
  auto toks = tokens(name);
  for (const auto& t : toks)
    if (t.initialism) p.initialisms.push_back(t.folded);
  for (const auto& w : words_of(toks)) {
    bool initialism = std::find(p.initialisms.begin(), p.initialisms.end(), w) != p.initialisms.end();
    p.seq.push_back(id(w));
    p.seq_initialism.push_back(initialism);
    if (!initialism) p.words.push_back(p.seq.back());
    if (is_number(w)) {
      auto nz = w.find_first_not_of('0');
      std::string n = nz == std::string::npos ? "0" : w.substr(nz);
      int v = n.size() <= 4 ? std::stoi(n) : 99999;
      if (v < 1900 || v > 2100) p.numbers.push_back(id("#" + n));  // years tell no item apart
    }
  }
  for (auto* v : {&p.words, &p.numbers}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  return p;
}

std::string MatchEvidence::text() const {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ", ";
    out += w.word;
    if (!w.how.empty()) out += " (" + w.how + ")";
  }
  return out;
}

ItemIndex::ItemIndex(const NameMatcher& m, std::vector<Candidate> candidates)
    : m_(&m), candidates_(std::move(candidates)) {
  std::unordered_map<int, int> df;
  for (std::uint32_t i = 0; i < candidates_.size(); ++i) {
    auto& c = candidates_[i];
    c.prepared = m.prepare(c.name);
    // The plan's own capitals ("TTHC" in a name) are words of the name.
    c.prepared.words = c.prepared.seq;
    std::sort(c.prepared.words.begin(), c.prepared.words.end());
    c.prepared.words.erase(std::unique(c.prepared.words.begin(), c.prepared.words.end()), c.prepared.words.end());
    for (int w : c.prepared.words) {
      ++df[w];
      postings_[w].push_back(i);
    }
    std::unordered_set<char> initials;
    for (int w : c.prepared.seq) initials.insert(m.word(w)[0]);
    for (char ch : initials) by_initial_[ch].push_back(i);
  }
  double n = double(std::max<std::size_t>(candidates_.size(), 1));
  for (const auto& [w, d] : df) idf_[w] = std::log(1.0 + n / double(d)) * (m.weak(m.word(w)) ? kWeak : 1.0);
  unseen_ = std::log(1.0 + n);
  for (auto& c : candidates_) {
    c.prepared.total = 0;
    for (int w : c.prepared.words) c.prepared.total += weight(w);
  }
}

double ItemIndex::weight(int word) const {
  auto w = std::size_t(word);
  if (w < weight_cache_.size() && weight_cache_[w] >= 0) return weight_cache_[w];
  if (w >= weight_cache_.size()) weight_cache_.resize(w + 64, -1.0);
  auto it = idf_.find(word);
  double x = it != idf_.end() ? it->second : m_->weak(m_->word(word)) ? unseen_ * kWeak : unseen_;
  return weight_cache_[w] = x;
}

struct ItemIndex::Overlap {
  std::vector<double> covered;     // per plan word (c.words): 1 same, 0.8 one letter off
  std::vector<std::string> how;    // only when explaining
  std::vector<std::pair<int, std::vector<int>>> runs;
  std::vector<int> rseq;           // the row as plan word ids (-1: none)
  double row_total = 0, row_matched = 0, plan_total = 0, plan_covered = 0;
};

void ItemIndex::overlap(const PreparedName& row, std::size_t ci, Overlap& o, bool explain) const {
  const auto& c = candidates_[ci].prepared;
  o.covered.assign(c.words.size(), 0);
  if (explain) o.how.assign(c.words.size(), "");
  o.row_total = o.row_matched = o.plan_total = o.plan_covered = 0;
  auto pos = [&](int w) -> std::ptrdiff_t {
    auto it = std::lower_bound(c.words.begin(), c.words.end(), w);
    return it != c.words.end() && *it == w ? it - c.words.begin() : -1;
  };
  thread_local std::vector<int> fuzzy;
  fuzzy.assign(row.words.size(), -1);
  for (std::size_t r = 0; r < row.words.size(); ++r) {
    int w = row.words[r];
    double wt = weight(w);
    o.row_total += wt;
    if (auto k = pos(w); k >= 0) {
      o.covered[std::size_t(k)] = 1;
      o.row_matched += wt;
      continue;
    }
    const std::string& ws = m_->word(w);
    if (ws.size() < 4 || is_number(ws)) continue;
    for (std::size_t k = 0; k < c.words.size(); ++k) {
      const std::string& cs = m_->word(c.words[k]);
      if (cs.size() >= 4 && o.covered[k] < 0.8 && !is_number(cs) && one_edit(ws, cs)) {
        o.covered[k] = 0.8;
        if (explain) o.how[k] = "~" + ws;
        o.row_matched += 0.8 * wt;
        fuzzy[r] = c.words[k];
        break;
      }
    }
  }
  std::vector<std::pair<int, std::vector<int>>>& runs = o.runs;  // initialism id -> the plan words it spells
  runs.clear();
  for (const auto& ini : row.initialisms) {
    int literal = m_->id(ini);
    if (auto k = pos(literal); k >= 0) {  // the plan writes the same capitals
      o.covered[std::size_t(k)] = 1;
      o.row_total += weight(literal);
      o.row_matched += weight(literal);
      runs.push_back({literal, {literal}});
      continue;
    }
    // A run of the plan name's words whose initials spell the token.
    bool found = false;
    for (std::size_t s = 0; s + ini.size() <= c.seq.size() && !found; ++s) {
      bool ok = true;
      for (std::size_t j = 0; j < ini.size() && ok; ++j) ok = m_->word(c.seq[s + j])[0] == ini[j];
      if (!ok) continue;
      found = true;
      double run = 0;
      runs.push_back({literal, {}});
      for (std::size_t j = 0; j < ini.size(); ++j) {
        auto k = std::size_t(pos(c.seq[s + j]));
        run += weight(c.seq[s + j]) * (1 - o.covered[k]);
        o.covered[k] = 1;
        if (explain) o.how[k] = upper(ini);
        runs.back().second.push_back(c.seq[s + j]);
      }
      o.row_total += run;
      o.row_matched += run;
    }
    if (!found) o.row_total += unseen_;
  }
  // The row in the plan's words, for containment in order: each position the plan words
  // it stands for (-1 for none).
  o.rseq.clear();
  for (std::size_t q = 0; q < row.seq.size(); ++q) {
    int w = row.seq[q];
    if (row.seq_initialism[q]) {
      bool any = false;
      for (const auto& [id, words] : runs)
        if (id == w) {
          o.rseq.insert(o.rseq.end(), words.begin(), words.end());
          any = true;
          break;
        }
      if (!any) o.rseq.push_back(-1);
      continue;
    }
    if (pos(w) >= 0) {
      o.rseq.push_back(w);
    } else {
      auto it = std::lower_bound(row.words.begin(), row.words.end(), w);
      o.rseq.push_back(it != row.words.end() && *it == w ? fuzzy[std::size_t(it - row.words.begin())] : -1);
    }
  }
  o.plan_total = c.total;
  for (std::size_t k = 0; k < c.words.size(); ++k) o.plan_covered += weight(c.words[k]) * o.covered[k];
}

double ItemIndex::score(const PreparedName& row, std::size_t ci, MatchEvidence* why) const {
  const auto& c = candidates_[ci].prepared;
  if (c.words.empty() || (row.words.empty() && row.initialisms.empty())) return 0;
  thread_local Overlap o;
  overlap(row, ci, o, why != nullptr);
  if (o.row_total <= 0 || o.plan_total <= 0) return 0;
  double a = o.plan_covered / o.plan_total, b = o.row_matched / o.row_total;
  double s = std::pow(a, 0.35) * std::pow(b, 0.65);
  double phrase = 0;
  if (s >= 0.2) {
    // Containment in order: the longest run of the row's words found in the same order in
    // the plan's name (the whole plan name inside a longer row, or a row that is a clause of
    // a long plan name), weighted.
    const auto& rseq = o.rseq;
    double best = 0;
    thread_local std::vector<double> prev, cur;
    prev.assign(c.seq.size() + 1, 0);
    cur.assign(c.seq.size() + 1, 0);
    for (std::size_t i = 0; i < rseq.size(); ++i) {
      for (std::size_t j = 0; j < c.seq.size(); ++j) {
        cur[j + 1] = rseq[i] >= 0 && rseq[i] == c.seq[j] ? prev[j] + weight(c.seq[j]) : 0;
        best = std::max(best, cur[j + 1]);
      }
      std::swap(prev, cur);
    }
    double whole_plan = best / o.plan_total, whole_row = best / o.row_total;
    phrase = std::max(whole_plan, whole_row);
    // The plan's whole name, then the unit's own explanation.
    if (whole_plan >= 0.95 && c.seq.size() >= 2) s = std::max(s, 0.72 + 0.28 * b);
    // A clause of a long plan name, informative enough to tell it apart.
    if (whole_row >= 0.95 && rseq.size() >= 3 && best >= 2 * unseen_) s = std::max(s, 0.70 + 0.30 * a);
  }
  // Different numbers ("mức độ 1" / "mức độ 2"): different items.
  if (!row.numbers.empty() && !c.numbers.empty()) {
    bool shared = false;
    for (int x : row.numbers) shared = shared || std::binary_search(c.numbers.begin(), c.numbers.end(), x);
    if (!shared) s *= 0.6;
  }
  if (why) {
    why->cover_plan = a;
    why->cover_row = b;
    why->phrase = phrase;
    why->words.clear();
    for (std::size_t k = 0; k < c.words.size(); ++k)
      if (o.covered[k] > 0) why->words.push_back({m_->word(c.words[k]), o.how[k], weight(c.words[k]) * o.covered[k]});
    std::stable_sort(why->words.begin(), why->words.end(), [](const auto& x, const auto& y) { return x.weight > y.weight; });
  }
  return s;
}

std::vector<ItemIndex::Scored> ItemIndex::rank(const std::string& code, const PreparedName& row, double floor) const {
  auto out = scores(row, floor);
  lift_by_code(code, out, floor, [&](std::size_t c) -> const std::string& { return candidates_[c].code; });
  return out;
}

std::vector<ItemIndex::Scored> ItemIndex::scores(const PreparedName& row, double floor) const {
  // Only candidates sharing an informative word (or an initial, or a word one letter off) can
  // reach the floor: a row of generic words alone matches nothing.
  thread_local std::vector<char> seen;
  seen.assign(candidates_.size(), 0);
  double informative = 0.5 * unseen_;
  for (int w : row.words) {
    if (auto it = postings_.find(w); it != postings_.end()) {
      if (weight(w) >= informative)
        for (auto i : it->second) seen[i] = 1;
      continue;
    }
    const std::string& ws = m_->word(w);
    if (ws.size() < 4 || is_number(ws)) continue;
    for (const auto& [v, list] : postings_) {
      const std::string& vs = m_->word(v);
      if (vs.size() + 1 >= ws.size() && vs.size() <= ws.size() + 1 && one_edit(ws, vs))
        for (auto i : list) seen[i] = 1;
    }
  }
  for (const auto& ini : row.initialisms)
    if (auto it = by_initial_.find(ini[0]); it != by_initial_.end())
      for (auto i : it->second) seen[i] = 1;
  std::vector<Scored> out;
  for (std::size_t i = 0; i < candidates_.size(); ++i) {
    if (!seen[i]) continue;
    double s = score(row, i);
    if (s >= floor || (s >= kCodeLiftFrom && std::min(1.0, s + kCodeLift) >= floor)) out.push_back({i, s, false});
  }
  return out;
}

MatchResult ItemIndex::match(const std::string& code, const PreparedName& row) const {
  MatchResult r;
  auto ranked = rank(code, row, 0.0);
  if (ranked.empty()) return r;
  r.index = candidates_[ranked[0].cand].index;
  r.score = ranked[0].score;
  if (ranked.size() > 1) {
    r.runner_up = candidates_[ranked[1].cand].index;
    r.runner_up_score = ranked[1].score;
  }
  if (r.score < kMatchThreshold) return r;
  if (ranked.size() > 1 && r.runner_up_score >= kMatchThreshold && r.score - r.runner_up_score < kAmbiguityMargin) {
    r.kind = MatchResult::Kind::Ambiguous;
    return r;
  }
  r.kind = MatchResult::Kind::Matched;
  r.by_code = ranked[0].by_code;
  return r;
}

MatchResult match_row(const NameMatcher& m, const std::string& code, const std::string& name,
                      const std::vector<Candidate>& candidates) {
  ItemIndex index(m, candidates);
  return index.match(code, m.prepare(name));
}

}  // namespace tonghop
