// Adding evidence in two steps, so that a large file can be read on several cores:
// `prepare` does the costly, pure work for a value (look the unit and criterion up,
// interpret the text under the rule, compute its points) on any thread; `commit` stores
// prepared values in file order, so that chains, duplicates and diagnostics come out
// exactly as if the file had been read on one thread. EvaluationBuilder::add_value is
// prepare + commit of one value.
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

struct PreparedValue {
  std::int64_t number = 0;
  std::int64_t points = 0;
  std::uint32_t text_begin = 0;  // into ValueBatch::text (a reader's field may not outlive its record)
  std::uint8_t text_size = 0;
  std::uint32_t unit = 0;
  std::uint32_t target = 0;    // node index, or adjustment index when `adjustment`
  std::uint32_t line = 0;
  std::uint32_t answers = 0;   // into ValueBatch::answers (kind answers)
  std::uint16_t column = 0;
  ValueKind kind = ValueKind::number;
  Stage stage = Stage::appraisal;
  bool adjustment = false;
};

/// Values prepared in file order, with the problems found among them.
struct ValueBatch {
  struct Problem {
    std::size_t before = 0;  // committed before values[before]
    Diagnostic diagnostic;
    bool input_incomplete = false;
    bool refuses_cell = false;  // a refused value: its cell is then not also a gap
    std::uint32_t unit = 0, target = 0;
    bool adjustment = false;
  };
  std::vector<PreparedValue> values;
  std::vector<std::uint32_t> answers;
  std::string text;
  std::vector<Problem> problems;
  void clear() { values.clear(); answers.clear(); text.clear(); problems.clear(); }
  void add_problem(Diagnostic d, bool input_incomplete = false) {
    problems.push_back(Problem{values.size(), std::move(d), input_incomplete, false, 0, 0, false});
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
  static const EvaluationData& data_for_values(EvaluationBuilder& builder);
  /// Thread-safe for a const EvaluationData: touches only `cache` and `batch`.
  static void prepare(const EvaluationData& data, UnitCache& cache, std::string_view unit, std::string_view criterion,
                      std::string_view value, Stage stage, const SourceLocation& where, bool decimal_comma, ValueBatch& batch);
  static void commit(EvaluationBuilder& builder, const ValueBatch& batch, const std::string& file);
};

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
