// Where the council's appraisal changed a unit's self-assessment (tự chấm → thẩm định →
// giải trình), leaf by leaf, with the totals at each stage.
#ifndef CCHC_ANALYSIS_DEVIATIONS_HPP
#define CCHC_ANALYSIS_DEVIATIONS_HPP

#include <array>
#include <optional>
#include <vector>

#include "cchc/export.hpp"
#include "cchc/scoring/scorecard.hpp"

namespace cchc {
inline namespace v1 {

/// A leaf (or a node given whole) whose points differ between stages.
struct Deviation {
  NodeIndex node = 0;
  Decimal max;  ///< the node's applicable max for this unit, as of the last stage (0 when marked na: exclude)
  /// Points from the value entered at each stage (self, appraisal, appraisal2); none when
  /// that stage has no value for the node.
  std::array<std::optional<Decimal>, stage_count> points;
  Decimal final_points;  ///< the points that count (latest stage)
  Decimal change;        ///< final − self (0 when the unit gave no self-assessment)
};

struct UnitDeviations {
  std::size_t unit = 0;
  std::vector<Deviation> deviations;  ///< in set order
  /// The unit's total as it stood at each stage (see score_unit_as_of); none when no value
  /// at all was entered at that stage.
  std::array<std::optional<Decimal>, stage_count> totals;
  /// The unit's applicable max at each stage (the set's max less the leaves marked
  /// `na: exclude` by then); none where `totals` has none.
  std::array<std::optional<Decimal>, stage_count> maxima;
  Decimal max;  ///< the applicable max as of the last stage: the one the final total is out of
};

CCHC_API UnitDeviations find_deviations(const Evaluation& evaluation, std::size_t unit);

}  // namespace v1
}  // namespace cchc

#endif
