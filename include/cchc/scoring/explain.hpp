// Tracing a unit's points back to the rules and the evidence that produced them.
#ifndef CCHC_SCORING_EXPLAIN_HPP
#define CCHC_SCORING_EXPLAIN_HPP

#include <cstddef>
#include <string>
#include <vector>

#include "cchc/export.hpp"
#include "cchc/scoring/scorecard.hpp"

namespace cchc {
inline namespace v1 {

/// A rule in words: "options: kip_thoi = 1 | cham = 0.5 | khong = 0", "tiers on a rate: above 0.9 → 2 | …".
CCHC_API std::string describe_rule(const Criterion& leaf, Rounding rounding);

/// One node of a scorecard with its reason.
struct NodeExplanation {
  NodeIndex node = 0;
  Decimal points;
  Decimal max;           ///< applicable max
  Decimal lost;          ///< max − points
  NodeStatus status = NodeStatus::scored;
  std::string rule;      ///< leaves and given nodes: the rule in words; interior: how children aggregate
  std::string evidence;  ///< the value that counted as written, with its stage and location
  std::string reason;    ///< how the points follow: "97.5% meets 'above 0.9' → 2"
};

/// Every node in pre-order.
CCHC_API std::vector<NodeExplanation> explain(const Evaluation& evaluation, const Scorecard& card);

/// The scored leaves (and given nodes) where points were lost, largest loss first
/// (ties in set order).
CCHC_API std::vector<NodeExplanation> points_lost(const Evaluation& evaluation, const Scorecard& card);

/// A bonus or penalty line of the set, as it counted for a scorecard.
struct AdjustmentExplanation {
  std::size_t adjustment = 0;  ///< index into CriteriaSet::adjustments()
  Decimal points;              ///< signed: +bonus, −penalty; 0 when no value was given
  Decimal max;                 ///< the line's cap
  std::string evidence;        ///< the value that counted, with its stage and location (empty: none)
  std::string reason;          ///< "bonus given: 1 (at most 2)", "no value: 0"
};

/// How a unit's total follows from its tree, line by line, so that the lines add up:
/// tree_total (= appraisal + survey = the fields' points) + Σ adjustments[i].points + clamp = total.
struct TotalExplanation {
  Decimal tree_total;  ///< the tree's points before adjustments
  Decimal appraisal;   ///< of which from `source: appraisal` nodes
  Decimal survey;      ///< of which from `source: survey` nodes
  std::vector<AdjustmentExplanation> adjustments;  ///< every line of the set, in set order
  /// What keeping the total within [0, max] changed: negative when the adjustments lifted
  /// it above the applicable max, positive when they took it below 0, else 0.
  Decimal clamp;
  Decimal total;
  Decimal max;  ///< the applicable max
};

/// The lines of a scorecard's total. Throws cchc::Error only when the adjustments of one
/// unit add up beyond what a Decimal holds (caps summing to more than ~9.2 × 10^12).
CCHC_API TotalExplanation explain_total(const Evaluation& evaluation, const Scorecard& card);

}  // namespace v1
}  // namespace cchc

#endif
