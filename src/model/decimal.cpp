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

std::string Decimal::to_string(int places, char point) const {
  Decimal v = *this;
  if (places >= 0 && places < digits) v = rounded(places, RoundingMode::half_up);
  const int shown = places < 0 ? v.fractional_digits() : (places > digits ? digits : places);
  std::int64_t raw = v.raw_;
  std::string out;
  if (raw < 0) { out.push_back('-'); raw = -raw; }
  out += std::to_string(raw / scale);
  if (shown > 0) {
    std::string frac = std::to_string(raw % scale);
    frac.insert(0, static_cast<std::size_t>(digits) - frac.size(), '0');
    out.push_back(point);
    out.append(frac, 0, static_cast<std::size_t>(shown));
  }
  if (places > digits) out.append(static_cast<std::size_t>(places - digits), '0');
  return out;
}

}  // namespace v1
}  // namespace cchc
