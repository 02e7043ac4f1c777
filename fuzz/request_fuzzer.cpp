// Bytes as a C API request (cchc_request_json): never a crash, hang or leak; always an
// answer that is JSON, and on failure {"status": N, "diagnostics": [...]} with N the
// status returned and at least one diagnostic. A request that names files by path is only
// parsed, not run (the harness must not read whatever file a mutation names). A success
// in another format (csv, md, table) is only checked to be an answer.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cchc/cchc.h"
#include "command/request_json.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string request(reinterpret_cast<const char*>(data), size);
  std::vector<cchc::Diagnostic> problems;
  const auto parsed = cchc::command::parse_request_json(request, problems);
  if (!parsed && problems.empty()) cchc_fuzz::fail("a refused request with no diagnostic");
  if (parsed && (!parsed->criteria.path.empty() || !parsed->units.path.empty() || !parsed->evidence.path.empty())) return 0;

  char* response = nullptr;
  // The C API reads up to the first NUL, as a C caller's string ends there.
  const int status = cchc_request_json(request.c_str(), &response);
  if (response == nullptr) cchc_fuzz::fail("no response");
  if (status < 0 || status > 2) cchc_fuzz::fail("a status outside 0..2");
  // A success is JSON unless another format was asked for.
  bool other_format = false;
  if (parsed)
    for (const auto& [name, value] : parsed->options)
      if (name == "format" && value != cchc::command::OptionValue(std::string("json"))) other_format = true;
  if (status == 0 && other_format) {
    cchc_string_free(response);
    return 0;
  }
  const auto answer = nlohmann::json::parse(response, nullptr, false);
  cchc_string_free(response);
  if (answer.is_discarded()) cchc_fuzz::fail("a response that is not JSON");
  if (status != 0) {
    if (!answer.is_object() || answer.value("status", -1) != status) cchc_fuzz::fail("a failure without its status");
    const auto d = answer.find("diagnostics");
    if (d == answer.end() || !d->is_array() || d->empty()) cchc_fuzz::fail("a failure without diagnostics");
  }
  return 0;
}
