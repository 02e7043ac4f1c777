// The criteria tree as matrices, and one replication scored level by level with Eigen.
#include "analysis/robustness_model.hpp"

#include <cmath>
#include <deque>

#include "cchc/model/evaluation.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

double round_places(double x, int places, RoundingMode mode) noexcept {
  static constexpr double powers[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
  const double scale = places >= 0 && places <= 6 ? powers[places] : std::pow(10.0, places);
  const double y = x * scale;
  const double below = std::floor(y);
  const double rest = y - below;
  double r;
  if (nearly_equal(rest, 0.5))  // a tie, up to the error of the doubles
    r = mode == RoundingMode::half_up ? (y >= 0 ? below + 1 : below) : (std::fmod(below, 2.0) == 0 ? below : below + 1);
  else
    r = rest < 0.5 ? below : below + 1;
  return r / scale;
}

RobustnessModel make_robustness_model(const Evaluation& evaluation, const std::vector<Scorecard>& cards,
                                      const Ranking& ranking) {
  const CriteriaSet& set = evaluation.criteria();
  const auto& nodes = set.nodes();
  RobustnessModel m;
  m.places = set.rounding().places;
  m.mode = set.rounding().mode;
  m.rank_on_rounded = set.ranking().on == RankOn::rounded;

  // Breadth-first order: the children of every node are adjacent columns.
  m.cols = nodes.size();
  m.col_of.assign(nodes.size(), 0);
  std::deque<NodeIndex> queue{0};
  while (!queue.empty()) {
    const NodeIndex n = queue.front();
    queue.pop_front();
    m.col_of[n] = static_cast<std::uint32_t>(m.node_at.size());
    m.node_at.push_back(n);
    for (NodeIndex c : nodes[n].children) queue.push_back(c);
  }
  // Deepest first: a parent's columns come after its children's in breadth-first order, so
  // walking the columns backwards meets every child before its parent.
  for (std::size_t col = m.cols; col-- > 0;) {
    const Criterion& c = nodes[m.node_at[col]];
    if (c.children.empty()) continue;
    ModelParent p;
    p.col = static_cast<std::uint32_t>(col);
    p.first = m.col_of[c.children.front()];
    p.count = static_cast<std::uint32_t>(c.children.size());
    p.weighted_mean = c.aggregate == Aggregate::weighted_mean;
    p.max = c.max.to_double();
    m.parents.push_back(p);
  }
  m.nominal_weight.assign(m.cols, 0);
  for (std::size_t col = 1; col < m.cols; ++col) {
    const Criterion& c = nodes[m.node_at[col]];
    const bool wm = nodes[c.parent].aggregate == Aggregate::weighted_mean;
    m.nominal_weight[col] = wm ? (c.weight ? c.weight->to_double() : 0.0) : c.max.to_double();
  }
  for (NodeIndex n : set.ranking().tie_break) m.tie_break_cols.push_back(m.col_of[n]);

  for (const GroupRanking& g : ranking.groups())
    for (const RankEntry& e : g.entries())
      if (e.rank()) {
        m.card_of_row.push_back(e.scorecard());
        m.unit_of_row.push_back(cards[e.scorecard()].unit());
      }
  m.rows = m.card_of_row.size();
  const auto rows = static_cast<Eigen::Index>(m.rows), cols = static_cast<Eigen::Index>(m.cols);
  m.coef = Eigen::MatrixXd::Zero(rows, cols);
  m.unit_coef = Eigen::MatrixXd::Zero(rows, cols);
  m.points0 = Eigen::MatrixXd::Zero(rows, cols);
  m.max = Eigen::MatrixXd::Zero(rows, cols);
  m.root_max = Eigen::VectorXd::Zero(rows);
  m.adjustments = Eigen::VectorXd::Zero(rows);
  for (std::size_t r = 0; r < m.rows; ++r) {
    const Scorecard& card = cards[m.card_of_row[r]];
    const auto ri = static_cast<Eigen::Index>(r);
    m.root_max(ri) = card.max().to_double();
    double adjust = 0;
    for (const Decimal& a : card.adjustments()) adjust += a.to_double();
    m.adjustments(ri) = adjust;
    for (std::size_t col = 0; col < m.cols; ++col) {
      const auto ci = static_cast<Eigen::Index>(col);
      const NodeIndex n = m.node_at[col];
      const NodeScore& s = card.nodes()[n];
      const double applicable = s.max.to_double();
      m.max(ri, ci) = applicable;
      if (nodes[n].children.empty() || s.status == NodeStatus::given) m.points0(ri, ci) = s.points.to_double();
      if (s.status == NodeStatus::given)
        m.given.push_back(GivenNode{static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(col), s.points.to_double()});
      if (n == 0 || applicable <= 0) continue;
      if (nodes[nodes[n].parent].aggregate == Aggregate::weighted_mean) {
        m.coef(ri, ci) = m.nominal_weight[col];
        m.unit_coef(ri, ci) = m.nominal_weight[col] / applicable;
      } else {
        m.coef(ri, ci) = applicable;
      }
    }
  }
  for (ModelParent& p : m.parents) {
    const auto first = static_cast<Eigen::Index>(p.first), count = static_cast<Eigen::Index>(p.count);
    p.uniform = m.rows > 0;
    for (Eigen::Index c = first; p.uniform && c < first + count; ++c)
      p.uniform = m.coef.col(c).isConstant(m.coef(0, c), 0.0) && m.coef(0, c) > 0;
  }
  std::stable_sort(m.given.begin(), m.given.end(), [](const GivenNode& a, const GivenNode& b) { return a.col < b.col; });
  return m;
}

void score_run(const RobustnessModel& m, const Eigen::VectorXd& lambda, RunScratch& s) {
  const auto rows = static_cast<Eigen::Index>(m.rows);
  s.num.resize(rows);
  s.den.resize(rows);
  s.fraction.resize(rows);
  // A node's share of its parent is Σ λᵢ·cᵢ·(pᵢ/mᵢ) / Σ λᵢ·cᵢ over its applicable children,
  // with cᵢ its nominal weight: under `sum` cᵢ = mᵢ, so the numerator is Σ λᵢ·pᵢ; under
  // `weighted_mean` cᵢ is the declared weight. Two matrix-vector products per interior node.
  for (const ModelParent& p : m.parents) {
    const auto first = static_cast<Eigen::Index>(p.first), count = static_cast<Eigen::Index>(p.count);
    const auto w = lambda.segment(first, count);
    if (p.weighted_mean)
      s.num.noalias() = s.points.middleCols(first, count).cwiseProduct(m.unit_coef.middleCols(first, count)) * w;
    else
      s.num.noalias() = s.points.middleCols(first, count) * w;
    const auto col = static_cast<Eigen::Index>(p.col);
    if (p.uniform) {
      const double den = m.coef.row(0).segment(first, count).dot(w);
      if (den > 0) s.fraction = s.num / den;
      else s.fraction.setZero();
    } else {
      s.den.noalias() = m.coef.middleCols(first, count) * w;
      s.fraction = (s.den.array() > 0).select(s.num.array() / s.den.array(), 0.0);
    }
    if (p.weighted_mean) {
      // The exact path rounds a weighted mean to the set's places; so does each replication.
      for (Eigen::Index r = 0; r < rows; ++r)
        s.points(r, col) = m.max(r, col) > 0 ? round_places(p.max * s.fraction(r), m.places, m.mode) : 0.0;
    } else {
      s.points.col(col) = m.max.col(col).cwiseProduct(s.fraction);
    }
    // Nodes given whole keep their points.
    const auto same = std::equal_range(m.given.begin(), m.given.end(), GivenNode{0, p.col, 0},
                                       [](const GivenNode& a, const GivenNode& b) { return a.col < b.col; });
    for (auto g = same.first; g != same.second; ++g) s.points(static_cast<Eigen::Index>(g->row), col) = g->points;
  }
  // The tree's total, the adjustments, clamped to [0, max], then the index.
  s.index.resize(rows);
  for (Eigen::Index r = 0; r < rows; ++r) {
    const double max = m.root_max(r);
    if (max <= 0) {
      s.index(r) = 0;
      continue;
    }
    const double total = std::clamp(s.points(r, 0) + m.adjustments(r), 0.0, max);
    const double index = 100.0 * total / max;
    s.index(r) = m.rank_on_rounded ? round_places(index, m.places, m.mode) : index;
  }
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
