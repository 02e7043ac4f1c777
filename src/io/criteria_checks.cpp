// The checks of meaning on a converted criteria set. See criteria_checks.hpp.
#include "io/criteria_checks.hpp"

#include <string>

#include "i18n/format.hpp"
#include "model/unicode.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {
namespace {

using fmt::literals::operator""_a;  // NOLINT(misc-unused-using-decls): clang-tidy 14 misses uses in "name"_a

std::string node_what(const Criterion& c) {
  return c.depth == 1 ? trf("field {id}", "id"_a = quote_value(c.id)) : trf("criterion {id}", "id"_a = quote_value(c.id));
}

void report(std::vector<Diagnostic>& out, const SourceLocation& at, Severity severity, const char* key,
            const char* code, const std::string& criterion, std::string message) {
  Diagnostic d(at, severity, key, std::move(message));
  d.set_code(code);
  if (!criterion.empty()) d.set_criterion(criterion);
  out.push_back(std::move(d));
}

void check_sums_and_weights(const CriteriaSetData& d, std::vector<Diagnostic>& out) {
  for (std::size_t i = 0; i < d.nodes.size(); ++i) {
    const Criterion& c = d.nodes[i];
    if (c.is_leaf()) continue;
    // 128 bits: under weighted_mean the children's maxima are free, and forty of them near
    // 10^12 pass the 64-bit range.
    __extension__ __int128 sum = 0;
    bool all_maxima = true;
    for (NodeIndex ch : c.children) {
      const Criterion& k = d.nodes[ch];
      sum += k.max.raw();
      if (k.max == Decimal()) all_maxima = false;
      if (c.aggregate == Aggregate::weighted_mean && !k.weight)
        report(out, k.location, Severity::error, "weight", "weight-missing", k.id,
               trf("{what}: missing 'weight' (its parent aggregates by weighted_mean)", "what"_a = node_what(k)));
      if (c.aggregate == Aggregate::sum && k.weight)
        report(out, k.location, Severity::error, "weight", "weight-under-sum", k.id,
               trf("{what}: 'weight' is used only under aggregate: weighted_mean", "what"_a = node_what(k)));
    }
    if (c.aggregate == Aggregate::sum && all_maxima && c.max != Decimal() && sum != c.max.raw()) {
      const std::string total = sum < c.max.raw() + Decimal::scale * 1000000000000LL
                                    ? Decimal::from_raw(static_cast<std::int64_t>(sum)).to_string()
                                    : std::string(tr("10^12 or more"));
      report(out, c.location, Severity::error, "max", "children-do-not-add-up", c.id,
             i == 0 ? trf("the fields add up to {sum}, but the set's max is {max}", "sum"_a = total, "max"_a = c.max.to_string())
                    : trf("the children of {what} add up to {sum}, but its max is {max}", "what"_a = node_what(c), "sum"_a = total,
                          "max"_a = c.max.to_string()));
    }
  }
}

// A max with more decimals than the places cannot be reached: a leaf's points are rounded
// to the places, so full marks (rounded) differ from the max, and from a unit marked `na`
// under full_points (which keeps the max unrounded).
void check_maxima(const CriteriaSetData& d, std::vector<Diagnostic>& out) {
  const Rounding r = d.rounding;
  for (std::size_t i = 0; i < d.nodes.size(); ++i) {
    const Criterion& c = d.nodes[i];
    if (c.max.fractional_digits() <= r.places) continue;
    report(out, c.location, Severity::error, "max", "max-finer-than-places", c.id,
           trf(r.places == 1 ? "{what}: max {max} has {decimals} decimals but rounding.places is {places}: points are rounded to "
                               "{places} place, so full marks ({full}) would differ from the max and from a unit marked 'na' under "
                               "full_points"
                             : "{what}: max {max} has {decimals} decimals but rounding.places is {places}: points are rounded to "
                               "{places} places, so full marks ({full}) would differ from the max and from a unit marked 'na' under "
                               "full_points",
               "what"_a = i == 0 ? std::string(tr("the set")) : node_what(c), "max"_a = c.max.to_string(),
               fmt::arg("decimals", c.max.fractional_digits()), fmt::arg("places", r.places), "full"_a = c.max.rounded(r).to_string()));
  }
  for (const Adjustment& a : d.adjustments) {
    if (a.max.fractional_digits() <= r.places) continue;
    report(out, a.location, Severity::error, "max", "max-finer-than-places", a.id,
           trf("adjustment {id}: max {max} has {decimals} decimals but rounding.places is {places}: adjustment points are "
               "entered with at most {places} decimals, so the cap could never be given in full",
               "id"_a = quote_value(a.id), "max"_a = a.max.to_string(), fmt::arg("decimals", a.max.fractional_digits()), fmt::arg("places", r.places)));
  }
}

// A unit's total before it is kept within [0, max] is the tree's points plus its bonuses less
// its penalties; explain and gaps show it. Like every number of the formats it must stay below
// 10^12, so the caps are bounded together: the set's max plus every bonus cap, and every
// penalty cap, below 10^12.
void check_adjustment_room(const CriteriaSetData& d, std::vector<Diagnostic>& out) {
  __extension__ using wide = __int128;
  const wide limit = static_cast<wide>(1000000000000LL) * Decimal::scale;
  wide bonus = d.nodes.empty() ? 0 : d.nodes[0].max.raw(), penalty = 0;
  const Adjustment* last_bonus = nullptr;
  const Adjustment* last_penalty = nullptr;
  for (const Adjustment& a : d.adjustments) {
    if (a.kind == AdjustmentKind::bonus) {
      bonus += a.max.raw();
      if (bonus >= limit && last_bonus == nullptr) last_bonus = &a;
    } else {
      penalty += a.max.raw();
      if (penalty >= limit && last_penalty == nullptr) last_penalty = &a;
    }
  }
  if (last_bonus != nullptr)
    report(out, last_bonus->location, Severity::error, "max", "adjustments-too-large", last_bonus->id,
           trf("adjustment {id}: the set's max and the bonus caps up to this one add up to 10^12 or more; a total before it is "
               "kept within the max could not be shown exactly (numbers are below 10^12): lower the caps",
               "id"_a = quote_value(last_bonus->id)));
  if (last_penalty != nullptr)
    report(out, last_penalty->location, Severity::error, "max", "adjustments-too-large", last_penalty->id,
           trf("adjustment {id}: the penalty caps up to this one add up to 10^12 or more; a total before it is kept at 0 could "
               "not be shown exactly (numbers are below 10^12): lower the caps",
               "id"_a = quote_value(last_penalty->id)));
}

void check_tier_scales(const CriteriaSetData& d, std::vector<Diagnostic>& out) {
  for (const Criterion& c : d.nodes) {
    const Rule& rule = c.rule;
    if (!c.is_leaf() || rule.kind != RuleKind::tiers || !rule.tier_scale_inferred) continue;
    std::string bounds;
    bool whole = true;
    for (const Tier& t : rule.tiers) {
      if (t.bound.kind == BoundKind::none) continue;
      whole = whole && t.bound.value.is_integer() && t.bound.value >= Decimal::from_int(1);
      bounds += (bounds.empty() ? "" : ", ") + std::string(t.bound.kind == BoundKind::min ? "min: " : "above: ") +
                t.bound.value.to_string();
    }
    if (bounds.empty() || !whole) continue;
    report(out, c.location, Severity::warning, "tiers", "tiers-scale-inferred", c.id,
           trf("{what} rule: tiers: the bounds ({bounds}) are whole numbers, so the value is read as a plain number (0.95 is "
               "0.95, not 95%); write 'value: count' if it counts something, or the bounds as percentages (min: 80%) if it is a rate",
               "what"_a = node_what(c), "bounds"_a = bounds));
  }
}

}  // namespace

void check_criteria(const CriteriaSetData& d, std::vector<Diagnostic>& out) {
  check_sums_and_weights(d, out);
  check_maxima(d, out);
  check_adjustment_room(d, out);
  check_tier_scales(d, out);
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
