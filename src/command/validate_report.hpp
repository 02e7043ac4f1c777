// What `cchc validate` prints for a valid set: a line, or JSON (docs/output-formats.md).
#ifndef CCHC_SRC_COMMAND_VALIDATE_REPORT_HPP
#define CCHC_SRC_COMMAND_VALIDATE_REPORT_HPP

#include <iosfwd>
#include <vector>

#include "cchc/model/criteria_set.hpp"
#include "cchc/model/diagnostic.hpp"
#include "cchc/report/report.hpp"

namespace cchc {
inline namespace v1 {
namespace command {

/// table: "FILE: valid: ID, N fields, M leaves, max X"; json: the set, its fields with
/// their maxima and leaf counts, the number of leaves, and the warnings.
void write_validation(std::ostream& out, const CriteriaSet& set, Format format, const std::vector<Diagnostic>& warnings);

}  // namespace command
}  // namespace v1
}  // namespace cchc

#endif
