// The cheapest changes to a unit's evidence that reach a band, a rank or an index.
//
// The search is a dynamic programme over the tree. Each changeable leaf has a few discrete
// choices (leaf_values.hpp: the values a clerk would write, one per points level above its
// own). For every node, bottom-up, it keeps every distinct outcome reachable with at most K
// changes: the key is (changes, the node's points, the points of the tie-break nodes inside
// it), and for each key the first plan in set order. A sum node folds its children's tables
// one by one on their partial sum; a weighted_mean node folds them on the list of its
// children's points and then aggregates each combination exactly, as the scorer does
// (rounding once). At the root the adjustments are added and the total clamped, and the
// outcome that meets the target with the fewest changes, then the lowest total, then the
// plan first in set order, is chosen. K doubles (1, 2, 4, …) until a plan is found.
//
// Cost: with V the distinct points a node can reach within K changes (at most its max over
// the rounding grid, and far fewer for small K), T the combinations of tie-break points and
// C the children of a node, a node's table holds at most (K+1)·V·T keys and folding one child
// costs |partial table| · |child table| map insertions: O(nodes · ((K+1)·V·T)² · log) per
// pass, at most log₂(L)+1 passes for L changeable leaves. For a real set (a few hundred
// leaves, a few choices each, K ≤ 5) that is milliseconds; the work is bounded (plan-too-large)
// so that no input makes it hang.
#include "cchc/analysis/plan.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <utility>

#include "analysis/leaf_values.hpp"
#include "analysis/plan_budget.hpp"
#include "i18n/format.hpp"
#include "model/api_error.hpp"
#include "model/evaluation_data.hpp"
#include "model/exact.hpp"
#include "model/unicode.hpp"
#include "scoring/weighted_mean.hpp"

namespace cchc {
inline namespace v1 {

struct UnitPlan::Data {
  std::size_t unit = 0;
  std::string target;
  bool reachable = false;
  PlanStanding before, after;
  std::vector<PlanChange> changes;
};

UnitPlan::UnitPlan() : data_(new Data) {}
UnitPlan::UnitPlan(Data data) : data_(new Data(std::move(data))) {}
UnitPlan::UnitPlan(const UnitPlan& other) : data_(new Data(*other.data_)) {}
UnitPlan::UnitPlan(UnitPlan&& other) noexcept : data_(other.data_) { other.data_ = nullptr; }
UnitPlan& UnitPlan::operator=(const UnitPlan& other) {
  if (this != &other) *this = UnitPlan(other);
  return *this;
}
UnitPlan& UnitPlan::operator=(UnitPlan&& other) noexcept {
  std::swap(data_, other.data_);
  return *this;
}
UnitPlan::~UnitPlan() { delete data_; }

namespace {
// A moved-from plan reads as an empty one.
const UnitPlan::Data& empty_plan() {
  static const UnitPlan::Data empty;
  return empty;
}
}  // namespace

std::size_t UnitPlan::unit() const noexcept { return (data_ ? *data_ : empty_plan()).unit; }
const std::string& UnitPlan::target() const noexcept { return (data_ ? *data_ : empty_plan()).target; }
bool UnitPlan::reachable() const noexcept { return (data_ ? *data_ : empty_plan()).reachable; }
const PlanStanding& UnitPlan::before() const noexcept { return (data_ ? *data_ : empty_plan()).before; }
const PlanStanding& UnitPlan::after() const noexcept { return (data_ ? *data_ : empty_plan()).after; }
const std::vector<PlanChange>& UnitPlan::changes() const noexcept { return (data_ ? *data_ : empty_plan()).changes; }

namespace {

using detail::int128;

// ---------------------------------------------------------------------------------------
// The target, and the value bands and ranks are decided on (as ranking.cpp does).

struct Target {
  enum class Kind { band, rank, index } kind = Kind::band;
  std::string label;
  int rank = 0;
  Decimal index;
};

// The parsed target, or the problem with it.
std::pair<std::optional<Target>, std::string> parse_target(const Evaluation& ev, std::size_t unit, std::string_view text) {
  const std::string shown = detail::quote_value(text);
  const std::size_t colon = text.find(':');
  const std::string_view kind = colon == std::string_view::npos ? std::string_view() : text.substr(0, colon);
  const std::string_view arg = colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
  Target t;
  if (kind == "band") {
    const Unit& u = ev.units()[unit];
    const std::vector<Band>& bands = ev.criteria().bands_for(u.group());
    std::string known;
    for (const Band& b : bands) {
      if (b.label == arg) {
        t.label = b.label;
        return {t, {}};
      }
      known += (known.empty() ? "" : ", ") + detail::quote_value(b.label);
    }
    if (bands.empty())
      return {std::nullopt, detail::trf("target {target}: the set has no bands for unit {unit}", fmt::arg("target", shown),
                                        fmt::arg("unit", detail::quote_value(u.code())))};
    return {std::nullopt, detail::trf("target {target}: no band {band} for unit {unit}; its bands are {known}", fmt::arg("target", shown),
                                      fmt::arg("band", detail::quote_value(arg)), fmt::arg("unit", detail::quote_value(u.code())),
                                      fmt::arg("known", known))};
  }
  if (kind == "rank") {
    const std::optional<Decimal> n = Decimal::parse(arg);
    if (!n || n->raw() % Decimal::scale != 0 || *n < Decimal::from_int(1) || *n > Decimal::from_int(1000000))
      return {std::nullopt, detail::trf("target {target}: a rank must be a whole number from 1", fmt::arg("target", shown))};
    if (!ev.units()[unit].ranked())
      return {std::nullopt, detail::trf("target {target}: unit {unit} is not ranked", fmt::arg("target", shown),
                                        fmt::arg("unit", detail::quote_value(ev.units()[unit].code())))};
    t.kind = Target::Kind::rank;
    t.rank = static_cast<int>(n->raw() / Decimal::scale);
    return {t, {}};
  }
  if (kind == "index") {
    const std::optional<Decimal> x = Decimal::parse(arg);
    if (!x || *x < Decimal() || *x > Decimal::from_int(100))
      return {std::nullopt, detail::trf("target {target}: an index must be a number from 0 to 100", fmt::arg("target", shown))};
    t.kind = Target::Kind::index;
    t.index = *x;
    return {t, {}};
  }
  return {std::nullopt, detail::trf("target {target}: expected band:LABEL, rank:N or index:X", fmt::arg("target", shown))};
}

struct IndexValue {
  int128 num = 0, den = 1;  // index / 100 = num / den
};

Decimal display_index(const CriteriaSet& set, Decimal total, Decimal max) {
  return max > Decimal() ? detail::round_quotient(static_cast<int128>(total.raw()) * 100 * Decimal::scale, max.raw(), set.rounding())
                         : Decimal();
}

IndexValue index_value(const CriteriaSet& set, Decimal total, Decimal max) {
  if (set.ranking().on == RankOn::rounded) return {display_index(set, total, max).raw(), 100 * static_cast<int128>(Decimal::scale)};
  if (max <= Decimal()) return {0, 1};
  return {total.raw(), max.raw()};
}

bool admits(const Bound& bound, const IndexValue& v) {
  if (bound.kind == BoundKind::none) return true;
  const int128 left = v.num * 100 * Decimal::scale, right = static_cast<int128>(bound.value.raw()) * v.den;
  return bound.kind == BoundKind::min ? left >= right : left > right;
}

std::string band_of(const std::vector<Band>& bands, const IndexValue& v) {
  for (const Band& b : bands)
    if (admits(b.bound, v)) return b.label;
  return {};
}

// A unit as the ranking compares it: its index value, then its tie-break points in order.
struct Standing {
  IndexValue value;
  std::vector<Decimal> tie_break;
};

// <0: a ranks before b; 0: they share a rank.
int order(const Standing& a, const Standing& b) {
  const int c = detail::compare_fractions(b.value.num, b.value.den, a.value.num, a.value.den);
  if (c != 0) return c;
  for (std::size_t i = 0; i < a.tie_break.size(); ++i)
    if (a.tie_break[i] != b.tie_break[i]) return a.tie_break[i] > b.tie_break[i] ? -1 : 1;
  return 0;
}

Standing standing_of(const CriteriaSet& set, const Scorecard& card) {
  Standing s{index_value(set, card.total(), card.max()), {}};
  for (NodeIndex n : set.ranking().tie_break) s.tie_break.push_back(card.nodes()[n].points);
  return s;
}

// ---------------------------------------------------------------------------------------
// The search.

using Picks = std::vector<std::pair<NodeIndex, std::uint32_t>>;  // (leaf, choice), in set order

// Set order: the plan whose changed leaves come first, then the smaller choices.
bool earlier(const Picks& a, const Picks& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
    if (a[i].first != b[i].first) return a[i].first < b[i].first;
  if (a.size() != b.size()) return a.size() < b.size();
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].second != b[i].second) return a[i].second < b[i].second;
  return false;
}

struct Key {
  std::uint32_t changes = 0;
  std::vector<std::int64_t> values;  // raw points: the node's (or a fold's partial), then the tie-break nodes'
  bool operator<(const Key& o) const { return changes != o.changes ? changes < o.changes : values < o.values; }
};
using Table = std::map<Key, Picks>;

void put(Table& table, Key key, const Picks& picks) {
  auto [it, fresh] = table.try_emplace(std::move(key), picks);
  if (!fresh && earlier(picks, it->second)) it->second = picks;
}

constexpr std::size_t work_limit = 2'000'000;  // outcomes combined: about a second, at worst

class Search {
 public:
  Search(const CriteriaSet& set, const Scorecard& card, std::vector<std::vector<detail::LeafChoice>> choices, std::size_t limit,
         std::size_t& spent)
      : set_(set), nodes_(set.nodes()), card_(card), choices_(std::move(choices)), limit_(limit), spent_(spent) {
    const std::size_t n = nodes_.size();
    end_.assign(n, static_cast<NodeIndex>(n));
    live_.assign(n, 0);
    tracked_.assign(n, 0);
    for (NodeIndex t : set.ranking().tie_break) tracked_[t] = 1;
    // Pre-order: a subtree is [i, end): up to the next node no deeper than i.
    for (NodeIndex i = 0; i < n; ++i)
      for (NodeIndex j = i + 1; j < n; ++j)
        if (nodes_[j].depth <= nodes_[i].depth) {
          end_[i] = j;
          break;
        }
    for (NodeIndex i = static_cast<NodeIndex>(n); i-- > 1;) {
      if (!choices_[i].empty()) live_[i] = 1;
      if (live_[i]) live_[nodes_[i].parent] = 1;
    }
    sum_path_.assign(n, 1);
    for (NodeIndex i = 1; i < n; ++i)
      sum_path_[i] = sum_path_[nodes_[i].parent] && nodes_[nodes_[i].parent].aggregate == Aggregate::sum;
  }

  /// `enough(tree)`: whether a tree total meets the target whatever the tie-break nodes hold
  /// (none: never known; see prune).
  void set_enough(std::function<bool(Decimal)> enough) { enough_ = std::move(enough); }

  /// The outcomes at the root with at most `cap` changes: key values are the tree's points,
  /// then the tie-break nodes' points in set order.
  Table root(std::uint32_t cap) {
    cap_ = cap;
    return table(0);
  }

  /// Whether every node above `n` adds its children (no weighted mean between it and the root).
  bool under_sums(NodeIndex n) const { return sum_path_[n] != 0; }

  /// The tie-break nodes in set order, as they appear in a root key after the tree's points.
  std::vector<NodeIndex> tracked_order() const {
    std::vector<NodeIndex> out;
    for (NodeIndex i = 0; i < nodes_.size(); ++i)
      if (tracked_[i]) out.push_back(i);
    return out;
  }

  /// Every node's points with the given choices (leaf → choice index): the scorer's pass up,
  /// over the nodes whose subtree changed.
  std::vector<Decimal> evaluate(const Picks& picks) const {
    std::vector<Decimal> points(nodes_.size());
    for (std::size_t i = 0; i < nodes_.size(); ++i) points[i] = card_.nodes()[i].points;
    for (const auto& [leaf, choice] : picks) points[leaf] = choices_[leaf][choice].points;
    for (NodeIndex i = static_cast<NodeIndex>(nodes_.size()); i-- > 0;) {
      if (!live_[i] || nodes_[i].is_leaf()) continue;
      std::vector<std::int64_t> parts;
      for (NodeIndex k : nodes_[i].children) parts.push_back(points[k].raw());
      points[i] = aggregate(i, parts);
    }
    return points;
  }

 private:
  // A node's points from its children's (all of them, in order), as the scorer computes them.
  Decimal aggregate(NodeIndex n, const std::vector<std::int64_t>& children) const {
    const Criterion& c = nodes_[n];
    if (c.aggregate == Aggregate::sum) {
      std::int64_t sum = 0;
      for (std::int64_t p : children) sum += p;
      return Decimal::from_raw(sum);
    }
    detail::WeightedMean mean;
    for (std::size_t k = 0; k < c.children.size(); ++k) {
      const NodeIndex child = c.children[k];
      if (card_.nodes()[child].max > Decimal()) mean.add(*nodes_[child].weight, Decimal::from_raw(children[k]), card_.nodes()[child].max);
    }
    return mean.result(c.max, set_.rounding());
  }

  // Under sums all the way up, the rest of the tree adds at least its points now: an outcome
  // whose points already make the total enough is beaten by one with the same changes and
  // fewer points (any completion of the larger is a completion of the smaller with a lower
  // total that is enough too). So for each number of changes, only the enough outcomes with
  // the fewest points stay (all of them: their totals tie, and set order decides).
  void prune(NodeIndex n, Table& table) const {
    if (!sum_path_[n] || !enough_) return;
    const std::int64_t rest = card_.nodes()[0].points.raw() - card_.nodes()[n].points.raw();
    std::optional<std::pair<std::uint32_t, std::int64_t>> least;  // (changes, points) of the first enough
    for (auto it = table.begin(); it != table.end();) {
      const std::int64_t points = it->first.values[0];
      if (least && least->first == it->first.changes) {
        if (points > least->second) {
          it = table.erase(it);  // enough, as its points pass the least enough
          continue;
        }
      } else if (enough_(Decimal::from_raw(points + rest))) {
        least.emplace(it->first.changes, points);
      }
      ++it;
    }
  }

  void count_work(std::size_t n) {
    work_ += n;
    spent_ += n;
    if (work_ > limit_ && limit_ < work_limit)
      detail::throw_api_error("plan-budget-spent", detail::tr("the plans' shared budget of search steps is spent"));
    if (work_ > limit_)
      detail::throw_api_error("plan-too-large", detail::trf("the plan's search passed its bound of {steps} steps; the unit has too many "
                                                            "changeable leaves with too many values",
                                                            fmt::arg("steps", work_limit)));
  }

  Table table(NodeIndex n) {
    Table out;
    if (!live_[n]) {
      Key k;
      k.values.push_back(card_.nodes()[n].points.raw());
      for (NodeIndex t = n; t < end_[n]; ++t)
        if (tracked_[t]) k.values.push_back(card_.nodes()[t].points.raw());
      out.emplace(std::move(k), Picks{});
      return out;
    }
    if (nodes_[n].is_leaf()) {
      const std::int64_t own = card_.nodes()[n].points.raw();
      out.emplace(Key{0, tracked_[n] ? std::vector<std::int64_t>{own, own} : std::vector<std::int64_t>{own}}, Picks{});
      if (cap_ == 0) return out;
      for (std::uint32_t c = 0; c < choices_[n].size(); ++c) {
        const std::int64_t p = choices_[n][c].points.raw();
        out.emplace(Key{1, tracked_[n] ? std::vector<std::int64_t>{p, p} : std::vector<std::int64_t>{p}}, Picks{{n, c}});
      }
      prune(n, out);
      return out;
    }
    // Fold the children: the partial key is [children's points so far] then their tracked points.
    const std::vector<NodeIndex>& children = nodes_[n].children;
    const bool sum = nodes_[n].aggregate == Aggregate::sum;
    Table acc;
    acc.emplace(Key{0, sum ? std::vector<std::int64_t>{0} : std::vector<std::int64_t>{}}, Picks{});
    std::size_t folded = 0;  // the number of aggregate values at the front of a partial key
    for (NodeIndex child : children) {
      const Table t = table(child);
      Table next;
      for (const auto& [ak, ap] : acc)
        for (const auto& [ck, cp] : t) {
          if (ak.changes + ck.changes > cap_) break;  // the child's keys are ordered by changes
          Key k;
          k.changes = ak.changes + ck.changes;
          const std::size_t agg = sum ? 1 : folded;
          k.values.reserve(ak.values.size() + ck.values.size());
          if (sum) {
            k.values.push_back(ak.values[0] + ck.values[0]);
          } else {
            k.values.insert(k.values.end(), ak.values.begin(), ak.values.begin() + static_cast<std::ptrdiff_t>(agg));
            k.values.push_back(ck.values[0]);
          }
          k.values.insert(k.values.end(), ak.values.begin() + static_cast<std::ptrdiff_t>(agg), ak.values.end());
          k.values.insert(k.values.end(), ck.values.begin() + 1, ck.values.end());
          Picks p = ap;
          p.insert(p.end(), cp.begin(), cp.end());
          count_work(1);
          put(next, std::move(k), p);
        }
      acc = std::move(next);
      ++folded;
    }
    for (const auto& [ak, ap] : acc) {
      const std::size_t agg = sum ? 1 : children.size();
      const std::vector<std::int64_t> parts(ak.values.begin(), ak.values.begin() + static_cast<std::ptrdiff_t>(agg));
      const std::int64_t points = sum ? parts[0] : aggregate(n, parts).raw();
      Key k;
      k.changes = ak.changes;
      k.values.push_back(points);
      if (tracked_[n]) k.values.push_back(points);
      k.values.insert(k.values.end(), ak.values.begin() + static_cast<std::ptrdiff_t>(agg), ak.values.end());
      put(out, std::move(k), ap);
    }
    prune(n, out);
    return out;
  }

  const CriteriaSet& set_;
  const std::vector<Criterion>& nodes_;
  const Scorecard& card_;
  std::vector<std::vector<detail::LeafChoice>> choices_;  // per node; empty: not changeable
  std::vector<NodeIndex> end_;
  std::function<bool(Decimal)> enough_;
  std::vector<char> live_, tracked_, sum_path_;
  std::uint32_t cap_ = 0;
  std::size_t work_ = 0;
  std::size_t limit_;
  std::size_t& spent_;  ///< the caller's count of steps, kept when the search throws
};

Decimal clamp_total(Decimal tree, int128 adjustments, Decimal max) {
  return Decimal::from_raw(static_cast<std::int64_t>(std::clamp<int128>(tree.raw() + adjustments, 0, max.raw())));
}

}  // namespace

std::string plan_target_problem(const Evaluation& evaluation, std::size_t unit, std::string_view target) {
  if (unit >= evaluation.units().size()) return "no unit " + std::to_string(unit) + " in the evaluation";
  return parse_target(evaluation, unit, target).second;
}

UnitPlan plan_unit(const Evaluation& evaluation, const std::vector<Scorecard>& cards, const Ranking& ranking, std::size_t unit,
                   std::string_view target_text, bool include_survey) {
  std::size_t budget = work_limit;
  return detail::plan_unit_within(evaluation, cards, ranking, unit, target_text, include_survey, budget);
}

UnitPlan detail::plan_unit_within(const Evaluation& evaluation, const std::vector<Scorecard>& cards, const Ranking& ranking,
                                  std::size_t unit, std::string_view target_text, bool include_survey, std::size_t& budget) {
  const CriteriaSet& set = evaluation.criteria();
  const detail::EvaluationData& d = evaluation.data();
  const auto& nodes = set.nodes();
  const auto& units = evaluation.units();
  if (cards.size() != units.size()) detail::throw_api_error("scorecard-mismatch", "the scorecards are not those of this evaluation");
  detail::checked_index(unit, units.size(), "index-out-of-range", "unit");
  const auto [parsed, problem] = parse_target(evaluation, unit, target_text);
  if (!parsed) {
    throw Error({Diagnostic({}, Severity::error, "target", problem).set_code("bad-plan-target").set_unit(units[unit].code())});
  }
  const Target& target = *parsed;
  const Scorecard& card = cards[unit];
  const Unit& me = units[unit];

  UnitPlan::Data out;
  out.unit = unit;
  out.target = std::string(target_text);
  out.before.total = card.total();
  out.before.max = card.max();
  out.before.index = card.index();
  for (const GroupRanking& g : ranking.groups())
    for (const RankEntry& e : g.entries())
      if (e.scorecard() < cards.size() && cards[e.scorecard()].unit() == unit) {
        out.before.rank = e.rank();
        out.before.band = e.band();
      }

  // The leaves that may change, and the values each may take.
  std::vector<std::vector<detail::LeafChoice>> choices(nodes.size());
  for (NodeIndex i = 1; i < nodes.size(); ++i) {
    const Criterion& leaf = nodes[i];
    const NodeScore& s = card.nodes()[i];
    if (!leaf.is_leaf() || (s.status != NodeStatus::scored && s.status != NodeStatus::missing) || s.points >= s.max) continue;
    if (!include_survey && (leaf.source == PointSource::survey || leaf.rule.kind == RuleKind::survey)) continue;
    const std::int32_t vi = s.status == NodeStatus::missing ? detail::no_value : d.at_stage(d.latest(unit, i), s.stage);
    const detail::StoredValue* v = vi == detail::no_value ? nullptr : &d.values[static_cast<std::size_t>(vi)];
    choices[i] = detail::leaf_choices(leaf, v, set.rounding(), s.points);
  }
  std::size_t changeable = 0;
  for (const auto& c : choices) changeable += c.empty() ? 0 : 1;

  int128 adjustments = 0;
  for (Decimal a : card.adjustments()) adjustments += a.raw();
  const std::vector<Band>& bands = set.bands_for(me.group());

  // The others of the group as the ranking compares them (ranked units only).
  std::vector<Standing> others;
  for (std::size_t k = 0; k < cards.size(); ++k) {
    const Unit& u = units[cards[k].unit()];
    if (cards[k].unit() != unit && u.ranked() && u.group() == me.group()) others.push_back(standing_of(set, cards[k]));
  }
  std::sort(others.begin(), others.end(), [](const Standing& a, const Standing& b) { return order(a, b) < 0; });

  // The steps taken leave the budget even when the search throws.
  struct Spend {
    std::size_t& budget;
    std::size_t steps = 0;
    ~Spend() { budget -= std::min(budget, steps); }
  } spend{budget};
  Search search(set, card, choices, std::min(work_limit, budget), spend.steps);
  const std::vector<NodeIndex> tracked = search.tracked_order();
  // A root outcome as the ranking sees it: tie-break points in the set's tie_break order.
  auto standing_at = [&](Decimal total, const std::vector<std::int64_t>& key) {
    Standing s{index_value(set, total, card.max()), {}};
    for (NodeIndex t : set.ranking().tie_break) {
      const auto at = std::find(tracked.begin(), tracked.end(), t) - tracked.begin();
      s.tie_break.push_back(Decimal::from_raw(key[1 + static_cast<std::size_t>(at)]));
    }
    return s;
  };
  auto meets = [&](const Standing& s) {
    switch (target.kind) {
      case Target::Kind::index: return admits(Bound{BoundKind::min, target.index}, s.value);
      case Target::Kind::band:
        for (const Band& b : bands)
          if (b.label == target.label) return admits(b.bound, s.value);
        return false;
      case Target::Kind::rank:
        // Rank <= N: the N-th best other is not strictly ahead.
        return others.size() < static_cast<std::size_t>(target.rank) || order(others[static_cast<std::size_t>(target.rank) - 1], s) >= 0;
    }
    return false;
  };

  // Every changeable leaf at its best gives the best the unit can reach (points never fall
  // when a leaf's rise): the target is reachable if and only if that meets it.
  Picks all;
  for (NodeIndex i = 0; i < nodes.size(); ++i)
    if (!choices[i].empty()) all.emplace_back(i, static_cast<std::uint32_t>(choices[i].size() - 1));
  const std::vector<Decimal> best_points = search.evaluate(all);
  const Decimal best_total = clamp_total(best_points[0], adjustments, card.max());
  std::vector<std::int64_t> best_key{best_points[0].raw()};
  for (NodeIndex t : tracked) best_key.push_back(best_points[t].raw());
  out.reachable = meets(standing_at(best_total, best_key));
  // Unreachable: the fewest changes that reach that best (its total and tie-break points).
  auto goal = [&](Decimal total, const std::vector<std::int64_t>& key) {
    if (out.reachable) return meets(standing_at(total, key));
    if (total < best_total) return false;
    for (std::size_t i = 1; i < key.size(); ++i)
      if (key[i] < best_key[i]) return false;
    return true;
  };

  // A bonus could lift two totals past the max to the same clamped total: then fewer points
  // are not always better, so nothing is pruned.
  if (out.reachable && adjustments <= 0)
    search.set_enough([&](Decimal tree) {
      Standing s{index_value(set, clamp_total(tree, adjustments, card.max()), card.max()), {}};
      for (NodeIndex t : set.ranking().tie_break) s.tie_break.push_back(card.nodes()[t].points);
      return meets(s);
    });
  std::optional<std::pair<Key, Picks>> chosen;
  Decimal chosen_total;
  // Out of reach, with sums all the way up, no bonus and a best total above 0: each change
  // raises the total (a leaf's best earns more than it has, and nothing rounds or clamps it
  // away), so the best needs every one of them; no search is needed.
  bool every_leaf_counts = !out.reachable && adjustments <= 0 && best_total > Decimal();
  for (const auto& [leaf, choice] : all) every_leaf_counts = every_leaf_counts && search.under_sums(leaf);
  if (every_leaf_counts) chosen.emplace(Key{}, all);
  for (std::uint32_t cap = 0; !chosen; cap = cap == 0 ? 1 : std::min<std::uint32_t>(2 * cap, static_cast<std::uint32_t>(changeable))) {
    const Table root = search.root(cap);
    for (const auto& [k, p] : root) {
      const Decimal total = clamp_total(Decimal::from_raw(k.values[0]), adjustments, card.max());
      if (!goal(total, k.values)) continue;
      const bool better = !chosen || k.changes < chosen->first.changes ||
                          (k.changes == chosen->first.changes && (total < chosen_total || (total == chosen_total && earlier(p, chosen->second))));
      if (better) {
        chosen.emplace(k, p);
        chosen_total = total;
      }
    }
    if (chosen || cap >= changeable) break;
  }
  const Picks picks = chosen ? chosen->second : Picks{};

  // The standing after the changes, scored again from the leaves up.
  const std::vector<Decimal> after_points = search.evaluate(picks);
  out.after.total = clamp_total(after_points[0], adjustments, card.max());
  out.after.max = card.max();
  out.after.index = display_index(set, out.after.total, card.max());
  Standing after{index_value(set, out.after.total, card.max()), {}};
  for (NodeIndex t : set.ranking().tie_break) after.tie_break.push_back(after_points[t]);
  if (me.ranked()) {
    int ahead = 0;
    for (const Standing& o : others) ahead += order(o, after) < 0 ? 1 : 0;
    out.after.rank = ahead + 1;
  }
  out.after.band = band_of(bands, after.value);

  for (const auto& [leaf, choice] : picks) {
    PlanChange c;
    c.node = leaf;
    NodeIndex field = leaf;
    while (nodes[field].depth > 1) field = nodes[field].parent;
    c.field = field;
    const NodeScore& s = card.nodes()[leaf];
    if (s.status != NodeStatus::missing) {
      const std::optional<EvidenceValue> v = evaluation.value(unit, leaf, s.stage);
      if (v) c.from = v->text();
    }
    c.to = choices[leaf][choice].value;
    c.from_points = s.points;
    c.to_points = choices[leaf][choice].points;
    c.gain = c.to_points - c.from_points;
    out.changes.push_back(std::move(c));
  }
  return UnitPlan(std::move(out));
}

}  // namespace v1
}  // namespace cchc
