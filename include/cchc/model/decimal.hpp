// Exact decimal numbers for points, maxima, rates and indices.
#ifndef CCHC_MODEL_DECIMAL_HPP
#define CCHC_MODEL_DECIMAL_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cchc/export.hpp"

namespace cchc {
inline namespace v1 {

/// How a value is rounded to a number of decimal places.
enum class RoundingMode : std::uint8_t {
  half_up,    ///< ties away from zero, as Excel's ROUND (95,385 -> 95,39)
  half_even,  ///< ties to the even neighbour (banker's rounding)
};

/// A criteria set's rounding policy: places in 0..6.
struct Rounding {
  int places = 2;
  RoundingMode mode = RoundingMode::half_up;
};

/// A fixed-point decimal with six fractional digits, stored as a 64-bit count of
/// millionths. Points are money-like: they are never binary floats on the official path.
/// Values are limited to |x| < 10^12 by the parsers; arithmetic that could overflow uses
/// 128-bit intermediates inside the library.
class Decimal {
 public:
  static constexpr int digits = 6;
  static constexpr std::int64_t scale = 1000000;

  constexpr Decimal() noexcept = default;
  /// The decimal whose value is raw / 10^6.
  static constexpr Decimal from_raw(std::int64_t raw) noexcept { return Decimal(raw); }
  static constexpr Decimal from_int(std::int64_t whole) noexcept { return Decimal(whole * scale); }

  /// Parses "12", "-3.5", "0.000001"; with `decimal_comma` also "97,5". No exponent, no
  /// hex, no leading '+', no digits beyond the sixth decimal place (they would be lost).
  CCHC_API static std::optional<Decimal> parse(std::string_view text, bool decimal_comma = false) noexcept;

  constexpr std::int64_t raw() const noexcept { return raw_; }
  constexpr bool is_integer() const noexcept { return raw_ % scale == 0; }
  /// How many fractional digits the value needs (0..6).
  CCHC_API int fractional_digits() const noexcept;

  /// Rounded to `places` (0..6) decimal places with `mode`.
  CCHC_API Decimal rounded(int places, RoundingMode mode) const noexcept;
  Decimal rounded(Rounding r) const noexcept { return rounded(r.places, r.mode); }

  /// Exactly `places` fractional digits when places >= 0 (the value is rounded half-up
  /// first if it has more); the fewest digits needed when places < 0. `point` is '.' or ','.
  CCHC_API std::string to_string(int places = -1, char point = '.') const;
  /// The same, a value with more digits than `places` rounded with `mode` (reports pass the
  /// set's mode, so that every displayed number follows it).
  CCHC_API std::string to_string(int places, char point, RoundingMode mode) const;

  /// The nearest double, for charts and sampling analyses only: never on the official path.
  double to_double() const noexcept {
    // long double holds every raw value exactly: one division, then one rounding to double.
    return static_cast<double>(static_cast<long double>(raw_) / static_cast<long double>(scale));
  }

  friend constexpr Decimal operator+(Decimal a, Decimal b) noexcept { return Decimal(a.raw_ + b.raw_); }
  friend constexpr Decimal operator-(Decimal a, Decimal b) noexcept { return Decimal(a.raw_ - b.raw_); }
  friend constexpr Decimal operator-(Decimal a) noexcept { return Decimal(-a.raw_); }
  Decimal& operator+=(Decimal b) noexcept { raw_ += b.raw_; return *this; }
  Decimal& operator-=(Decimal b) noexcept { raw_ -= b.raw_; return *this; }
  friend constexpr bool operator==(Decimal a, Decimal b) noexcept { return a.raw_ == b.raw_; }
  friend constexpr bool operator!=(Decimal a, Decimal b) noexcept { return a.raw_ != b.raw_; }
  friend constexpr bool operator<(Decimal a, Decimal b) noexcept { return a.raw_ < b.raw_; }
  friend constexpr bool operator>(Decimal a, Decimal b) noexcept { return a.raw_ > b.raw_; }
  friend constexpr bool operator<=(Decimal a, Decimal b) noexcept { return a.raw_ <= b.raw_; }
  friend constexpr bool operator>=(Decimal a, Decimal b) noexcept { return a.raw_ >= b.raw_; }

 private:
  constexpr explicit Decimal(std::int64_t raw) noexcept : raw_(raw) {}
  std::int64_t raw_ = 0;
};

}  // namespace v1
}  // namespace cchc

#endif
