#include "scoring/weighted_mean.hpp"

#include <gmpxx.h>

namespace cchc {
inline namespace v1 {
namespace detail {

struct WideFraction {
  mpq_class value;
};

namespace {

bool checked_mul(int128 a, int128 b, int128& out) noexcept { return !__builtin_mul_overflow(a, b, &out); }
bool checked_add(int128 a, int128 b, int128& out) noexcept { return !__builtin_add_overflow(a, b, &out); }

// GMP has no constructor from __int128: build it from two 64-bit halves.
mpz_class to_mpz(int128 v) {
  const bool negative = v < 0;
  __extension__ using uint128 = unsigned __int128;
  const uint128 magnitude = negative ? static_cast<uint128>(-(v + 1)) + 1 : static_cast<uint128>(v);
  const auto hi = static_cast<std::uint64_t>(magnitude >> 64), lo = static_cast<std::uint64_t>(magnitude);
  mpz_class out = hi;
  out <<= 64;
  out += mpz_class(lo);
  return negative ? mpz_class(-out) : out;
}

mpq_class to_mpq(int128 num, int128 den) {
  mpq_class q(to_mpz(num), to_mpz(den));
  q.canonicalize();
  return q;
}

// q (in millionths) rounded to `places`, as a Decimal; |q| is at most the node's max.
Decimal round_wide(const mpq_class& q, int places, RoundingMode mode) {
  const mpz_class unit = mpz_class(pow10(Decimal::digits - places));
  mpz_class num = q.get_num(), den = q.get_den() * unit;
  const bool negative = sgn(num) < 0;
  if (negative) num = -num;
  mpz_class quotient, rest;
  mpz_tdiv_qr(quotient.get_mpz_t(), rest.get_mpz_t(), num.get_mpz_t(), den.get_mpz_t());
  const int half = cmp(mpz_class(2 * rest), den);
  if (half > 0 || (half == 0 && (mode == RoundingMode::half_up || mpz_odd_p(quotient.get_mpz_t()) != 0))) ++quotient;
  quotient *= unit;
  if (negative) quotient = -quotient;
  return Decimal::from_raw(quotient.get_si());
}

}  // namespace

WeightedMean::WeightedMean() noexcept = default;
WeightedMean::~WeightedMean() = default;

void WeightedMean::add(Decimal weight, Decimal points, Decimal max) {
  weights_ += weight.raw();  // at most ~10^4 children of weight < 10^18: far inside 128 bits
  const int128 w = weight.raw(), p = points.raw(), m = max.raw();
  if (!wide_) {
    // N/D + w·p/m  ->  (N·(L/D) + w·p·(L/m)) / L  with L = lcm(D, m)
    const int128 g = gcd128(den_, m);
    int128 lcm = 0, left = 0, wp = 0, right = 0, sum = 0;
    if (checked_mul(den_ / g, m, lcm) && checked_mul(num_, lcm / den_, left) && checked_mul(w, p, wp) &&
        checked_mul(wp, lcm / m, right) && checked_add(left, right, sum)) {
      const int128 r = gcd128(sum, lcm);
      num_ = r > 1 ? sum / r : sum;
      den_ = r > 1 ? lcm / r : lcm;
      return;
    }
    wide_ = std::make_unique<WideFraction>(WideFraction{to_mpq(num_, den_)});
  }
  wide_->value += mpq_class(to_mpz(w) * to_mpz(p), to_mpz(m));
  wide_->value.canonicalize();
}

Decimal WeightedMean::result(Decimal node_max, Rounding rounding) const {
  if (weights_ == 0) return Decimal();
  if (!wide_) {
    // round_quotient also needs bottom × 10^(6 - places), and twice its remainder, to fit.
    int128 top = 0, bottom = 0, scaled = 0;
    constexpr int128 room = static_cast<int128>(1) << 125;
    if (checked_mul(num_, node_max.raw(), top) && checked_mul(den_, weights_, bottom) &&
        checked_mul(bottom, pow10(Decimal::digits - rounding.places), scaled) && scaled < room)
      return round_quotient(top, bottom, rounding);
  }
  mpq_class mean = wide_ ? wide_->value : to_mpq(num_, den_);
  mean *= mpq_class(to_mpz(node_max.raw()), to_mpz(weights_));
  mean.canonicalize();
  return round_wide(mean, rounding.places, rounding.mode);
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
