// Every number of a scorecard traced back to its rule and its evidence.
#include "cchc/scoring/explain.hpp"

#include <algorithm>

#include "model/evaluation_data.hpp"
#include "model/rule_kinds.hpp"

namespace cchc {
inline namespace v1 {

std::string describe_rule(const Criterion& leaf, Rounding) {
  const Rule& r = leaf.rule;
  const std::string max = leaf.max.to_string();
  switch (r.kind) {
    case RuleKind::points:
      return "points entered by the council, 0.." + max + (r.step ? " in steps of " + r.step->to_string() : std::string());
    case RuleKind::options: {
      std::string s = "options: ";
      for (std::size_t i = 0; i < r.options.size(); ++i)
        s += (i ? " | " : "") + r.options[i].name + " = " + r.options[i].points.to_string();
      return s;
    }
    case RuleKind::tiers: {
      std::string s = std::string("tiers on a ") + (r.tier_scale == TierScale::rate ? "rate" : r.tier_scale == TierScale::count ? "count" : "number") + ": ";
      for (std::size_t i = 0; i < r.tiers.size(); ++i)
        s += (i ? " | " : "") + detail::bound_text(r.tiers[i].bound, r.tier_scale) + " → " + r.tiers[i].points.to_string();
      return s;
    }
    case RuleKind::proportional:
      return "proportional: " + max + " × min(rate / " + detail::percent_text(r.target) + ", 1)";
    case RuleKind::deduct:
      return "deduct: " + max + " − " + r.per.to_string() + " per violation, not below 0";
    case RuleKind::survey: {
      std::string s = "survey: " + max + " × mean answer weight (";
      for (std::size_t i = 0; i < r.answers.size(); ++i)
        s += (i ? ", " : "") + r.answers[i].answer + " = " + r.answers[i].weight.to_string();
      return s + ")";
    }
  }
  return {};
}

namespace {
std::string where(const SourceLocation& at) {
  return at.file + (at.line ? ":" + std::to_string(at.line) + (at.column ? ":" + std::to_string(at.column) : "") : "");
}
}  // namespace

std::vector<NodeExplanation> explain(const Evaluation& evaluation, const Scorecard& card) {
  const detail::EvaluationData& d = evaluation.data();
  const CriteriaSet& set = evaluation.criteria();
  const auto& nodes = set.nodes();
  std::vector<NodeExplanation> out;
  out.reserve(nodes.size());
  for (NodeIndex i = 0; i < nodes.size(); ++i) {
    const Criterion& c = nodes[i];
    const NodeScore& s = card.nodes[i];
    NodeExplanation e;
    e.node = i;
    e.points = s.points;
    e.max = s.max;
    e.lost = s.max - s.points;
    e.status = s.status;
    // The value that counted for this card (a card scored as of an earlier stage has that
    // stage's values).
    const std::int32_t head = d.latest(card.unit, i);
    const std::int32_t vi = s.status == NodeStatus::missing || s.status == NodeStatus::covered ? detail::no_value : d.at_stage(head, s.stage);
    if (vi != detail::no_value) {
      const detail::StoredValue& v = d.values[static_cast<std::size_t>(vi)];
      e.evidence.reserve(v.text_size + 48);  // appended piecewise: see quoted() in evidence_value.cpp
      e.evidence += '\'';
      e.evidence += d.text_of(v);
      e.evidence += "' (";
      e.evidence += to_string(v.stage());
      e.evidence += ", ";
      e.evidence += where(d.location(v));
      e.evidence += ')';
    }
    if (c.is_leaf()) e.rule = describe_rule(c, set.rounding());
    else if (s.status == NodeStatus::given) e.rule = "points given for the whole node";
    else e.rule = c.aggregate == Aggregate::sum ? "sum of its criteria" : "weighted mean of its criteria (max × Σ w·points/max ÷ Σ w)";
    switch (s.status) {
      case NodeStatus::scored:
        if (c.is_leaf() && vi != detail::no_value) {
          const detail::StoredValue& v = d.values[static_cast<std::size_t>(vi)];
          e.reason = detail::leaf_reason(detail::LeafInput{c, v, d.answers(v), set.rounding()});
        } else {
          e.reason = "from its criteria";
        }
        break;
      case NodeStatus::given: e.reason = "points given: " + s.points.to_string(); break;
      case NodeStatus::covered: e.reason = "inside a node whose points were given"; break;
      case NodeStatus::not_applicable: e.reason = "not applicable: its max leaves the denominator"; break;
      case NodeStatus::full_points: e.reason = "not applicable: full points"; break;
      case NodeStatus::missing: e.reason = "no evidence: scored 0"; break;
    }
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<NodeExplanation> points_lost(const Evaluation& evaluation, const Scorecard& card) {
  std::vector<NodeExplanation> all = explain(evaluation, card);
  const auto& nodes = evaluation.criteria().nodes();
  std::vector<NodeExplanation> lost;
  for (NodeExplanation& e : all) {
    const bool scored_leaf = nodes[e.node].is_leaf() && (e.status == NodeStatus::scored || e.status == NodeStatus::missing);
    if ((scored_leaf || e.status == NodeStatus::given) && e.lost > Decimal()) lost.push_back(std::move(e));
  }
  std::stable_sort(lost.begin(), lost.end(), [](const NodeExplanation& a, const NodeExplanation& b) { return a.lost > b.lost; });
  return lost;
}

}  // namespace v1
}  // namespace cchc
