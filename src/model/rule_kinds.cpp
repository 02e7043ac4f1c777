#include "model/rule_kinds.hpp"

#include <algorithm>

#include "i18n/format.hpp"
#include "model/exact.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

using fmt::literals::operator""_a;  // NOLINT(misc-unused-using-decls): clang-tidy 14 misses uses in "name"_a

namespace {
Decimal value_of(const LeafInput& in) noexcept { return Decimal::from_raw(in.value.number); }
std::string show(Decimal d) { return d.to_string(); }
}  // namespace

std::string percent_text(Decimal rate) { return Decimal::from_raw(rate.raw() * 100).to_string() + "%"; }

std::string bound_text(const Bound& b, TierScale scale) {
  const std::string v = scale == TierScale::rate ? percent_text(b.value) : show(b.value);
  switch (b.kind) {
    case BoundKind::min: return trf("from {value}", "value"_a = v);
    case BoundKind::above: return trf("above {value}", "value"_a = v);
    case BoundKind::none: return tr("otherwise");
  }
  return tr("otherwise");
}

// points: the council's figure, rounded to the set's places.
Decimal PointsKind::points(const LeafInput& in) noexcept { return on_grid(value_of(in), in.rounding); }
std::string PointsKind::reason(const LeafInput& in) { return trf("points entered: {points}", "points"_a = show(value_of(in))); }

// options: the chosen option's points.
Decimal OptionsKind::points(const LeafInput& in) noexcept {
  return on_grid(in.leaf.rule.options[static_cast<std::size_t>(in.value.number)].points, in.rounding);
}
std::string OptionsKind::reason(const LeafInput& in) {
  const Option& o = in.leaf.rule.options[static_cast<std::size_t>(in.value.number)];
  return trf("option '{option}' gives {points}", "option"_a = o.name, "points"_a = show(o.points));
}

// tiers: the first tier from the top whose bound the value meets.
namespace {
const Tier* matching_tier(const LeafInput& in) noexcept {
  const Decimal x = value_of(in);
  for (const Tier& t : in.leaf.rule.tiers)
    if (t.bound.admits(x)) return &t;
  return nullptr;  // unreachable: the loader refused values that meet no tier
}
}  // namespace
Decimal TiersKind::points(const LeafInput& in) noexcept {
  const Tier* t = matching_tier(in);
  return t == nullptr ? Decimal() : on_grid(t->points, in.rounding);
}
std::string TiersKind::reason(const LeafInput& in) {
  const Tier* t = matching_tier(in);
  const TierScale scale = in.leaf.rule.tier_scale;
  const std::string x = scale == TierScale::rate ? percent_text(value_of(in)) : show(value_of(in));
  if (t == nullptr) return trf("{value} meets no tier", "value"_a = x);
  return trf("{value} meets '{bound}' → {points}", "value"_a = x, "bound"_a = bound_text(t->bound, scale), "points"_a = show(t->points));
}

// proportional: max × min(rate / target, 1), exact then rounded once.
Decimal ProportionalKind::points(const LeafInput& in) noexcept {
  const Rule& r = in.leaf.rule;
  const std::int64_t rate = std::min(in.value.number, r.target.raw());
  return round_quotient(static_cast<int128>(in.leaf.max.raw()) * rate, r.target.raw(), in.rounding);
}
std::string ProportionalKind::reason(const LeafInput& in) {
  const Rule& r = in.leaf.rule;
  return show(in.leaf.max) + " × min(" + percent_text(value_of(in)) + " / " + percent_text(r.target) + ", 1) = " + show(points(in));
}

// deduct: max − per × count, not below zero.
Decimal DeductKind::points(const LeafInput& in) noexcept {
  const int128 count = in.value.number / Decimal::scale;
  const int128 left = static_cast<int128>(in.leaf.max.raw()) - count * in.leaf.rule.per.raw();
  return left <= 0 ? Decimal() : on_grid(Decimal::from_raw(static_cast<std::int64_t>(left)), in.rounding);
}
std::string DeductKind::reason(const LeafInput& in) {
  const std::int64_t count = in.value.number / Decimal::scale;
  return trf("{count} × {per} deducted from {max} → {points}", "count"_a = count, "per"_a = show(in.leaf.rule.per),
             "max"_a = show(in.leaf.max), "points"_a = show(points(in)));
}

// survey: max × Σ count × weight / Σ count (or max × share).
Decimal SurveyKind::points(const LeafInput& in) noexcept {
  const Rule& r = in.leaf.rule;
  if (in.value.kind() != ValueKind::answers)
    return round_quotient(static_cast<int128>(in.leaf.max.raw()) * in.value.number, Decimal::scale, in.rounding);
  int128 weighted = 0, answered = 0;
  for (std::size_t i = 0; i < r.answers.size(); ++i) {
    weighted += static_cast<int128>(in.answers[i]) * r.answers[i].weight.raw();
    answered += static_cast<int128>(in.answers[i]);
  }
  return round_quotient(static_cast<int128>(in.leaf.max.raw()) * weighted, answered * Decimal::scale, in.rounding);
}
std::string SurveyKind::reason(const LeafInput& in) {
  const Rule& r = in.leaf.rule;
  if (in.value.kind() != ValueKind::answers)
    return trf("{max} × share {share} = {points}", "max"_a = show(in.leaf.max), "share"_a = percent_text(value_of(in)),
               "points"_a = show(points(in)));
  std::string terms;
  std::int64_t answered = 0;
  for (std::size_t i = 0; i < r.answers.size(); ++i) {
    terms += (terms.empty() ? "" : " + ") + std::to_string(in.answers[i]) + "×" + show(r.answers[i].weight);
    answered += static_cast<std::int64_t>(in.answers[i]);
  }
  return show(in.leaf.max) + " × (" + terms + ") / " + std::to_string(answered) + " = " + show(points(in));
}

Decimal leaf_points(const LeafInput& in) noexcept {
  switch (in.leaf.rule.kind) {
    case RuleKind::points: return PointsKind::points(in);
    case RuleKind::options: return OptionsKind::points(in);
    case RuleKind::tiers: return TiersKind::points(in);
    case RuleKind::proportional: return ProportionalKind::points(in);
    case RuleKind::deduct: return DeductKind::points(in);
    case RuleKind::survey: return SurveyKind::points(in);
  }
  return Decimal();
}

std::string leaf_reason(const LeafInput& in) {
  switch (in.leaf.rule.kind) {
    case RuleKind::points: return PointsKind::reason(in);
    case RuleKind::options: return OptionsKind::reason(in);
    case RuleKind::tiers: return TiersKind::reason(in);
    case RuleKind::proportional: return ProportionalKind::reason(in);
    case RuleKind::deduct: return DeductKind::reason(in);
    case RuleKind::survey: return SurveyKind::reason(in);
  }
  return {};
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
