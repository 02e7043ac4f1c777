// The compact storage behind an Evaluation: a slot per (unit, node, stage) pointing at a
// validated value. Compact because a nation's year is ~540,000 values.
#ifndef CCHC_SRC_MODEL_EVALUATION_DATA_HPP
#define CCHC_SRC_MODEL_EVALUATION_DATA_HPP

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "cchc/model/evaluation.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

inline constexpr std::int32_t no_value = -1;

struct StoredValue {
  std::int64_t number = 0;      // raw decimal; option index; offset into answer_counts
  std::uint32_t text_begin = 0;  // into EvaluationData::text
  std::uint32_t text_size = 0;
  std::uint32_t line = 0;
  std::uint16_t column = 0;
  std::uint8_t file = 0;         // into EvaluationData::files
  ValueKind kind = ValueKind::number;
  Stage stage = Stage::appraisal;
};

struct EvaluationData {
  CriteriaSet criteria;
  EvaluationOptions options;
  std::vector<Unit> units;
  std::unordered_map<std::string, std::size_t> unit_by_code;
  std::vector<std::string> files;
  std::vector<StoredValue> values;
  std::size_t node_count = 0;
  std::size_t adjustment_count = 0;
  // (unit * node_count + node) * stage_count + stage -> index into values, or no_value
  std::vector<std::int32_t> node_slots;
  // (unit * node_count + node) -> the latest stage's value, or no_value (what scoring reads)
  std::vector<std::int32_t> latest;
  std::vector<std::int32_t> adjustment_slots;  // same layout with adjustment_count
  std::vector<std::int64_t> answer_counts;
  std::string text;

  std::int32_t latest_adjustment(std::size_t unit, std::size_t adjustment) const noexcept {
    const std::size_t base = (unit * adjustment_count + adjustment) * stage_count;
    for (int s = stage_count - 1; s >= 0; --s)
      if (adjustment_slots[base + static_cast<std::size_t>(s)] != no_value)
        return adjustment_slots[base + static_cast<std::size_t>(s)];
    return no_value;
  }
};

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
