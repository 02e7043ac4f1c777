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
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cchc/model/evaluation.hpp"
#include "model/evaluation_data.hpp"
#include "model/lookup.hpp"

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

/// At most this many diagnostics are kept; further ones are only counted ("N more errors").
inline constexpr std::size_t max_diagnostics = 500;
/// How many further rows a folded diagnostic lists ("rows 5, 9, 12, …").
inline constexpr std::size_t listed_rows = 3;

/// The further rows that gave the same message as a kept diagnostic: a stray character
/// repeated on every row is one message with a count, not one per row.
struct Repeats {
  std::uint32_t count = 0;
  std::uint32_t rows[listed_rows] = {};  // the first min(count, listed_rows) of them

  void add(std::uint32_t row) noexcept {
    if (count < listed_rows) rows[count] = row;
    ++count;
  }
  /// Adds a diagnostic at `first_row` and its own repeats.
  void add(std::uint32_t first_row, const Repeats& more) noexcept {
    add(first_row);
    for (std::uint32_t i = 0; i < more.count; ++i) {
      if (i < listed_rows) add(more.rows[i]);
      else ++count;
    }
  }
};

/// The key under which identical messages are folded: the same file and the same text.
inline void fold_key(const Diagnostic& d, std::string& key) {
  key.assign(d.location().file);
  key.push_back('\0');
  key.append(d.message());
}

/// The values prepare() placed, in file order, with their text and the problems found
/// among them.
struct ValueBatch {
  struct Problem {
    std::size_t before = 0;  // committed before the value at this position
    Diagnostic diagnostic;
    Repeats repeats;         // later rows of this batch with the same message
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
  // Problems, identical messages folded; past max_diagnostics distinct ones only counted, so
  // that a malformed 500 MB file holds a bounded number of messages.
  std::vector<Problem> problems;
  std::size_t dropped = 0;
  bool input_incomplete = false;  // some problem means the reader could not read everything
  // Cells whose value was refused, and units with a refused row: not also reported as gaps.
  std::vector<CellKey> refused_cells;
  std::vector<std::uint32_t> units_with_refused_rows;
  TextMap<std::size_t> problem_by_text;
  // Set by the reader when the builder already holds max_diagnostics: problems are then
  // only counted, without making their messages (a malformed 500 MB file stays fast).
  bool count_only = false;
  // Cleared by the reader once the build is sure to fail: the values' text is then not kept.
  bool keep_text = true;
  std::string key;  // scratch

  void place(StoredValue* room, std::size_t room_size, unsigned file_index) {
    values = room;
    capacity = room_size;
    file = file_index;
    count = 0;
    text.clear();
    answers.clear();
    problems.clear();
    dropped = 0;
    input_incomplete = false;
    refused_cells.clear();
    units_with_refused_rows.clear();
    problem_by_text.clear();
    count_only = false;
    keep_text = true;
  }
  void add_problem(Diagnostic d, bool incomplete = false) {
    input_incomplete = input_incomplete || incomplete;
    if (count_only) {
      ++dropped;
      return;
    }
    fold_key(d, key);
    const auto it = problem_by_text.find(key);
    if (it != problem_by_text.end()) {
      problems[it->second].repeats.add(d.location().line);
      return;
    }
    if (problems.size() >= max_diagnostics) {
      ++dropped;
      return;
    }
    problem_by_text.emplace(key, problems.size());
    problems.push_back(Problem{count, std::move(d), {}});
  }
  /// A refused value: reported, and its cell is then not also a gap.
  void add_refusal(Diagnostic d, CellKey cell) {
    add_problem(std::move(d));
    refused_cells.push_back(cell);
  }
};

/// The last unit looked up (rows come grouped by unit); one per preparing thread.
struct UnitCache {
  std::string code;  // as written (trimmed), before NFC
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
  /// The units reader refused the row of unit `code`: its evidence rows are then counted
  /// under one line instead of each being an unknown unit.
  static void refuse_unit(EvaluationBuilder& builder, std::string_view code);
  /// A syntax error at `where` stopped the units file: evidence rows of units not read are
  /// counted under one line.
  static void units_stopped(EvaluationBuilder& builder, const SourceLocation& where);
  /// The index of the unit with this code (trimmed, NFC), if there is one.
  static std::optional<std::uint32_t> find_unit(const EvaluationData& data, std::string_view code);
  /// `file` is an Excel workbook read from `sheet`: every location in it (diagnostics, units,
  /// values) names the sheet, so that it reads as a cell ("evidence.xlsx:Sheet1!C14").
  static void name_sheet(EvaluationBuilder& builder, const std::string& file, const std::string& sheet);
  /// Whether the builder holds max_diagnostics already: further problems are only counted.
  static bool full(const EvaluationBuilder& builder);
  /// Whether the build is already sure to fail (an error was reported).
  static bool failing(const EvaluationBuilder& builder);
};

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
