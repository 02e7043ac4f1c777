#include "cchc/model/diagnostic.hpp"

#include "cchc/version.hpp"

namespace cchc {
inline namespace v1 {

std::string Diagnostic::to_string() const {
  std::string out = location.file.empty() ? std::string("<input>") : location.file;
  if (location.line > 0) {
    out += ':' + std::to_string(location.line);
    if (location.column > 0) out += ':' + std::to_string(location.column);
  }
  out += severity == Severity::error ? ": error: " : ": warning: ";
  out += message;
  return out;
}

namespace {
std::string first_message(const std::vector<Diagnostic>& d) {
  return d.empty() ? std::string("cchc: unknown error") : d.front().to_string();
}
std::vector<Diagnostic> at_least_one(std::vector<Diagnostic> d) {
  if (d.empty()) d.push_back(Diagnostic{SourceLocation{}, Severity::error, std::string(), "unknown error"});
  return d;
}
}  // namespace

Error::Error(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(first_message(diagnostics)), diagnostics_(at_least_one(std::move(diagnostics))) {}

const char* version() noexcept { return CCHC_VERSION_STRING; }

}  // namespace v1
}  // namespace cchc
