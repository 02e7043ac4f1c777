// The explanation types (include/cchc/scoring/explain.hpp) as value classes:
// their data is private so that they can grow without breaking the ABI (see model/value_class.hpp).
#include "cchc/scoring/explain.hpp"

#include "scoring/explanation_data.hpp"

namespace cchc {
inline namespace v1 {

CCHC_DEFINE_VALUE_CLASS(NodeExplanation)
CCHC_VALUE_FIELD(NodeExplanation, NodeIndex, node)
CCHC_VALUE_FIELD(NodeExplanation, Decimal, points)
CCHC_VALUE_FIELD(NodeExplanation, Decimal, max)
CCHC_VALUE_FIELD(NodeExplanation, Decimal, lost)
CCHC_VALUE_FIELD(NodeExplanation, NodeStatus, status)
CCHC_VALUE_FIELD_REF(NodeExplanation, std::string, rule)
CCHC_VALUE_FIELD_REF(NodeExplanation, std::string, evidence)
CCHC_VALUE_FIELD_REF(NodeExplanation, std::string, reason)

CCHC_DEFINE_VALUE_CLASS(AdjustmentExplanation)
CCHC_VALUE_FIELD(AdjustmentExplanation, std::size_t, adjustment)
CCHC_VALUE_FIELD(AdjustmentExplanation, Decimal, points)
CCHC_VALUE_FIELD(AdjustmentExplanation, Decimal, max)
CCHC_VALUE_FIELD_REF(AdjustmentExplanation, std::string, evidence)
CCHC_VALUE_FIELD_REF(AdjustmentExplanation, std::string, reason)

CCHC_DEFINE_VALUE_CLASS(TotalExplanation)
CCHC_VALUE_FIELD(TotalExplanation, Decimal, tree_total)
CCHC_VALUE_FIELD(TotalExplanation, Decimal, appraisal)
CCHC_VALUE_FIELD(TotalExplanation, Decimal, survey)
CCHC_VALUE_FIELD_REF(TotalExplanation, std::vector<AdjustmentExplanation>, adjustments)
CCHC_VALUE_FIELD(TotalExplanation, Decimal, clamp)
CCHC_VALUE_FIELD(TotalExplanation, Decimal, total)
CCHC_VALUE_FIELD(TotalExplanation, Decimal, max)

}  // namespace v1
}  // namespace cchc
