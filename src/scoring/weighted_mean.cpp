#include "scoring/weighted_mean.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

namespace {
constexpr std::int64_t fixed_scale = 1000000000000LL;  // 10^12

bool checked_mul(int128 a, int128 b, int128& out) noexcept { return !__builtin_mul_overflow(a, b, &out); }
bool checked_add(int128 a, int128 b, int128& out) noexcept { return !__builtin_add_overflow(a, b, &out); }
}  // namespace

void WeightedMean::add(Decimal weight, Decimal points, Decimal max) noexcept {
  weights_ += weight.raw();
  const int128 w = weight.raw(), p = points.raw(), m = max.raw();
  if (!fixed_) {
    // N/D + w·p/m  ->  (N·(L/D) + w·p·(L/m)) / L  with L = lcm(D, m)
    const int128 g = gcd128(den_, m);
    int128 lcm = 0, left = 0, right = 0, sum = 0;
    if (checked_mul(den_ / g, m, lcm) && checked_mul(num_, lcm / den_, left) && checked_mul(w * p, lcm / m, right) && checked_add(left, right, sum)) {
      const int128 r = gcd128(sum, lcm);
      num_ = r > 1 ? sum / r : sum;
      den_ = r > 1 ? lcm / r : lcm;
      return;
    }
    // Switch to fixed point: num_ / den_ in units of 10^-12.
    num_ = num_ * fixed_scale / den_;
    den_ = fixed_scale;
    fixed_ = true;
  }
  num_ += w * p * fixed_scale / m;
}

Decimal WeightedMean::result(Decimal node_max, Rounding rounding) const noexcept {
  if (weights_ == 0) return Decimal();
  int128 top = 0, bottom = 0;
  if (checked_mul(num_, node_max.raw(), top) && checked_mul(den_, weights_, bottom)) return round_quotient(top, bottom, rounding);
  // Reduce before multiplying when the exact product does not fit.
  const int128 g1 = gcd128(num_, weights_), g2 = gcd128(node_max.raw(), den_);
  const int128 n = num_ / g1, w = weights_ / g1, m = node_max.raw() / g2, d = den_ / g2;
  if (checked_mul(n, m, top) && checked_mul(d, w, bottom)) return round_quotient(top, bottom, rounding);
  // Last resort, never reached by real sets: n/d × m to the nearest millionth of a point,
  // then divided by w. The error (below 10^-6 / w) is below every set's places but 6.
  if (d == 0 || w == 0) return Decimal();
  const int128 whole = n / d, rest = n % d;
  int128 rest_times_m = 0;
  if (!checked_mul(rest, m, rest_times_m)) rest_times_m = rest / d * m;  // cannot overflow after the division
  else rest_times_m /= d;
  return round_quotient(whole * m + rest_times_m, w, rounding);
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
