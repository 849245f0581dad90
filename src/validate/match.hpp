// Matching a report row to a plan item by what units actually write: abbreviations
// (templates/abbreviations.toml), paraphrase and word order, missing diacritics, NFD,
// "+" markers and their own running numbers. Each match has a score in [0, 1].
//
//   NameMatcher m = NameMatcher::load_default();
//   m.similarity("Tỷ lệ người dân tham gia BHYT", "Tỷ lệ người dân tham gia bảo hiểm y tế")  // 1.0
#pragma once

#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

namespace tonghop {

// A name made ready for comparison: its words and its numbers as ids, sorted and unique.
struct PreparedName {
  std::vector<int> words;
  std::vector<int> numbers;
};

class NameMatcher {
 public:
  static NameMatcher load(const std::string& path);  // throws ConfigError
  static NameMatcher load_default();

  // The words compared: folded, abbreviations expanded, markers ("+", "-", "Trong đó:")
  // and punctuation dropped.
  std::vector<std::string> words(std::string_view name) const;
  // Dice similarity of the two word sets; names whose numbers differ ("mức độ 1" and
  // "mức độ 2") score at most 0.5: they are different items.
  double similarity(std::string_view a, std::string_view b) const;
  double similarity(const PreparedName& a, const PreparedName& b) const;
  PreparedName prepare(std::string_view name) const;

 private:
  int id(const std::string& word) const;
  std::map<std::string, std::string> abbreviations_;
  // Word ids, shared by every name prepared with this matcher (one thread).
  std::shared_ptr<std::unordered_map<std::string, int>> ids_ = std::make_shared<std::unordered_map<std::string, int>>();
};

struct Candidate {
  std::size_t index;  // into the plan's indicators or tasks
  std::string code;
  std::string name;
  PreparedName prepared;  // filled by prepare_candidates
};

// Prepares the candidates' names once, so a row is compared with each in linear time.
void prepare_candidates(const NameMatcher& m, std::vector<Candidate>& candidates);

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
inline constexpr double kMatchThreshold = 0.72;
inline constexpr double kAmbiguityMargin = 0.04;

MatchResult match_row(const NameMatcher& m, const std::string& code, const std::string& name,
                      const std::vector<Candidate>& candidates);
// The same with the row's name prepared once (a row is matched against several lists).
MatchResult match_row(const NameMatcher& m, const std::string& code, const PreparedName& name,
                      const std::vector<Candidate>& candidates);

}  // namespace tonghop
