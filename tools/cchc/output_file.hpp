// Writing a command's output: to stdout, or to a temporary file beside the target that is
// renamed into place only once complete, so that a failed run leaves no partial file.
#ifndef CCHC_TOOLS_OUTPUT_FILE_HPP
#define CCHC_TOOLS_OUTPUT_FILE_HPP

#include <functional>
#include <ostream>
#include <string>

namespace cchc_tool {

/// Runs `write` on standard output ("" or "-") or on a temporary file renamed to `path`.
/// Returns an empty string on success, else what went wrong (the target is then untouched).
std::string write_output(const std::string& path, const std::function<void(std::ostream&)>& write);

}  // namespace cchc_tool

#endif
