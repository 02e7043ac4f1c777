// Scoring: every unit's points for every node, its total, applicable maximum and index.
#ifndef CCHC_SCORING_SCORECARD_HPP
#define CCHC_SCORING_SCORECARD_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
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

/// One node's result. A fixed record, like Decimal: a national year holds half a million of
/// them, so they stay inline in the scorecard's vector; facts added later about a node come
/// as accessors of Scorecard, so this layout never changes.
struct NodeScore {
  Decimal points;  ///< leaf: rounded to the set's places; interior: exact sum (or rounded weighted mean)
  Decimal max;     ///< the applicable maximum (0 when the whole node is not applicable)
  NodeStatus status = NodeStatus::scored;
  Stage stage = Stage::appraisal;  ///< the stage whose evidence counted (leaves and given nodes)
};

namespace detail { struct ResultAccess; }

/// One unit's result. The layout is private (one pointer), so later versions can add facts
/// without breaking the ABI; the setters let a caller build one (in a test, say) in one
/// expression. `nodes()` is aligned with CriteriaSet::nodes(); nodes()[0] is the tree.
class CCHC_API Scorecard {
 public:
  Scorecard();
  Scorecard(const Scorecard& other);
  Scorecard(Scorecard&& other) noexcept;
  Scorecard& operator=(const Scorecard& other);
  Scorecard& operator=(Scorecard&& other) noexcept;
  ~Scorecard();

  std::size_t unit() const noexcept;               ///< index into Evaluation::units()
  const std::vector<NodeScore>& nodes() const noexcept;
  const std::vector<Decimal>& adjustments() const noexcept;  ///< aligned with CriteriaSet::adjustments(): +bonus, -penalty
  Decimal tree_total() const noexcept;  ///< the tree's points before adjustments
  Decimal total() const noexcept;       ///< tree_total + adjustments, kept within [0, max]
  Decimal max() const noexcept;         ///< the applicable maximum (the set's max less excluded leaves)
  Decimal appraisal() const noexcept;   ///< points from `source: appraisal` nodes
  Decimal survey() const noexcept;      ///< points from `source: survey` nodes
  Decimal index() const noexcept;       ///< total / max × 100, rounded to the set's places (for display)
  /// The stage this card was scored as of (score_unit_as_of); none: every stage, the
  /// latest value counting (score, score_unit).
  std::optional<Stage> as_of() const noexcept;

  Scorecard& set_unit(std::size_t value);
  Scorecard& set_nodes(std::vector<NodeScore> value);
  Scorecard& set_adjustments(std::vector<Decimal> value);
  Scorecard& set_tree_total(Decimal value);
  Scorecard& set_total(Decimal value);
  Scorecard& set_max(Decimal value);
  Scorecard& set_appraisal(Decimal value);
  Scorecard& set_survey(Decimal value);
  Scorecard& set_index(Decimal value);
  Scorecard& set_as_of(std::optional<Stage> value);

  struct Data;  ///< internal: the private data, opaque outside the library

 private:
  friend struct detail::ResultAccess;
  const Data& data() const noexcept;
  Data& data();
  std::unique_ptr<Data> data_;
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
inline ExactIndex exact_index(const Scorecard& card) noexcept { return ExactIndex{card.total(), card.max()}; }

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
