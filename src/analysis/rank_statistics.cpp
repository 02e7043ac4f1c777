// Rank histograms, type 7 quantiles, and the ranking of one replication.
#include "analysis/rank_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "analysis/robustness_model.hpp"
#include "cchc/analysis/robustness.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

void RankHistogram::grow_and_add(int rank) {
  if (counts_.empty()) {
    first_ = rank;
    counts_.assign(1, 0);
  } else if (rank < first_) {
    counts_.insert(counts_.begin(), static_cast<std::size_t>(first_ - rank), 0);
    first_ = rank;
  } else if (rank - first_ >= static_cast<int>(counts_.size())) {
    counts_.resize(static_cast<std::size_t>(rank - first_) + 1, 0);
  }
  ++counts_[static_cast<std::size_t>(rank - first_)];
  ++total_;
}

void RankHistogram::merge(const RankHistogram& other) {
  for (std::size_t i = 0; i < other.counts_.size(); ++i) {
    if (other.counts_[i] == 0) continue;
    const int rank = other.first_ + static_cast<int>(i);
    add(rank);  // makes room, counts one
    counts_[static_cast<std::size_t>(rank - first_)] += other.counts_[i] - 1;
    total_ += other.counts_[i] - 1;
  }
}

int RankHistogram::order_statistic(std::uint64_t k) const noexcept {
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= k) return first_ + static_cast<int>(i);
  }
  return first_ + static_cast<int>(counts_.size()) - 1;
}

double RankHistogram::quantile7(double p) const noexcept {
  if (total_ == 0) return 0;
  const double h = static_cast<double>(total_ - 1) * p + 1;
  const double lo = std::floor(h);
  const double hi = std::ceil(h);
  const double x_lo = order_statistic(static_cast<std::uint64_t>(lo));
  const double x_hi = order_statistic(static_cast<std::uint64_t>(hi));
  const double f = h - lo;
  return f == 0 ? x_lo : (1 - f) * x_lo + f * x_hi;
}

void rank_rows(const Eigen::VectorXd& index, const Eigen::MatrixXd& points, const std::vector<std::uint32_t>& tie_break_cols,
               std::size_t begin, std::size_t end, std::vector<std::uint32_t>& order, std::vector<int>& rank_out) {
  order.resize(end - begin);
  std::iota(order.begin(), order.end(), static_cast<std::uint32_t>(begin));
  const auto at = [&](std::uint32_t row) { return index(static_cast<Eigen::Index>(row)); };
  // A strict order on the doubles (the row breaks exact equality, for determinism) ...
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return at(a) != at(b) ? at(a) > at(b) : a < b; });
  const auto tie_point = [&](std::uint32_t row, std::uint32_t col) {
    return points(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(col));
  };
  // ... then each run of indices equal within the tolerance is ordered by the tie-break.
  if (!tie_break_cols.empty()) {
    for (std::size_t s = 0; s < order.size();) {
      std::size_t e = s + 1;
      while (e < order.size() && nearly_equal(at(order[e - 1]), at(order[e]))) ++e;
      if (e - s > 1)
        std::stable_sort(order.begin() + static_cast<std::ptrdiff_t>(s), order.begin() + static_cast<std::ptrdiff_t>(e),
                         [&](std::uint32_t a, std::uint32_t b) {
                           for (std::uint32_t c : tie_break_cols)
                             if (!nearly_equal(tie_point(a, c), tie_point(b, c))) return tie_point(a, c) > tie_point(b, c);
                           return false;
                         });
      s = e;
    }
  }
  for (std::size_t k = 0; k < order.size(); ++k) {
    bool shared = k > 0 && nearly_equal(at(order[k - 1]), at(order[k]));
    for (std::size_t c = 0; shared && c < tie_break_cols.size(); ++c)
      shared = nearly_equal(tie_point(order[k - 1], tie_break_cols[c]), tie_point(order[k], tie_break_cols[c]));
    rank_out[order[k]] = shared ? rank_out[order[k - 1]] : static_cast<int>(k + 1);
  }
}

}  // namespace detail

double quantile_type7(const std::vector<double>& sorted, double p) noexcept {
  if (sorted.empty()) return 0;
  const double h = static_cast<double>(sorted.size() - 1) * p + 1;
  const double lo = std::floor(h), hi = std::ceil(h);
  const double x_lo = sorted[static_cast<std::size_t>(lo) - 1], x_hi = sorted[static_cast<std::size_t>(hi) - 1];
  const double f = h - lo;
  return f == 0 ? x_lo : (1 - f) * x_lo + f * x_hi;
}

}  // namespace v1
}  // namespace cchc
