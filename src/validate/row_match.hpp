// The rows of one report table matched to the plan together: each row ranked against the
// plan's indicators and tasks (a sub-row that names only what differs read relative to its
// parent or the sibling above), then assigned one to one (assign.hpp); rows that match
// nothing and look like headings, totals, prose or signatures are set apart (non_item.hpp).
#pragma once

#include <string>
#include <vector>

#include "plan/plan.hpp"
#include "validate/check.hpp"

namespace tonghop {

struct RowText {
  std::string code;     // the STT as written
  SharedText written;   // the name as written (shared: a long table repeats its names)
  int parent = -1;      // position (in the same list) of the row a sub-row belongs under
  bool has_value = false;
};

struct RowMatch {
  enum class Kind { Matched, Ambiguous, Duplicate, Unknown, NotAnItem } kind = Kind::Unknown;
  ItemRef item;           // the item (Unknown: the closest)
  ItemRef other;          // Ambiguous: the other item; otherwise the runner-up
  double score = 0, other_score = 0;
  bool by_code = false;
  std::size_t first = 0;  // Duplicate: position of the row that took the item
  SharedText reading;     // a sub-row read relative to the rows above: the name it stands for
  SharedText evidence;    // the words that carried the match (--explain)
};

// `unit`: the canonical unit that sent the file ("" if unknown): its own items are preferred.
// `aliases`: written names the office taught (--aliases), taken as they say.
std::vector<RowMatch> match_rows(const Plan& plan, const PlanItems& items, const NameMatcher& m,
                                 const std::vector<RowText>& rows, const std::string& unit,
                                 const AliasStore* aliases = nullptr);

}  // namespace tonghop
