// Reading numbers as clerks write them ("97,5%", "0.98", "12"), strictly and exactly.
#ifndef CCHC_SRC_MODEL_NUMBER_TEXT_HPP
#define CCHC_SRC_MODEL_NUMBER_TEXT_HPP

#include <string>
#include <string_view>

#include "cchc/model/decimal.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

enum class NumberError {
  none, empty, not_a_number, nan_or_infinity, hexadecimal, leading_zero, too_precise, too_large,
  decimal_comma_not_allowed, percent_not_allowed,
};

struct ParsedNumber {
  Decimal value;         // for a percentage, the value divided by 100 (97,5% -> 0.975)
  bool percent = false;
  NumberError error = NumberError::none;
  bool ok() const noexcept { return error == NumberError::none; }
};

/// Parses a trimmed or untrimmed number. `decimal_comma` accepts ',' as well as '.' as the
/// decimal point; `allow_percent` accepts a trailing '%'.
ParsedNumber parse_number(std::string_view text, bool decimal_comma, bool allow_percent) noexcept;

/// "expected a number" phrased for the error: what was wrong with the text.
std::string describe(NumberError error);

/// Without surrounding spaces and tabs (inline: it runs several times per evidence row).
inline std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
