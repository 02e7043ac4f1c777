// The `--unit CODE` option of explain, gaps and deviations: an empty code is refused while
// the command line is parsed, an unknown one once the units are read, with the nearest
// known code suggested. Both are usage errors (exit status 2).
#ifndef CCHC_TOOLS_UNIT_OPTION_HPP
#define CCHC_TOOLS_UNIT_OPTION_HPP

#include <string>
#include <vector>

#include "cchc/model/evaluation.hpp"

namespace cchc_tool {

/// "" for a non-empty code, else why an empty --unit is refused (a CLI11 check).
std::string unit_code_not_empty(const std::string& code);

/// Why `code` names no unit of `units` (read from `units_file`), with the nearest code
/// when one is close (a few edits, or the same letters without case or diacritics).
std::string unknown_unit_message(const std::string& code, const std::string& units_file,
                                 const std::vector<cchc::Unit>& units);

}  // namespace cchc_tool

#endif
