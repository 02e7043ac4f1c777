// The compact storage behind an Evaluation. A nation's year is ~540,000 values, so each is
// one 32-byte record: what it means, its points under the rule (computed once, when it was
// validated), where it was written, and a link to the same cell's value at an earlier stage.
// A cell (unit, node) points at its latest value; that is all the scorer reads.
#ifndef CCHC_SRC_MODEL_EVALUATION_DATA_HPP
#define CCHC_SRC_MODEL_EVALUATION_DATA_HPP

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "cchc/model/evaluation.hpp"
#include "model/lookup.hpp"
#include "support/uninitialized_vector.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

inline constexpr std::int32_t no_value = -1;
// A cell whose only value was refused: not a gap (the refusal is reported). Only ever seen
// by a builder whose build() fails.
inline constexpr std::int32_t refused_value = -2;
inline constexpr std::size_t max_value_text = 255;  // longer values are refused
inline constexpr unsigned max_value_files = 16;     // distinct file names a location can name

// Trivial (no member initializers), so that the loader can size the value array without
// writing it and let its worker threads fill it: create one with `StoredValue v{}`.
struct StoredValue {
  std::int64_t number;     // raw decimal; option index; offset into answer_counts
  std::int64_t points;     // raw points under the leaf's rule (or given points)
  std::uint32_t text_begin;  // into EvaluationData::text
  std::int32_t previous;   // the same cell at an earlier stage (no_value: none)
  std::uint32_t line;
  std::uint16_t column;
  std::uint8_t text_size;
  std::uint8_t packed;     // kind (bits 0-1) | stage (bits 2-3) | file (bits 4-7)

  ValueKind kind() const noexcept { return static_cast<ValueKind>(packed & 3u); }
  Stage stage() const noexcept { return static_cast<Stage>((packed >> 2) & 3u); }
  unsigned file() const noexcept { return packed >> 4; }
  void pack(ValueKind k, Stage s, unsigned file) noexcept {
    packed = static_cast<std::uint8_t>(static_cast<unsigned>(k) | (static_cast<unsigned>(s) << 2) | (file << 4));
  }
};
static_assert(sizeof(StoredValue) == 32, "a value is one 32-byte record");
static_assert(std::is_trivially_default_constructible_v<StoredValue>);

struct EvaluationData {
  CriteriaSet criteria;
  EvaluationOptions options;
  std::vector<Unit> units;
  TextMap<std::size_t> unit_by_code;
  std::vector<std::string> files;
  // Values are read on several threads, each slice of a file into its own range of `values`
  // and of `text`; a range's unused tail is never written nor read (values are reached only
  // through `cells` and `previous`). See evaluation_loader.cpp.
  UninitializedVector<StoredValue> values;
  std::size_t node_count = 0;
  std::size_t adjustment_count = 0;
  std::vector<std::int32_t> cells;             // unit * node_count + node -> latest value
  std::vector<std::int32_t> adjustment_cells;  // unit * adjustment_count + adjustment -> latest value
  std::vector<std::uint32_t> answer_counts;
  UninitializedVector<char> text;
  // What the units reader could not take, so that evidence rows of those units are counted
  // under one line each instead of one "unknown unit" per row: the codes of refused units
  // rows, and where a syntax error stopped the units file (line 0: it was read whole).
  TextMap<bool> refused_units;
  SourceLocation units_stopped;

  std::int32_t latest(std::size_t unit, std::size_t node) const noexcept { return cells[unit * node_count + node]; }
  std::int32_t latest_adjustment(std::size_t unit, std::size_t a) const noexcept {
    return adjustment_cells[unit * adjustment_count + a];
  }
  /// The value entered exactly at `stage` in the chain starting at `head`.
  std::int32_t at_stage(std::int32_t head, Stage stage) const noexcept {
    for (std::int32_t v = head; v != no_value; v = values[static_cast<std::size_t>(v)].previous)
      if (values[static_cast<std::size_t>(v)].stage() == stage) return v;
    return no_value;
  }
  /// The latest value entered at `stage` or before.
  std::int32_t as_of(std::int32_t head, Stage stage) const noexcept {
    for (std::int32_t v = head; v != no_value; v = values[static_cast<std::size_t>(v)].previous)
      if (values[static_cast<std::size_t>(v)].stage() <= stage) return v;
    return no_value;
  }
  std::string_view text_of(const StoredValue& v) const noexcept { return std::string_view(text.data() + v.text_begin, v.text_size); }
  // The files that were Excel workbooks, with the sheet read from each: their locations
  // name the sheet and the cell.
  std::vector<std::pair<std::string, std::string>> workbook_sheets;

  SourceLocation location(const StoredValue& v) const {
    SourceLocation at{v.file() < files.size() ? files[v.file()] : std::string(), v.line, v.column, {}};
    for (const auto& [file, sheet] : workbook_sheets)
      if (file == at.file) at.sheet = sheet;
    return at;
  }
  const std::uint32_t* answers(const StoredValue& v) const noexcept {
    return v.kind() == ValueKind::answers ? answer_counts.data() + static_cast<std::size_t>(v.number) : nullptr;
  }
};

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
