// What a unit can do: the cheapest changes to its evidence that reach a band, a rank or an
// index, under the set's own rules, every other unit and value held fixed.
#ifndef CCHC_ANALYSIS_PLAN_HPP
#define CCHC_ANALYSIS_PLAN_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cchc/export.hpp"
#include "cchc/model/decimal.hpp"
#include "cchc/ranking/ranking.hpp"
#include "cchc/scoring/scorecard.hpp"

namespace cchc {
inline namespace v1 {

/// Where a unit stands: its total of its applicable max, its index (rounded for display), its
/// competition rank within its group (none when the unit is not ranked) and its band ("" when
/// no band admits it).
struct PlanStanding {
  Decimal total, max, index;
  std::optional<int> rank;
  std::string band;
};

/// One change to a leaf's evidence: the value written (`from`, "" when there was none) and
/// the value to write (`to`, as a clerk would write it), the leaf's points before and after,
/// and `gain` = to_points − from_points (the leaf's own points; under a weighted mean the
/// total moves by its share).
struct PlanChange {
  NodeIndex node = 0;
  NodeIndex field = 0;  ///< the field (depth 1) it belongs to
  std::string from, to;
  Decimal from_points, to_points, gain;
};

/// The plan for one unit. An accessor class over private data, so that it can grow.
class CCHC_API UnitPlan {
 public:
  UnitPlan();
  UnitPlan(const UnitPlan& other);
  UnitPlan(UnitPlan&& other) noexcept;
  UnitPlan& operator=(const UnitPlan& other);
  UnitPlan& operator=(UnitPlan&& other) noexcept;
  ~UnitPlan();

  std::size_t unit() const noexcept;           ///< index into Evaluation::units()
  const std::string& target() const noexcept;  ///< as given: "band:Tốt", "rank:3", "index:90"
  /// Whether the changes reach the target. When not, `changes` reach the best the unit can
  /// (every changeable leaf at its best), with the fewest changes.
  bool reachable() const noexcept;
  const PlanStanding& before() const noexcept;
  const PlanStanding& after() const noexcept;
  /// In set order.
  const std::vector<PlanChange>& changes() const noexcept;

  /// Internal: built by plan_unit.
  struct Data;
  explicit UnitPlan(Data data);

 private:
  Data* data_;
};

/// What is wrong with `target` for the unit (empty when nothing is): the form must be
/// `band:LABEL` (a band of the unit's group), `rank:N` (N >= 1, the unit ranked) or `index:X`
/// (0 <= X <= 100).
CCHC_API std::string plan_target_problem(const Evaluation& evaluation, std::size_t unit, std::string_view target);

/// The cheapest changes to the unit's evidence that reach `target`: the fewest leaves
/// changed, then the fewest points beyond what is needed (the lowest total that reaches it),
/// then set order. A rank target means rank <= N within the unit's group, with the set's
/// tie-break; bands and ranks are decided on the value the ranking uses (the exact index, or
/// the displayed one under `ranking.on: rounded`), and so is an index target. Leaves that
/// can change: those that lost points, scored by their rule (or missing and scored 0), and
/// not survey leaves unless `include_survey`; never a leaf marked na, a node given whole or
/// what it covers, nor an adjustment. `cards` and `ranking` are score() and rank() of the
/// evaluation. Throws cchc::Error (code "bad-plan-target") when plan_target_problem is not
/// empty, and (code "plan-too-large") when the search would pass its bound of work.
CCHC_API UnitPlan plan_unit(const Evaluation& evaluation, const std::vector<Scorecard>& cards, const Ranking& ranking,
                            std::size_t unit, std::string_view target, bool include_survey = false);

}  // namespace v1
}  // namespace cchc

#endif
