#include "validate/assign.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <numeric>

namespace tonghop {

namespace {

constexpr double kOwnBonus = 0.03;    // the sending unit's own item
constexpr double kOrderBonus = 0.01;  // the item after the previous row's (plan row order)
constexpr double kUndecided = 0.02;   // two assignments closer than this: the file does not say
constexpr double kRepeat = 0.8;       // a losing row this close to a taken item repeats it
constexpr std::size_t kMaxComponent = 400;

// Minimum-cost assignment of n rows to m >= n columns (Hungarian method with potentials).
std::vector<int> hungarian(const std::vector<std::vector<double>>& cost) {
  std::size_t n = cost.size(), m = cost.empty() ? 0 : cost[0].size();
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> u(n + 1, 0), v(m + 1, 0);
  std::vector<std::size_t> p(m + 1, 0), way(m + 1, 0);
  for (std::size_t i = 1; i <= n; ++i) {
    p[0] = i;
    std::size_t j0 = 0;
    std::vector<double> minv(m + 1, inf);
    std::vector<char> used(m + 1, 0);
    do {
      used[j0] = 1;
      std::size_t i0 = p[j0], j1 = 0;
      double delta = inf;
      for (std::size_t j = 1; j <= m; ++j) {
        if (used[j]) continue;
        double cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
        if (cur < minv[j]) minv[j] = cur, way[j] = j0;
        if (minv[j] < delta) delta = minv[j], j1 = j;
      }
      for (std::size_t j = 0; j <= m; ++j) {
        if (used[j]) u[p[j]] += delta, v[j] -= delta;
        else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] != 0);
    do {
      std::size_t j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  std::vector<int> row_to_col(n, -1);
  for (std::size_t j = 1; j <= m; ++j)
    if (p[j]) row_to_col[p[j] - 1] = int(j - 1);
  return row_to_col;
}

}  // namespace

std::vector<Assigned> assign_rows(const std::vector<RowCandidates>& rows, const std::vector<char>& own) {
  std::size_t n = rows.size();
  std::vector<Assigned> out(n);
  // Adjusted weights of the edges above the threshold.
  std::vector<std::vector<std::pair<std::size_t, double>>> edges(n);
  std::vector<long> anchor(n, -1);  // the row's clear best candidate, for the order tie-breaker
  for (std::size_t i = 0; i < n; ++i) {
    const auto& r = rows[i].ranked;
    if (!r.empty() && r[0].score >= kMatchThreshold && (r.size() < 2 || r[0].score - r[1].score >= 0.05))
      anchor[i] = long(r[0].cand);
  }
  for (std::size_t i = 0; i < n; ++i) {
    long prev = -1, next = -1;
    for (std::size_t j = i; j-- > 0;)
      if (anchor[j] >= 0) { prev = anchor[j]; break; }
    for (std::size_t j = i + 1; j < n; ++j)
      if (anchor[j] >= 0) { next = anchor[j]; break; }
    for (const auto& s : rows[i].ranked) {
      if (s.score < kMatchThreshold) continue;
      double w = s.score;
      if (s.cand < own.size() && own[s.cand]) w += kOwnBonus;
      if ((prev >= 0 && long(s.cand) == prev + 1) || (next >= 0 && long(s.cand) == next - 1)) w += kOrderBonus;
      edges[i].push_back({s.cand, w});
    }
  }
  // Components: rows linked through the items they could take.
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  std::map<std::size_t, std::size_t> first_row_of_item;
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& [c, w] : edges[i]) {
      auto [it, inserted] = first_row_of_item.emplace(c, i);
      if (!inserted) parent[find(i)] = find(it->second);
    }
  std::map<std::size_t, std::vector<std::size_t>> components;
  for (std::size_t i = 0; i < n; ++i)
    if (!edges[i].empty()) components[find(i)].push_back(i);

  std::vector<long> taken_by_row(n, -1);  // row -> candidate
  std::map<std::size_t, std::size_t> holder;  // candidate -> row
  for (const auto& [root, members] : components) {
    std::vector<std::size_t> items;
    for (auto i : members)
      for (const auto& [c, w] : edges[i]) items.push_back(c);
    std::sort(items.begin(), items.end());
    items.erase(std::unique(items.begin(), items.end()), items.end());
    if (members.size() == 1 && items.size() >= 1) {
      auto best = std::max_element(edges[members[0]].begin(), edges[members[0]].end(),
                                   [](const auto& x, const auto& y) { return x.second < y.second; });
      taken_by_row[members[0]] = long(best->first);
      continue;
    }
    if (members.size() > kMaxComponent) {
      // Too large to solve exactly (a file of hundreds of near-identical rows): best first.
      std::vector<std::tuple<double, std::size_t, std::size_t>> all;
      for (auto i : members)
        for (const auto& [c, w] : edges[i]) all.push_back({w, i, c});
      std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) { return std::get<0>(x) > std::get<0>(y); });
      std::map<std::size_t, char> used;
      for (const auto& [w, i, c] : all)
        if (taken_by_row[i] < 0 && !used[c]) taken_by_row[i] = long(c), used[c] = 1;
      continue;
    }
    // Columns: the items, then one "no item" column per row (weight 0).
    std::size_t rcount = members.size(), ccount = items.size() + rcount;
    std::vector<std::vector<double>> cost(rcount, std::vector<double>(ccount, 0.0));
    for (std::size_t a = 0; a < rcount; ++a) {
      for (std::size_t b = 0; b < items.size(); ++b) cost[a][b] = 10.0;  // no edge: never chosen
      for (const auto& [c, w] : edges[members[a]]) {
        auto b = std::size_t(std::lower_bound(items.begin(), items.end(), c) - items.begin());
        cost[a][b] = -w;
      }
    }
    auto sol = hungarian(cost);
    for (std::size_t a = 0; a < rcount; ++a)
      if (sol[a] >= 0 && std::size_t(sol[a]) < items.size() && cost[a][std::size_t(sol[a])] < 0)
        taken_by_row[members[a]] = long(items[std::size_t(sol[a])]);
  }
  for (std::size_t i = 0; i < n; ++i)
    if (taken_by_row[i] >= 0) holder[std::size_t(taken_by_row[i])] = i;

  auto weight = [&](std::size_t i, std::size_t c) {
    for (const auto& [cc, w] : edges[i])
      if (cc == c) return w;
    return -1.0;
  };
  auto raw = [&](std::size_t i, std::size_t c) -> const ItemIndex::Scored* {
    for (const auto& s : rows[i].ranked)
      if (s.cand == c) return &s;
    return nullptr;
  };
  for (std::size_t i = 0; i < n; ++i) {
    auto& a = out[i];
    const auto& r = rows[i].ranked;
    if (taken_by_row[i] >= 0) {
      auto c = std::size_t(taken_by_row[i]);
      const auto* s = raw(i, c);
      a.kind = Assigned::Kind::Matched;
      a.cand = c;
      a.score = s->score;
      a.by_code = s->by_code;
      double wc = weight(i, c);
      // Could the file as well say another item? A free one as close, or a swap with the
      // row holding it that changes nothing.
      for (const auto& [k, wk] : edges[i]) {
        if (k == c) continue;
        auto h = holder.find(k);
        bool undecided = false;
        if (h == holder.end()) {
          undecided = wc - wk < kUndecided;
        } else {
          std::size_t j = h->second;
          double wjc = weight(j, c);
          if (wjc >= 0) undecided = std::abs((wk + wjc) - (wc + weight(j, k))) < kUndecided && rows[j].key.str() != rows[i].key.str();
        }
        if (undecided) {
          a.kind = Assigned::Kind::Ambiguous;
          a.other = k;
          a.other_score = raw(i, k)->score;
          break;
        }
      }
      continue;
    }
    if (!r.empty()) {
      a.cand = r[0].cand;
      a.score = r[0].score;
      if (r.size() > 1) a.other_score = r[1].score;
    }
    // Lost its item to another row: a repeat of it, or something not in the plan.
    if (!r.empty() && r[0].score >= kMatchThreshold) {
      auto h = holder.find(r[0].cand);
      if (h != holder.end() && (rows[h->second].key.str() == rows[i].key.str() || r[0].score >= kRepeat)) {
        a.kind = Assigned::Kind::Duplicate;
        a.other = h->second;
      }
    }
  }
  return out;
}

}  // namespace tonghop
