// Tracing a unit's points back to the rules and the evidence that produced them.
#ifndef CCHC_SCORING_EXPLAIN_HPP
#define CCHC_SCORING_EXPLAIN_HPP

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

}  // namespace v1
}  // namespace cchc

#endif
