// The weighted mean of children's shares, max × Σ wᵢ·(pᵢ/mᵢ) / Σ wᵢ, computed exactly.
#ifndef CCHC_SRC_SCORING_WEIGHTED_MEAN_HPP
#define CCHC_SRC_SCORING_WEIGHTED_MEAN_HPP

#include <memory>

#include "cchc/model/decimal.hpp"
#include "model/exact.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

struct WideFraction;  // GMP's mpq_class, kept out of this header

/// Accumulates Σ wᵢ·pᵢ/mᵢ as one exact fraction N/D (D a multiple of the lcm of the mᵢ),
/// then rounds max × N / (D × Σw) once. 128 bits hold it for ordinary sets (a few children,
/// or maxima sharing factors); when an intermediate would not fit (many distinct maxima:
/// ten fields of maxima 10.07, 10.09, … have an lcm near 10^70), the sum moves to an
/// arbitrary-precision rational, so the result is exact for every input the format admits.
class WeightedMean {
 public:
  WeightedMean() noexcept;
  ~WeightedMean();
  WeightedMean(const WeightedMean&) = delete;
  WeightedMean& operator=(const WeightedMean&) = delete;

  void add(Decimal weight, Decimal points, Decimal max);
  bool empty() const noexcept { return weights_ == 0; }
  /// max × N / (D × Σw), rounded to the set's places with its mode.
  Decimal result(Decimal node_max, Rounding rounding) const;

 private:
  int128 num_ = 0, den_ = 1, weights_ = 0;
  std::unique_ptr<WideFraction> wide_;  // set once 128 bits no longer hold the sum
};

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
