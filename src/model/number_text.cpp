#include "model/number_text.hpp"

#include <cctype>

#include "i18n/format.hpp"
#include "model/exact.hpp"
#include "model/unicode.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

using fmt::literals::operator""_a;  // NOLINT(misc-unused-using-decls): clang-tidy 14 misses uses in "name"_a

namespace {
bool equals_ignore_case(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
}  // namespace

ParsedNumber parse_number(std::string_view text, bool decimal_comma, bool allow_percent) noexcept {
  ParsedNumber out;
  std::string_view s = trim(text);
  if (s.empty()) { out.error = NumberError::empty; return out; }
  if (!s.empty() && s.back() == '%') {
    if (!allow_percent) { out.error = NumberError::percent_not_allowed; return out; }
    out.percent = true;
    s = trim(s.substr(0, s.size() - 1));
  }
  bool negative = false;
  if (!s.empty() && s.front() == '-') { negative = true; s.remove_prefix(1); }
  out.negative = negative;
  if (!s.empty() && !is_digit(s.front())) {  // words are rare: look for them only when no digit comes first
    std::string_view bare = s;
    if (!bare.empty() && (bare.front() == '.' || bare.front() == '+')) bare.remove_prefix(1);
    if (equals_ignore_case(bare, "nan") || equals_ignore_case(bare, "inf") || equals_ignore_case(bare, "infinity")) {
      out.error = NumberError::nan_or_infinity;
      return out;
    }
  }
  if (s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X' || s[1] == 'o' || s[1] == 'b')) {
    out.error = NumberError::hexadecimal;
    return out;
  }
  std::size_t i = 0;
  std::int64_t whole = 0;
  std::size_t int_digits = 0;
  while (i < s.size() && is_digit(s[i])) {
    if (whole >= 1000000000000LL) { out.error = NumberError::too_large; return out; }
    whole = whole * 10 + (s[i] - '0');
    ++i;
    ++int_digits;
  }
  if (int_digits == 0) { out.error = NumberError::not_a_number; return out; }
  if (int_digits > 1 && s[0] == '0') { out.error = NumberError::leading_zero; return out; }
  std::int64_t frac = 0;
  int frac_digits = 0;
  char point = 0;
  std::size_t frac_written = 0;
  if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
    if (s[i] == ',' && !decimal_comma) { out.error = NumberError::decimal_comma_not_allowed; return out; }
    point = s[i];
    ++i;
    std::size_t start = i;
    while (i < s.size() && is_digit(s[i])) {
      if (frac_digits < Decimal::digits) {
        frac = frac * 10 + (s[i] - '0');
        ++frac_digits;
      } else if (s[i] != '0') {
        out.error = NumberError::too_precise;
        return out;
      }
      ++i;
    }
    if (i == start) { out.error = NumberError::not_a_number; return out; }
    frac_written = i - start;
  }
  if (i != s.size()) { out.error = NumberError::not_a_number; return out; }
  // "1.000" in a ';' file: one, or one thousand? Not when the whole part is 0 ("0.975" is a
  // rate) or has more than three digits (no thousands grouping reads "1234.567").
  if (decimal_comma && point == '.' && frac_written == 3 && int_digits <= 3 && s[0] != '0') {
    out.error = NumberError::ambiguous_grouping;
    return out;
  }
  if (whole >= 1000000000000LL) { out.error = NumberError::too_large; return out; }
  std::int64_t raw = whole * Decimal::scale + frac * pow10(Decimal::digits - frac_digits);
  if (out.percent) {
    if (raw % 100 != 0) { out.error = NumberError::too_precise; return out; }
    raw /= 100;
  }
  out.value = Decimal::from_raw(negative ? -raw : raw);
  return out;
}

std::string describe(NumberError error) {
  switch (error) {
    case NumberError::none: return tr("a number");
    case NumberError::empty: return tr("a number, found nothing");
    case NumberError::not_a_number: return tr("a number (digits with an optional decimal point)");
    case NumberError::nan_or_infinity: return tr("a finite number, not NaN or infinity");
    case NumberError::hexadecimal: return tr("a decimal number, not hexadecimal, octal or binary");
    case NumberError::leading_zero: return tr("a decimal number without leading zeros (YAML 1.1 reads 010 as octal 8)");
    case NumberError::too_precise: return tr("a number with at most 6 decimal places");
    case NumberError::too_large: return tr("a number below 10^12");
    case NumberError::decimal_comma_not_allowed:
      return tr("a number with a decimal point '.' (a decimal comma is accepted only in ';'-separated files)");
    case NumberError::percent_not_allowed: return tr("a number without '%'");
    case NumberError::ambiguous_grouping:
      return tr("a number without '.' before exactly three digits (in a ';'-separated file '.' may group thousands)");
  }
  return tr("a number");
}

std::string number_problem(const ParsedNumber& parsed, std::string_view text) {
  const std::string_view t = trim(text);
  if (parsed.error == NumberError::leading_zero) {
    // Not the YAML octal hint: a table has no octal. Say what to write instead.
    const std::size_t sign = !t.empty() && t[0] == '-' ? 1 : 0;
    std::size_t first = sign;
    while (first + 1 < t.size() && t[first] == '0' && is_digit(t[first + 1])) ++first;
    return trf("a number without leading zeros (write {fixed}), found {found}",
               "fixed"_a = escape_invisible(std::string(t.substr(0, sign)) + std::string(t.substr(first))), "found"_a = quote_value(t));
  }
  if (parsed.error == NumberError::ambiguous_grouping) {
    // t is [-]D{1,3}.DDD[ ][%]: the whole part, the three digits, and what follows them.
    const std::size_t sign = !t.empty() && t[0] == '-' ? 1 : 0;
    const std::size_t dot = t.find('.');
    const std::string whole(t.substr(sign, dot - sign));
    const std::string three(t.substr(dot + 1, 3));
    const std::string rest(t.substr(dot + 4));
    const std::string lead(t.substr(0, sign));
    std::string short_three = three;
    while (!short_three.empty() && short_three.back() == '0') short_three.pop_back();
    const std::string as_decimal = lead + whole + (short_three.empty() ? "" : "," + short_three) + rest;
    const std::string as_decimal_full = lead + whole + "," + three + rest;
    const std::string as_thousands = lead + whole + three + rest;
    const std::string value = quote_value(t);
    if (as_decimal != as_decimal_full)
      return trf("{value} is ambiguous in a ';'-separated file: write {decimal} or {decimal_full} if '.' is the decimal point, "
                 "{thousands} if it groups thousands",
                 "value"_a = value, "decimal"_a = as_decimal, "decimal_full"_a = as_decimal_full, "thousands"_a = as_thousands);
    return trf("{value} is ambiguous in a ';'-separated file: write {decimal} if '.' is the decimal point, {thousands} if it groups thousands",
               "value"_a = value, "decimal"_a = as_decimal, "thousands"_a = as_thousands);
  }
  return trf("{expected}, found {found}", "expected"_a = describe(parsed.error), "found"_a = quote_value(t));
}

const char* number_code(NumberError error) noexcept {
  switch (error) {
    case NumberError::none: return "";
    case NumberError::empty: return "value-empty";
    case NumberError::not_a_number: return "number-invalid";
    case NumberError::nan_or_infinity: return "number-not-finite";
    case NumberError::hexadecimal: return "number-not-decimal";
    case NumberError::leading_zero: return "number-leading-zero";
    case NumberError::too_precise: return "number-too-precise";
    case NumberError::too_large: return "number-too-large";
    case NumberError::decimal_comma_not_allowed: return "number-decimal-comma";
    case NumberError::percent_not_allowed: return "number-percent-not-allowed";
    case NumberError::ambiguous_grouping: return "number-ambiguous-grouping";
  }
  return "number-invalid";
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
