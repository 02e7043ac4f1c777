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
  // With `decimal_comma` (a ';' file): 1 to 3 digits (not led by 0), a '.', exactly three
  // digits ("1.000", "12.500"): one, or one thousand with '.' grouping the digits?
  ambiguous_grouping,
};

struct ParsedNumber {
  Decimal value;         // for a percentage, the value divided by 100 (97,5% -> 0.975)
  bool percent = false;
  bool negative = false;  // a '-' was written, even before a zero ("-0", "-0.0", "-0%")
  NumberError error = NumberError::none;
  bool ok() const noexcept { return error == NumberError::none; }
};

/// Parses a trimmed or untrimmed number. `decimal_comma` accepts ',' as well as '.' as the
/// decimal point; `allow_percent` accepts a trailing '%'.
ParsedNumber parse_number(std::string_view text, bool decimal_comma, bool allow_percent) noexcept;

/// "expected a number" phrased for the error: what was wrong with the text. Worded for
/// the criteria file (YAML): a leading zero is explained by YAML 1.1's octal.
std::string describe(NumberError error);

/// What is wrong with `text`, a number refused by parse_number, worded for a table of
/// evidence: "a number without leading zeros (write 0), found '00'", or for an ambiguous
/// grouping "'1.000' is ambiguous … write 1 or 1,000 for one, 1000 for one thousand".
/// The text is quoted with quote_value.
std::string number_problem(const ParsedNumber& parsed, std::string_view text);

/// A stable diagnostic code for a refused number ("number-leading-zero", …).
const char* number_code(NumberError error) noexcept;

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
