// A command given as JSON (the C API's cchc_request_json), answered with JSON.
//   {"command": "rank", "criteria": {"path": …} | {"text": …, "name": …}, "units": …,
//    "evidence": …, "options": {"unit": "STP", "missing_as_zero": true, …}}
// The answer is exactly what `cchc <command> --format json` prints, or on failure
// {"status": N, "diagnostics": [{severity, code, file, line, column, key, unit, criterion,
// stage, message}, …]}. docs/embedding.md documents both.
#ifndef CCHC_SRC_COMMAND_REQUEST_JSON_HPP
#define CCHC_SRC_COMMAND_REQUEST_JSON_HPP

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cchc/model/diagnostic.hpp"
#include "cchc/export.hpp"
#include "command/request.hpp"

namespace cchc {
inline namespace v1 {
namespace command {

/// The request, or nullopt with every problem in `problems` (file "<request>").
/// Exported for the fuzz harness (fuzz/request_fuzzer.cpp) only.
CCHC_API std::optional<Request> parse_request_json(std::string_view text, std::vector<Diagnostic>& problems);

/// {"status": N, "diagnostics": […]}.
CCHC_API std::string failure_json(int status, const std::vector<Diagnostic>& diagnostics);

struct Response {
  int status = 0;
  std::string json;
};
/// Parses and runs the request. Never throws; only when even the answer cannot be built
/// (out of memory) is `json` empty, with a non-zero status.
/// A workbook (format xlsx) is bytes with NULs in them: only a caller that takes the answer's
/// length (`binary_ok`) gets one; the others get a usage error saying so.
Response respond(std::string_view request_json, bool binary_ok = false) noexcept;

}  // namespace command
}  // namespace v1
}  // namespace cchc

#endif
