// Exact arithmetic helpers: 128-bit intermediates and rounding of exact quotients.
#ifndef CCHC_SRC_MODEL_EXACT_HPP
#define CCHC_SRC_MODEL_EXACT_HPP

#include <cstdint>
#include <string>

#include "cchc/model/decimal.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

// GCC and Clang both provide it; the public headers never mention it.
__extension__ using int128 = __int128;

constexpr std::int64_t pow10(int n) noexcept {
  std::int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

/// Rounds the exact quotient num/den, measured in millionths, to `places` decimals.
/// This is the single place where scores are rounded. A zero denominator (which validated
/// input never produces) gives 0 rather than a crash.
inline Decimal round_quotient(int128 num, int128 den, int places, RoundingMode mode) noexcept {
  if (den == 0) return Decimal();
  if (den < 0) { num = -num; den = -den; }
  // Most quotients fit in 64 bits, where division is several times cheaper.
  constexpr int128 limit = static_cast<int128>(1) << 62;
  const std::int64_t unit64 = pow10(Decimal::digits - places);
  if (num < limit && num > -limit && den < limit / unit64) {
    const bool neg = num < 0;
    const auto n = static_cast<std::int64_t>(neg ? -num : num);
    const std::int64_t u = unit64 * static_cast<std::int64_t>(den);
    std::int64_t q = n / u;
    const std::int64_t twice = 2 * (n % u);
    if (twice > u || (twice == u && (mode == RoundingMode::half_up || (q % 2) != 0))) ++q;
    return Decimal::from_raw(neg ? -q * unit64 : q * unit64);
  }
  const bool negative = num < 0;
  if (negative) num = -num;
  const int128 unit = static_cast<int128>(pow10(Decimal::digits - places)) * den;
  int128 q = num / unit;
  const int128 r = num % unit;
  const int128 twice = 2 * r;
  if (twice > unit || (twice == unit && (mode == RoundingMode::half_up || (q % 2) != 0))) ++q;
  const int128 raw = q * pow10(Decimal::digits - places);
  return Decimal::from_raw(static_cast<std::int64_t>(negative ? -raw : raw));
}

inline Decimal round_quotient(int128 num, int128 den, Rounding r) noexcept {
  return round_quotient(num, den, r.places, r.mode);
}

/// `value` rounded to the set's places; values already on that grid (almost all) are
/// returned without dividing.
inline Decimal on_grid(Decimal value, Rounding r) noexcept {
  if (r.places >= Decimal::digits || value.raw() % pow10(Decimal::digits - r.places) == 0) return value;
  return round_quotient(value.raw(), 1, r);
}

inline int128 gcd128(int128 a, int128 b) noexcept {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) { const int128 t = a % b; a = b; b = t; }
  return a;
}

/// Compares a/b with c/d for positive denominators: <0, 0, >0.
inline int compare_fractions(int128 a, int128 b, int128 c, int128 d) noexcept {
  const int128 l = a * d, r = c * b;
  return l < r ? -1 : (l > r ? 1 : 0);
}

/// Appends `value` as Decimal::to_string would, without allocating a string per number.
/// Digits beyond `places` are rounded with `mode`.
void append_decimal(std::string& out, Decimal value, int places, char point = '.',
                    RoundingMode mode = RoundingMode::half_up);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
