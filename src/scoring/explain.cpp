// Every number of a scorecard traced back to its rule and its evidence.
#include "cchc/scoring/explain.hpp"

#include <algorithm>
#include <cstdint>

#include "model/api_error.hpp"
#include "model/evaluation_data.hpp"
#include "model/exact.hpp"
#include "model/rule_kinds.hpp"
#include "model/unicode.hpp"

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
std::string where(const SourceLocation& at) { return to_string(at); }

// "'0.95' (appraisal, evidence.csv:3:9)": the value as written, quoted so that an invisible
// character shows, with its stage and cell.
std::string evidence_of(const detail::EvaluationData& d, const detail::StoredValue& v) {
  std::string e = detail::quote_value(d.text_of(v));
  e += " (";
  e += to_string(v.stage());
  e += ", ";
  e += where(d.location(v));
  e += ')';
  return e;
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
    if (vi != detail::no_value) e.evidence = evidence_of(d, d.values[static_cast<std::size_t>(vi)]);
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

TotalExplanation explain_total(const Evaluation& evaluation, const Scorecard& card) {
  const detail::EvaluationData& d = evaluation.data();
  const auto& lines = evaluation.criteria().adjustments();
  TotalExplanation t;
  t.tree_total = card.tree_total;
  t.appraisal = card.appraisal;
  t.survey = card.survey;
  t.total = card.total;
  t.max = card.max;
  // Each line is below 10^12 points, but several may pass the 64-bit range together: the
  // sum is kept in 128 bits, as the scorer does.
  detail::int128 sum = card.tree_total.raw();
  for (std::size_t a = 0; a < lines.size(); ++a) {
    const Adjustment& line = lines[a];
    AdjustmentExplanation x;
    x.adjustment = a;
    x.points = a < card.adjustments.size() ? card.adjustments[a] : Decimal();
    x.max = line.max;
    sum += x.points.raw();
    // The value that counted: the latest whose points are the card's (a card scored as of
    // an earlier stage counted an earlier value).
    const Decimal given = line.kind == AdjustmentKind::bonus ? x.points : -x.points;
    std::int32_t counted = detail::no_value;
    if (card.unit < d.units.size() && a < d.adjustment_count)
      for (std::int32_t v = d.latest_adjustment(card.unit, a); v != detail::no_value; v = d.values[static_cast<std::size_t>(v)].previous)
        if (d.values[static_cast<std::size_t>(v)].points == given.raw()) {
          counted = v;
          break;
        }
    const char* kind = line.kind == AdjustmentKind::bonus ? "bonus" : "penalty";
    if (counted != detail::no_value) {
      x.evidence = evidence_of(d, d.values[static_cast<std::size_t>(counted)]);
      x.reason = std::string(kind) + " given: " + given.to_string() + " (at most " + line.max.to_string() + ")";
    } else {
      x.reason = std::string("no ") + kind + " given: 0 (at most " + line.max.to_string() + ")";
    }
    t.adjustments.push_back(std::move(x));
  }
  const detail::int128 clamp = static_cast<detail::int128>(card.total.raw()) - sum;
  if (sum > INT64_MAX || sum < INT64_MIN || clamp > INT64_MAX || clamp < INT64_MIN) {
    const Unit& unit = d.units[detail::checked_index(card.unit, d.units.size(), "scorecard-mismatch", "scorecard unit")];
    throw Error({Diagnostic(unit.location, Severity::error, "adjustments",
                            "the adjustments of unit " + detail::quote_value(unit.code) +
                                " add up beyond what a total line can show; the set's adjustment caps are too large")
                     .set_code("adjustments-too-large")
                     .set_unit(unit.code)});
  }
  t.clamp = Decimal::from_raw(static_cast<std::int64_t>(clamp));
  return t;
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
