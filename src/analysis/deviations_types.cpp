// The deviation types (include/cchc/analysis/deviations.hpp) as value classes:
// their data is private so that they can grow without breaking the ABI (see model/value_class.hpp).
#include "cchc/analysis/deviations.hpp"

#include "analysis/deviations_data.hpp"

namespace cchc {
inline namespace v1 {

CCHC_DEFINE_VALUE_CLASS(Deviation)
CCHC_VALUE_FIELD(Deviation, NodeIndex, node)
CCHC_VALUE_FIELD(Deviation, Decimal, max)
CCHC_VALUE_FIELD_REF(Deviation, StagePoints, points)
CCHC_VALUE_FIELD(Deviation, Decimal, final_points)
CCHC_VALUE_FIELD(Deviation, Decimal, change)

CCHC_DEFINE_VALUE_CLASS(UnitDeviations)
CCHC_VALUE_FIELD(UnitDeviations, std::size_t, unit)
CCHC_VALUE_FIELD_REF(UnitDeviations, std::vector<Deviation>, deviations)
CCHC_VALUE_FIELD_REF(UnitDeviations, StagePoints, totals)
CCHC_VALUE_FIELD_REF(UnitDeviations, StagePoints, maxima)
CCHC_VALUE_FIELD(UnitDeviations, Decimal, max)

}  // namespace v1
}  // namespace cchc
