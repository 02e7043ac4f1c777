#include "command/unit_option.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>

#include "cchc/model/text.hpp"
#include "i18n/format.hpp"

namespace cchc {
inline namespace v1 {
namespace command {

namespace {
std::string quote_value(std::string_view text) { return quote_for_message(text); }
}  // namespace

std::string unit_code_not_empty(const std::string& code) {
  return code.empty() ? std::string(detail::tr("a unit code is required, not an empty string")) : std::string();
}

std::string unknown_unit_message(const std::string& code, const std::string& units_file,
                                 const std::vector<Unit>& units) {
  std::string message = detail::trf("--unit {unit}: no unit with this code in {file}", fmt::arg("unit", quote_value(code)),
                                    fmt::arg("file", quote_value(units_file)));
  // Close means: the same without case or diacritics, or at most a third of the code's
  // characters changed (at least one, at most three edits). The first in file order wins a tie.
  const std::string key = loose_key(code);
  const std::size_t allowed = std::clamp<std::size_t>(key.size() / 3, 1, 3);
  const Unit* nearest = nullptr;
  std::size_t best = std::numeric_limits<std::size_t>::max();
  for (const auto& unit : units) {
    const std::size_t d = edit_distance(key, loose_key(unit.code()));
    if (d < best) {
      best = d;
      nearest = &unit;
    }
  }
  if (nearest != nullptr && best <= allowed)
    message = detail::trf("--unit {unit}: no unit with this code in {file}; did you mean {near}?", fmt::arg("unit", quote_value(code)),
                          fmt::arg("file", quote_value(units_file)), fmt::arg("near", quote_value(nearest->code())));
  return message;
}

}  // namespace command
}  // namespace v1
}  // namespace cchc
