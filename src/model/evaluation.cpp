#include "cchc/model/evaluation.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

#include "i18n/format.hpp"
#include "model/evaluation_values_data.hpp"
#include "model/criteria_set_data.hpp"
#include "model/evaluation_data.hpp"
#include "model/evidence_value.hpp"
#include "model/number_text.hpp"
#include "model/rule_kinds.hpp"
#include "model/unicode.hpp"
#include "model/value_batch.hpp"

namespace cchc {
inline namespace v1 {

using detail::tr;
using detail::trf;
using fmt::literals::operator""_a;  // NOLINT(misc-unused-using-decls): clang-tidy 14 misses uses in "name"_a

const char* to_string(Stage stage) noexcept {
  switch (stage) {
    case Stage::self: return "self";
    case Stage::appraisal: return "appraisal";
    case Stage::appraisal2: return "appraisal2";
  }
  return "appraisal";
}

std::optional<Stage> parse_stage(std::string_view text) noexcept {
  text = detail::trim_spaces(text);
  if (text.empty() || text == "appraisal") return Stage::appraisal;
  if (text == "self") return Stage::self;
  if (text == "appraisal2") return Stage::appraisal2;
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Evaluation: read access to the compact storage.

namespace {
const std::shared_ptr<const detail::EvaluationData>& empty_evaluation() {
  static const auto empty = std::shared_ptr<const detail::EvaluationData>(std::make_shared<detail::EvaluationData>());
  return empty;
}

EvidenceValue expand(const detail::EvaluationData& d, const Criterion* node, std::int32_t index) {
  const detail::StoredValue& s = d.values[static_cast<std::size_t>(index)];
  EvidenceValue value;
  EvidenceValue::Data& v = detail::data_of(value);
  v.stage = s.stage();
  v.kind = s.kind();
  v.text = std::string(d.text_of(s));
  v.location = d.location(s);
  switch (s.kind()) {
    case ValueKind::number: v.number = Decimal::from_raw(s.number); break;
    case ValueKind::option: v.option = static_cast<std::size_t>(s.number); break;
    case ValueKind::answers:
      if (node != nullptr)
        for (std::size_t i = 0; i < node->rule.answers.size(); ++i)
          v.answers.push_back({node->rule.answers[i].answer, d.answer_counts[static_cast<std::size_t>(s.number) + i]});
      break;
    case ValueKind::not_applicable: break;
  }
  return value;
}
}  // namespace

Evaluation::Evaluation() : data_(empty_evaluation()) {}
Evaluation::Evaluation(std::shared_ptr<const detail::EvaluationData> data) noexcept : data_(std::move(data)) {}

const CriteriaSet& Evaluation::criteria() const noexcept { return data_->criteria; }
const std::vector<Unit>& Evaluation::units() const noexcept { return data_->units; }
const EvaluationOptions& Evaluation::options() const noexcept { return data_->options; }

std::optional<std::size_t> Evaluation::find_unit(std::string_view code) const noexcept {
  const auto it = data_->unit_by_code.find(code);
  if (it == data_->unit_by_code.end()) return std::nullopt;
  return it->second;
}

std::optional<EvidenceValue> Evaluation::value(std::size_t unit, NodeIndex node, std::optional<Stage> stage) const {
  const detail::EvaluationData& d = *data_;
  if (unit >= d.units.size() || node >= d.node_count) return std::nullopt;
  const std::int32_t head = d.latest(unit, node);
  const std::int32_t index = stage ? d.at_stage(head, *stage) : head;
  if (index == detail::no_value) return std::nullopt;
  return expand(d, &d.criteria.node(node), index);
}

std::optional<EvidenceValue> Evaluation::adjustment_value(std::size_t unit, std::size_t adjustment,
                                                          std::optional<Stage> stage) const {
  const detail::EvaluationData& d = *data_;
  if (unit >= d.units.size() || adjustment >= d.adjustment_count) return std::nullopt;
  const std::int32_t head = d.latest_adjustment(unit, adjustment);
  const std::int32_t index = stage ? d.at_stage(head, *stage) : head;
  if (index == detail::no_value) return std::nullopt;
  return expand(d, nullptr, index);
}

// ---------------------------------------------------------------------------------------------
// EvaluationBuilder: validates as it goes, reports everything at build().

namespace {
// Text as it is matched: spaces (no-break ones too) trimmed, and NFC, so that a code typed
// on a Mac (decomposed) is the code typed elsewhere. ASCII text, nearly all, is not copied.
std::string_view matchable_slow(std::string_view text, std::string& storage) {
  text = detail::trim_spaces(text);
  if (detail::is_ascii(text) || detail::is_nfc(text)) return text;
  storage = detail::to_nfc(text);
  return storage;
}

// ASCII, nearly every field, is trimmed here without a call (an OR over the bytes that the
// compiler vectorises); the rest goes through trim_spaces and ICU.
inline std::string_view matchable(std::string_view text, std::string& storage) {
  unsigned char any = 0;
  for (const char c : text) any = static_cast<unsigned char>(any | static_cast<unsigned char>(c));
  if (any >= 0x80) return matchable_slow(text, storage);
  auto space = [](char c) {
    return static_cast<unsigned char>(c) <= ' ' && (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f');
  };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

void normalize_field(std::string& field) {
  const std::string_view t = detail::trim_spaces(field);
  if (t.size() != field.size()) field = std::string(t);
  if (!detail::is_ascii(field)) detail::normalize_nfc(field);
}

std::string rows_text(const detail::Repeats& r) {
  std::string out;
  const std::uint32_t listed = std::min<std::uint32_t>(r.count, detail::listed_rows);
  for (std::uint32_t i = 0; i < listed; ++i) out += (i == 0 ? "" : ", ") + std::to_string(r.rows[i]);
  if (r.count > listed) out += ", …";
  return out;
}
}  // namespace

struct EvaluationBuilder::State {
  std::shared_ptr<detail::EvaluationData> data = std::make_shared<detail::EvaluationData>();
  // Kept diagnostics, in the order found; identical messages (same file and text) folded into
  // the first, with the rows of the others; past max_diagnostics only counted.
  std::vector<Diagnostic> diagnostics;
  std::vector<detail::Repeats> repeats;  // one per kept diagnostic
  detail::TextMap<std::size_t> by_text;
  std::string key;  // scratch
  std::size_t dropped = 0;
  std::string dropped_file;  // the file of the first diagnostic not kept
  bool failing = false;      // an error was reported: build() will fail
  bool slots_ready = false;
  bool too_many_cells = false;  // reported; no values are taken
  bool input_incomplete = false;
  std::vector<bool> units_with_refused_rows;  // their gaps are not reported: the row is

  // Once max_diagnostics are kept, further ones are only counted (not folded either), so that
  // a file with millions of errors costs a count each.
  bool full() const noexcept { return diagnostics.size() >= detail::max_diagnostics; }
  void count_dropped(const std::string& file, std::size_t n, bool errors = true) {
    if (n == 0) return;
    if (dropped == 0) dropped_file = file;
    dropped += n;
    failing = failing || errors;
  }

  void report(Diagnostic d, const detail::Repeats* more = nullptr) {
    failing = failing || d.severity() == Severity::error;
    if (full()) {
      count_dropped(d.location().file, 1 + (more != nullptr ? more->count : 0), d.severity() == Severity::error);
      return;
    }
    detail::fold_key(d, key);
    const auto it = by_text.find(key);
    if (it != by_text.end()) {
      if (more != nullptr) repeats[it->second].add(d.location().line, *more);
      else repeats[it->second].add(d.location().line);
      return;
    }
    by_text.emplace(key, diagnostics.size());
    diagnostics.push_back(std::move(d));
    repeats.push_back(more != nullptr ? *more : detail::Repeats{});
  }
  void report(SourceLocation where, const char* code, std::string key_name, std::string message) {
    report(Diagnostic{std::move(where), Severity::error, std::move(key_name), std::move(message)}.set_code(code));
  }

  // The messages of folded diagnostics get their counts.
  void finish_messages() {
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
      Diagnostic& d = diagnostics[i];
      const detail::Repeats& r = repeats[i];
      const std::uint32_t rows = r.count + 1;
      if (d.code() == "unit-row-invalid") {
        d.set_message(trf(rows == 1 ? "{count} evidence row of {unit} skipped: its units row is invalid"
                                    : "{count} evidence rows of {unit} skipped: its units row is invalid",
                          fmt::arg("count", rows), "unit"_a = detail::quote_value(d.unit())));
      } else if (d.code() == "unit-not-read") {
        d.set_message(trf(rows == 1 ? "{count} evidence row skipped: {reason}" : "{count} evidence rows skipped: {reason}", fmt::arg("count", rows),
                          "reason"_a = d.message()));
      } else if (r.count > 0) {
        if (d.location().line == 0)
          d.set_message(trf("{message} (and {count} more like it)", "message"_a = d.message(), fmt::arg("count", r.count)));
        else
          d.set_message(trf(r.count == 1 ? "{message} (and {count} more row like it: row {rows})"
                                         : "{message} (and {count} more rows like it: rows {rows})",
                            "message"_a = d.message(), fmt::arg("count", r.count), "rows"_a = rows_text(r)));
      }
    }
    if (dropped > 0)
      diagnostics.push_back(Diagnostic{SourceLocation{dropped_file, 0, 0}, Severity::error, std::string(),
                                       trf(dropped == 1 ? "{count} more error not shown" : "{count} more errors not shown", "count"_a = dropped)}
                                .set_code("more-errors"));
  }

  void ensure_slots() {
    if (slots_ready) return;
    slots_ready = true;
    detail::EvaluationData& d = *data;
    const std::size_t units = d.units.size();
    const std::size_t widest = std::max(d.node_count, d.adjustment_count);
    if (widest != 0 && units > detail::max_cells / widest) {
      too_many_cells = true;
      input_incomplete = true;
      report(units == 0 ? SourceLocation{} : d.units.back().location(), "too-many-cells", "code",
             trf("{units} units × {criteria} criteria is more than {cells} cells: split the evaluation", "units"_a = units,
                 "criteria"_a = widest, "cells"_a = detail::max_cells));
      return;
    }
    d.cells.assign(units * d.node_count, detail::no_value);
    d.adjustment_cells.assign(units * d.adjustment_count, detail::no_value);
  }

  unsigned file_index(const std::string& file) {
    auto& files = data->files;
    if (!files.empty() && files[last_file] == file) return last_file;  // rows come file by file
    for (std::size_t i = 0; i < files.size(); ++i)
      if (files[i] == file) return last_file = static_cast<unsigned>(i);
    // Locations can name a fixed number of files; further ones share the last slot.
    if (files.size() >= detail::max_value_files) return detail::max_value_files - 1;
    files.push_back(file);
    last_file = static_cast<unsigned>(files.size() - 1);
    return last_file;
  }
  unsigned last_file = 0;
  detail::UnitCache unit_cache;  // add_value's
  detail::ValueBatch batch;      // add_value's, reused
};

EvaluationBuilder::EvaluationBuilder(CriteriaSet criteria, EvaluationOptions options) : state_(std::make_unique<State>()) {
  detail::EvaluationData& d = *state_->data;
  d.criteria = std::move(criteria);
  d.options = std::move(options);
  d.node_count = d.criteria.nodes().size();
  d.adjustment_count = d.criteria.adjustments().size();
}
EvaluationBuilder::~EvaluationBuilder() = default;
EvaluationBuilder::EvaluationBuilder(EvaluationBuilder&&) noexcept = default;
EvaluationBuilder& EvaluationBuilder::operator=(EvaluationBuilder&&) noexcept = default;

void EvaluationBuilder::add_diagnostic(Diagnostic diagnostic, bool input_incomplete) {
  state_->input_incomplete = state_->input_incomplete || input_incomplete;
  state_->report(std::move(diagnostic));
}

void EvaluationBuilder::add_unit(Unit unit) {
  Unit::Data& fields = detail::data_of(unit);
  State& s = *state_;
  detail::EvaluationData& d = *s.data;
  normalize_field(fields.code);
  normalize_field(fields.name);
  normalize_field(fields.group);
  // A unit from a file has a row; one given through the API has none.
  const bool from_file = fields.location.line != 0;
  auto problem = [&](const char* code, const char* key, std::string message) {
    Diagnostic refusal{fields.location, Severity::error, key, std::move(message)};
    refusal.set_code(code).set_unit(fields.code);
    s.report(std::move(refusal));
  };
  if (s.slots_ready) {
    problem("unit-after-values", "code", trf("unit {unit} added after evidence; add every unit first", "unit"_a = detail::quote_value(fields.code)));
    return;
  }
  if (fields.code.empty()) {
    problem("empty-unit-code", "code", tr("the unit code is empty"));
    return;
  }
  if (fields.name.empty()) problem("empty-unit-name", "name", trf("unit {unit} has an empty name", "unit"_a = detail::quote_value(fields.code)));
  if (!d.criteria.groups().empty() && !fields.group.empty() && d.criteria.find_group(fields.group) == nullptr) {
    std::string known;
    for (const auto& g : d.criteria.groups()) known += (known.empty() ? "" : ", ") + g.key;
    problem("unknown-group", "group",
            trf("unknown group {group} for unit {unit}; the set declares: {known}", "group"_a = detail::quote_value(fields.group),
                "unit"_a = detail::quote_value(fields.code), "known"_a = known));
  }
  const auto [it, inserted] = d.unit_by_code.emplace(fields.code, d.units.size());
  if (!inserted) {
    const Unit& first = d.units[it->second];
    problem("duplicate-unit", "code",
            from_file && first.location().line != 0
                ? trf("duplicate unit code {unit} (first at row {row})", "unit"_a = detail::quote_value(fields.code), fmt::arg("row", first.location().line))
                : trf("duplicate unit code {unit} (already added to the builder)", "unit"_a = detail::quote_value(fields.code)));
    return;
  }
  d.units.push_back(std::move(unit));
}

void EvaluationBuilder::reserve(std::size_t values) {
  state_->data->values.reserve(values);
  state_->data->text.reserve(values * 4);
}

void EvaluationBuilder::add_value(std::string_view unit, std::string_view criterion, std::string_view value, Stage stage,
                                  const SourceLocation& where, bool decimal_comma) {
  State& s = *state_;
  const detail::EvaluationData* d = detail::BuilderAccess::data_for_values(*this);
  if (d == nullptr) return;
  std::size_t first_value = 0;
  if (!detail::BuilderAccess::make_room(*this, 1, value.size(), where, first_value)) return;
  s.batch.place(s.data->values.data() + first_value, 1, s.file_index(where.file));
  detail::BuilderAccess::prepare(*d, s.unit_cache, unit, criterion, value, stage, where, decimal_comma, s.batch);
  detail::BuilderAccess::trim_room(*this, first_value + s.batch.count);
  detail::BuilderAccess::commit(*this, s.batch, first_value);
}

namespace detail {

const EvaluationData* BuilderAccess::data_for_values(EvaluationBuilder& builder) {
  EvaluationBuilder::State& s = *builder.state_;
  s.ensure_slots();
  return s.too_many_cells ? nullptr : s.data.get();
}

unsigned BuilderAccess::file_index(EvaluationBuilder& builder, const std::string& file) {
  return builder.state_->file_index(file);
}

bool BuilderAccess::make_room(EvaluationBuilder& builder, std::size_t count, std::size_t text_bytes, const SourceLocation& where,
                              std::size_t& first_value) {
  EvaluationBuilder::State& s = *builder.state_;
  EvaluationData& d = *s.data;
  first_value = d.values.size();
  // Values link to each other by int32 index; text offsets are uint32.
  if (count > static_cast<std::size_t>(INT32_MAX) - first_value || text_bytes > UINT32_MAX - d.text.size()) {
    s.input_incomplete = true;
    s.report(where, "too-many-values", "",
             trf("too many values: one evaluation holds at most {count} values and 4 GiB of value text", "count"_a = INT32_MAX));
    return false;
  }
  d.values.resize(first_value + count);
  d.text.reserve(d.text.size() + text_bytes);
  return true;
}

StoredValue* BuilderAccess::values(EvaluationBuilder& builder) { return builder.state_->data->values.data(); }

void BuilderAccess::trim_room(EvaluationBuilder& builder, std::size_t values_end) {
  builder.state_->data->values.resize(values_end);
}

void BuilderAccess::refuse_unit(EvaluationBuilder& builder, std::string_view code) {
  std::string storage;
  const std::string_view c = matchable(code, storage);
  if (!c.empty()) builder.state_->data->refused_units.emplace(std::string(c), true);
}

void BuilderAccess::units_stopped(EvaluationBuilder& builder, const SourceLocation& where) {
  builder.state_->data->units_stopped = where;
  builder.state_->input_incomplete = true;
}

void BuilderAccess::name_sheet(EvaluationBuilder& builder, const std::string& file, const std::string& sheet) {
  builder.state_->data->workbook_sheets.emplace_back(file, sheet);
}

bool BuilderAccess::failing(const EvaluationBuilder& builder) { return builder.state_->failing; }

bool BuilderAccess::full(const EvaluationBuilder& builder) { return builder.state_->full(); }

std::optional<std::uint32_t> BuilderAccess::find_unit(const EvaluationData& d, std::string_view code) {
  std::string storage;
  const auto it = d.unit_by_code.find(matchable(code, storage));
  if (it == d.unit_by_code.end()) return std::nullopt;
  return static_cast<std::uint32_t>(it->second);
}

void BuilderAccess::prepare(const EvaluationData& d, UnitCache& cache, std::string_view unit, std::string_view criterion,
                            std::string_view value, Stage stage, const SourceLocation& where, bool decimal_comma,
                            ValueBatch& batch) {
  const CriteriaSet& set = d.criteria;
  // Trimmed (no-break spaces too) and NFC; ASCII text, nearly all, is neither copied nor
  // given to ICU.
  std::string unit_nfc, criterion_nfc, value_nfc;
  // Rows come grouped by unit: a code as written equal to the last one found needs nothing more.
  if (!cache.valid || unit != cache.code) unit = matchable(unit, unit_nfc);
  criterion = matchable(criterion, criterion_nfc);
  const bool from_file = !where.file.empty();
  auto diagnostic = [&](const char* code, const char* key, std::string message) {
    Diagnostic out{where, Severity::error, key, std::move(message)};
    out.set_code(code).set_stage(to_string(stage));
    return out;
  };

  if (!cache.valid || unit != cache.code) {
    const std::string_view code = unit;
    const auto it = d.unit_by_code.find(code);
    if (it == d.unit_by_code.end()) {
      if (batch.count_only) {
        ++batch.dropped;
        return;
      }
      const std::string quoted = quote_value(code);
      if (d.refused_units.find(code) != d.refused_units.end()) {
        // Counted under one line per unit; the message is finished by build().
        batch.add_problem(diagnostic("unit-row-invalid", "unit", trf("evidence rows of {unit} skipped: its units row is invalid", "unit"_a = quoted))
                              .set_unit(std::string(code)));
      } else if (d.units_stopped.line != 0) {
        batch.add_problem(diagnostic("unit-not-read", "unit",
                                     trf("their units were not read ({file} stops at its error in row {row})", "file"_a = d.units_stopped.file,
                                         fmt::arg("row", d.units_stopped.line))));
      } else {
        batch.add_problem(diagnostic("unknown-unit", "unit",
                                     from_file ? trf("unknown unit {unit} (not in the units file)", "unit"_a = quoted)
                                               : trf("unit {unit} was not added to the builder", "unit"_a = quoted))
                              .set_unit(std::string(code))
                              .set_criterion(std::string(criterion)));
      }
      return;
    }
    cache.index = static_cast<std::uint32_t>(it->second);
    cache.code.assign(unit);
    cache.valid = true;
  }
  const std::uint32_t u = cache.index;
  const std::string& unit_code = d.units[u].code();
  std::optional<NodeIndex> found;
  const auto& nodes = set.nodes();
  for (std::uint32_t guess = cache.last_node + 1; guess < nodes.size() && guess <= cache.last_node + 2; ++guess)
    if (nodes[guess].id == criterion) {
      found = guess;
      break;
    }
  if (!found && !criterion.empty()) found = set.find(criterion);
  if (found) cache.last_node = *found;
  const NodeIndex node_index = found.value_or(0);
  const Criterion* node = found ? &nodes[node_index] : nullptr;
  std::optional<std::size_t> adjustment;
  if (node == nullptr) adjustment = set.find_adjustment(criterion);
  if (node == nullptr && !adjustment) {
    if (batch.count_only) {
      ++batch.dropped;
      return;
    }
    batch.add_problem(diagnostic("unknown-criterion", "criterion",
                                 trf("unknown criterion {criterion} (not a node or adjustment id of set '{set}')", "criterion"_a = quote_value(criterion),
                                     "set"_a = set.id()))
                          .set_unit(unit_code)
                          .set_criterion(std::string(criterion)));
    return;
  }
  const CellKey cell = node != nullptr ? static_cast<CellKey>(u * d.node_count + node_index)
                                       : static_cast<CellKey>(u * d.adjustment_count + *adjustment) | adjustment_cell;
  const std::string_view text = matchable(value, value_nfc);
  auto refuse = [&](const char* code, const std::string& reason) {
    if (batch.count_only) {
      ++batch.dropped;
      batch.refused_cells.push_back(cell);
      return;
    }
    batch.add_refusal(diagnostic(code, "value",
                                 trf("unit {unit}, criterion {criterion}: {reason}", "unit"_a = quote_value(unit_code),
                                     "criterion"_a = quote_value(criterion), "reason"_a = reason))
                          .set_unit(unit_code)
                          .set_criterion(std::string(criterion)),
                      cell);
  };
  if (text.size() > max_value_text) {
    refuse("value-too-long", trf("the value is longer than {count} bytes", "count"_a = max_value_text));
    return;
  }
  InterpretedValue v = node ? interpret_value(*node, set.rounding(), text, decimal_comma)
                            : interpret_adjustment(set.adjustments()[*adjustment], set.rounding(), text, decimal_comma);
  if (!v.error.empty()) {
    refuse(v.code != nullptr && *v.code != '\0' ? v.code : "invalid-value", v.error);
    return;
  }
  // The room is sized from the slice's records: running out is a bug, not bad input.
  if (batch.count >= batch.capacity) throw std::logic_error("cchc: internal error: evidence batch out of room");
  StoredValue out{};
  out.pack(v.kind, stage, batch.file);
  out.number = v.number;
  out.previous = static_cast<std::int32_t>(cell);  // the cell key until commit (see CellKey)
  out.text_begin = static_cast<std::uint32_t>(batch.text.size());
  out.text_size = static_cast<std::uint8_t>(text.size());
  if (batch.keep_text) batch.text.append(text);
  out.line = where.line;
  out.column = static_cast<std::uint16_t>(std::min<std::uint32_t>(where.column, 65535));
  const std::uint32_t* answers = nullptr;
  if (v.kind == ValueKind::answers) {
    out.number = static_cast<std::int64_t>(batch.answers.size());  // rebased by commit
    for (const std::int64_t c : v.answers) batch.answers.push_back(static_cast<std::uint32_t>(c));
    answers = batch.answers.data() + out.number;
  }
  // The points under the rule, once: scoring only aggregates them.
  if (v.kind == ValueKind::not_applicable) out.points = 0;
  else if (node != nullptr && node->is_leaf()) out.points = leaf_points(LeafInput{*node, out, answers, set.rounding()}).raw();
  else out.points = v.number;  // a node's or an adjustment's points, already on the set's grid
  batch.values[batch.count] = out;
  ++batch.count;
}

void BuilderAccess::commit(EvaluationBuilder& builder, const ValueBatch& batch, std::size_t first_value) {
  EvaluationBuilder::State& s = *builder.state_;
  EvaluationData& d = *s.data;
  auto head_of = [&d](CellKey cell) -> std::int32_t& {
    return (cell & adjustment_cell) != 0 ? d.adjustment_cells[cell & ~adjustment_cell] : d.cells[cell];
  };
  // Once the build is sure to fail, the values' text is not kept: only the records, which
  // duplicates and build()'s checks need (a malformed 500 MB file would otherwise keep it all).
  const bool keep_text = !s.failing && batch.keep_text;
  const auto text_base = static_cast<std::uint32_t>(d.text.size());  // make_room checked it fits
  if (keep_text) d.text.insert(d.text.end(), batch.text.begin(), batch.text.end());
  const auto answers_base = static_cast<std::int64_t>(d.answer_counts.size());
  if (keep_text) d.answer_counts.insert(d.answer_counts.end(), batch.answers.begin(), batch.answers.end());
  s.input_incomplete = s.input_incomplete || batch.input_incomplete;
  std::size_t next_problem = 0;
  auto report_problems_before = [&](std::size_t position) {
    for (; next_problem < batch.problems.size() && batch.problems[next_problem].before <= position; ++next_problem) {
      const ValueBatch::Problem& p = batch.problems[next_problem];
      s.report(p.diagnostic, &p.repeats);
    }
  };
  for (std::size_t i = 0; i < batch.count; ++i) {
    if (!batch.problems.empty()) report_problems_before(i);
    const auto index = static_cast<std::int32_t>(first_value + i);
    StoredValue& placed = d.values[first_value + i];
    const auto cell = static_cast<CellKey>(placed.previous);
    placed.previous = no_value;
    placed.text_begin = keep_text ? placed.text_begin + text_base : text_base;
    if (!keep_text) placed.text_size = 0;
    if (placed.kind() == ValueKind::answers) placed.number += answers_base;
    std::int32_t& head = head_of(cell);
    if (head == refused_value) head = no_value;
    if (head == no_value) {  // the usual case: the cell's first value
      head = index;
      continue;
    }
    // The cell's values are chained latest first; find where this stage goes.
    const Stage stage = placed.stage();
    std::int32_t after = no_value;  // the value this one follows (none: it becomes the head)
    std::int32_t next = head;
    while (next != no_value && d.values[static_cast<std::size_t>(next)].stage() > stage) {
      after = next;
      next = d.values[static_cast<std::size_t>(next)].previous;
    }
    if (next != no_value && d.values[static_cast<std::size_t>(next)].stage() == stage) {
      if (s.full()) {
        s.count_dropped(d.files.empty() ? std::string() : d.files[placed.file()], 1);
        continue;
      }
      const bool adjustment = (cell & adjustment_cell) != 0;
      const std::size_t slot = cell & ~adjustment_cell;
      const std::size_t width = adjustment ? d.adjustment_count : d.node_count;
      const std::string& unit_code = d.units[slot / width].code();
      const std::string& id = adjustment ? d.criteria.adjustments()[slot % width].id : d.criteria.nodes()[slot % width].id;
      const std::uint32_t first_row = d.values[static_cast<std::size_t>(next)].line;
      s.report(Diagnostic{d.location(placed), Severity::error, "criterion",
                          first_row != 0 ? trf("duplicate value for unit {unit}, criterion {criterion}, stage {stage} (first at row {row})",
                                               "unit"_a = quote_value(unit_code), "criterion"_a = quote_value(id),
                                               "stage"_a = to_string(stage), fmt::arg("row", first_row))
                                         : trf("duplicate value for unit {unit}, criterion {criterion}, stage {stage} (given twice)",
                                               "unit"_a = quote_value(unit_code), "criterion"_a = quote_value(id),
                                               "stage"_a = to_string(stage))}
                   .set_code("duplicate-value")
                   .set_unit(unit_code)
                   .set_criterion(id)
                   .set_stage(to_string(stage)));
      continue;  // stays unlinked: never reached
    }
    d.values[static_cast<std::size_t>(index)].previous = next;
    if (after == no_value) head = index;
    else d.values[static_cast<std::size_t>(after)].previous = index;
  }
  report_problems_before(batch.count);
  s.count_dropped(d.files.empty() ? std::string() : d.files[batch.file], batch.dropped);
  for (const std::uint32_t u : batch.units_with_refused_rows) {
    if (s.units_with_refused_rows.size() <= u) s.units_with_refused_rows.resize(d.units.size());
    s.units_with_refused_rows[u] = true;
  }
  // A refused value's cell is reported once: not also a gap (unless another value fills it).
  for (const CellKey cell : batch.refused_cells) {
    std::int32_t& head = head_of(cell);
    if (head == no_value) head = refused_value;
  }
}

}  // namespace detail

Loaded<Evaluation> EvaluationBuilder::build() && {
  State& s = *state_;
  s.ensure_slots();
  // A workbook's places name its sheet: the units' (seen in later messages) now, the
  // diagnostics' once all are in.
  auto name_sheets = [&s] {
    for (const auto& [file, sheet] : s.data->workbook_sheets) {
      for (Diagnostic& d : s.diagnostics)
        if (d.location().file == file && d.location().sheet.empty()) {
          SourceLocation at = d.location();
          at.sheet = sheet;
          d.set_location(std::move(at));
        }
    }
  };
  for (const auto& [file, sheet] : s.data->workbook_sheets)
    for (Unit& u : s.data->units)
      if (u.location().file == file) detail::data_of(u).location.sheet = sheet;
  if (s.too_many_cells) {
    s.finish_messages();
    name_sheets();
    return Loaded<Evaluation>(std::move(s.diagnostics));
  }
  detail::EvaluationData& d = *s.data;
  const std::vector<Criterion>& nodes = d.criteria.nodes();
  const std::size_t n = nodes.size();

  // In pre-order a node's subtree is the contiguous range [i, subtree_end[i]).
  std::vector<std::size_t> subtree_end(n, n);
  for (std::size_t i = n; i-- > 0;) {
    std::size_t end = i + 1;
    for (NodeIndex c : nodes[i].children) end = std::max(end, subtree_end[c]);
    subtree_end[i] = end;
  }

  for (std::size_t u = 0; u < d.units.size(); ++u) {
    std::vector<std::string> gaps;
    for (std::size_t i = 1; i < n;) {
      const std::int32_t head = d.latest(u, i);
      if (head == detail::refused_value) {
        ++i;
        continue;
      }
      if (head != detail::no_value && !nodes[i].is_leaf()) {
        // A node's points stand for its subtree from the earliest stage they were given at;
        // values inside it are allowed only at earlier stages (a self-assessment of the
        // leaves under the council's field total), where they feed the deviation report.
        std::int32_t earliest = head;
        while (d.values[static_cast<std::size_t>(earliest)].previous != detail::no_value)
          earliest = d.values[static_cast<std::size_t>(earliest)].previous;
        const Stage first_stage = d.values[static_cast<std::size_t>(earliest)].stage();
        for (std::size_t j = i + 1; j < subtree_end[i]; ++j) {
          const std::int32_t inner = d.latest(u, j);
          if (inner < 0 || d.values[static_cast<std::size_t>(inner)].stage() < first_stage) continue;
          const detail::StoredValue& sv = d.values[static_cast<std::size_t>(inner)];
          s.report(Diagnostic{d.location(sv), Severity::error, "criterion",
                              trf("unit {unit}: evidence at '{node}' (stage {stage}) gives its whole subtree, so '{inner}' inside it "
                                  "must not also be given at stage {stage} or later",
                                  "unit"_a = detail::quote_value(d.units[u].code()), "node"_a = nodes[i].id,
                                  "stage"_a = to_string(first_stage), "inner"_a = nodes[j].id)}
                       .set_code("node-and-inside")
                       .set_unit(d.units[u].code())
                       .set_criterion(nodes[j].id)
                       .set_stage(to_string(sv.stage())));
          break;
        }
        i = subtree_end[i];
        continue;
      }
      if (head == detail::no_value && nodes[i].is_leaf()) gaps.push_back(nodes[i].id);
      ++i;
    }
    const bool row_refused = u < s.units_with_refused_rows.size() && s.units_with_refused_rows[u];
    if (!gaps.empty() && !d.options.missing_as_zero() && !s.input_incomplete && !row_refused) {
      std::string list;
      for (const auto& g : gaps) list += (list.empty() ? "" : ", ") + g;
      s.report(Diagnostic{d.units[u].location(), Severity::error, "criterion",
                          trf(gaps.size() == 1 ? "unit {unit} has no evidence for {count} leaf: {list} (or ask to score gaps as zero)"
                                               : "unit {unit} has no evidence for {count} leaves: {list} (or ask to score gaps as zero)",
                              "unit"_a = detail::quote_value(d.units[u].code()), "count"_a = gaps.size(), "list"_a = list)}
                   .set_code("missing-evidence")
                   .set_unit(d.units[u].code()));
    }
  }
  s.finish_messages();
  name_sheets();
  if (s.failing) return Loaded<Evaluation>(std::move(s.diagnostics));
  return Loaded<Evaluation>(Evaluation(std::move(s.data)), std::move(s.diagnostics));  // warnings only
}

}  // namespace v1
}  // namespace cchc
