// The private data of ReportOptions (include/cchc/report/report.hpp), for the library's
// code that fills and reads them field by field (see model/value_class.hpp).
#ifndef CCHC_SRC_REPORT_REPORT_OPTIONS_DATA_HPP
#define CCHC_SRC_REPORT_REPORT_OPTIONS_DATA_HPP

#include "cchc/report/report.hpp"
#include "model/value_class.hpp"

namespace cchc {
inline namespace v1 {

struct ReportOptions::Data {
  bool decimal_comma = false;
  bool csv_bom = false;
  std::vector<Diagnostic> warnings{};
};

}  // namespace v1
}  // namespace cchc

#endif
