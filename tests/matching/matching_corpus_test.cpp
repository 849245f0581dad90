// Precision and recall of the row-to-item mapping on the perturbation corpus written by
// tests/gen/make_matching_corpus.py from every plan table of the seeds: each file's rows
// are ranked against its plan and assigned one-to-one, as the check does.
//
//   build/tests/matching_tests                      # the tables (also in docs/matching.md)
//   MATCHING_SHOW=tune build/tests/matching_tests   # every miss of that split, for study
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "../unit/test_util.hpp"
#include "core/text.hpp"
#include "validate/assign.hpp"
#include "validate/match.hpp"

using namespace tonghop;

namespace {


struct Tally {
  int rows = 0, correct = 0, wrong = 0, unmapped = 0;
  double recall() const { return rows ? double(correct) / rows : 1; }
};

struct Figures {
  std::map<std::string, Tally> kinds;  // "decoy" counts rows left unmapped as correct
  int mapped = 0, mapped_right = 0;
  Tally items, decoys;
  double precision() const { return mapped ? double(mapped_right) / mapped : 1; }
};

std::map<std::string, Figures> run_corpus() {
  std::string dir = std::string(TONGHOP_TEST_DATA) + "/matching";
  auto items = test::read_tsv(dir + "/items.tsv", 7);
  auto rows = test::read_tsv(dir + "/rows.tsv", 7);
  EXPECT_GT(items.size(), 100u);
  EXPECT_GT(rows.size(), 1000u);
  static NameMatcher m = NameMatcher::load_default();
  // plan -> index; candidate position -> key
  std::map<std::string, std::vector<Candidate>> cands;
  std::map<std::string, std::vector<std::string>> keys;
  for (const auto& f : items) {
    cands[f[0]].push_back({cands[f[0]].size(), f[3], f[4], {}});
    keys[f[0]].push_back(f[1]);
  }
  std::map<std::string, std::unique_ptr<ItemIndex>> indexes;
  for (auto& [plan, c] : cands) indexes[plan] = std::make_unique<ItemIndex>(m, c);

  const char* show = std::getenv("MATCHING_SHOW");
  std::map<std::string, Figures> out;
  std::size_t i = 0;
  while (i < rows.size()) {
    std::size_t j = i;
    while (j < rows.size() && rows[j][2] == rows[i][2]) ++j;
    const auto& plan = rows[i][0];
    const auto& index = *indexes[plan];
    std::vector<RowCandidates> rc;
    for (std::size_t k = i; k < j; ++k)
      rc.push_back({index.rank(rows[k][4], m.prepare(rows[k][5])), fold_key(rows[k][5])});
    auto assigned = assign_rows(rc, {});
    for (std::size_t k = i; k < j; ++k) {
      const auto& r = rows[k];
      const auto& a = assigned[k - i];
      auto& fig = out[r[1]];
      auto& kind = fig.kinds[r[3]];
      bool decoy = r[6].empty();
      bool mapped = a.kind == Assigned::Kind::Matched;
      bool right = mapped && keys[plan][a.cand] == r[6];
      ++kind.rows;
      auto& whole = decoy ? fig.decoys : fig.items;
      ++whole.rows;
      if (mapped) ++fig.mapped, fig.mapped_right += right;
      if (decoy) {
        if (!mapped && a.kind != Assigned::Kind::Duplicate) ++kind.correct, ++whole.correct;
        else ++kind.wrong, ++whole.wrong;
      } else if (right) {
        ++kind.correct, ++whole.correct;
      } else if (mapped) {
        ++kind.wrong, ++whole.wrong;
      } else {
        ++kind.unmapped, ++whole.unmapped;
      }
      bool miss = decoy ? (mapped || a.kind == Assigned::Kind::Duplicate) : !right;
      if (show && r[1] == show && miss) {
        const auto& c = index.candidates()[a.cand];
        MatchEvidence why;
        index.score(m.prepare(r[5]), a.cand, &why);
        std::cerr << r[3] << " [" << int(a.kind) << " " << std::fixed << std::setprecision(2) << a.score << "/"
                  << a.other_score << "] " << r[5] << "\n    -> " << keys[plan][a.cand] << " " << c.name.substr(0, 160)
                  << "\n    want " << r[6] << "  a=" << why.cover_plan << " b=" << why.cover_row << " {"
                  << why.text() << "}\n";
      }
    }
    i = j;
  }
  return out;
}

std::string table(const std::map<std::string, Figures>& figs) {
  std::ostringstream os;
  os << std::fixed << std::setprecision(1);
  for (const auto& [split, f] : figs) {
    os << "\n" << split << ": recall " << 100.0 * f.items.recall() << "% of " << f.items.rows << " rows, precision "
       << std::setprecision(2) << 100.0 * f.precision() << "% of " << f.mapped << " mapped, decoys left unknown "
       << std::setprecision(1) << 100.0 * f.decoys.recall() << "% of " << f.decoys.rows << "\n\n";
    os << "| kind | rows | right | wrong | unmapped | recall |\n|---|---|---|---|---|---|\n";
    for (const auto& [kind, t] : f.kinds)
      os << "| " << kind << " | " << t.rows << " | " << t.correct << " | " << t.wrong << " | " << t.unmapped << " | "
         << 100.0 * t.recall() << "% |\n";
  }
  return os.str();
}

}  // namespace

TEST(MatchingCorpus, GoalsOnTuneAndHeldOut) {
  auto figs = run_corpus();
  std::cout << table(figs);
  ASSERT_EQ(figs.size(), 3u);
  for (const auto& [split, f] : figs) {
    SCOPED_TRACE(split);
    EXPECT_GE(f.items.recall(), 0.97);
    EXPECT_GE(f.precision(), 0.995);
    EXPECT_GE(f.decoys.recall(), 0.98);
  }
}
