// Every number of a scorecard traced back to its rule and its evidence.
#include "cchc/scoring/explain.hpp"

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

#include "i18n/format.hpp"
#include "model/api_error.hpp"
#include "scoring/explanation_data.hpp"
#include "model/evaluation_data.hpp"
#include "model/exact.hpp"
#include "model/rule_kinds.hpp"
#include "model/unicode.hpp"

namespace cchc {
inline namespace v1 {

namespace {
// A rule's words in the current language (i18n/translate.hpp), the values as they are.
std::string tr_format(const char* pattern, const std::string& a) { return fmt::format(fmt::runtime(detail::tr(pattern)), a); }
std::string tr_format(const char* pattern, const std::string& a, const std::string& b) {
  return fmt::format(fmt::runtime(detail::tr(pattern)), a, b);
}
}  // namespace

std::string describe_rule(const Criterion& leaf, Rounding) {
  const Rule& r = leaf.rule;
  const std::string max = leaf.max.to_string();
  switch (r.kind) {
    case RuleKind::points:
      return r.step ? tr_format("points entered by the council, 0..{} in steps of {}", max, r.step->to_string())
                    : tr_format("points entered by the council, 0..{}", max);
    case RuleKind::options: {
      std::string s = detail::tr("options: ");
      for (std::size_t i = 0; i < r.options.size(); ++i)
        s += (i ? " | " : "") + r.options[i].name + " = " + r.options[i].points.to_string();
      return s;
    }
    case RuleKind::tiers: {
      std::string s = detail::tr(r.tier_scale == TierScale::rate ? "tiers on a rate: " : r.tier_scale == TierScale::count ? "tiers on a count: " : "tiers on a number: ");
      for (std::size_t i = 0; i < r.tiers.size(); ++i)
        s += (i ? " | " : "") + detail::bound_text(r.tiers[i].bound, r.tier_scale) + " → " + r.tiers[i].points.to_string();
      return s;
    }
    case RuleKind::proportional:
      return tr_format("proportional: {} × min(rate / {}, 1)", max, detail::percent_text(r.target));
    case RuleKind::deduct:
      return tr_format("deduct: {} − {} per violation, not below 0", max, r.per.to_string());
    case RuleKind::survey: {
      std::string s = tr_format("survey: {} × mean answer weight (", max);
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
  e += detail::tr(to_string(v.stage()));
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
    const NodeScore& s = card.nodes()[i];
    NodeExplanation e;
    e.set_node(i);
    e.set_points(s.points);
    e.set_max(s.max);
    e.set_lost(s.max - s.points);
    e.set_status(s.status);
    // The value that counted for this card (a card scored as of an earlier stage has that
    // stage's values).
    const std::int32_t head = d.latest(card.unit(), i);
    const std::int32_t vi = s.status == NodeStatus::missing || s.status == NodeStatus::covered ? detail::no_value : d.at_stage(head, s.stage);
    if (vi != detail::no_value) e.set_evidence(evidence_of(d, d.values[static_cast<std::size_t>(vi)]));
    if (c.is_leaf()) e.set_rule(describe_rule(c, set.rounding()));
    else if (s.status == NodeStatus::given) e.set_rule(detail::tr("points given for the whole node"));
    else e.set_rule(detail::tr(c.aggregate == Aggregate::sum ? "sum of its criteria" : "weighted mean of its criteria (max × Σ w·points/max ÷ Σ w)"));
    switch (s.status) {
      case NodeStatus::scored:
        if (c.is_leaf() && vi != detail::no_value) {
          const detail::StoredValue& v = d.values[static_cast<std::size_t>(vi)];
          e.set_reason(detail::leaf_reason(detail::LeafInput{c, v, d.answers(v), set.rounding()}));
        } else {
          e.set_reason(detail::tr("from its criteria"));
        }
        break;
      case NodeStatus::given: e.set_reason(tr_format("points given: {}", s.points.to_string())); break;
      case NodeStatus::covered: e.set_reason(detail::tr("inside a node whose points were given")); break;
      case NodeStatus::not_applicable: e.set_reason(detail::tr("not applicable: its max leaves the denominator")); break;
      case NodeStatus::full_points: e.set_reason(detail::tr("not applicable: full points")); break;
      case NodeStatus::missing: e.set_reason(detail::tr("no evidence: scored 0")); break;
    }
    out.push_back(std::move(e));
  }
  return out;
}

TotalExplanation explain_total(const Evaluation& evaluation, const Scorecard& card) {
  const detail::EvaluationData& d = evaluation.data();
  const auto& lines = evaluation.criteria().adjustments();
  TotalExplanation t;
  t.set_tree_total(card.tree_total());
  t.set_appraisal(card.appraisal());
  t.set_survey(card.survey());
  t.set_total(card.total());
  t.set_max(card.max());
  // Each line is below 10^12 points, but several may pass the 64-bit range together: the
  // sum is kept in 128 bits, as the scorer does.
  detail::int128 sum = card.tree_total().raw();
  for (std::size_t a = 0; a < lines.size(); ++a) {
    const Adjustment& line = lines[a];
    AdjustmentExplanation x;
    x.set_adjustment(a);
    x.set_points(a < card.adjustments().size() ? card.adjustments()[a] : Decimal());
    x.set_max(line.max);
    sum += x.points().raw();
    // The value that counted: the latest whose points are the card's (a card scored as of
    // an earlier stage counted an earlier value).
    const Decimal given = line.kind == AdjustmentKind::bonus ? x.points() : -x.points();
    std::int32_t counted = detail::no_value;
    if (card.unit() < d.units.size() && a < d.adjustment_count)
      for (std::int32_t v = d.latest_adjustment(card.unit(), a); v != detail::no_value; v = d.values[static_cast<std::size_t>(v)].previous)
        if (d.values[static_cast<std::size_t>(v)].points == given.raw()) {
          counted = v;
          break;
        }
    const bool bonus = line.kind == AdjustmentKind::bonus;
    if (counted != detail::no_value) {
      x.set_evidence(evidence_of(d, d.values[static_cast<std::size_t>(counted)]));
      x.set_reason(detail::trf(bonus ? "bonus given: {points} (at most {max})" : "penalty given: {points} (at most {max})",
                               fmt::arg("points", given.to_string()), fmt::arg("max", line.max.to_string())));
    } else {
      x.set_reason(detail::trf(bonus ? "no bonus given: 0 (at most {max})" : "no penalty given: 0 (at most {max})",
                               fmt::arg("max", line.max.to_string())));
    }
    detail::data_of(t).adjustments.push_back(std::move(x));
  }
  const detail::int128 clamp = static_cast<detail::int128>(card.total().raw()) - sum;
  if (sum > INT64_MAX || sum < INT64_MIN || clamp > INT64_MAX || clamp < INT64_MIN) {
    const Unit& unit = d.units[detail::checked_index(card.unit(), d.units.size(), "scorecard-mismatch", "scorecard unit")];
    throw Error({Diagnostic(unit.location(), Severity::error, "adjustments",
                            detail::trf("the adjustments of unit {unit} add up beyond what a total line can show; the set's adjustment "
                                        "caps are too large",
                                        fmt::arg("unit", detail::quote_value(unit.code()))))
                     .set_code("adjustments-too-large")
                     .set_unit(unit.code())});
  }
  t.set_clamp(Decimal::from_raw(static_cast<std::int64_t>(clamp)));
  return t;
}

std::vector<NodeExplanation> points_lost(const Evaluation& evaluation, const Scorecard& card) {
  std::vector<NodeExplanation> all = explain(evaluation, card);
  const auto& nodes = evaluation.criteria().nodes();
  std::vector<NodeExplanation> lost;
  for (NodeExplanation& e : all) {
    const bool scored_leaf = nodes[e.node()].is_leaf() && (e.status() == NodeStatus::scored || e.status() == NodeStatus::missing);
    if ((scored_leaf || e.status() == NodeStatus::given) && e.lost() > Decimal()) lost.push_back(std::move(e));
  }
  std::stable_sort(lost.begin(), lost.end(), [](const NodeExplanation& a, const NodeExplanation& b) { return a.lost() > b.lost(); });
  return lost;
}

}  // namespace v1
}  // namespace cchc
