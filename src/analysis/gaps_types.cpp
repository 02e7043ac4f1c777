// The gap types (include/cchc/analysis/gaps.hpp) as value classes:
// their data is private so that they can grow without breaking the ABI (see model/value_class.hpp).
#include "cchc/analysis/gaps.hpp"

#include "analysis/gaps_data.hpp"

namespace cchc {
inline namespace v1 {

CCHC_DEFINE_VALUE_CLASS(Gap)
CCHC_VALUE_FIELD(Gap, NodeIndex, node)
CCHC_VALUE_FIELD(Gap, NodeIndex, field)
CCHC_VALUE_FIELD(Gap, Decimal, max)
CCHC_VALUE_FIELD(Gap, Decimal, points)
CCHC_VALUE_FIELD(Gap, Decimal, lost)
CCHC_VALUE_FIELD(Gap, NodeStatus, status)
CCHC_VALUE_FIELD_REF(Gap, std::string, rule)
CCHC_VALUE_FIELD_REF(Gap, std::string, evidence)
CCHC_VALUE_FIELD_REF(Gap, std::string, reason)
CCHC_VALUE_FIELD_REF(Gap, std::string, next_step)
CCHC_VALUE_FIELD_REF(Gap, std::string, next_value)
CCHC_VALUE_FIELD(Gap, Decimal, next_gain)

CCHC_DEFINE_VALUE_CLASS(FieldSummary)
CCHC_VALUE_FIELD(FieldSummary, NodeIndex, field)
CCHC_VALUE_FIELD(FieldSummary, Decimal, max)
CCHC_VALUE_FIELD(FieldSummary, Decimal, points)
CCHC_VALUE_FIELD(FieldSummary, Decimal, lost)
CCHC_VALUE_FIELD(FieldSummary, Decimal, index)

CCHC_DEFINE_VALUE_CLASS(UnitGaps)
CCHC_VALUE_FIELD(UnitGaps, std::size_t, unit)
CCHC_VALUE_FIELD_REF(UnitGaps, std::vector<Gap>, gaps)
CCHC_VALUE_FIELD_REF(UnitGaps, std::vector<FieldSummary>, fields)
CCHC_VALUE_FIELD(UnitGaps, Decimal, lost)
CCHC_VALUE_FIELD(UnitGaps, Decimal, tree_lost)
CCHC_VALUE_FIELD(UnitGaps, Decimal, adjustments)
CCHC_VALUE_FIELD(UnitGaps, Decimal, clamp)

}  // namespace v1
}  // namespace cchc
