#include "validate/row_match.hpp"

#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/text.hpp"
#include "validate/assign.hpp"
#include "validate/non_item.hpp"
#include "validate/relative.hpp"

namespace tonghop {

namespace {

// Indicators and tasks as one list of candidates: indicators first.
struct Both {
  const Plan& plan;
  const PlanItems& items;
  std::size_t n_ind() const { return items.indicators->candidates().size(); }
  ItemRef ref(std::size_t c) const {
    return c < n_ind() ? ItemRef{ItemKind::Indicator, items.indicators->candidates()[c].index}
                       : ItemRef{ItemKind::Task, items.tasks->candidates()[c - n_ind()].index};
  }
  const ItemIndex& index_of(std::size_t c) const { return c < n_ind() ? *items.indicators : *items.tasks; }
  std::size_t local(std::size_t c) const { return c < n_ind() ? c : c - n_ind(); }
  const std::string& code_of(std::size_t c) const { return index_of(c).candidates()[local(c)].code; }
  // Both lists' scores of a name alone, in candidate order (indicators first).
  std::vector<ItemIndex::Scored> scores(const PreparedName& p) const {
    auto out = items.indicators->scores(p);
    for (auto s : items.tasks->scores(p)) {
      s.cand += n_ind();
      out.push_back(s);
    }
    return out;
  }
  // The ranking of a row: its name's scores lifted by its code, best first (ties in
  // candidate order, as ItemIndex::rank over each list then merged).
  std::vector<ItemIndex::Scored> ranked(const std::string& code, std::vector<ItemIndex::Scored> scored) const {
    ItemIndex::lift_by_code(code, scored, 0.3, [&](std::size_t c) -> const std::string& { return code_of(c); });
    return scored;
  }
  std::vector<ItemIndex::Scored> rank(const std::string& code, const PreparedName& p) const { return ranked(code, scores(p)); }
};

}  // namespace

std::vector<RowMatch> match_rows(const Plan& plan, const PlanItems& items, const NameMatcher& m,
                                 const std::vector<RowText>& rows, const std::string& unit, const AliasStore* aliases) {
  Both both{plan, items};
  std::vector<RowCandidates> ranked(rows.size());
  std::vector<std::string> readings(rows.size());
  auto best_name = [&](std::size_t i) -> std::string {
    const auto& r = ranked[i].ranked;
    if (r.empty() || r[0].score < kMatchThreshold) return "";
    return plan.name_of(both.ref(r[0].cand));
  };
  // An item the office taught: its code, else its name.
  std::size_t n_all = both.n_ind() + items.tasks->candidates().size();
  auto taught_item = [&](const std::string& target) -> std::optional<std::size_t> {
    for (std::size_t c = 0; c < n_all; ++c)
      if (plan.code_of(both.ref(c)) == target) return c;
    for (std::size_t c = 0; c < n_all; ++c)
      if (fold_key(plan.name_of(both.ref(c))) == fold_key(target)) return c;
    return std::nullopt;
  };
  std::vector<char> taught(rows.size(), 0);
  // What the office taught, by folded name (as AliasStore::item_for and is_not_item), folded
  // once here rather than every entry for every row.
  std::unordered_map<std::string, const std::string*> taught_target;  // the first entry wins
  std::unordered_set<std::string> taught_not_item;
  if (aliases)
    for (const auto& e : aliases->entries()) {
      if (e.kind == Alias::Kind::NotItem) taught_not_item.insert(fold_key(e.written));
      else if (e.kind == Alias::Kind::Item) taught_target.emplace(fold_key(e.written), &e.target);
    }
  // Each written name folded once (a long table repeats its names).
  std::unordered_map<std::string_view, SharedText> folded_of;  // (shared by the rows' RowCandidates)
  auto folded = [&](std::size_t i) -> const SharedText& {
    auto [it, fresh] = folded_of.try_emplace(rows[i].written);
    if (fresh) it->second = fold_key(rows[i].written);
    return it->second;
  };
  std::string cache_key;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!taught_not_item.empty() && taught_not_item.count(folded(i))) {
      ranked[i] = {{}, folded(i)};
      taught[i] = 2;
      continue;
    }
    if (auto t = taught_target.empty() ? taught_target.end() : taught_target.find(folded(i)); t != taught_target.end())
      if (auto c = taught_item(*t->second)) {
        ranked[i] = {{{*c, 1.0, false}}, folded(i)};
        taught[i] = 1;
        continue;
      }
    // A name's scores do not depend on the row's code (it only lifts): cached by name, so
    // that rows numbered apart but written alike are scored once.
    cache_key.assign(1, '\x1f').append(rows[i].written);
    auto cached = items.ranked.find(cache_key);
    if (cached == items.ranked.end()) cached = items.ranked.emplace(cache_key, both.scores(m.prepare(rows[i].written))).first;
    ranked[i] = {both.ranked(rows[i].code, cached->second), folded(i)};
    double best = ranked[i].ranked.empty() ? 0 : ranked[i].ranked[0].score;
    if (best >= kMatchThreshold) continue;
    // Written relative to the rows above: "Trong đó: khu vực nông thôn", "mức độ 3".
    std::string previous = i > 0 ? best_name(i - 1) : "";
    std::string parent = rows[i].parent >= 0 ? best_name(std::size_t(rows[i].parent)) : "";
    for (const auto& reading : relative_readings(rows[i].written, previous, parent)) {
      auto r = both.rank(rows[i].code, m.prepare(reading));
      // The rows above hold their own items: the reading names another one.
      std::erase_if(r, [&](const auto& s) {
        const auto& name = plan.name_of(both.ref(s.cand));
        return name == previous || name == parent;
      });
      if (r.empty() || r[0].score < kMatchThreshold || r[0].score <= best) continue;
      best = r[0].score;
      ranked[i].ranked = std::move(r);
      readings[i] = reading;
    }
  }
  std::vector<char> own;
  if (!unit.empty()) {
    std::size_t n = both.n_ind() + items.tasks->candidates().size();
    own.assign(n, 0);
    for (std::size_t c = 0; c < n; ++c) own[c] = plan.owner_of(both.ref(c)) == unit;
  }
  auto assigned = assign_rows(ranked, own);
  std::vector<RowMatch> out(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& a = assigned[i];
    const auto& r = ranked[i].ranked;
    auto& o = out[i];
    o.reading = readings[i];
    o.score = a.score;
    o.by_code = a.by_code;
    if (!r.empty()) o.item = both.ref(a.cand);
    switch (a.kind) {
      case Assigned::Kind::Matched: o.kind = RowMatch::Kind::Matched; break;
      case Assigned::Kind::Ambiguous: o.kind = RowMatch::Kind::Ambiguous; break;
      case Assigned::Kind::Duplicate: o.kind = RowMatch::Kind::Duplicate; break;
      case Assigned::Kind::Unknown:
        o.kind = is_non_item(rows[i].written, rows[i].has_value) ? RowMatch::Kind::NotAnItem : RowMatch::Kind::Unknown;
        break;
    }
    if (a.kind == Assigned::Kind::Ambiguous) {
      o.other = both.ref(a.other);
      o.other_score = a.other_score;
    } else if (a.kind == Assigned::Kind::Duplicate) {
      o.first = a.other;
    }
    if (a.kind != Assigned::Kind::Ambiguous)
      for (const auto& s : r)
        if (s.cand != a.cand) {
          o.other = both.ref(s.cand);
          o.other_score = s.score;
          break;
        }
    if (taught[i] == 2) o.kind = RowMatch::Kind::NotAnItem;
    if (taught[i]) {
      o.evidence = "--aliases";
    } else if (!r.empty() && (a.kind == Assigned::Kind::Matched || a.kind == Assigned::Kind::Ambiguous)) {
      const std::string& text = readings[i].empty() ? rows[i].written.str() : readings[i];
      auto [it, fresh] = items.evidence.try_emplace(text + '\x1f' + std::to_string(a.cand));
      if (fresh) {
        MatchEvidence why;
        both.index_of(a.cand).score(m.prepare(text), both.local(a.cand), &why);
        it->second = why.text();
      }
      o.evidence = it->second;
    }
  }
  return out;
}

}  // namespace tonghop
