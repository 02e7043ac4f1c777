// The criteria tree as matrices, for scoring many replications of a ranking at once with
// Eigen: rows are the ranked units, columns the nodes in breadth-first order (so that the
// children of every node are adjacent columns). Doubles: a sampling analysis only.
#ifndef CCHC_SRC_ANALYSIS_ROBUSTNESS_MODEL_HPP
#define CCHC_SRC_ANALYSIS_ROBUSTNESS_MODEL_HPP

#include <Eigen/Dense>
#include <algorithm>
#include <cstdint>
#include <vector>

#include "cchc/ranking/ranking.hpp"
#include "cchc/scoring/scorecard.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

// Two doubles closer than this (relative to the larger, at least 1) count as equal: a
// replication without noise reproduces the official ties. Exactly equal official indices
// differ in doubles by a few ulps (~1e-14 after summing 150 terms), while distinct official
// indices differ by far more than 1e-10 (totals and maxima are on the set's grid of at most
// 6 decimals below 10^12: two different fractions of such numbers differ by at least
// 10^-24 in theory, but for sets of a few hundred points with two decimals by more than
// 1e-8 relative).
inline constexpr double tie_tolerance = 1e-10;
inline bool nearly_equal(double a, double b) noexcept {
  const double scale = std::max({1.0, a < 0 ? -a : a, b < 0 ? -b : b});
  const double d = a - b;
  return (d < 0 ? -d : d) <= tie_tolerance * scale;
}

struct ModelParent {
  std::uint32_t col = 0;    // the interior node's column
  std::uint32_t first = 0;  // its children: columns [first, first + count)
  std::uint32_t count = 0;
  bool weighted_mean = false;
  // Every unit has every child applicable (the usual case): the denominator Σ λᵢ·cᵢ is the
  // same for every row, one number per run instead of a matrix-vector product.
  bool uniform = false;
  double max = 0;           // its declared max (a weighted mean is rounded on max's grid)
};

// A node whose points the evidence gave whole: its points stay fixed.
struct GivenNode {
  std::uint32_t row = 0, col = 0;
  double points = 0;
};

struct RobustnessModel {
  std::size_t rows = 0, cols = 0;
  std::vector<NodeIndex> node_at;        // column -> node index
  std::vector<std::uint32_t> col_of;     // node index -> column
  std::vector<ModelParent> parents;      // interior nodes, deepest first (root last)
  std::vector<GivenNode> given;          // sorted by column
  std::vector<std::size_t> unit_of_row;  // row -> index into Evaluation::units()
  std::vector<std::size_t> card_of_row;  // row -> index into the scorecards
  // coef(r, c): node c's share of its parent's mean at nominal weight for the unit of row r:
  // its applicable max under `sum`, its declared weight under `weighted_mean` (0 when the
  // node is not applicable for that unit, so that it leaves the denominator, as officially).
  Eigen::MatrixXd coef;
  // unit_coef(r, c) = coef / applicable max under `weighted_mean` (0 when not applicable): a
  // child's points times it is its weighted share. Under `sum` the share is the points.
  Eigen::MatrixXd unit_coef;
  // points0(r, c): the official points of the leaves (and of nodes given whole); the
  // replications start from these.
  Eigen::MatrixXd points0;
  Eigen::MatrixXd max;                   // applicable max per row and column
  Eigen::VectorXd root_max;              // per row: the applicable max of the tree
  std::vector<double> nominal_weight;    // per column: max under sum, weight under weighted_mean
  Eigen::VectorXd adjustments;           // per row: bonus − penalty
  std::vector<std::uint32_t> tie_break_cols;
  int places = 2;
  RoundingMode mode = RoundingMode::half_up;
  bool rank_on_rounded = false;
};

RobustnessModel make_robustness_model(const Evaluation& evaluation, const std::vector<Scorecard>& cards,
                                      const Ranking& ranking);

/// One replication's working matrices (one per thread).
struct RunScratch {
  Eigen::MatrixXd points;    // points per row and column (leaves as perturbed, interior as computed)
  Eigen::VectorXd num, den, fraction;
  Eigen::VectorXd index;     // per row: the index (0..100) of the replication
};

/// Scores one replication: `lambda` (per column) multiplies each node's nominal weight;
/// `scratch.points` must hold the leaves' points of the run. Fills every interior column
/// of `scratch.points` and `scratch.index`.
void score_run(const RobustnessModel& model, const Eigen::VectorXd& lambda, RunScratch& scratch);

/// `x` rounded to `places` decimals with the set's mode, in doubles (a tie is detected with
/// the tolerance above, so that an exact half computed with an ulp of error still rounds as
/// the exact path does).
double round_places(double x, int places, RoundingMode mode) noexcept;

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
