// Random valid criteria sets and evidence for the property tests, kept as plain data
// (every number a count of millionths) so the reference scorer can read them without
// the library, and rendered as the YAML and CSV a clerk would write.
#ifndef CCHC_PROPERTY_RANDOM_SET_HPP
#define CCHC_PROPERTY_RANDOM_SET_HPP

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace cchc_property {

using Millionths = std::int64_t;
inline constexpr Millionths one = 1000000;

enum class LeafRule { points, options, tiers, proportional, deduct, survey };
enum class NaPolicy { not_allowed, exclude, full_points };

/// A tier of a `tiers` rule on a rate; `bound_kind` 0 none, 1 min, 2 above.
struct TierSpec { int bound_kind = 0; Millionths bound = 0; Millionths points = 0; };

struct NodeSpec {
  std::string id;
  Millionths max = 0;
  Millionths weight = 0;          ///< > 0 when the parent aggregates by weighted_mean
  bool weighted_mean = false;     ///< how this (interior) node aggregates its children
  bool survey_source = false;
  NaPolicy na = NaPolicy::not_allowed;
  LeafRule rule = LeafRule::points;
  Millionths step = 0;            ///< points: 0 = no step
  std::vector<Millionths> option_points;  ///< options o0, o1, …
  std::vector<TierSpec> tiers;
  Millionths target = one;        ///< proportional
  Millionths per = 0;             ///< deduct
  std::vector<Millionths> answer_weights;  ///< survey answers A, B, C, D
  std::vector<NodeSpec> children;
  bool is_leaf() const { return children.empty(); }
};

struct SetSpec {
  int places = 2;
  bool half_even = false;
  Millionths max = 0;
  std::vector<NodeSpec> fields;
  Millionths bonus_max = 0;    ///< 0: no bonus line
  Millionths penalty_max = 0;  ///< 0: no penalty line
};

/// One leaf's evidence. `kind` number (points, a rate, a count or a survey share),
/// option, answers, or na.
struct LeafValue {
  enum class Kind { number, option, answers, na } kind = Kind::number;
  Millionths number_value = 0;
  std::size_t option = 0;
  std::vector<std::int64_t> counts;
  bool as_percent = false;  ///< write a rate as "97.5%" instead of "0.975"
};

struct UnitSpec {
  std::string code;
  std::string group;
  std::map<std::string, LeafValue> leaves;  ///< by leaf id
  Millionths bonus = 0, penalty = 0;
};

/// Generators: call only inside a RapidCheck property (they draw with `*gen`).
SetSpec random_set();
UnitSpec random_unit(const SetSpec& set, const std::string& code);
/// A value for `leaf` that earns at least as many points as `current` (never "na").
LeafValue improved_value(const NodeSpec& leaf, int places, const LeafValue& current);

/// Every leaf of the set in pre-order.
std::vector<const NodeSpec*> leaves_of(const SetSpec& set);

std::string to_yaml(const SetSpec& set);
std::string units_csv(const std::vector<UnitSpec>& units);
/// Long-form evidence rows (without the header), one per leaf and adjustment.
std::vector<std::string> evidence_rows(const SetSpec& set, const std::vector<UnitSpec>& units);
inline constexpr const char* evidence_header = "unit,criterion,value\n";

/// "1.25", "3", "0.000001": the shortest exact decimal.
std::string decimal_text(Millionths value);

}  // namespace cchc_property

#endif
