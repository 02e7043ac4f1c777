#include "cchc/model/decimal.hpp"

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
void append_decimal(std::string& out, Decimal value, int places, char point) {
  Decimal v = value;
  if (places >= 0 && places < Decimal::digits) v = value.rounded(places, RoundingMode::half_up);
  const int shown = places < 0 ? v.fractional_digits() : (places > Decimal::digits ? Decimal::digits : places);
  std::int64_t raw = v.raw();
  if (raw < 0) {
    out.push_back('-');
    raw = -raw;
  }
  char digits[24];
  int n = 0;
  std::int64_t whole = raw / Decimal::scale;
  do {
    digits[n++] = static_cast<char>('0' + whole % 10);
    whole /= 10;
  } while (whole != 0);
  while (n > 0) out.push_back(digits[--n]);
  if (shown > 0) {
    out.push_back(point);
    std::int64_t frac = raw % Decimal::scale;
    char f[Decimal::digits];
    for (int i = Decimal::digits - 1; i >= 0; --i) {
      f[i] = static_cast<char>('0' + frac % 10);
      frac /= 10;
    }
    out.append(f, static_cast<std::size_t>(shown));
  }
  if (places > Decimal::digits) out.append(static_cast<std::size_t>(places - Decimal::digits), '0');
}
}  // namespace detail

std::string Decimal::to_string(int places, char point) const {
  std::string out;
  detail::append_decimal(out, *this, places, point);
  return out;
}

}  // namespace v1
}  // namespace cchc
