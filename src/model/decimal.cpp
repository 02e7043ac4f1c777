#include "cchc/model/decimal.hpp"

#include <cstdint>
#include <string>

#include "model/exact.hpp"
#include "model/number_text.hpp"

namespace cchc {
inline namespace v1 {

std::optional<Decimal> Decimal::parse(std::string_view text, bool decimal_comma) noexcept {
  const detail::ParsedNumber n = detail::parse_number(text, decimal_comma, false);
  if (!n.ok()) return std::nullopt;
  return n.value;
}

int Decimal::fractional_digits() const noexcept {
  std::int64_t f = raw_ % scale;
  if (f == 0) return 0;
  int digits_needed = digits;
  while (f % 10 == 0) { f /= 10; --digits_needed; }
  return digits_needed;
}

Decimal Decimal::rounded(int places, RoundingMode mode) const noexcept {
  if (places >= digits) return *this;
  if (places < 0) places = 0;
  return detail::round_quotient(raw_, 1, places, mode);
}

namespace detail {
void append_decimal(std::string& out, Decimal value, int places, char point, RoundingMode mode) {
  static constexpr std::int64_t powers[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
  Decimal v = value;
  // Rounding is needed only when digits beyond `places` are not zero.
  if (places >= 0 && places < Decimal::digits && value.raw() % powers[Decimal::digits - places] != 0)
    v = value.rounded(places, mode);
  const int shown = places < 0 ? v.fractional_digits() : (places > Decimal::digits ? Decimal::digits : places);
  // Written backwards into a buffer, then appended at once: this runs for every number of
  // every report. Unsigned, so that the most negative value negates safely.
  const bool negative = v.raw() < 0;
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(v.raw()) : static_cast<std::uint64_t>(v.raw());
  char buffer[32];
  char* const end = buffer + sizeof buffer;
  char* p = end;
  std::uint64_t fraction = magnitude % static_cast<std::uint64_t>(Decimal::scale);
  std::uint64_t whole = magnitude / static_cast<std::uint64_t>(Decimal::scale);
  if (shown > 0) {
    fraction /= static_cast<std::uint64_t>(powers[Decimal::digits - shown]);
    for (int i = 0; i < shown; ++i) {
      *--p = static_cast<char>('0' + fraction % 10);
      fraction /= 10;
    }
    *--p = point;
  }
  do {
    *--p = static_cast<char>('0' + whole % 10);
    whole /= 10;
  } while (whole != 0);
  if (negative) *--p = '-';
  out.append(p, static_cast<std::size_t>(end - p));
  if (places > Decimal::digits) out.append(static_cast<std::size_t>(places - Decimal::digits), '0');
}
}  // namespace detail

std::string Decimal::to_string(int places, char point) const {
  std::string out;
  detail::append_decimal(out, *this, places, point);
  return out;
}

std::string Decimal::to_string(int places, char point, RoundingMode mode) const {
  std::string out;
  detail::append_decimal(out, *this, places, point, mode);
  return out;
}

}  // namespace v1
}  // namespace cchc
