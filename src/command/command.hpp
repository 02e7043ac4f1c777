// Running a command from a Request: load, score, rank, check the options, then write the
// report. The `cchc` tool and the C API both go through here, so that `cchc rank --format
// json` and `cchc_request_json({"command": "rank", …})` cannot drift apart.
// Exported from the shared library for the tool only; not part of the public API.
#ifndef CCHC_SRC_COMMAND_COMMAND_HPP
#define CCHC_SRC_COMMAND_COMMAND_HPP

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "cchc/export.hpp"
#include "cchc/model/diagnostic.hpp"
#include "command/request.hpp"

namespace cchc {
inline namespace v1 {
namespace command {

/// Exit statuses, the command line's.
inline constexpr int status_ok = 0;
inline constexpr int status_invalid_input = 1;  ///< the inputs are refused; nothing written
inline constexpr int status_usage = 2;          ///< the request itself is wrong

/// A command ready to write its report, or refused.
struct Prepared {
  int status = status_ok;
  /// Every message, errors and warnings, in the order the command line prints them.
  std::vector<Diagnostic> diagnostics;
  /// Writes the report (only when status == 0). Keeps what it needs alive.
  std::function<void(std::ostream&)> write;
  bool binary = false;  ///< the report is a workbook: bytes, not text
};

/// Loads and checks everything the request needs; never throws (a failure is a status with
/// its diagnostics; std::bad_alloc included, as an `out-of-memory` diagnostic).
CCHC_API Prepared prepare(const Request& request);

/// prepare() and write() into a string.
struct Outcome {
  int status = status_ok;
  std::string output;
  std::vector<Diagnostic> diagnostics;
  bool binary = false;  ///< `output` is a workbook's bytes, not text
};
CCHC_API Outcome run(const Request& request);

/// The names of the commands, in table order (for messages and documentation).
CCHC_API std::vector<std::string> command_names();

/// A usage diagnostic (no file, status 2): bad option, unknown command, unknown unit.
Diagnostic usage_error(std::string code, std::string message);

}  // namespace command
}  // namespace v1
}  // namespace cchc

#endif
