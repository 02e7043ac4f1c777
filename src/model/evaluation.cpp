#include "cchc/model/evaluation.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

#include "model/criteria_set_data.hpp"
#include "model/evaluation_data.hpp"
#include "model/evidence_value.hpp"
#include "model/number_text.hpp"
#include "model/rule_kinds.hpp"
#include "model/value_batch.hpp"

namespace cchc {
inline namespace v1 {

const char* to_string(Stage stage) noexcept {
  switch (stage) {
    case Stage::self: return "self";
    case Stage::appraisal: return "appraisal";
    case Stage::appraisal2: return "appraisal2";
  }
  return "appraisal";
}

std::optional<Stage> parse_stage(std::string_view text) noexcept {
  text = detail::trim(text);
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
  EvidenceValue v;
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
  return v;
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
constexpr std::size_t max_diagnostics = 500;
}

struct EvaluationBuilder::State {
  std::shared_ptr<detail::EvaluationData> data = std::make_shared<detail::EvaluationData>();
  std::vector<Diagnostic> diagnostics;
  std::size_t dropped = 0;
  bool slots_ready = false;
  bool too_many_cells = false;  // reported; no values are taken
  bool input_incomplete = false;

  void report(SourceLocation where, std::string key, std::string message) {
    if (diagnostics.size() >= max_diagnostics) { ++dropped; return; }
    diagnostics.push_back(Diagnostic{std::move(where), Severity::error, std::move(key), std::move(message)});
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
      report(units == 0 ? SourceLocation{} : d.units.back().location, "code",
             std::to_string(units) + " units × " + std::to_string(widest) + " criteria is more than " +
                 std::to_string(detail::max_cells) + " cells: split the evaluation");
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
  d.options = options;
  d.node_count = d.criteria.nodes().size();
  d.adjustment_count = d.criteria.adjustments().size();
}
EvaluationBuilder::~EvaluationBuilder() = default;
EvaluationBuilder::EvaluationBuilder(EvaluationBuilder&&) noexcept = default;
EvaluationBuilder& EvaluationBuilder::operator=(EvaluationBuilder&&) noexcept = default;

void EvaluationBuilder::add_diagnostic(Diagnostic diagnostic, bool input_incomplete) {
  state_->input_incomplete = state_->input_incomplete || input_incomplete;
  state_->report(diagnostic.location(), diagnostic.key(), diagnostic.message());
}

void EvaluationBuilder::add_unit(Unit unit) {
  State& s = *state_;
  detail::EvaluationData& d = *s.data;
  if (s.slots_ready) {
    s.report(unit.location, "code", "unit '" + unit.code + "' added after evidence; add every unit first");
    return;
  }
  unit.code = std::string(detail::trim(unit.code));
  if (unit.code.empty()) {
    s.report(unit.location, "code", "the unit code is empty");
    return;
  }
  if (detail::trim(unit.name).empty()) s.report(unit.location, "name", "unit '" + unit.code + "' has an empty name");
  if (!d.criteria.groups().empty() && !unit.group.empty() && d.criteria.find_group(unit.group) == nullptr) {
    std::string known;
    for (const auto& g : d.criteria.groups()) known += (known.empty() ? "" : ", ") + g.key;
    s.report(unit.location, "group", "unknown group '" + unit.group + "' for unit '" + unit.code + "'; the set declares: " + known);
  }
  const auto [it, inserted] = d.unit_by_code.emplace(unit.code, d.units.size());
  if (!inserted) {
    const Unit& first = d.units[it->second];
    s.report(unit.location, "code", "duplicate unit code '" + unit.code + "' (first at row " + std::to_string(first.location.line) + ")");
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
    s.report(where, "", "too many values: one evaluation holds at most " + std::to_string(INT32_MAX) +
                            " values and 4 GiB of value text");
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

void BuilderAccess::prepare(const EvaluationData& d, UnitCache& cache, std::string_view unit, std::string_view criterion,
                            std::string_view value, Stage stage, const SourceLocation& where, bool decimal_comma,
                            ValueBatch& batch) {
  const CriteriaSet& set = d.criteria;
  unit = trim(unit);
  criterion = trim(criterion);
  auto problem = [&](const char* key, std::string message) {
    batch.add_problem(Diagnostic{where, Severity::error, key, std::move(message)});
  };

  if (!cache.valid || unit != cache.code) {
    const auto it = d.unit_by_code.find(unit);
    if (it == d.unit_by_code.end()) {
      problem("unit", "unknown unit '" + std::string(unit) + "' (not in the units file)");
      return;
    }
    cache.index = static_cast<std::uint32_t>(it->second);
    cache.code.assign(unit);
    cache.valid = true;
  }
  const std::uint32_t u = cache.index;
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
    problem("criterion", "unknown criterion '" + std::string(criterion) + "' (not a node or adjustment id of set '" + set.id() + "')");
    return;
  }
  const CellKey cell = node != nullptr ? static_cast<CellKey>(u * d.node_count + node_index)
                                       : static_cast<CellKey>(u * d.adjustment_count + *adjustment) | adjustment_cell;
  const std::string_view text = trim(value);
  if (text.size() > max_value_text) {
    problem("value", "unit '" + std::string(unit) + "', criterion '" + std::string(criterion) + "': the value is longer than " +
                         std::to_string(max_value_text) + " characters");
    return;
  }
  InterpretedValue v = node ? interpret_value(*node, set.rounding(), text, decimal_comma)
                            : interpret_adjustment(set.adjustments()[*adjustment], set.rounding(), text, decimal_comma);
  if (!v.error.empty()) {
    problem("value", "unit '" + std::string(unit) + "', criterion '" + std::string(criterion) + "': " + v.error);
    ValueBatch::Problem& p = batch.problems.back();
    p.refuses_cell = true;
    p.cell = cell;
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
  batch.text.append(text);
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
  const auto text_base = static_cast<std::uint32_t>(d.text.size());  // make_room checked it fits
  d.text.insert(d.text.end(), batch.text.begin(), batch.text.end());
  const auto answers_base = static_cast<std::int64_t>(d.answer_counts.size());
  d.answer_counts.insert(d.answer_counts.end(), batch.answers.begin(), batch.answers.end());
  std::size_t next_problem = 0;
  auto report_problems_before = [&](std::size_t position) {
    for (; next_problem < batch.problems.size() && batch.problems[next_problem].before <= position; ++next_problem) {
      const ValueBatch::Problem& p = batch.problems[next_problem];
      s.input_incomplete = s.input_incomplete || p.input_incomplete;
      s.report(p.diagnostic.location(), p.diagnostic.key(), p.diagnostic.message());
      if (p.refuses_cell) {
        std::int32_t& head = head_of(p.cell);
        if (head == no_value) head = refused_value;  // reported once: not also a gap
      }
    }
  };
  for (std::size_t i = 0; i < batch.count; ++i) {
    if (!batch.problems.empty()) report_problems_before(i);
    const auto index = static_cast<std::int32_t>(first_value + i);
    StoredValue& placed = d.values[first_value + i];
    const auto cell = static_cast<CellKey>(placed.previous);
    placed.previous = no_value;
    placed.text_begin += text_base;
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
      const bool adjustment = (cell & adjustment_cell) != 0;
      const std::size_t slot = cell & ~adjustment_cell;
      const std::size_t width = adjustment ? d.adjustment_count : d.node_count;
      const std::string& unit_code = d.units[slot / width].code;
      const std::string& id = adjustment ? d.criteria.adjustments()[slot % width].id : d.criteria.nodes()[slot % width].id;
      s.report(d.location(placed), "criterion",
               "duplicate value for unit '" + unit_code + "', criterion '" + id + "', stage " + to_string(stage) +
                   " (first at row " + std::to_string(d.values[static_cast<std::size_t>(next)].line) + ")");
      continue;  // stays unlinked: never reached
    }
    d.values[static_cast<std::size_t>(index)].previous = next;
    if (after == no_value) head = index;
    else d.values[static_cast<std::size_t>(after)].previous = index;
  }
  report_problems_before(batch.count);
}

}  // namespace detail

Loaded<Evaluation> EvaluationBuilder::build() && {
  State& s = *state_;
  s.ensure_slots();
  if (s.too_many_cells) return Loaded<Evaluation>(std::move(s.diagnostics));
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
          s.report(d.location(sv), "criterion",
                   "unit '" + d.units[u].code + "': evidence at '" + nodes[i].id + "' (stage " + to_string(first_stage) +
                       ") gives its whole subtree, so '" + nodes[j].id + "' inside it must not also be given at stage " +
                       to_string(first_stage) + " or later");
          break;
        }
        i = subtree_end[i];
        continue;
      }
      if (head == detail::no_value && nodes[i].is_leaf()) gaps.push_back(nodes[i].id);
      ++i;
    }
    if (!gaps.empty() && !d.options.missing_as_zero && !s.input_incomplete) {
      std::string list;
      for (const auto& g : gaps) list += (list.empty() ? "" : ", ") + g;
      s.report(d.units[u].location, "criterion",
               "unit '" + d.units[u].code + "' has no evidence for " + std::to_string(gaps.size()) +
                   (gaps.size() == 1 ? " leaf: " : " leaves: ") + list + " (or ask to score gaps as zero)");
    }
  }
  if (s.dropped > 0)
    s.diagnostics.push_back(Diagnostic{SourceLocation{d.files.empty() ? std::string("<evidence>") : d.files.back(), 0, 0},
                                       Severity::error, std::string(), std::to_string(s.dropped) + " more errors not shown"});
  if (!s.diagnostics.empty()) return Loaded<Evaluation>(std::move(s.diagnostics));
  return Loaded<Evaluation>(Evaluation(std::move(s.data)), {});
}

}  // namespace v1
}  // namespace cchc
