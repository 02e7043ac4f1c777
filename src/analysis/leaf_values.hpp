// The values a clerk could write at a leaf, and the points each would earn under its rule:
// shared by gaps (the next step up) and plan (every step up).
#ifndef CCHC_SRC_ANALYSIS_LEAF_VALUES_HPP
#define CCHC_SRC_ANALYSIS_LEAF_VALUES_HPP

#include <optional>
#include <string>
#include <vector>

#include "cchc/model/criteria_set.hpp"
#include "model/evaluation_data.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

/// The points `text` would earn at `leaf` if a clerk wrote it there: interpreted by the rule
/// and scored exactly as the loader and the scorer do. None when the rule refuses the text.
std::optional<Decimal> points_for(const Criterion& leaf, Rounding rounding, const std::string& text);

/// A value written on a tiers rule's scale: a rate as a percentage, otherwise a number.
std::string scale_text(Decimal v, TierScale scale);

/// One tier's values as an interval: the tier's own bound from below, and from above the
/// tiers before it (first match from the top: a value meeting an earlier bound lands there).
struct TierRange {
  std::optional<Decimal> low;  // none: from 0
  bool low_strict = false;
  std::optional<Decimal> high;  // none: unbounded (a rate: up to 1)
  bool high_strict = false;
  bool reachable = true;
  bool holds(Decimal v) const {
    if (low && (low_strict ? v <= *low : v < *low)) return false;
    if (high && (high_strict ? v >= *high : v > *high)) return false;
    return v >= Decimal();
  }
};
TierRange range_of(const Rule& r, std::size_t j);

/// The value of the range nearest to one below it (from_below) or above it, on the roundest
/// grid that has one (whole numbers, whole percentages, then finer).
std::optional<Decimal> value_in(const TierRange& t, TierScale scale, bool from_below);

/// One way to earn more at a leaf: the value to write and the points it earns.
struct LeafChoice {
  std::string value;
  Decimal points;
};

/// Every points level above `points` that a value at `leaf` can earn, each with the value
/// nearest the one written (`v`; none: no evidence) that earns it, in increasing points:
/// an option's name (the first written, for equal points); for tiers the nearest value of
/// each tier's range on the roundest grid ("91%" for `above: 90%`); for a proportional rate
/// each whole percent up to the target (and the target); for deduct the largest count that
/// earns each level; for points each step up to the max; for a survey each whole percent
/// share. Each value's points are those the rule gives it (points_for).
std::vector<LeafChoice> leaf_choices(const Criterion& leaf, const StoredValue* v, Rounding rounding, Decimal points);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
