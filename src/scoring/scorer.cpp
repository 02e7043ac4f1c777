// Scoring every unit: leaves by their rule, interior nodes by sum or weighted mean,
// adjustments after the tree, then the applicable max and the index.
#include <algorithm>
#include <thread>

#include "cchc/scoring/scorecard.hpp"
#include "model/criteria_set_data.hpp"
#include "model/evaluation_data.hpp"
#include "model/exact.hpp"
#include "scoring/scorecard_data.hpp"
#include "scoring/weighted_mean.hpp"

namespace cchc {
inline namespace v1 {

const char* to_string(NodeStatus status) noexcept {
  switch (status) {
    case NodeStatus::scored: return "scored";
    case NodeStatus::given: return "given";
    case NodeStatus::covered: return "covered";
    case NodeStatus::not_applicable: return "not applicable";
    case NodeStatus::full_points: return "not applicable, full points";
    case NodeStatus::missing: return "missing, scored 0";
  }
  return "scored";
}

namespace {

// What is the same for every unit, compiled once per call into flat arrays the scorer can
// stream through (a Criterion carries titles and rules; scoring needs a few numbers).
struct PlanNode {
  std::int64_t max = 0;      // raw
  std::int64_t weight = 0;   // raw, under a weighted_mean parent
  NodeIndex parent = 0;
  std::uint32_t first_child = 0;  // into Plan::children
  std::uint32_t child_count = 0;
  bool weighted_mean = false;
  bool full_points = false;  // na: full_points
};

struct Plan {
  std::vector<PlanNode> nodes;
  std::vector<NodeIndex> children;
  std::vector<NodeIndex> interior;     // nodes with children, but the root
  std::vector<NodeIndex> survey_tops;  // top-most survey nodes reached through sums only
};

Plan make_plan(const CriteriaSet& set) {
  Plan plan;
  const auto& nodes = set.nodes();
  plan.nodes.resize(nodes.size());
  for (NodeIndex i = 0; i < nodes.size(); ++i) {
    const Criterion& c = nodes[i];
    PlanNode& p = plan.nodes[i];
    p.max = c.max.raw();
    p.weight = c.weight ? c.weight->raw() : 0;
    p.parent = c.parent;
    p.first_child = static_cast<std::uint32_t>(plan.children.size());
    p.child_count = static_cast<std::uint32_t>(c.children.size());
    plan.children.insert(plan.children.end(), c.children.begin(), c.children.end());
    p.weighted_mean = c.aggregate == Aggregate::weighted_mean;
    p.full_points = c.na == NotApplicable::full_points;
    if (i != 0 && !c.children.empty()) plan.interior.push_back(i);
  }
  for (NodeIndex i = 1; i < nodes.size(); ++i) {
    const Criterion& c = nodes[i];
    if (c.source != PointSource::survey || nodes[c.parent].source == PointSource::survey) continue;
    bool additive = true;
    for (NodeIndex a = c.parent;; a = nodes[a].parent) {
      if (nodes[a].aggregate != Aggregate::sum) additive = false;
      if (a == 0) break;
    }
    if (additive) plan.survey_tops.push_back(i);
  }
  return plan;
}

// `latest` holds, for each node of this unit, the value that counts (or no_value);
// `adjustment_stage` is the last stage whose adjustment values count.
void score_into(const detail::EvaluationData& d, const Plan& plan, std::size_t unit, const std::int32_t* latest,
                Stage adjustment_stage, Scorecard& result) {
  Scorecard::Data& card = detail::data_of(result);
  const CriteriaSet& set = d.criteria;
  const Rounding rounding = set.rounding();
  const std::size_t n = plan.nodes.size();
  const PlanNode* nodes = plan.nodes.data();
  const NodeIndex* children = plan.children.data();
  card.unit = unit;
  card.nodes.assign(n, NodeScore{});
  NodeScore* out = card.nodes.data();

  // Top-down, only when some node's points were given whole (rare): the nodes inside it
  // are covered.
  bool any_given = false;
  for (const NodeIndex i : plan.interior) any_given = any_given || latest[i] != detail::no_value;
  for (std::size_t i = 1; any_given && i < n; ++i) {
    const NodeStatus parent = out[nodes[i].parent].status;
    NodeScore& s = out[i];
    if (parent == NodeStatus::given || parent == NodeStatus::covered) {
      s.status = NodeStatus::covered;
      s.max = Decimal::from_raw(nodes[i].max);
    } else if (nodes[i].child_count != 0 && latest[i] != detail::no_value) {
      s.status = NodeStatus::given;
    }
  }
  // Bottom-up: children have larger indices than their parent in pre-order.
  for (std::size_t i = n; i-- > 0;) {
    const PlanNode& c = nodes[i];
    NodeScore& s = out[i];
    if (s.status == NodeStatus::covered) continue;
    const std::int32_t vi = latest[i];
    if (vi != detail::no_value) {
      const detail::StoredValue& v = d.values[static_cast<std::size_t>(vi)];
      s.stage = v.stage();
      if (v.kind() == ValueKind::not_applicable) {
        s.status = c.full_points ? NodeStatus::full_points : NodeStatus::not_applicable;
        s.points = c.full_points ? Decimal::from_raw(c.max) : Decimal();
        s.max = s.points;
        continue;
      }
      // The value's points were computed under its rule when it was validated.
      s.max = Decimal::from_raw(c.max);
      s.points = Decimal::from_raw(v.points);
      s.status = c.child_count == 0 ? NodeStatus::scored : NodeStatus::given;
      continue;
    }
    if (c.child_count == 0) {  // no evidence: only possible when gaps are scored as zero
      s.status = NodeStatus::missing;
      s.max = Decimal::from_raw(c.max);
      s.points = Decimal();
      continue;
    }
    s.status = NodeStatus::scored;
    const NodeIndex* first = children + c.first_child;
    const NodeIndex* last = first + c.child_count;
    if (!c.weighted_mean) {
      std::int64_t points = 0, max = 0;
      for (const NodeIndex* k = first; k != last; ++k) {
        points += out[*k].points.raw();
        max += out[*k].max.raw();
      }
      s.points = Decimal::from_raw(points);
      s.max = Decimal::from_raw(max);
    } else {
      detail::WeightedMean mean;
      for (const NodeIndex* k = first; k != last; ++k)
        if (out[*k].max > Decimal()) mean.add(Decimal::from_raw(nodes[*k].weight), out[*k].points, out[*k].max);
      s.max = mean.empty() ? Decimal() : Decimal::from_raw(c.max);
      s.points = mean.result(Decimal::from_raw(c.max), rounding);
    }
    if (s.max == Decimal()) s.status = NodeStatus::not_applicable;
  }

  card.tree_total = out[0].points;
  card.max = out[0].max;
  card.adjustments.assign(d.adjustment_count, Decimal());
  // Each line is below 10^12 points, but ten of them may pass the 64-bit range: the sum is
  // kept in 128 bits and only the clamped total, within [0, max], goes back to a Decimal.
  detail::int128 total = card.tree_total.raw();
  const auto& adjustments = set.adjustments();
  for (std::size_t a = 0; a < d.adjustment_count; ++a) {
    const std::int32_t vi = d.as_of(d.latest_adjustment(unit, a), adjustment_stage);
    if (vi == detail::no_value) continue;
    const Decimal v = Decimal::from_raw(d.values[static_cast<std::size_t>(vi)].points);
    card.adjustments[a] = adjustments[a].kind == AdjustmentKind::bonus ? v : -v;
    total += card.adjustments[a].raw();
  }
  card.total = Decimal::from_raw(static_cast<std::int64_t>(std::clamp<detail::int128>(total, 0, card.max.raw())));
  card.survey = Decimal();
  for (NodeIndex t : plan.survey_tops)
    if (out[t].status != NodeStatus::covered) card.survey += out[t].points;
  card.appraisal = card.tree_total - card.survey;
  card.index = card.max > Decimal()
                   ? detail::round_quotient(static_cast<detail::int128>(card.total.raw()) * 100 * Decimal::scale, card.max.raw(), rounding)
                   : Decimal();
}

}  // namespace

std::vector<Scorecard> score(const Evaluation& evaluation) {
  const detail::EvaluationData& d = evaluation.data();
  const Plan plan = make_plan(d.criteria);
  std::vector<Scorecard> cards(d.units.size());
  // Units are independent: split them across the cores for national-scale inputs.
  const std::size_t threads = cards.size() < 2000 ? 1 : std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  if (threads <= 1) {
    for (std::size_t u = 0; u < cards.size(); ++u) score_into(d, plan, u, d.cells.data() + u * d.node_count, Stage::appraisal2, cards[u]);
    return cards;
  }
  std::vector<std::thread> pool;
  const std::size_t chunk = (cards.size() + threads - 1) / threads;
  for (std::size_t t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      const std::size_t end = std::min(cards.size(), (t + 1) * chunk);
      for (std::size_t u = t * chunk; u < end; ++u)
        score_into(d, plan, u, d.cells.data() + u * d.node_count, Stage::appraisal2, cards[u]);
    });
  for (std::thread& th : pool) th.join();
  return cards;
}

Scorecard score_unit(const Evaluation& evaluation, std::size_t unit) {
  const detail::EvaluationData& d = evaluation.data();
  Scorecard card;
  if (unit < d.units.size()) score_into(d, make_plan(d.criteria), unit, d.cells.data() + unit * d.node_count, Stage::appraisal2, card);
  return card;
}

Scorecard score_unit_as_of(const Evaluation& evaluation, std::size_t unit, Stage stage) {
  const detail::EvaluationData& d = evaluation.data();
  Scorecard card;
  if (unit >= d.units.size()) return card;
  // The value that counts as of `stage`: the latest one entered at that stage or before.
  std::vector<std::int32_t> latest(d.node_count, detail::no_value);
  for (std::size_t i = 0; i < d.node_count; ++i) latest[i] = d.as_of(d.latest(unit, i), stage);
  score_into(d, make_plan(d.criteria), unit, latest.data(), stage, card);
  card.set_as_of(stage);
  return card;
}

int compare_index(const Scorecard& a, const Scorecard& b) noexcept {
  // total/max as rationals; a unit with nothing applicable has index 0.
  const Scorecard::Data& x = detail::data_of(a);
  const Scorecard::Data& y = detail::data_of(b);
  const detail::int128 an = x.max > Decimal() ? x.total.raw() : 0, ad = x.max > Decimal() ? x.max.raw() : 1;
  const detail::int128 bn = y.max > Decimal() ? y.total.raw() : 0, bd = y.max > Decimal() ? y.max.raw() : 1;
  return detail::compare_fractions(an, ad, bn, bd);
}

Decimal ExactIndex::rounded(int places, RoundingMode mode) const noexcept {
  if (max <= Decimal()) return Decimal();
  places = std::clamp(places, 0, Decimal::digits);
  return detail::round_quotient(static_cast<detail::int128>(total.raw()) * 100 * Decimal::scale, max.raw(), places, mode);
}

double ExactIndex::to_double() const noexcept {
  if (max <= Decimal()) return 0.0;
  // total and max are below 2^63 millionths; their ratio is computed in long double and
  // rounded once to double.
  return static_cast<double>(100.0L * static_cast<long double>(total.raw()) / static_cast<long double>(max.raw()));
}

Decimal component_index(const NodeScore& node, Rounding rounding) noexcept {
  if (node.max <= Decimal()) return Decimal();
  return detail::round_quotient(static_cast<detail::int128>(node.points.raw()) * 100 * Decimal::scale, node.max.raw(), rounding);
}

}  // namespace v1
}  // namespace cchc
