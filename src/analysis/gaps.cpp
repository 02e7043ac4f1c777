// Gaps: points lost per leaf, with the next step up each rule offers.
#include "cchc/analysis/gaps.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "i18n/format.hpp"
#include "model/evaluation_data.hpp"
#include "model/evidence_value.hpp"
#include "model/exact.hpp"
#include "model/rule_kinds.hpp"
#include "model/unicode.hpp"
#include "analysis/gaps_data.hpp"
#include "scoring/explanation_data.hpp"
#include "analysis/leaf_values.hpp"

namespace cchc {
inline namespace v1 {

namespace {

using detail::points_for;
using fmt::literals::operator""_a;  // NOLINT(misc-unused-using-decls): clang-tidy 14 misses uses in "name"_a
using detail::scale_text;
using detail::TierRange;
using detail::range_of;
using detail::value_in;

std::string gain(Decimal d) { return " (+" + d.to_string() + ")"; }

std::string low_words(const TierRange& t, TierScale scale) {
  return detail::trf(t.low_strict ? "above {value}" : "from {value}", "value"_a = scale_text(*t.low, scale));
}
std::string high_words(const TierRange& t, TierScale scale) {
  return detail::trf(t.high_strict ? "below {value}" : "at most {value}", "value"_a = scale_text(*t.high, scale));
}

// What would earn more at `leaf`: the smallest step up its rule offers over the value that
// counted (`v`), or, for a leaf without evidence, the value that earns the most. Each
// suggestion is a value a clerk could write there; its points are those the rule gives it.
void next_step(const Criterion& leaf, const detail::EvaluationData& d, const detail::StoredValue* v, Rounding rounding,
               Decimal points, Gap& g) {
  const Rule& r = leaf.rule;
  const bool missing = v == nullptr;
  std::string value, words;
  Decimal earns;
  // `say(points, gain)`: the suggestion in words, given the points the value earns and the
  // gain over the points now, as text (one translatable sentence each).
  auto offer = [&](std::string text, const auto& say) {
    const std::optional<Decimal> p = points_for(leaf, rounding, text);
    if (!p || *p <= points) return false;
    value = std::move(text);
    words = say(p->to_string(), gain(*p - points));
    earns = *p;
    return true;
  };
  switch (r.kind) {
    case RuleKind::points: {
      const std::int64_t step = r.step && r.step->raw() > 0 ? r.step->raw() : detail::pow10(Decimal::digits - rounding.places);
      const std::int64_t top = leaf.max.raw() / step * step;  // the largest multiple of the step within the max
      const std::int64_t next = missing ? top : std::min(points.raw() + step, top);
      const Decimal n = Decimal::from_raw(next);
      offer(n.to_string(), [&](const std::string& p, const std::string& more) {
        return detail::trf("the council's points of {value} would earn {points}{gain}: each step of {step} counts, up to {max}",
                           "value"_a = n.to_string(), "points"_a = p, "gain"_a = more, "step"_a = Decimal::from_raw(step).to_string(),
                           "max"_a = leaf.max.to_string());
      });
      break;
    }
    case RuleKind::options: {
      const Option* best = nullptr;
      for (const Option& o : r.options) {
        const Decimal p = detail::on_grid(o.points, rounding);
        if (p <= points) continue;
        if (best == nullptr || (missing ? p > detail::on_grid(best->points, rounding) : p < detail::on_grid(best->points, rounding))) best = &o;
      }
      if (best != nullptr)
        offer(best->name, [&](const std::string& p, const std::string& more) {
          return detail::trf("option {option} would earn {points}{gain}", "option"_a = detail::quote_value(best->name), "points"_a = p,
                             "gain"_a = more);
        });
      break;
    }
    case RuleKind::tiers: {
      // The value written (none when missing); a plain Decimal, as GCC 12 warns falsely on an optional here.
      const Decimal x = missing ? Decimal() : Decimal::from_raw(v->number);
      struct Candidate { std::string text, what; Decimal points, distance; };
      std::optional<Candidate> best;
      for (std::size_t j = 0; j < r.tiers.size(); ++j) {
        const TierRange t = range_of(r, j);
        if (!t.reachable || (!missing && t.holds(x))) continue;
        // Below the range: its lowest value; above it (fewer is better): its highest.
        const bool from_below = missing || (t.low && (t.low_strict ? x <= *t.low : x < *t.low));
        const std::optional<Decimal> c = value_in(t, r.tier_scale, from_below);
        if (!c) continue;
        const std::string text = scale_text(*c, r.tier_scale);
        const std::optional<Decimal> p = points_for(leaf, rounding, text);
        if (!p || *p <= points) continue;
        std::string range;
        bool example = true;
        if (from_below) {
          range = t.low ? low_words(t, r.tier_scale) : detail::trf("of {value}", "value"_a = text);
          example = t.low && *c != *t.low;
        } else {
          range = high_words(t, r.tier_scale);
          if (t.low) range = detail::trf("{high} and {low}", "high"_a = range, "low"_a = low_words(t, r.tier_scale));
        }
        if (example) range = detail::trf("{range} (e.g. {example})", "range"_a = range, "example"_a = text);
        const std::string what = detail::trf("a value {range} would earn {points}{gain}", "range"_a = range, "points"_a = p->to_string(),
                                             "gain"_a = gain(*p - points));
        const Decimal distance = missing ? Decimal() : (*c > x ? *c - x : x - *c);
        const bool better = !best || (missing ? *p > best->points
                                              : (*p < best->points || (*p == best->points && distance < best->distance)));
        if (better) best = Candidate{text, what, *p, distance};
      }
      if (best) offer(best->text, [&](const std::string&, const std::string&) { return best->what; });
      break;
    }
    case RuleKind::proportional: {
      const std::string target = detail::percent_text(r.target);
      const std::string per = detail::round_quotient(static_cast<detail::int128>(leaf.max.raw()) * Decimal::scale,
                                                     static_cast<detail::int128>(r.target.raw()) * 100, 6, RoundingMode::half_up)
                                  .to_string();
      offer(target, [&](const std::string&, const std::string& more) {
        return detail::trf("a rate of {target} or more earns the full {max}{gain}; each 1% more earns {per}", "target"_a = target,
                           "max"_a = leaf.max.to_string(), "gain"_a = more, "per"_a = per);
      });
      break;
    }
    case RuleKind::deduct: {
      // The fewest violations less that earn more: points never rise with the count, so
      // search for the largest count below the one written that earns more.
      const std::int64_t count = missing ? 1 : v->number / Decimal::scale;
      std::int64_t lo = 0, hi = count - 1;  // the answer is in [lo, hi] if any count is
      auto earns_more = [&](std::int64_t k) {
        const std::optional<Decimal> p = points_for(leaf, rounding, std::to_string(k));
        return p && *p > points;
      };
      if (hi < 0 || !earns_more(0)) break;
      while (lo < hi) {
        const std::int64_t mid = lo + (hi - lo + 1) / 2;
        if (earns_more(mid)) lo = mid;
        else hi = mid - 1;
      }
      const std::string k = std::to_string(lo);
      const std::string counted = missing ? detail::trf("a count of {count}", "count"_a = k)
                                          : detail::trf("a count of {count} ({fewer} fewer)", "count"_a = k, "fewer"_a = count - lo);
      offer(k, [&](const std::string& p, const std::string& more) {
        return lo == 0 ? detail::trf("{count} earns the full {max}{gain}", "count"_a = counted, "max"_a = leaf.max.to_string(), "gain"_a = more)
                       : detail::trf("{count} would earn {points}{gain}; none earns the full {max}", "count"_a = counted, "points"_a = p,
                                     "gain"_a = more, "max"_a = leaf.max.to_string());
      });
      break;
    }
    case RuleKind::survey: {
      bool offered = false;
      if (!missing && v->kind() == ValueKind::answers && !r.answers.empty()) {
        std::size_t top = 0;
        for (std::size_t i = 1; i < r.answers.size(); ++i)
          if (r.answers[i].weight > r.answers[top].weight) top = i;
        std::uint64_t answered = 0;
        const std::uint32_t* counts = d.answers(*v);
        for (std::size_t i = 0; i < r.answers.size(); ++i) answered += counts[i];
        offered = offer(r.answers[top].answer + "=" + std::to_string(answered), [&](const std::string& p, const std::string& more) {
          return detail::trf("all {count} answers at the top weight ({answer}) would earn {points}{gain}", "count"_a = answered,
                             "answer"_a = detail::quote_value(r.answers[top].answer), "points"_a = p, "gain"_a = more);
        });
      }
      if (!offered)
        offer("100%", [&](const std::string& p, const std::string& more) {
          return detail::trf("a share of 100% would earn {points}{gain}", "points"_a = p, "gain"_a = more);
        });
      break;
    }
  }
  if (value.empty()) return;  // the rule offers no value that earns more
  g.set_next_step(missing ? detail::trf("no evidence: {step}", "step"_a = words) : words);
  g.set_next_value(value);
  g.set_next_gain(earns - points);
}

}  // namespace

UnitGaps find_gaps(const Evaluation& evaluation, const Scorecard& card) {
  const detail::EvaluationData& d = evaluation.data();
  const CriteriaSet& set = evaluation.criteria();
  const auto& nodes = set.nodes();
  UnitGaps out;
  out.set_unit(card.unit());
  out.set_lost(card.max() - card.total());
  out.set_tree_lost(card.nodes()[0].max - card.nodes()[0].points);
  const TotalExplanation total = explain_total(evaluation, card);
  Decimal adjustments;
  for (const AdjustmentExplanation& a : total.adjustments()) adjustments += a.points();
  out.set_adjustments(adjustments);
  out.set_clamp(total.clamp());
  for (NodeIndex f : set.fields()) {
    const NodeScore& s = card.nodes()[f];
    FieldSummary summary;
    summary.set_field(f).set_max(s.max).set_points(s.points).set_lost(s.max - s.points).set_index(component_index(s, set.rounding()));
    detail::data_of(out).fields.push_back(std::move(summary));
  }
  for (NodeExplanation& e : points_lost(evaluation, card)) {
    Gap g;
    g.set_node(e.node());
    NodeIndex field = e.node();
    while (nodes[field].depth > 1) field = nodes[field].parent;
    g.set_field(field);
    g.set_max(e.max());
    g.set_points(e.points());
    g.set_lost(e.lost());
    g.set_status(e.status());
    NodeExplanation::Data& explained = detail::data_of(e);
    g.set_rule(std::move(explained.rule));
    g.set_evidence(std::move(explained.evidence));
    g.set_reason(std::move(explained.reason));
    const std::int32_t vi = e.status() == NodeStatus::missing ? detail::no_value
                                                            : d.at_stage(d.latest(card.unit(), e.node()), card.nodes()[e.node()].stage);
    const detail::StoredValue* v = vi == detail::no_value ? nullptr : &d.values[static_cast<std::size_t>(vi)];
    if (nodes[e.node()].is_leaf()) {
      next_step(nodes[e.node()], d, v, set.rounding(), e.points(), g);
    } else {
      g.set_next_step(detail::tr("points were given for the whole node; see its criteria in the council's record"));
    }
    detail::data_of(out).gaps.push_back(std::move(g));
  }
  return out;
}

}  // namespace v1
}  // namespace cchc
