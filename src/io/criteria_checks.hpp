// The checks of meaning on a converted criteria set: what a set must satisfy beyond its
// syntax (children's maxima adding up, weights where a parent takes a weighted mean, maxima
// that its rounding can reach) and what it should say more clearly (warnings). They work on
// the model, not on YAML, so they read the same whatever the text looked like.
#ifndef CCHC_SRC_IO_CRITERIA_CHECKS_HPP
#define CCHC_SRC_IO_CRITERIA_CHECKS_HPP

#include <vector>

#include "cchc/model/diagnostic.hpp"
#include "model/criteria_set_data.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

/// Appends every problem of `d` (errors and warnings, each with its code and, where it
/// concerns a node or an adjustment, its id) to `out`. Positions are the nodes' own.
///  - `children-do-not-add-up`: under `sum`, the children's maxima must add up to the max;
///  - `weight-missing`, `weight-under-sum`: a weight under weighted_mean, and only there;
///  - `max-finer-than-places`: a node, set or adjustment max with more decimals than
///    rounding.places (points are rounded to the places, so full marks would differ);
///  - `tiers-scale-inferred` (warning): a tiers rule without `value:` whose bounds are all
///    whole numbers >= 1, read as plain numbers although they may be meant as percentages.
void check_criteria(const CriteriaSetData& d, std::vector<Diagnostic>& out);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
