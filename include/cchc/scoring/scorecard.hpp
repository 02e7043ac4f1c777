// Scoring: every unit's points for every node, its total, applicable maximum and index.
#ifndef CCHC_SCORING_SCORECARD_HPP
#define CCHC_SCORING_SCORECARD_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cchc/export.hpp"
#include "cchc/model/criteria_set.hpp"
#include "cchc/model/decimal.hpp"
#include "cchc/model/diagnostic.hpp"
#include "cchc/model/evaluation.hpp"

namespace cchc {
inline namespace v1 {

/// Why a node has the points it has.
enum class NodeStatus : std::uint8_t {
  scored,          ///< a leaf scored by its rule, or an interior node aggregated from its children
  given,           ///< the evidence gave this node's points directly (a published field score)
  covered,         ///< inside a node whose points were given: not scored on its own
  not_applicable,  ///< marked "na" under `na: exclude`: its max left the denominator
  full_points,     ///< marked "na" under `na: full_points`: full points
  missing,         ///< no evidence, scored as zero because the caller asked for it
};
CCHC_API const char* to_string(NodeStatus status) noexcept;

struct NodeScore {
  Decimal points;  ///< leaf: rounded to the set's places; interior: exact sum (or rounded weighted mean)
  Decimal max;     ///< the applicable maximum (0 when the whole node is not applicable)
  NodeStatus status = NodeStatus::scored;
  Stage stage = Stage::appraisal;  ///< the stage whose evidence counted (leaves and given nodes)
};

/// One unit's result. `nodes` is aligned with CriteriaSet::nodes(); nodes[0] is the tree.
struct Scorecard {
  std::size_t unit = 0;            ///< index into Evaluation::units()
  std::vector<NodeScore> nodes;
  std::vector<Decimal> adjustments;  ///< aligned with CriteriaSet::adjustments(): +bonus, -penalty
  Decimal tree_total;   ///< the tree's points before adjustments
  Decimal total;        ///< tree_total + adjustments, kept within [0, max]
  Decimal max;          ///< the applicable maximum (the set's max less excluded leaves)
  Decimal appraisal;    ///< points from `source: appraisal` nodes
  Decimal survey;       ///< points from `source: survey` nodes
  Decimal index;        ///< total / max × 100, rounded to the set's places (for display)
};

/// Scores every unit: cards[i] is unit i. Never fails on a validated Evaluation; deterministic.
CCHC_API std::vector<Scorecard> score(const Evaluation& evaluation);
/// Scores one unit (prepares the tree's plan each call: to score many units, call score()).
CCHC_API Scorecard score_unit(const Evaluation& evaluation, std::size_t unit);

/// The unit's scorecard as it stood at `stage`: each node scored with the latest value
/// entered at that stage or before (Stage::self = the unit's own assessment). A leaf with no
/// value by then is scored 0 with status `missing`. Used by the deviation report.
CCHC_API Scorecard score_unit_as_of(const Evaluation& evaluation, std::size_t unit, Stage stage);

/// The unrounded index, 100 × total / max, as the exact fraction of two decimals (the card's
/// `index` is this rounded to the set's places, for display).
struct ExactIndex {
  Decimal total;  ///< the numerator: the unit's total
  Decimal max;    ///< the denominator: its applicable max (0: nothing applicable, index 0)

  /// The index to `places` decimals (0..6), rounded once with `mode`.
  CCHC_API Decimal rounded(int places, RoundingMode mode) const noexcept;
  /// The nearest double, for charts and sampling analyses: never on the official path.
  CCHC_API double to_double() const noexcept;
};
inline ExactIndex exact_index(const Scorecard& card) noexcept { return ExactIndex{card.total, card.max}; }

/// Compares the exact indices total/max (as rationals, by cross-multiplication): <0, 0, >0.
/// A unit with max 0 has index 0.
CCHC_API int compare_index(const Scorecard& a, const Scorecard& b) noexcept;

/// Results that follow the rules but deserve a look, as warnings (Severity::warning): a unit
/// with no appraisal value at all, ranked on its own self-assessment (code "no-appraisal");
/// applicable leaves without evidence scored 0 under missing_as_zero, counted and listed per
/// unit ("missing-scored-zero"). Located at the unit's row in the units file.
CCHC_API std::vector<Diagnostic> scoring_warnings(const Evaluation& evaluation, const std::vector<Scorecard>& cards);

/// The component index of a node: points / max × 100 rounded to `places` (0 when max is 0).
CCHC_API Decimal component_index(const NodeScore& node, Rounding rounding) noexcept;

}  // namespace v1
}  // namespace cchc

#endif
