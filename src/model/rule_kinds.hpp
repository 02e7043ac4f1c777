// The rule kinds: one small type each, turning a validated value into exact, rounded points.
// They live in the model layer because a value's points are computed once, when the value
// is validated (model/evidence_value.cpp refuses what a rule cannot score, so these never
// fail); scoring then only aggregates. Each kind also says in words how it reached its
// points (for explanations).
#ifndef CCHC_SRC_MODEL_RULE_KINDS_HPP
#define CCHC_SRC_MODEL_RULE_KINDS_HPP

#include <cstdint>
#include <string>

#include "cchc/model/criteria_set.hpp"
#include "model/evaluation_data.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

/// What a rule kind sees: the leaf, its value, the value's answer counts (survey), rounding.
struct LeafInput {
  const Criterion& leaf;
  const StoredValue& value;
  const std::uint32_t* answers;  // survey counts, in the rule's answer order (kind answers only)
  Rounding rounding;
};

struct PointsKind {
  static Decimal points(const LeafInput& in) noexcept;
  static std::string reason(const LeafInput& in);
};
struct OptionsKind {
  static Decimal points(const LeafInput& in) noexcept;
  static std::string reason(const LeafInput& in);
};
struct TiersKind {
  static Decimal points(const LeafInput& in) noexcept;
  static std::string reason(const LeafInput& in);
};
struct ProportionalKind {
  static Decimal points(const LeafInput& in) noexcept;
  static std::string reason(const LeafInput& in);
};
struct DeductKind {
  static Decimal points(const LeafInput& in) noexcept;
  static std::string reason(const LeafInput& in);
};
struct SurveyKind {
  static Decimal points(const LeafInput& in) noexcept;
  static std::string reason(const LeafInput& in);
};

/// Dispatches on the leaf's rule kind.
Decimal leaf_points(const LeafInput& in) noexcept;
std::string leaf_reason(const LeafInput& in);

/// A rate as a percentage ("97.5%"), a bound in words ("above 90%", "from 70%").
std::string percent_text(Decimal rate);
std::string bound_text(const Bound& b, TierScale scale);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
