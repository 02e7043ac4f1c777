// The values a clerk could write at a leaf and the points each earns (see leaf_values.hpp).
#include "analysis/leaf_values.hpp"

#include <algorithm>
#include <cstdint>
#include <map>

#include "model/evidence_value.hpp"
#include "model/exact.hpp"
#include "model/rule_kinds.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

std::optional<Decimal> points_for(const Criterion& leaf, Rounding rounding, const std::string& text) {
  const InterpretedValue v = interpret_value(leaf, rounding, text, false);
  if (!v.error.empty() || v.kind == ValueKind::not_applicable) return std::nullopt;
  StoredValue stored{};
  std::vector<std::uint32_t> counts;
  if (v.kind == ValueKind::answers)
    for (std::int64_t c : v.answers) counts.push_back(static_cast<std::uint32_t>(c < 0 ? 0 : c));
  else
    stored.number = v.number;
  stored.pack(v.kind, Stage::appraisal, 0);
  return leaf_points(LeafInput{leaf, stored, counts.data(), rounding});
}

std::string scale_text(Decimal v, TierScale scale) { return scale == TierScale::rate ? percent_text(v) : v.to_string(); }

TierRange range_of(const Rule& r, std::size_t j) {
  TierRange t;
  const Bound& own = r.tiers[j].bound;
  if (own.kind != BoundKind::none) {
    t.low = own.value;
    t.low_strict = own.kind == BoundKind::above;
  }
  for (std::size_t i = 0; i < j; ++i) {
    const Bound& b = r.tiers[i].bound;
    if (b.kind == BoundKind::none) {
      t.reachable = false;  // every value meets the earlier catch-all
      continue;
    }
    // Not meeting 'from b' means below b; not meeting 'above b' means at most b.
    const bool strict = b.kind == BoundKind::min;
    if (!t.high || b.value < *t.high || (b.value == *t.high && strict)) {
      t.high = b.value;
      t.high_strict = strict;
    }
  }
  return t;
}

namespace {
// Round numbers first (whole numbers, whole percentages), then finer: the value a clerk
// would write. Raw millionths.
std::vector<std::int64_t> grid_of(TierScale scale) {
  if (scale == TierScale::count) return {Decimal::scale};
  if (scale == TierScale::rate) return {10000, 1000, 100, 10, 1};
  return {1000000, 100000, 10000, 1000, 100, 10, 1};
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && (a < 0)); }
}  // namespace

std::optional<Decimal> value_in(const TierRange& t, TierScale scale, bool from_below) {
  for (std::int64_t u : grid_of(scale)) {
    Decimal c;
    if (from_below) {
      const std::int64_t low = t.low ? t.low->raw() : 0;
      std::int64_t k = -floor_div(-low, u);  // ceil
      if (t.low && t.low_strict && k * u == low) ++k;
      c = Decimal::from_raw(k * u);
    } else {
      if (!t.high) return std::nullopt;
      std::int64_t k = floor_div(t.high->raw(), u);
      if (t.high_strict && k * u == t.high->raw()) --k;
      c = Decimal::from_raw(k * u);
    }
    if (t.holds(c) && !(scale == TierScale::rate && c > Decimal::from_int(1))) return c;
  }
  return std::nullopt;
}


namespace {

// Collects the choices, one per points level above `floor`: the first offered for a level
// wins unless a later one is `nearer` (a smaller distance from the value written).
class Choices {
 public:
  Choices(const Criterion& leaf, Rounding rounding, Decimal floor) : leaf_(leaf), rounding_(rounding), floor_(floor) {}
  void offer(const std::string& text, Decimal distance = Decimal()) {
    const std::optional<Decimal> p = points_for(leaf_, rounding_, text);
    if (!p || *p <= floor_) return;
    auto [it, fresh] = by_points_.try_emplace(p->raw(), Entry{text, distance});
    if (!fresh && distance < it->second.distance) it->second = Entry{text, distance};
  }
  std::vector<LeafChoice> take() const {
    std::vector<LeafChoice> out;
    for (const auto& [raw, e] : by_points_) out.push_back(LeafChoice{e.text, Decimal::from_raw(raw)});
    return out;
  }

 private:
  struct Entry { std::string text; Decimal distance; };
  const Criterion& leaf_;
  Rounding rounding_;
  Decimal floor_;
  std::map<std::int64_t, Entry> by_points_;  // ordered: increasing points
};

}  // namespace

std::vector<LeafChoice> leaf_choices(const Criterion& leaf, const StoredValue* v, Rounding rounding, Decimal points) {
  const Rule& r = leaf.rule;
  const bool missing = v == nullptr;
  Choices choices(leaf, rounding, points);
  switch (r.kind) {
    case RuleKind::points: {
      // Each step up to the largest multiple of the step within the max.
      const std::int64_t step = r.step && r.step->raw() > 0 ? r.step->raw() : pow10(Decimal::digits - rounding.places);
      const std::int64_t top = leaf.max.raw() / step;
      for (std::int64_t k = points.raw() / step + 1; k <= top; ++k) choices.offer(Decimal::from_raw(k * step).to_string());
      break;
    }
    case RuleKind::options:
      for (const Option& o : r.options) choices.offer(o.name);  // equal points: the first written stays
      break;
    case RuleKind::tiers: {
      const Decimal x = missing ? Decimal() : Decimal::from_raw(v->number);
      for (std::size_t j = 0; j < r.tiers.size(); ++j) {
        const TierRange t = range_of(r, j);
        if (!t.reachable || (!missing && t.holds(x))) continue;
        // Below the range: its lowest value; above it (fewer is better): its highest.
        const bool from_below = missing || (t.low && (t.low_strict ? x <= *t.low : x < *t.low));
        const std::optional<Decimal> c = value_in(t, r.tier_scale, from_below);
        if (c) choices.offer(scale_text(*c, r.tier_scale), missing ? Decimal() : (*c > x ? *c - x : x - *c));
      }
      break;
    }
    case RuleKind::proportional: {
      // Whole percents above the rate written, then the target itself (which may be finer).
      constexpr std::int64_t percent = Decimal::scale / 100;
      const std::int64_t from = missing ? 0 : v->number;
      for (std::int64_t k = from / percent + 1; k * percent < r.target.raw(); ++k)
        choices.offer(percent_text(Decimal::from_raw(k * percent)), Decimal::from_raw(k * percent));
      choices.offer(percent_text(r.target), r.target);
      break;
    }
    case RuleKind::deduct: {
      // Counts from the one written down to 0 give rising points: the largest count of each
      // level (the fewest violations removed) is offered first and stays. Counts of at
      // least max / per all earn 0.
      const std::int64_t zero_from = r.per.raw() > 0 ? (leaf.max.raw() + r.per.raw() - 1) / r.per.raw() : 0;
      const std::int64_t count = missing ? zero_from : std::min(v->number / Decimal::scale - 1, zero_from);
      for (std::int64_t k = count; k >= 0; --k) choices.offer(std::to_string(k));
      break;
    }
    case RuleKind::survey:
      for (int k = 1; k <= 100; ++k) choices.offer(std::to_string(k) + "%");
      break;
  }
  return choices.take();
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
