// A plan's search with a budget of work shared by many searches: the year's report plans every
// unit, and one bound per unit (plan_unit's) would let a year of thousands of units search for
// an hour. The budget is counted in the search's own steps, so what is planned depends only on
// the inputs, never on the machine's speed.
#ifndef CCHC_SRC_ANALYSIS_PLAN_BUDGET_HPP
#define CCHC_SRC_ANALYSIS_PLAN_BUDGET_HPP

#include <cstddef>
#include <string_view>
#include <vector>

#include "cchc/analysis/plan.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

/// plan_unit, its search bounded by min(its own bound, `budget`); `budget` loses the steps it
/// took, whether the search ends or throws. Throws cchc::Error "plan-too-large" when the search
/// passes its own bound, and "plan-budget-spent" when it passes what was left of `budget`.
UnitPlan plan_unit_within(const Evaluation& evaluation, const std::vector<Scorecard>& cards, const Ranking& ranking,
                          std::size_t unit, std::string_view target, bool include_survey, std::size_t& budget);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
