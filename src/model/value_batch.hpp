// Adding evidence in two steps, so that a large file can be read on several cores:
// `prepare` does the costly, pure work for a value (look the unit and criterion up,
// interpret the text under the rule, compute its points) on any thread and writes the
// record straight into the room its caller gave it in EvaluationData::values; `commit`
// then, in file order, stores the batch's text and links the records into their cells, so
// that chains, duplicates and diagnostics come out exactly as if the file had been read on
// one thread.
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
/// the top bit set its index in EvaluationData::adjustment_cells. Between prepare and commit
/// a value's `previous` holds its cell key (commit replaces it with the link).
using CellKey = std::uint32_t;
inline constexpr CellKey adjustment_cell = 0x80000000u;
/// More cells than a key can name are refused when the units are known.
inline constexpr std::size_t max_cells = adjustment_cell - 1;

/// The values prepare() placed, in file order, with their text and the problems found
/// among them.
struct ValueBatch {
  struct Problem {
    std::size_t before = 0;  // committed before the value at this position
    Diagnostic diagnostic;
    bool input_incomplete = false;
    bool refuses_cell = false;  // a refused value: its cell is then not also a gap
    CellKey cell = 0;
  };
  // The room, given by the caller (see place()).
  StoredValue* values = nullptr;  // room for `capacity` values
  std::size_t capacity = 0;
  unsigned file = 0;              // the values' file, as EvaluationData::files index
  // What prepare() did. Until commit, a value's `text_begin` is its offset in `text`, and an
  // answers value's `number` its offset in `answers`.
  std::size_t count = 0;
  std::string text;
  std::vector<std::uint32_t> answers;
  std::vector<Problem> problems;

  void place(StoredValue* room, std::size_t room_size, unsigned file_index) {
    values = room;
    capacity = room_size;
    file = file_index;
    count = 0;
    text.clear();
    answers.clear();
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
  /// Room for `count` more values at the end of the storage, left unwritten, and for
  /// `text_bytes` more bytes of their text; returns the index of the first value. False (and
  /// reported) when the storage would outgrow what links and text offsets can address.
  static bool make_room(EvaluationBuilder& builder, std::size_t count, std::size_t text_bytes, const SourceLocation& where,
                        std::size_t& first_value);
  /// The storage make_room() gave (valid until the next make_room()).
  static StoredValue* values(EvaluationBuilder& builder);
  /// Thread-safe for a const EvaluationData: writes only `cache`, `batch` and its room.
  static void prepare(const EvaluationData& data, UnitCache& cache, std::string_view unit, std::string_view criterion,
                      std::string_view value, Stage stage, const SourceLocation& where, bool decimal_comma, ValueBatch& batch);
  /// Stores the batch's text and answers and links its values, placed from `first_value`
  /// on, into their cells in order.
  static void commit(EvaluationBuilder& builder, const ValueBatch& batch, std::size_t first_value);
  /// Gives back the unused end of the value storage (only the end: ranges inside it stay).
  static void trim_room(EvaluationBuilder& builder, std::size_t values_end);
};

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
