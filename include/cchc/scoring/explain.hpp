// Tracing a unit's points back to the rules and the evidence that produced them.
#ifndef CCHC_SCORING_EXPLAIN_HPP
#define CCHC_SCORING_EXPLAIN_HPP

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "cchc/export.hpp"
#include "cchc/scoring/scorecard.hpp"

namespace cchc {
inline namespace v1 {

namespace detail { struct ResultAccess; }

/// A rule in words: "options: kip_thoi = 1 | cham = 0.5 | khong = 0", "tiers on a rate: above 0.9 → 2 | …".
CCHC_API std::string describe_rule(const Criterion& leaf, Rounding rounding);

/// One node of a scorecard with its reason.
class CCHC_API NodeExplanation {
 public:
  NodeExplanation();
  NodeExplanation(const NodeExplanation& other);
  NodeExplanation(NodeExplanation&& other) noexcept;
  NodeExplanation& operator=(const NodeExplanation& other);
  NodeExplanation& operator=(NodeExplanation&& other) noexcept;
  ~NodeExplanation();

  NodeIndex node() const noexcept;
  Decimal points() const noexcept;
  Decimal max() const noexcept;  ///< applicable max
  Decimal lost() const noexcept;  ///< max − points
  NodeStatus status() const noexcept;
  const std::string& rule() const noexcept;  ///< leaves and given nodes: the rule in words; interior: how children aggregate
  const std::string& evidence() const noexcept;  ///< the value that counted as written, with its stage and location
  const std::string& reason() const noexcept;  ///< how the points follow: "97.5% meets 'above 0.9' → 2"

  NodeExplanation& set_node(NodeIndex value);
  NodeExplanation& set_points(Decimal value);
  NodeExplanation& set_max(Decimal value);
  NodeExplanation& set_lost(Decimal value);
  NodeExplanation& set_status(NodeStatus value);
  NodeExplanation& set_rule(std::string value);
  NodeExplanation& set_evidence(std::string value);
  NodeExplanation& set_reason(std::string value);

  struct Data;  ///< internal: the private data, opaque outside the library

 private:
  friend struct detail::ResultAccess;
  const Data& data() const noexcept;
  Data& data();
  std::unique_ptr<Data> data_;
};

/// Every node in pre-order.
CCHC_API std::vector<NodeExplanation> explain(const Evaluation& evaluation, const Scorecard& card);

/// The scored leaves (and given nodes) where points were lost, largest loss first
/// (ties in set order).
CCHC_API std::vector<NodeExplanation> points_lost(const Evaluation& evaluation, const Scorecard& card);

/// A bonus or penalty line of the set, as it counted for a scorecard.
class CCHC_API AdjustmentExplanation {
 public:
  AdjustmentExplanation();
  AdjustmentExplanation(const AdjustmentExplanation& other);
  AdjustmentExplanation(AdjustmentExplanation&& other) noexcept;
  AdjustmentExplanation& operator=(const AdjustmentExplanation& other);
  AdjustmentExplanation& operator=(AdjustmentExplanation&& other) noexcept;
  ~AdjustmentExplanation();

  std::size_t adjustment() const noexcept;  ///< index into CriteriaSet::adjustments()
  Decimal points() const noexcept;  ///< signed: +bonus, −penalty; 0 when no value was given
  Decimal max() const noexcept;  ///< the line's cap
  const std::string& evidence() const noexcept;  ///< the value that counted, with its stage and location (empty: none)
  const std::string& reason() const noexcept;  ///< "bonus given: 1 (at most 2)", "no value: 0"

  AdjustmentExplanation& set_adjustment(std::size_t value);
  AdjustmentExplanation& set_points(Decimal value);
  AdjustmentExplanation& set_max(Decimal value);
  AdjustmentExplanation& set_evidence(std::string value);
  AdjustmentExplanation& set_reason(std::string value);

  struct Data;  ///< internal: the private data, opaque outside the library

 private:
  friend struct detail::ResultAccess;
  const Data& data() const noexcept;
  Data& data();
  std::unique_ptr<Data> data_;
};

/// How a unit's total follows from its tree, line by line, so that the lines add up:
/// tree_total (= appraisal + survey = the fields' points) + Σ adjustments[i].points + clamp = total.
class CCHC_API TotalExplanation {
 public:
  TotalExplanation();
  TotalExplanation(const TotalExplanation& other);
  TotalExplanation(TotalExplanation&& other) noexcept;
  TotalExplanation& operator=(const TotalExplanation& other);
  TotalExplanation& operator=(TotalExplanation&& other) noexcept;
  ~TotalExplanation();

  Decimal tree_total() const noexcept;  ///< the tree's points before adjustments
  Decimal appraisal() const noexcept;  ///< of which from `source: appraisal` nodes
  Decimal survey() const noexcept;  ///< of which from `source: survey` nodes
  const std::vector<AdjustmentExplanation>& adjustments() const noexcept;  ///< every line of the set, in set order
  /// What keeping the total within [0, max] changed: negative when the adjustments lifted
  /// it above the applicable max, positive when they took it below 0, else 0.
  Decimal clamp() const noexcept;
  Decimal total() const noexcept;
  Decimal max() const noexcept;  ///< the applicable max

  TotalExplanation& set_tree_total(Decimal value);
  TotalExplanation& set_appraisal(Decimal value);
  TotalExplanation& set_survey(Decimal value);
  TotalExplanation& set_adjustments(std::vector<AdjustmentExplanation> value);
  TotalExplanation& set_clamp(Decimal value);
  TotalExplanation& set_total(Decimal value);
  TotalExplanation& set_max(Decimal value);

  struct Data;  ///< internal: the private data, opaque outside the library

 private:
  friend struct detail::ResultAccess;
  const Data& data() const noexcept;
  Data& data();
  std::unique_ptr<Data> data_;
};

/// The lines of a scorecard's total. Throws cchc::Error only when the adjustments of one
/// unit add up beyond what a Decimal holds (caps summing to more than ~9.2 × 10^12).
CCHC_API TotalExplanation explain_total(const Evaluation& evaluation, const Scorecard& card);

}  // namespace v1
}  // namespace cchc

#endif
