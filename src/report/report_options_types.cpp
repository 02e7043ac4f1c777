// ReportOptions (include/cchc/report/report.hpp) as value classes:
// their data is private so that they can grow without breaking the ABI (see model/value_class.hpp).
#include "cchc/report/report.hpp"

#include "report/report_options_data.hpp"

namespace cchc {
inline namespace v1 {

CCHC_DEFINE_VALUE_CLASS(ReportOptions)
CCHC_VALUE_FIELD(ReportOptions, bool, decimal_comma)
CCHC_VALUE_FIELD(ReportOptions, bool, csv_bom)
CCHC_VALUE_FIELD_REF(ReportOptions, std::vector<Diagnostic>, warnings)

}  // namespace v1
}  // namespace cchc
