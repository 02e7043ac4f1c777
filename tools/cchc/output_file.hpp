// Writing a command's output all at once: to stdout, or to a temporary file renamed into
// place, so that a failed run leaves no partial file behind.
#ifndef CCHC_TOOLS_OUTPUT_FILE_HPP
#define CCHC_TOOLS_OUTPUT_FILE_HPP

#include <string>

namespace cchc_tool {

/// Writes `content` to `path` ("" or "-" = stdout). Returns an empty string on success,
/// else what went wrong.
std::string write_output(const std::string& path, const std::string& content);

}  // namespace cchc_tool

#endif
