// A loaded criteria set: the immutable tree of fields, criteria and sub-criteria.
#ifndef CCHC_MODEL_CRITERIA_SET_HPP
#define CCHC_MODEL_CRITERIA_SET_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cchc/export.hpp"
#include "cchc/model/decimal.hpp"
#include "cchc/model/diagnostic.hpp"

namespace cchc {
inline namespace v1 {

/// Index of a node in CriteriaSet::nodes(); 0 is the root (the set itself).
using NodeIndex = std::uint32_t;

enum class RuleKind : std::uint8_t { points, options, tiers, proportional, deduct, survey };

/// A lower bound: `min` is inclusive ("từ 70%"), `above` strict ("trên 90%"), none meets all.
enum class BoundKind : std::uint8_t { none, min, above };
struct Bound {
  BoundKind kind = BoundKind::none;
  Decimal value;
  bool admits(Decimal x) const noexcept {
    return kind == BoundKind::none || (kind == BoundKind::min ? x >= value : x > value);
  }
};

/// What a `tiers` value is: a rate 0..1 (also written "97,5%"), a count (integer >= 0) or
/// any non-negative number. Inferred from the bounds unless the set says `value:`.
enum class TierScale : std::uint8_t { rate, count, number };

struct Option { std::string name; Decimal points; };
struct Tier { Bound bound; Decimal points; };
struct AnswerWeight { std::string answer; Decimal weight; };

/// A leaf's scoring rule. Only the members of its kind are meaningful.
struct Rule {
  RuleKind kind = RuleKind::points;
  std::optional<Decimal> step;         ///< points: entered points must be a multiple of it
  std::vector<Option> options;         ///< options, in the order written
  std::vector<Tier> tiers;             ///< tiers, first match from the top
  TierScale tier_scale = TierScale::rate;
  bool tier_scale_inferred = false;    ///< tiers: the set gave no `value:`; the scale came from the bounds
  Decimal target = Decimal::from_int(1);  ///< proportional: the rate that earns full points
  Decimal per;                         ///< deduct: points taken per counted violation
  std::vector<AnswerWeight> answers;   ///< survey: weight 0..1 of each answer
};

enum class Aggregate : std::uint8_t { sum, weighted_mean };
enum class PointSource : std::uint8_t { appraisal, survey };
/// What a unit may say of a leaf it does not have: nothing (not_allowed), drop its max from
/// its denominator (exclude), or get full points (full_points, "không phát sinh").
enum class NotApplicable : std::uint8_t { not_allowed, exclude, full_points };

/// A node of the tree: the root (index 0), a field (lĩnh vực), a criterion or a sub-criterion.
struct Criterion {
  std::string id;       ///< unique in the set; empty for the root
  std::string title;
  Decimal max;
  std::optional<Decimal> weight;  ///< set when the parent aggregates by weighted_mean
  Aggregate aggregate = Aggregate::sum;
  PointSource source = PointSource::appraisal;
  NotApplicable na = NotApplicable::not_allowed;
  Rule rule;                      ///< meaningful for leaves only
  NodeIndex parent = 0;           ///< the root is its own parent
  std::vector<NodeIndex> children;
  int depth = 0;                  ///< 0 root, 1 field, 2 criterion, ...
  SourceLocation location;

  bool is_leaf() const noexcept { return children.empty(); }
};

/// A band on the index ("Tốt", "Nhóm I"): the first band from the top whose bound admits it.
struct Band { Bound bound; std::string label; };

/// A rank group declared by the set, with its own bands (empty: the set's bands apply).
struct RankGroup {
  std::string key;
  std::string title;
  std::vector<Band> bands;
};

enum class RankOn : std::uint8_t { exact, rounded };
struct RankingPolicy {
  RankOn on = RankOn::exact;
  std::vector<NodeIndex> tie_break;  ///< nodes whose points break equal indices, in order
};

enum class AdjustmentKind : std::uint8_t { bonus, penalty };
/// A bonus or penalty line applied after the tree total, capped at `max`.
struct Adjustment {
  std::string id;
  std::string title;
  AdjustmentKind kind = AdjustmentKind::bonus;
  Decimal max;
  SourceLocation location;
};

namespace detail { struct CriteriaSetData; }

/// An immutable, validated criteria set. Copies share the same data; every member
/// function is const and the object is safe to use from many threads at once.
class CCHC_API CriteriaSet {
 public:
  CriteriaSet();  ///< an empty set (no nodes); obtained only to be assigned over

  const std::string& id() const noexcept;
  const std::string& title() const noexcept;
  std::optional<int> year() const noexcept;
  Decimal max() const noexcept;
  Rounding rounding() const noexcept;
  const std::vector<Band>& bands() const noexcept;
  const std::vector<RankGroup>& groups() const noexcept;
  const RankingPolicy& ranking() const noexcept;
  const std::vector<Adjustment>& adjustments() const noexcept;
  /// The file it was read from (or the name given to the text).
  const std::string& source_name() const noexcept;

  /// Every node in pre-order (a parent before its children); [0] is the root.
  const std::vector<Criterion>& nodes() const noexcept;
  /// The node at index `i`; throws cchc::Error (code "index-out-of-range") past the end.
  const Criterion& node(NodeIndex i) const {
    const std::vector<Criterion>& all = nodes();
    if (i >= all.size()) node_out_of_range(i, all.size());
    return all[i];
  }
  const Criterion& root() const { return node(0); }
  /// The fields (the root's children).
  const std::vector<NodeIndex>& fields() const { return root().children; }
  std::optional<NodeIndex> find(std::string_view id) const noexcept;
  const RankGroup* find_group(std::string_view key) const noexcept;
  std::optional<std::size_t> find_adjustment(std::string_view id) const noexcept;
  /// The bands that apply to a group key (the group's own, else the set's).
  const std::vector<Band>& bands_for(std::string_view group_key) const noexcept;

  /// Internal: the implementation's view of the data.
  const detail::CriteriaSetData& data() const noexcept { return *data_; }
  explicit CriteriaSet(std::shared_ptr<const detail::CriteriaSetData> data) noexcept;

 private:
  [[noreturn]] static void node_out_of_range(NodeIndex i, std::size_t size);
  std::shared_ptr<const detail::CriteriaSetData> data_;
};

}  // namespace v1
}  // namespace cchc

#endif
