// units.csv + evidence.csv -> a validated Evaluation (through EvaluationBuilder).
#include <algorithm>
#include <cctype>

#include "cchc/io/load.hpp"
#include "io/csv_reader.hpp"
#include "io/file_text.hpp"
#include "model/number_text.hpp"
#include "model/utf8.hpp"
#include "model/value_batch.hpp"

#include <thread>

namespace cchc {
inline namespace v1 {
namespace {

std::string lower(std::string_view s) {
  std::string out(detail::trim(s));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

SourceLocation at(const std::string& file, std::uint32_t row, std::size_t column) {
  return SourceLocation{file, row, static_cast<std::uint32_t>(column)};
}

// Text-level checks shared by both tables; false when the table cannot be read at all.
bool check_table_text(std::string_view text, const std::string& file, EvaluationBuilder& out) {
  const detail::TextProblem p = detail::check_text(text);
  if (p.line != 0) {
    out.add_diagnostic(Diagnostic{at(file, p.line, p.column), Severity::error, {}, p.message}, true);
    return false;
  }
  if (detail::trim(text).empty() || text == "\xEF\xBB\xBF") {
    out.add_diagnostic(Diagnostic{at(file, 0, 0), Severity::error, {}, "the file is empty: expected a header row"}, true);
    return false;
  }
  return true;
}

void report_csv_error(const detail::CsvReader& r, const std::string& file, EvaluationBuilder& out) {
  out.add_diagnostic(Diagnostic{at(file, r.error_row(), r.error_column()), Severity::error, {}, r.error()}, true);
}

bool parse_ranked(std::string_view text, bool& ranked) {
  const std::string t = lower(text);
  // tolower() folds ASCII only: the Vietnamese words are listed in both cases.
  if (t.empty() || t == "true" || t == "yes" || t == "1" || t == "x" || t == "có" || t == "cÓ") { ranked = true; return true; }
  if (t == "false" || t == "no" || t == "0" || t == "không" || t == "khÔng") { ranked = false; return true; }
  return false;
}

// False when the units could not be read at all (then evidence rows cannot be checked).
bool read_units(std::string_view text, const std::string& file, EvaluationBuilder& out) {
  if (!check_table_text(text, file, out)) return false;
  detail::CsvReader reader(text);
  detail::CsvRecord rec;
  if (!reader.next(rec)) {
    if (!reader.error().empty()) report_csv_error(reader, file, out);
    return false;
  }
  int code = -1, name = -1, group = -1, ranked = -1;
  std::vector<std::string> header;
  for (std::size_t i = 0; i < rec.fields.size(); ++i) {
    const std::string h = lower(rec.fields[i]);
    header.emplace_back(detail::trim(rec.fields[i]));
    int* slot = h == "code" ? &code : h == "name" ? &name : h == "group" ? &group : h == "ranked" ? &ranked : nullptr;
    if (slot == nullptr) continue;
    if (*slot >= 0) {
      out.add_diagnostic(Diagnostic{at(file, rec.row, i + 1), Severity::error, h, "duplicate column '" + h + "'"});
      continue;
    }
    *slot = static_cast<int>(i);
  }
  if (code < 0 || name < 0) {
    out.add_diagnostic(Diagnostic{at(file, rec.row, 1), Severity::error, "code",
                                  "the header must name the columns code and name (then optionally group, ranked); found: " +
                                      std::string(rec.fields.empty() ? "" : rec.fields[0]) + (rec.fields.size() > 1 ? ", …" : "")}, true);
    return false;
  }
  const std::size_t width = rec.fields.size();
  while (reader.next(rec)) {
    if (rec.fields.size() != width) {
      out.add_diagnostic(Diagnostic{at(file, rec.row, std::min(rec.fields.size(), width) + 1), Severity::error, {},
                                    "this row has " + std::to_string(rec.fields.size()) + " fields; the header has " +
                                        std::to_string(width)});
      continue;
    }
    Unit u;
    u.location = at(file, rec.row, static_cast<std::size_t>(code) + 1);
    u.code = std::string(detail::trim(rec.fields[static_cast<std::size_t>(code)]));
    u.name = std::string(detail::trim(rec.fields[static_cast<std::size_t>(name)]));
    if (group >= 0) u.group = std::string(detail::trim(rec.fields[static_cast<std::size_t>(group)]));
    if (ranked >= 0 && !parse_ranked(rec.fields[static_cast<std::size_t>(ranked)], u.ranked)) {
      out.add_diagnostic(Diagnostic{at(file, rec.row, static_cast<std::size_t>(ranked) + 1), Severity::error, "ranked",
                                    "ranked: expected true or false (yes/no, 1/0), found '" +
                                        std::string(rec.fields[static_cast<std::size_t>(ranked)]) + "'"});
      continue;
    }
    for (std::size_t i = 0; i < width; ++i)
      if (static_cast<int>(i) != code && static_cast<int>(i) != name && static_cast<int>(i) != group && static_cast<int>(i) != ranked)
        u.extra.emplace_back(header[i], std::string(rec.fields[i]));
    out.add_unit(std::move(u));
  }
  if (!reader.error().empty()) report_csv_error(reader, file, out);
  return true;
}

// Where the columns of an evidence file are.
struct EvidenceColumns {
  int unit, criterion, value, stage;
  bool long_form;
  std::size_t width;
  const std::vector<std::string>* header;
  const std::vector<int>* wide_columns;  // wide form: the columns that name criteria
};

// One record: its values prepared into `batch`, or its problems noted there.
void prepare_record(const detail::CsvRecord& rec, const EvidenceColumns& cols, const detail::EvaluationData& data,
                    detail::UnitCache& cache, SourceLocation& where, bool decimal_comma, detail::ValueBatch& batch) {
  const std::string& file = where.file;
  if (rec.fields.size() != cols.width) {
    batch.add_problem(Diagnostic{at(file, rec.row, std::min(rec.fields.size(), cols.width) + 1), Severity::error, {},
                                 "this row has " + std::to_string(rec.fields.size()) + " fields; the header has " +
                                     std::to_string(cols.width)});
    return;
  }
  where.line = rec.row;
  Stage st = Stage::appraisal;
  if (cols.stage >= 0) {
    const auto s = parse_stage(rec.fields[static_cast<std::size_t>(cols.stage)]);
    if (!s) {
      batch.add_problem(Diagnostic{at(file, rec.row, static_cast<std::size_t>(cols.stage) + 1), Severity::error, "stage",
                                   "stage: expected self, appraisal or appraisal2, found '" +
                                       std::string(rec.fields[static_cast<std::size_t>(cols.stage)]) + "'"});
      return;
    }
    st = *s;
  }
  const std::string_view u = rec.fields[static_cast<std::size_t>(cols.unit)];
  if (cols.long_form) {
    where.column = static_cast<std::uint32_t>(cols.value) + 1;
    detail::BuilderAccess::prepare(data, cache, u, rec.fields[static_cast<std::size_t>(cols.criterion)],
                                   rec.fields[static_cast<std::size_t>(cols.value)], st, where, decimal_comma, batch);
    return;
  }
  for (const int c : *cols.wide_columns) {
    const std::string_view v = rec.fields[static_cast<std::size_t>(c)];
    if (detail::trim(v).empty()) continue;  // an empty cell is no evidence
    where.column = static_cast<std::uint32_t>(c) + 1;
    detail::BuilderAccess::prepare(data, cache, u, (*cols.header)[static_cast<std::size_t>(c)], v, st, where, decimal_comma, batch);
  }
}

// A slice of the records, starting at a record boundary.
struct Slice {
  std::string_view text;
  std::uint32_t rows_before = 0;
  std::uint32_t lines_before = 0;  // physical lines, for messages about quotes
  std::uint32_t records = 0;       // records in the slice (an upper bound for the last one)
};

// Records end at a newline outside quotes (a doubled quote inside a quoted field toggles
// twice). Until the first malformed quote every cut is where a sequential reader would be;
// from it on the slice that holds it reports it and the rest is not read, as sequentially.
struct Counts {
  std::uint32_t records = 0;  // newlines outside quotes
  std::uint32_t lines = 0;    // all newlines
};
Counts count_records(std::string_view text) {
  Counts c;
  c.lines = static_cast<std::uint32_t>(std::count(text.begin(), text.end(), '\n'));
  if (text.find('"') == std::string_view::npos) {
    c.records = c.lines;
    return c;
  }
  bool quoted = false;
  for (const char ch : text) {
    if (ch == '"') quoted = !quoted;
    else if (ch == '\n' && !quoted) ++c.records;
  }
  return c;
}

std::vector<Slice> split_records(std::string_view body, std::uint32_t rows_before, std::uint32_t lines_before,
                                 std::size_t slice_bytes) {
  std::vector<Slice> slices;
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t cut = start + slice_bytes;
    if (cut < body.size()) {
      bool quoted = std::count(body.begin() + static_cast<std::ptrdiff_t>(start), body.begin() + static_cast<std::ptrdiff_t>(cut), '"') % 2 != 0;
      for (; cut < body.size(); ++cut) {
        if (body[cut] == '"') quoted = !quoted;
        else if (body[cut] == '\n' && !quoted) break;
      }
    }
    if (cut >= body.size()) {
      const std::string_view last = body.substr(start);
      slices.push_back(Slice{last, rows_before, lines_before, count_records(last).records + 1});
      break;
    }
    const std::string_view slice = body.substr(start, cut + 1 - start);
    const Counts counts = count_records(slice);
    slices.push_back(Slice{slice, rows_before, lines_before, counts.records});
    rows_before += counts.records;
    lines_before += counts.lines;
    start = cut + 1;
  }
  return slices;
}

// Reads the records after the header: slices of the file are prepared on all cores, a wave
// at a time (so the prepared values of the whole file are never held at once), and
// committed in file order.
void read_evidence_rows(std::string_view body, std::uint32_t rows_before, std::uint32_t lines_before, char separator,
                        const EvidenceColumns& cols, const std::string& file, EvaluationBuilder& out) {
  constexpr std::size_t slice_bytes = std::size_t{256} * 1024;
  const std::vector<Slice> slices = split_records(body, rows_before, lines_before, slice_bytes);
  const detail::EvaluationData& data = detail::BuilderAccess::data_for_values(out);
  const bool decimal_comma = separator == ';';
  const std::size_t lanes = std::max<std::size_t>(1, std::min<std::size_t>({8, std::thread::hardware_concurrency(), slices.size()}));

  struct Lane {
    detail::ValueBatch batch;
    detail::UnitCache cache;
    bool broken = false;  // a CSV syntax error ended the slice
  };
  std::vector<Lane> lane(lanes);
  auto prepare_slice = [&](const Slice& slice, Lane& l) {
    l.batch.clear();
    l.broken = false;
    detail::CsvReader reader(slice.text, separator, slice.rows_before, slice.lines_before);
    detail::CsvRecord rec;
    SourceLocation where{file, 0, 0};  // reused: a location per value would copy the file name each time
    while (reader.next(rec)) prepare_record(rec, cols, data, l.cache, where, decimal_comma, l.batch);
    if (!reader.error().empty()) {
      l.batch.add_problem(Diagnostic{at(file, reader.error_row(), reader.error_column()), Severity::error, {}, reader.error()}, true);
      l.broken = true;
    }
  };
  // One value per record (long form) or per criterion column (wide form): reserve for them.
  const std::size_t values_per_record = cols.long_form ? 1 : cols.wide_columns->size();
  std::size_t records = 0;
  for (const Slice& slice : slices) records += slice.records;
  out.reserve(records * values_per_record);
  for (std::size_t first = 0; first < slices.size(); first += lanes) {
    const std::size_t count = std::min(lanes, slices.size() - first);
    // Sized here, on this thread: a worker growing the vectors itself would grow its own
    // malloc arena a little at a time (page faults and mprotect calls, wave after wave).
    for (std::size_t k = 0; k < count; ++k) {
      detail::ValueBatch& b = lane[k].batch;
      const std::size_t values = slices[first + k].records * values_per_record;
      b.values.reserve(values);
      b.text.reserve(slices[first + k].text.size());
      b.answers.reserve(values * 4);
    }
    std::vector<std::thread> helpers;
    for (std::size_t k = 1; k < count; ++k) helpers.emplace_back(prepare_slice, std::cref(slices[first + k]), std::ref(lane[k]));
    prepare_slice(slices[first], lane[0]);
    for (std::thread& t : helpers) t.join();
    for (std::size_t k = 0; k < count; ++k) {
      detail::BuilderAccess::commit(out, lane[k].batch, file);
      if (lane[k].broken) return;  // as a sequential reader: nothing after a syntax error
    }
  }
}

void read_evidence(const CriteriaSet& set, std::string_view text, const std::string& file, EvaluationBuilder& out) {
  if (!check_table_text(text, file, out)) return;
  detail::CsvReader reader(text);
  detail::CsvRecord rec;
  if (!reader.next(rec)) {
    if (!reader.error().empty()) report_csv_error(reader, file, out);
    return;
  }
  int unit = -1, criterion = -1, value = -1, stage = -1;
  std::vector<std::string> header;
  for (std::size_t i = 0; i < rec.fields.size(); ++i) header.emplace_back(detail::trim(rec.fields[i]));
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string h = lower(header[i]);
    int* slot = h == "unit" ? &unit : h == "criterion" ? &criterion : h == "value" ? &value : h == "stage" ? &stage : nullptr;
    if (slot != nullptr && *slot < 0) *slot = static_cast<int>(i);
    else if (slot != nullptr)
      out.add_diagnostic(Diagnostic{at(file, rec.row, i + 1), Severity::error, h, "duplicate column '" + h + "'"}, true);
  }
  if (unit < 0) {
    out.add_diagnostic(Diagnostic{at(file, rec.row, 1), Severity::error, "unit",
                                  "the header must have a 'unit' column: long form unit,criterion,value[,stage] or wide form "
                                  "unit,<criterion id>,<criterion id>,…"}, true);
    return;
  }
  const bool long_form = criterion >= 0 || value >= 0;
  std::vector<int> wide_columns;  // for the wide form: the columns that name criteria
  if (long_form) {
    if (criterion < 0 || value < 0) {
      out.add_diagnostic(Diagnostic{at(file, rec.row, 1), Severity::error, criterion < 0 ? "criterion" : "value",
                                    std::string("long-form evidence needs the columns unit, criterion and value; '") +
                                        (criterion < 0 ? "criterion" : "value") + "' is missing"}, true);
      return;
    }
    bool bad = false;
    for (std::size_t i = 0; i < header.size(); ++i) {
      const int c = static_cast<int>(i);
      if (c == unit || c == criterion || c == value || c == stage) continue;
      out.add_diagnostic(Diagnostic{at(file, rec.row, i + 1), Severity::error, header[i],
                                    "unknown column '" + header[i] + "'; long-form evidence has unit, criterion, value, stage"}, true);
      bad = true;
    }
    if (bad) return;
  } else {
    bool bad = false;
    for (std::size_t i = 0; i < header.size(); ++i) {
      const int c = static_cast<int>(i);
      if (c == unit || c == stage) continue;
      if (!set.find(header[i]) && !set.find_adjustment(header[i])) {
        out.add_diagnostic(Diagnostic{at(file, rec.row, i + 1), Severity::error, header[i],
                                      "unknown column '" + header[i] + "': not a criterion or adjustment id of set '" + set.id() + "'"}, true);
        bad = true;
      }
      wide_columns.push_back(c);
    }
    if (bad) return;
  }
  const EvidenceColumns columns{unit, criterion, value, stage, long_form, header.size(), &header, &wide_columns};
  read_evidence_rows(reader.text().substr(reader.position()), reader.rows(), reader.lines(), reader.separator(), columns, file, out);
}

Loaded<Evaluation> parse_tables(const CriteriaSet& criteria, std::string_view units_csv, std::string_view evidence_csv,
                                const std::string& units_name, const std::string& evidence_name, EvaluationOptions options) {
  EvaluationBuilder builder(criteria, options);
  if (read_units(units_csv, units_name, builder)) read_evidence(criteria, evidence_csv, evidence_name, builder);
  return std::move(builder).build();
}

}  // namespace

Loaded<Evaluation> try_parse_evaluation(const CriteriaSet& criteria, std::string_view units_csv, std::string_view evidence_csv,
                                        const std::string& units_name, const std::string& evidence_name,
                                        EvaluationOptions options) {
  return parse_tables(criteria, units_csv, evidence_csv, units_name, evidence_name, options);
}

Loaded<Evaluation> try_load_evaluation(const CriteriaSet& criteria, const std::string& units_path,
                                       const std::string& evidence_path, EvaluationOptions options) {
  std::vector<Diagnostic> problems;
  Diagnostic problem;
  std::optional<std::string> units = detail::read_file_text(units_path, max_table_bytes, problem);
  if (!units) problems.push_back(problem);
  std::optional<std::string> evidence = detail::read_file_text(evidence_path, max_table_bytes, problem);
  if (!evidence) problems.push_back(problem);
  if (!problems.empty()) return Loaded<Evaluation>(std::move(problems));
  EvaluationBuilder builder(criteria, options);
  const bool units_read = read_units(*units, units_path, builder);
  units.reset();
  if (units_read) read_evidence(criteria, *evidence, evidence_path, builder);
  evidence.reset();  // the values keep what they need: free the file before building
  return std::move(builder).build();
}

Evaluation load_evaluation(const CriteriaSet& criteria, const std::string& units_path, const std::string& evidence_path,
                           EvaluationOptions options) {
  return try_load_evaluation(criteria, units_path, evidence_path, options).value();
}

}  // namespace v1
}  // namespace cchc
