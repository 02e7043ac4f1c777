#include "command/validate_report.hpp"

#include <ostream>
#include <string>

#include "cchc/model/text.hpp"
#include "cchc/report/language.hpp"
#include "model/exact.hpp"
#include "report/table.hpp"

namespace cchc {
inline namespace v1 {
namespace command {

namespace {

/// Leaves under `node` (the node itself when it is one).
std::size_t leaves_under(const CriteriaSet& set, NodeIndex node) {
  const Criterion& n = set.node(node);
  if (n.is_leaf()) return 1;
  std::size_t count = 0;
  for (const NodeIndex child : n.children) count += leaves_under(set, child);
  return count;
}

}  // namespace

void write_validation(std::ostream& out, const CriteriaSet& set, Format format, const std::vector<Diagnostic>& warnings) {
  std::size_t leaves = 0;
  for (const NodeIndex f : set.fields()) leaves += leaves_under(set, f);
  if (format != Format::json) {
    out << escape_invisible(set.source_name()) << translate(": valid: ") << escape_invisible(set.id()) << ", " << set.fields().size()
        << translate(" fields, ") << leaves << translate(" leaves, max ") << set.max().to_string() << '\n';
    return;
  }
  using detail::append_decimal;
  using detail::append_json_string;
  const int places = set.rounding().places;
  const RoundingMode mode = set.rounding().mode;
  std::string j = "{\"file\": ";
  append_json_string(j, set.source_name());
  j += ",\n \"set\": {\"id\": ";
  append_json_string(j, set.id());
  j += ", \"title\": ";
  append_json_string(j, set.title());
  j += ", \"year\": ";
  j += set.year() ? std::to_string(*set.year()) : std::string("null");
  j += ", \"max\": ";
  append_decimal(j, set.max(), places, '.', mode);
  j += "},\n \"fields\": [";
  for (std::size_t k = 0; k < set.fields().size(); ++k) {
    const NodeIndex f = set.fields()[k];
    j += k ? ",\n  {\"id\": " : "\n  {\"id\": ";
    append_json_string(j, set.node(f).id);
    j += ", \"title\": ";
    append_json_string(j, set.node(f).title);
    j += ", \"max\": ";
    append_decimal(j, set.node(f).max, places, '.', mode);
    j += ", \"leaves\": " + std::to_string(leaves_under(set, f)) + "}";
  }
  j += set.fields().empty() ? "],\n " : "\n ],\n ";
  j += "\"leaves\": " + std::to_string(leaves) + ",\n ";
  j += detail::warnings_json(warnings);
  j += "}\n";
  out.write(j.data(), static_cast<std::streamsize>(j.size()));
}

}  // namespace command
}  // namespace v1
}  // namespace cchc
