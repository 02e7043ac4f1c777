// Gaps: points lost per leaf, with the next step up each rule offers.
#include "cchc/analysis/gaps.hpp"

#include <algorithm>

#include "model/evaluation_data.hpp"
#include "model/exact.hpp"
#include "model/rule_kinds.hpp"

namespace cchc {
inline namespace v1 {

namespace {

std::string gain(Decimal d) { return " (+" + d.to_string() + ")"; }

// The smallest improvement the leaf's rule offers over the evidence that counted.
void next_step(const Criterion& leaf, const detail::StoredValue* v, Rounding rounding, Decimal points, Gap& g) {
  const Rule& r = leaf.rule;
  if (v == nullptr) {
    g.next_step = "give evidence: a missing leaf scores 0";
    g.next_gain = leaf.max;
    return;
  }
  switch (r.kind) {
    case RuleKind::points: {
      const Decimal step = r.step.value_or(Decimal::from_raw(detail::pow10(Decimal::digits - rounding.places)));
      g.next_step = "the council's points, up to " + leaf.max.to_string() + "; each step of " + step.to_string() + " counts";
      g.next_gain = std::min(step, leaf.max - points);
      return;
    }
    case RuleKind::options: {
      const Option* best = nullptr;
      for (const Option& o : r.options)
        if (o.points > points && (best == nullptr || o.points < best->points)) best = &o;
      if (best != nullptr) {
        g.next_step = "option '" + best->name + "' would earn " + best->points.to_string() + gain(best->points - points);
        g.next_gain = best->points - points;
      }
      return;
    }
    case RuleKind::tiers: {
      const Tier* next = nullptr;
      for (const Tier& t : r.tiers)
        if (t.points > points) next = &t;  // tiers run from the top: the last better one is the nearest
      if (next != nullptr) {
        g.next_step = "a value " + detail::bound_text(next->bound, r.tier_scale) + " would earn " + next->points.to_string() +
                      gain(next->points - points);
        g.next_gain = next->points - points;
      }
      return;
    }
    case RuleKind::proportional: {
      g.next_step = "a rate of " + detail::percent_text(r.target) + " or more earns the full " + leaf.max.to_string() +
                    gain(leaf.max - points) + "; each 1% more earns " +
                    detail::round_quotient(static_cast<detail::int128>(leaf.max.raw()) * Decimal::scale, static_cast<detail::int128>(r.target.raw()) * 100, 6, RoundingMode::half_up).to_string();
      g.next_gain = leaf.max - points;
      return;
    }
    case RuleKind::deduct: {
      const Decimal step = std::min(r.per, leaf.max - points);
      g.next_step = "each violation fewer earns " + r.per.to_string() + "; none earns the full " + leaf.max.to_string();
      g.next_gain = step;
      return;
    }
    case RuleKind::survey: {
      g.next_step = "every answer at the top weight earns the full " + leaf.max.to_string() + gain(leaf.max - points);
      g.next_gain = leaf.max - points;
      return;
    }
  }
}

}  // namespace

UnitGaps find_gaps(const Evaluation& evaluation, const Scorecard& card) {
  const detail::EvaluationData& d = evaluation.data();
  const CriteriaSet& set = evaluation.criteria();
  const auto& nodes = set.nodes();
  UnitGaps out;
  out.unit = card.unit;
  out.lost = card.max - card.total;
  out.tree_lost = card.nodes[0].max - card.nodes[0].points;
  for (Decimal a : card.adjustments) out.adjustments += a;
  for (NodeIndex f : set.fields()) {
    const NodeScore& s = card.nodes[f];
    out.fields.push_back(FieldSummary{f, s.max, s.points, s.max - s.points, component_index(s, set.rounding())});
  }
  for (NodeExplanation& e : points_lost(evaluation, card)) {
    Gap g;
    g.node = e.node;
    NodeIndex field = e.node;
    while (nodes[field].depth > 1) field = nodes[field].parent;
    g.field = field;
    g.max = e.max;
    g.points = e.points;
    g.lost = e.lost;
    g.status = e.status;
    g.rule = std::move(e.rule);
    g.evidence = std::move(e.evidence);
    g.reason = std::move(e.reason);
    const std::int32_t vi = e.status == NodeStatus::missing ? detail::no_value
                                                            : d.at_stage(d.latest(card.unit, e.node), card.nodes[e.node].stage);
    const detail::StoredValue* v = vi == detail::no_value ? nullptr : &d.values[static_cast<std::size_t>(vi)];
    if (nodes[e.node].is_leaf()) {
      next_step(nodes[e.node], v, set.rounding(), e.points, g);
    } else {
      g.next_step = "points were given for the whole node; see its criteria in the council's record";
    }
    out.gaps.push_back(std::move(g));
  }
  return out;
}

}  // namespace v1
}  // namespace cchc
