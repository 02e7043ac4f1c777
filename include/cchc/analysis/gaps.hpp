// Where a unit lost points and what evidence would have earned the next step.
#ifndef CCHC_ANALYSIS_GAPS_HPP
#define CCHC_ANALYSIS_GAPS_HPP

#include <memory>
#include <string>
#include <vector>

#include "cchc/export.hpp"
#include "cchc/scoring/explain.hpp"

namespace cchc {
inline namespace v1 {

namespace detail { struct ResultAccess; }

/// One leaf (or given node) where points were lost.
class CCHC_API Gap {
 public:
  Gap();
  Gap(const Gap& other);
  Gap(Gap&& other) noexcept;
  Gap& operator=(const Gap& other);
  Gap& operator=(Gap&& other) noexcept;
  ~Gap();

  NodeIndex node() const noexcept;
  NodeIndex field() const noexcept;  ///< the field (depth 1) it belongs to
  Decimal max() const noexcept;
  Decimal points() const noexcept;
  Decimal lost() const noexcept;
  NodeStatus status() const noexcept;
  const std::string& rule() const noexcept;  ///< the rule in words
  const std::string& evidence() const noexcept;  ///< the value that counted, with stage and location
  const std::string& reason() const noexcept;  ///< how the points followed from it
  /// What would have earned more, in words: the next option, tier, count or rate (empty
  /// when the rule offers nothing more, e.g. a step that would pass the max).
  const std::string& next_step() const noexcept;
  /// The value a clerk would write in the evidence for that next step ("kip_thoi", "2",
  /// "91%", "A=20"); scored under the leaf's rule it earns exactly points + next_gain.
  /// Empty when there is no such value (and for nodes given whole).
  const std::string& next_value() const noexcept;
  Decimal next_gain() const noexcept;  ///< the points that next step adds (0 when there is none)

  Gap& set_node(NodeIndex value);
  Gap& set_field(NodeIndex value);
  Gap& set_max(Decimal value);
  Gap& set_points(Decimal value);
  Gap& set_lost(Decimal value);
  Gap& set_status(NodeStatus value);
  Gap& set_rule(std::string value);
  Gap& set_evidence(std::string value);
  Gap& set_reason(std::string value);
  Gap& set_next_step(std::string value);
  Gap& set_next_value(std::string value);
  Gap& set_next_gain(Decimal value);

  struct Data;  ///< internal: the private data, opaque outside the library

 private:
  friend struct detail::ResultAccess;
  const Data& data() const noexcept;
  Data& data();
  std::unique_ptr<Data> data_;
};

/// A field's subtotal: its points, max, loss and component index.
class CCHC_API FieldSummary {
 public:
  FieldSummary();
  FieldSummary(const FieldSummary& other);
  FieldSummary(FieldSummary&& other) noexcept;
  FieldSummary& operator=(const FieldSummary& other);
  FieldSummary& operator=(FieldSummary&& other) noexcept;
  ~FieldSummary();

  NodeIndex field() const noexcept;
  Decimal max() const noexcept;
  Decimal points() const noexcept;
  Decimal lost() const noexcept;
  Decimal index() const noexcept;

  FieldSummary& set_field(NodeIndex value);
  FieldSummary& set_max(Decimal value);
  FieldSummary& set_points(Decimal value);
  FieldSummary& set_lost(Decimal value);
  FieldSummary& set_index(Decimal value);

  struct Data;  ///< internal: the private data, opaque outside the library

 private:
  friend struct detail::ResultAccess;
  const Data& data() const noexcept;
  Data& data();
  std::unique_ptr<Data> data_;
};

/// Where one unit lost points.
class CCHC_API UnitGaps {
 public:
  UnitGaps();
  UnitGaps(const UnitGaps& other);
  UnitGaps(UnitGaps&& other) noexcept;
  UnitGaps& operator=(const UnitGaps& other);
  UnitGaps& operator=(UnitGaps&& other) noexcept;
  ~UnitGaps();

  std::size_t unit() const noexcept;  ///< index into Evaluation::units()
  const std::vector<Gap>& gaps() const noexcept;  ///< largest loss first, ties in set order
  const std::vector<FieldSummary>& fields() const noexcept;  ///< in set order
  Decimal lost() const noexcept;  ///< max − total: everything lost, adjustments included
  Decimal tree_lost() const noexcept;  ///< lost in the tree (its max − its points)
  Decimal adjustments() const noexcept;  ///< bonus − penalty applied after the tree
  /// What keeping the total within [0, max] changed (see TotalExplanation::clamp), so that
  /// lost = tree_lost − adjustments − clamp.
  Decimal clamp() const noexcept;

  UnitGaps& set_unit(std::size_t value);
  UnitGaps& set_gaps(std::vector<Gap> value);
  UnitGaps& set_fields(std::vector<FieldSummary> value);
  UnitGaps& set_lost(Decimal value);
  UnitGaps& set_tree_lost(Decimal value);
  UnitGaps& set_adjustments(Decimal value);
  UnitGaps& set_clamp(Decimal value);

  struct Data;  ///< internal: the private data, opaque outside the library

 private:
  friend struct detail::ResultAccess;
  const Data& data() const noexcept;
  Data& data();
  std::unique_ptr<Data> data_;
};

CCHC_API UnitGaps find_gaps(const Evaluation& evaluation, const Scorecard& card);

}  // namespace v1
}  // namespace cchc

#endif
