// Adding evidence in two steps, so that a large file can be read on several cores:
// `prepare` does the costly, pure work for a value (look the unit and criterion up,
// interpret the text under the rule, compute its points) on any thread and writes the
// finished record straight into the room its caller gave it in EvaluationData::values;
// `commit` then links the records into their cells in file order, so that chains,
// duplicates and diagnostics come out exactly as if the file had been read on one thread.
// EvaluationBuilder::add_value is prepare + commit of one value.
#ifndef CCHC_SRC_MODEL_VALUE_BATCH_HPP
#define CCHC_SRC_MODEL_VALUE_BATCH_HPP

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cchc/model/evaluation.hpp"
#include "model/evaluation_data.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

/// A cell, (unit, node) or (unit, adjustment): its index in EvaluationData::cells, or with
/// the top bit set its index in EvaluationData::adjustment_cells.
using CellKey = std::uint32_t;
inline constexpr CellKey adjustment_cell = 0x80000000u;
/// More cells than a key can name are refused when the units are known.
inline constexpr std::size_t max_cells = adjustment_cell - 1;

/// The values prepare() placed, in file order, with the problems found among them.
struct ValueBatch {
  struct Problem {
    std::size_t before = 0;  // committed before the value at this position
    Diagnostic diagnostic;
    bool input_incomplete = false;
    bool refuses_cell = false;  // a refused value: its cell is then not also a gap
    CellKey cell = 0;
  };
  // The room, given by the caller (see place()).
  StoredValue* values = nullptr;  // room for `capacity` values...
  CellKey* cells = nullptr;       // ...and, beside each, its cell
  std::size_t capacity = 0;
  char* text = nullptr;           // room for `text_capacity` bytes of value text...
  std::size_t text_capacity = 0;
  std::size_t text_base = 0;      // ...which is EvaluationData::text from this offset on
  unsigned file = 0;              // the values' file, as EvaluationData::files index
  // What prepare() did.
  std::size_t count = 0;      // values placed
  std::size_t text_used = 0;  // bytes of text placed
  std::vector<std::uint32_t> answers;        // answer counts; until commit, an answers value's
  std::vector<std::uint32_t> answer_values;  // `number` is its offset here; these are their positions
  std::vector<Problem> problems;

  void place(StoredValue* value_room, CellKey* cell_room, std::size_t room, char* text_room, std::size_t text_room_size,
             std::size_t text_room_base, unsigned file_index) {
    values = value_room;
    cells = cell_room;
    capacity = room;
    text = text_room;
    text_capacity = text_room_size;
    text_base = text_room_base;
    file = file_index;
    count = 0;
    text_used = 0;
    answers.clear();
    answer_values.clear();
    problems.clear();
  }
  void add_problem(Diagnostic d, bool input_incomplete = false) {
    problems.push_back(Problem{count, std::move(d), input_incomplete, false, 0});
  }
};

/// The last unit looked up (rows come grouped by unit); one per preparing thread.
struct UnitCache {
  std::string code;
  std::uint32_t index = 0;
  bool valid = false;
  // A unit's rows usually follow the set's order: the node after the last one found is
  // tried before the hash table.
  std::uint32_t last_node = 0;
};

struct BuilderAccess {
  /// The data values are prepared against; allocates the cells (units are then final).
  /// Null when the builder cannot take values (too many units × criteria: reported).
  static const EvaluationData* data_for_values(EvaluationBuilder& builder);
  /// The index of `file` in EvaluationData::files (added if new).
  static unsigned file_index(EvaluationBuilder& builder, const std::string& file);
  /// Room for `count` more values and `text_bytes` more bytes of text at the end of the
  /// storage, left unwritten; returns the index of the first value and the offset of the
  /// first byte, with the cell key room beside the values. False (and reported) when the
  /// storage would outgrow what a value's links and text offsets can address.
  static bool make_room(EvaluationBuilder& builder, std::size_t count, std::size_t text_bytes, const SourceLocation& where,
                        std::size_t& first_value, std::size_t& first_text);
  /// The storage make_room() gave (valid until the next make_room()).
  static StoredValue* values(EvaluationBuilder& builder);
  static CellKey* cells(EvaluationBuilder& builder);
  static char* text(EvaluationBuilder& builder);
  /// Thread-safe for a const EvaluationData: writes only `cache`, `batch` and its room.
  static void prepare(const EvaluationData& data, UnitCache& cache, std::string_view unit, std::string_view criterion,
                      std::string_view value, Stage stage, const SourceLocation& where, bool decimal_comma, ValueBatch& batch);
  /// Links the batch's values, placed from `first_value` on, into their cells in order.
  static void commit(EvaluationBuilder& builder, const ValueBatch& batch, std::size_t first_value);
  /// Gives back the unused end of the storage after the last batch (only the end: ranges
  /// inside it stay as they are).
  static void trim_room(EvaluationBuilder& builder, std::size_t values_end, std::size_t text_end);
};

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
