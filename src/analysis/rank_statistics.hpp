// Ranking one replication of a group, and the rank statistics kept over all replications:
// a histogram of ranks per unit (memory bounded by the ranks a unit reaches, never by the
// number of runs), from which the mean and R's type 7 quantiles are exact.
#ifndef CCHC_SRC_ANALYSIS_RANK_STATISTICS_HPP
#define CCHC_SRC_ANALYSIS_RANK_STATISTICS_HPP

#include <Eigen/Dense>
#include <cstdint>
#include <vector>

namespace cchc {
inline namespace v1 {
namespace detail {

/// Counts of the ranks a unit took; grows to the range of ranks seen. Counts are integers,
/// so merging the histograms of threads gives the same result in any order.
class RankHistogram {
 public:
  void add(int rank) {
    const auto at = static_cast<std::size_t>(rank - first_);
    if (rank >= first_ && at < counts_.size()) {  // the common case: a rank seen before
      ++counts_[at];
      ++total_;
    } else {
      grow_and_add(rank);
    }
  }
  void merge(const RankHistogram& other);
  std::uint64_t total() const noexcept { return total_; }
  /// The k-th smallest rank seen (1-based k <= total()).
  int order_statistic(std::uint64_t k) const noexcept;
  /// R's type 7 quantile of the ranks seen: h = (n − 1)·p + 1, then (1 − (h − ⌊h⌋))·x₍⌊h⌋₎ +
  /// (h − ⌊h⌋)·x₍⌈h⌉₎, as R's quantile(type = 7) computes it.
  double quantile7(double p) const noexcept;

 private:
  void grow_and_add(int rank);
  int first_ = 0;  // the rank counts_[0] counts
  std::vector<std::uint64_t> counts_;
  std::uint64_t total_ = 0;
};

/// Competition ranks of one replication, for the rows [begin, end) of one group.
/// Rows are ordered by index, higher first; indices equal within `tie_tolerance`
/// (robustness_model.hpp) are then ordered by the tie-break columns' points; rows equal on
/// the index and on every tie-break column (within the tolerance) share a rank (1, 2, 2, 4).
/// `order` is scratch; ranks are written to rank_out[row].
void rank_rows(const Eigen::VectorXd& index, const Eigen::MatrixXd& points, const std::vector<std::uint32_t>& tie_break_cols,
               std::size_t begin, std::size_t end, std::vector<std::uint32_t>& order, std::vector<int>& rank_out);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
