// Diagnostics as JSON objects, for the "warnings" list of every JSON report.
#include "cchc/report/report.hpp"
#include "report/table.hpp"

namespace cchc {
inline namespace v1 {

namespace {
void append_text_or_null(std::string& out, const std::string& text) {
  if (text.empty()) out += "null";
  else detail::append_json_string(out, text);
}
void append_position(std::string& out, std::uint32_t value) {
  if (value == 0) out += "null";
  else out += std::to_string(value);
}
}  // namespace

std::string diagnostic_json(const Diagnostic& d) {
  std::string out = "{\"severity\": ";
  out += d.severity() == Severity::error ? "\"error\"" : "\"warning\"";
  out += ", \"code\": ";
  append_text_or_null(out, d.code());
  out += ", \"file\": ";
  append_text_or_null(out, d.location().file);
  out += ", \"line\": ";
  append_position(out, d.location().line);
  out += ", \"column\": ";
  append_position(out, d.location().column);
  out += ", \"sheet\": ";
  append_text_or_null(out, d.location().sheet);
  out += ", \"key\": ";
  append_text_or_null(out, d.key());
  out += ", \"unit\": ";
  append_text_or_null(out, d.unit());
  out += ", \"criterion\": ";
  append_text_or_null(out, d.criterion());
  out += ", \"stage\": ";
  append_text_or_null(out, d.stage());
  out += ", \"message\": ";
  detail::append_json_string(out, d.message());
  out += "}";
  return out;
}

namespace detail {
std::string warnings_json(const std::vector<Diagnostic>& warnings) {
  std::string out = "\"warnings\": [";
  for (std::size_t i = 0; i < warnings.size(); ++i) {
    out += i ? ",\n  " : "\n  ";
    out += diagnostic_json(warnings[i]);
  }
  out += warnings.empty() ? "]" : "\n ]";
  return out;
}
}  // namespace detail

}  // namespace v1
}  // namespace cchc
