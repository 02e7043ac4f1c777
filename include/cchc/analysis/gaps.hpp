// Where a unit lost points and what evidence would have earned the next step.
#ifndef CCHC_ANALYSIS_GAPS_HPP
#define CCHC_ANALYSIS_GAPS_HPP

#include <string>
#include <vector>

#include "cchc/export.hpp"
#include "cchc/scoring/explain.hpp"

namespace cchc {
inline namespace v1 {

/// One leaf (or given node) where points were lost.
struct Gap {
  NodeIndex node = 0;
  NodeIndex field = 0;  ///< the field (depth 1) it belongs to
  Decimal max, points, lost;
  NodeStatus status = NodeStatus::scored;
  std::string rule;       ///< the rule in words
  std::string evidence;   ///< the value that counted, with stage and location
  std::string reason;     ///< how the points followed from it
  /// What would have earned more, in words: the next option, tier, count or rate (empty
  /// when the rule offers nothing more, e.g. a step that would pass the max).
  std::string next_step;
  /// The value a clerk would write in the evidence for that next step ("kip_thoi", "2",
  /// "91%", "A=20"); scored under the leaf's rule it earns exactly points + next_gain.
  /// Empty when there is no such value (and for nodes given whole).
  std::string next_value;
  Decimal next_gain;      ///< the points that next step adds (0 when there is none)
};

/// A field's subtotal: its points, max, loss and component index.
struct FieldSummary {
  NodeIndex field = 0;
  Decimal max, points, lost, index;
};

struct UnitGaps {
  std::size_t unit = 0;
  std::vector<Gap> gaps;              ///< largest loss first, ties in set order
  std::vector<FieldSummary> fields;   ///< in set order
  Decimal lost;                       ///< max − total: everything lost, adjustments included
  Decimal tree_lost;                  ///< lost in the tree (its max − its points)
  Decimal adjustments;                ///< bonus − penalty applied after the tree
  /// What keeping the total within [0, max] changed (see TotalExplanation::clamp), so that
  /// lost = tree_lost − adjustments − clamp.
  Decimal clamp;
};

CCHC_API UnitGaps find_gaps(const Evaluation& evaluation, const Scorecard& card);

}  // namespace v1
}  // namespace cchc

#endif
