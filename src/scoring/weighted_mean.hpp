// The weighted mean of children's shares, max × Σ wᵢ·(pᵢ/mᵢ) / Σ wᵢ, computed exactly.
#ifndef CCHC_SRC_SCORING_WEIGHTED_MEAN_HPP
#define CCHC_SRC_SCORING_WEIGHTED_MEAN_HPP

#include "cchc/model/decimal.hpp"
#include "model/exact.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

/// Accumulates wᵢ·pᵢ/mᵢ as one exact fraction N/D (D the lcm of the mᵢ). Should 128 bits
/// ever not hold it (many distinct, large maxima), it falls back to terms kept to 10^-12
/// of a point: far below any set's rounding places (<= 6), documented in criteria-format.md.
class WeightedMean {
 public:
  void add(Decimal weight, Decimal points, Decimal max) noexcept;
  bool empty() const noexcept { return weights_ == 0; }
  /// max × N / (D × Σw), rounded.
  Decimal result(Decimal node_max, Rounding rounding) const noexcept;

 private:
  int128 num_ = 0, den_ = 1, weights_ = 0;
  bool fixed_ = false;  // fallback: num_ in units of 10^-12, den_ == 10^12
};

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
