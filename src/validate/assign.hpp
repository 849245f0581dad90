// One-to-one assignment of a file's rows to plan items: rows compete for items, so a row
// takes the item it fits best among what the other rows leave (a maximum-weight matching,
// not first-come), the sending unit's own items are preferred, and the plan's row order
// breaks near ties. A row is ambiguous only when the assignment cannot decide; a row that
// repeats an item another row already took is a duplicate.
//
//   std::vector<RowCandidates> rows = ...;   // index.rank(code, prepared) per row
//   auto a = assign_rows(rows, own_items);
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/shared_text.hpp"
#include "validate/match.hpp"

namespace tonghop {

struct RowCandidates {
  std::vector<ItemIndex::Scored> ranked;  // best first (ItemIndex::rank)
  SharedText key;  // the written name folded: two rows alike repeat one item (shared: a long table repeats its names)
};

struct Assigned {
  enum class Kind { Matched, Ambiguous, Duplicate, Unknown } kind = Kind::Unknown;
  std::size_t cand = 0;        // position in the index's candidates (Matched, Ambiguous, Duplicate)
  std::size_t other = 0;       // Ambiguous: the other item; Duplicate: the row that took it
  double score = 0;            // the row's own score for cand
  double other_score = 0;
  bool by_code = false;
};

// own[c] != 0 when candidate c belongs to the unit that sent the file (may be empty).
std::vector<Assigned> assign_rows(const std::vector<RowCandidates>& rows, const std::vector<char>& own);

}  // namespace tonghop
