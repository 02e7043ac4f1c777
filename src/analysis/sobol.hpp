// Sobol' indices with percentile bootstrap intervals, from model outputs on A, B, A_B(i).
#ifndef CCHC_SRC_ANALYSIS_SOBOL_HPP
#define CCHC_SRC_ANALYSIS_SOBOL_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "cchc/analysis/robustness.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

SobolIndex sobol_index(std::string source, const std::vector<double>& f_a, const std::vector<double>& f_b,
                       const std::vector<double>& f_ab, std::uint64_t seed, std::size_t resamples);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
