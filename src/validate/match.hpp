// Matching a report row to a plan item by what units actually write: shortened and longer
// names, abbreviations, paraphrase and word order, missing diacritics, misspellings and their
// own running numbers. Each match has a score in [0, 1].
//
//   NameMatcher m = NameMatcher::load_default();
//   ItemIndex index(m, {{0, "6", "Tỷ lệ người dân tham gia bảo hiểm y tế"}, ...});
//   auto r = index.match("", "Tỷ lệ tham gia BHYT");   // Matched, r.index == 0
//
// How a row is scored against one plan name (ItemIndex::score):
//   - words are weighted by how much they tell the plan's items apart: an IDF over the
//     plan's own item names, so "chỉ đạo", "thực hiện", "công tác" weigh little;
//   - containment both ways: the share of the plan name's weight the row covers, and the
//     share of the row's weight found in the plan name; a short core clause or a name with
//     the unit's explanation added still scores high;
//   - an all-capitals token of 2-6 letters matches a run of the plan name's words whose
//     initials it spells ("GPMB" = giải phóng mặt bằng); abbreviations that are not initials
//     come from templates/abbreviations.toml;
//   - one wrong letter in a word of 4+ letters counts (tone marks are folded away anyway);
//   - "số" before a number is dropped ("Nghị quyết số 57" = "Nghị quyết 57-NQ"); names whose
//     numbers differ ("mức độ 1" / "mức độ 2") are different items.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tonghop {

// A name made ready for comparison.
struct PreparedName {
  std::vector<int> seq;        // word ids in written order (abbreviations expanded)
  std::vector<int> words;      // the same, sorted and unique
  std::vector<int> numbers;    // number ids other than years, sorted and unique
  std::vector<std::string> initialisms;  // all-capitals tokens not in the data list, folded ("gpmb")
  std::vector<char> seq_initialism;      // per seq position: an initialism token
  double total = 0;                      // the words' weight (ItemIndex candidates)
};

class NameMatcher {
 public:
  static NameMatcher load(const std::string& path);  // throws ConfigError
  static NameMatcher load_default();

  // The words compared: folded, data-list abbreviations expanded, markers ("+", "-",
  // "Trong đó:") and punctuation dropped, "số" before a number dropped.
  std::vector<std::string> words(std::string_view name) const;
  PreparedName prepare(std::string_view name) const;

  const std::string& word(int id) const { return (*names_)[std::size_t(id)]; }
  bool weak(const std::string& word) const { return weak_.count(word) != 0; }
  int id(const std::string& word) const;
  // Words known so far, and forgetting the ones added since (a long-lived checking process
  // puts the ids back as they were after each file, so the next file numbers its new
  // words as a fresh process would).
  std::size_t word_count() const { return names_->size(); }
  void forget_words_from(std::size_t count) const;

 private:
  struct Token {
    std::string folded;
    bool initialism = false;  // all capitals, 2-6 letters, in a row that is not all capitals
  };
  std::vector<Token> tokens(std::string_view name) const;
  std::vector<std::string> words_of(const std::vector<Token>& tokens) const;
  std::map<std::string, std::string> abbreviations_;
  std::set<std::string> weak_;
  // Word ids, shared by every name prepared with this matcher (one thread).
  std::shared_ptr<std::unordered_map<std::string, int>> ids_ = std::make_shared<std::unordered_map<std::string, int>>();
  std::shared_ptr<std::vector<std::string>> names_ = std::make_shared<std::vector<std::string>>();
};

struct Candidate {
  std::size_t index;  // into the plan's indicators or tasks
  std::string code;
  std::string name;
  PreparedName prepared;  // filled by ItemIndex
};

// What carried a match, for --explain: the plan's words the row covered, heaviest first,
// with how ("=" same word, "~" one letter off, "GPMB" an initialism).
struct MatchEvidence {
  struct Word {
    std::string word;  // folded
    std::string how;   // "", "~written", or the initialism
    double weight = 0;
  };
  std::vector<Word> words;
  double cover_plan = 0;  // share of the plan name's weight the row covers
  double cover_row = 0;   // share of the row's weight found in the plan name
  double phrase = 0;      // the longest run of words written in the plan's order, as a share
                          // of the shorter of the two names
  std::string text() const;  // "giai phong mat bang (GPMB), trung lap, ..."
};

struct MatchResult {
  enum class Kind { Matched, Ambiguous, Unknown } kind = Kind::Unknown;
  std::size_t index = 0;      // Matched: the item
  std::size_t runner_up = 0;  // the second closest item (Ambiguous: the other close one)
  double score = 0;
  double runner_up_score = 0;
  bool by_code = false;       // the row's code agreed with the item's code
};

// Threshold below which a row matches nothing, and the margin that separates two
// candidates (closer than that: ambiguous).
inline constexpr double kMatchThreshold = 0.6;
inline constexpr double kAmbiguityMargin = 0.04;

// The plan's items with word weights over their own names.
class ItemIndex {
 public:
  ItemIndex(const NameMatcher& m, std::vector<Candidate> candidates);

  const std::vector<Candidate>& candidates() const { return candidates_; }
  const NameMatcher& matcher() const { return *m_; }

  // The row against candidate i (a position in candidates()).
  double score(const PreparedName& row, std::size_t i, MatchEvidence* why = nullptr) const;

  struct Scored {
    std::size_t cand;  // position in candidates()
    double score;
    bool by_code;
  };
  // Every candidate scoring at least `floor`, best first (the row's code lifts a fair match).
  std::vector<Scored> rank(const std::string& code, const PreparedName& row, double floor = 0.3) const;
  // The same in two steps, so that a name's scores serve every row written with it whatever
  // its code: every candidate the name alone brings within reach of `floor` (a lift may
  // still take it there), in candidate order, by_code false; then lift_by_code.
  std::vector<Scored> scores(const PreparedName& row, double floor = 0.3) const;
  // The row's code lifts a fair match of the candidate with that code; below `floor` out;
  // best first, ties in candidate order. `code_of(cand)` gives a candidate's code.
  template <class CodeOf>
  static void lift_by_code(const std::string& code, std::vector<Scored>& scored, double floor, CodeOf code_of);

  // The best candidate for one row on its own (no competition with other rows).
  MatchResult match(const std::string& code, const PreparedName& row) const;
  MatchResult match(const std::string& code, std::string_view name) const { return match(code, m_->prepare(name)); }

  double weight(int word) const;
  // Cached weights of word ids from `count` on dropped (NameMatcher::forget_words_from).
  void forget_words_from(std::size_t count) const {
    if (weight_cache_.size() > count) weight_cache_.resize(count);
  }

 private:
  struct Overlap;
  void overlap(const PreparedName& row, std::size_t ci, Overlap& o, bool explain) const;
  const NameMatcher* m_;
  std::vector<Candidate> candidates_;
  std::unordered_map<int, double> idf_;
  mutable std::vector<double> weight_cache_;  // by word id; < 0 not yet known (one thread)
  double unseen_ = 1;
  // Candidates holding each word, for ranking without comparing every pair.
  std::unordered_map<int, std::vector<std::uint32_t>> postings_;
  std::unordered_map<char, std::vector<std::uint32_t>> by_initial_;
};

// The same code lifts a fair name match; units' own numbering cannot lift a poor one.
inline constexpr double kCodeLift = 0.08, kCodeLiftFrom = 0.5;

template <class CodeOf>
void ItemIndex::lift_by_code(const std::string& code, std::vector<Scored>& scored, double floor, CodeOf code_of) {
  std::size_t kept = 0;
  for (auto s : scored) {
    s.by_code = !code.empty() && code == code_of(s.cand);
    if (s.by_code && s.score >= kCodeLiftFrom) s.score = std::min(1.0, s.score + kCodeLift);
    if (s.score >= floor) scored[kept++] = s;
  }
  scored.resize(kept);
  std::stable_sort(scored.begin(), scored.end(), [](const Scored& x, const Scored& y) { return x.score > y.score; });
}

// One row against a list of candidates (a convenience over ItemIndex for small lists).
MatchResult match_row(const NameMatcher& m, const std::string& code, const std::string& name,
                      const std::vector<Candidate>& candidates);

}  // namespace tonghop
