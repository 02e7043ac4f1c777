// The `unit` option of explain, gaps and deviations: an empty code is refused before
// anything is read, an unknown one once the units are read, with the nearest known code
// suggested. Both are usage errors (status 2). The command line and the C API share them.
#ifndef CCHC_SRC_COMMAND_UNIT_OPTION_HPP
#define CCHC_SRC_COMMAND_UNIT_OPTION_HPP

#include <string>
#include <vector>

#include "cchc/export.hpp"
#include "cchc/model/evaluation.hpp"

namespace cchc {
inline namespace v1 {
namespace command {

/// "" for a non-empty code, else why an empty --unit is refused (also a CLI11 check).
CCHC_API std::string unit_code_not_empty(const std::string& code);

/// Why `code` names no unit of `units` (read from `units_file`), with the nearest code
/// when one is close (a few edits, or the same letters without case or diacritics).
CCHC_API std::string unknown_unit_message(const std::string& code, const std::string& units_file,
                                          const std::vector<Unit>& units);

}  // namespace command
}  // namespace v1
}  // namespace cchc

#endif
