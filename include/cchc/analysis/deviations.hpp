// Where the council's appraisal changed a unit's self-assessment (tự chấm → thẩm định →
// giải trình), leaf by leaf, with the totals at each stage.
#ifndef CCHC_ANALYSIS_DEVIATIONS_HPP
#define CCHC_ANALYSIS_DEVIATIONS_HPP

#include <array>
#include <memory>
#include <optional>
#include <vector>

#include "cchc/export.hpp"
#include "cchc/scoring/scorecard.hpp"

namespace cchc {
inline namespace v1 {

namespace detail { struct ResultAccess; }

/// A value per stage (self, appraisal, appraisal2); none where the stage has none.
using StagePoints = std::array<std::optional<Decimal>, stage_count>;

/// A leaf (or a node given whole) whose points differ between stages.
class CCHC_API Deviation {
 public:
  Deviation();
  Deviation(const Deviation& other);
  Deviation(Deviation&& other) noexcept;
  Deviation& operator=(const Deviation& other);
  Deviation& operator=(Deviation&& other) noexcept;
  ~Deviation();

  NodeIndex node() const noexcept;
  Decimal max() const noexcept;  ///< the node's applicable max for this unit, as of the last stage (0 when marked na: exclude)
  /// Points from the value entered at each stage (self, appraisal, appraisal2); none when
  /// that stage has no value for the node.
  const StagePoints& points() const noexcept;
  Decimal final_points() const noexcept;  ///< the points that count (latest stage)
  Decimal change() const noexcept;  ///< final − self (0 when the unit gave no self-assessment)

  Deviation& set_node(NodeIndex value);
  Deviation& set_max(Decimal value);
  Deviation& set_points(StagePoints value);
  Deviation& set_final_points(Decimal value);
  Deviation& set_change(Decimal value);

  struct Data;  ///< internal: the private data, opaque outside the library

 private:
  friend struct detail::ResultAccess;
  const Data& data() const noexcept;
  Data& data();
  std::unique_ptr<Data> data_;
};

/// Where the appraisal changed one unit's self-assessment.
class CCHC_API UnitDeviations {
 public:
  UnitDeviations();
  UnitDeviations(const UnitDeviations& other);
  UnitDeviations(UnitDeviations&& other) noexcept;
  UnitDeviations& operator=(const UnitDeviations& other);
  UnitDeviations& operator=(UnitDeviations&& other) noexcept;
  ~UnitDeviations();

  std::size_t unit() const noexcept;  ///< index into Evaluation::units()
  const std::vector<Deviation>& deviations() const noexcept;  ///< in set order
  /// The unit's total as it stood at each stage (see score_unit_as_of); none when no value
  /// at all was entered at that stage.
  const StagePoints& totals() const noexcept;
  /// The unit's applicable max at each stage (the set's max less the leaves marked
  /// `na: exclude` by then); none where `totals` has none.
  const StagePoints& maxima() const noexcept;
  Decimal max() const noexcept;  ///< the applicable max as of the last stage: the one the final total is out of

  UnitDeviations& set_unit(std::size_t value);
  UnitDeviations& set_deviations(std::vector<Deviation> value);
  UnitDeviations& set_totals(StagePoints value);
  UnitDeviations& set_maxima(StagePoints value);
  UnitDeviations& set_max(Decimal value);

  struct Data;  ///< internal: the private data, opaque outside the library

 private:
  friend struct detail::ResultAccess;
  const Data& data() const noexcept;
  Data& data();
  std::unique_ptr<Data> data_;
};

CCHC_API UnitDeviations find_deviations(const Evaluation& evaluation, std::size_t unit);

}  // namespace v1
}  // namespace cchc

#endif
