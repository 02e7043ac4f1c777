// Sobol' sensitivity estimators (Saltelli et al. 2010, Table 2: first order (b); Jansen 1999:
// total order (f)) and their bootstrap intervals.
#include "analysis/sobol.hpp"

#include <algorithm>
#include <random>

#include "cchc/analysis/robustness.hpp"

namespace cchc {
inline namespace v1 {

namespace {

// Over the samples listed in `pick` (a bootstrap resample) or all of them.
struct Sums {
  double first = 0, total = 0, variance = 0;
};

Sums sums(const std::vector<double>& a, const std::vector<double>& b, const std::vector<double>& ab, const std::vector<std::size_t>* pick) {
  const std::size_t n = pick != nullptr ? pick->size() : a.size();
  if (n == 0) return {};
  double mean = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t j = pick != nullptr ? (*pick)[k] : k;
    mean += a[j] + b[j];
  }
  mean /= static_cast<double>(2 * n);
  Sums s;
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t j = pick != nullptr ? (*pick)[k] : k;
    s.variance += (a[j] - mean) * (a[j] - mean) + (b[j] - mean) * (b[j] - mean);
    s.first += b[j] * (ab[j] - a[j]);
    s.total += (a[j] - ab[j]) * (a[j] - ab[j]);
  }
  s.variance /= static_cast<double>(2 * n - 1 > 0 ? 2 * n - 1 : 1);
  s.first /= static_cast<double>(n);
  s.total /= static_cast<double>(2 * n);
  return s;
}

}  // namespace

double sobol_first_order(const std::vector<double>& f_a, const std::vector<double>& f_b, const std::vector<double>& f_ab) noexcept {
  const Sums s = sums(f_a, f_b, f_ab, nullptr);
  return s.variance > 0 ? s.first / s.variance : 0.0;
}

double sobol_total_order(const std::vector<double>& f_a, const std::vector<double>& f_b, const std::vector<double>& f_ab) noexcept {
  const Sums s = sums(f_a, f_b, f_ab, nullptr);
  return s.variance > 0 ? s.total / s.variance : 0.0;
}

namespace detail {

SobolIndex sobol_index(std::string source, const std::vector<double>& f_a, const std::vector<double>& f_b,
                       const std::vector<double>& f_ab, std::uint64_t seed, std::size_t resamples) {
  SobolIndex out;
  out.source = std::move(source);
  out.first = sobol_first_order(f_a, f_b, f_ab);
  out.total = sobol_total_order(f_a, f_b, f_ab);
  // Percentile bootstrap over the base samples (the same resamples for both indices).
  std::mt19937_64 gen(seed);
  const std::size_t n = f_a.size();
  std::vector<double> firsts, totals;
  std::vector<std::size_t> pick(n);
  for (std::size_t r = 0; r < resamples && n > 0; ++r) {
    for (std::size_t& j : pick) j = static_cast<std::size_t>(gen() % n);
    const Sums s = sums(f_a, f_b, f_ab, &pick);
    firsts.push_back(s.variance > 0 ? s.first / s.variance : 0.0);
    totals.push_back(s.variance > 0 ? s.total / s.variance : 0.0);
  }
  std::sort(firsts.begin(), firsts.end());
  std::sort(totals.begin(), totals.end());
  out.first_low = quantile_type7(firsts, 0.025);
  out.first_high = quantile_type7(firsts, 0.975);
  out.total_low = quantile_type7(totals, 0.025);
  out.total_high = quantile_type7(totals, 0.975);
  return out;
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
