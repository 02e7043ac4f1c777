// Scorecard as a value class: its data is private so that it can grow without breaking the
// ABI (see model/value_class.hpp).
#include "cchc/scoring/scorecard.hpp"

#include "scoring/scorecard_data.hpp"

namespace cchc {
inline namespace v1 {

CCHC_DEFINE_VALUE_CLASS(Scorecard)
CCHC_VALUE_FIELD(Scorecard, std::size_t, unit)
CCHC_VALUE_FIELD_REF(Scorecard, std::vector<NodeScore>, nodes)
CCHC_VALUE_FIELD_REF(Scorecard, std::vector<Decimal>, adjustments)
CCHC_VALUE_FIELD(Scorecard, Decimal, tree_total)
CCHC_VALUE_FIELD(Scorecard, Decimal, total)
CCHC_VALUE_FIELD(Scorecard, Decimal, max)
CCHC_VALUE_FIELD(Scorecard, Decimal, appraisal)
CCHC_VALUE_FIELD(Scorecard, Decimal, survey)
CCHC_VALUE_FIELD(Scorecard, Decimal, index)
CCHC_VALUE_FIELD(Scorecard, std::optional<Stage>, as_of)

}  // namespace v1
}  // namespace cchc
