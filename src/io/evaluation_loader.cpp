// units.csv + evidence.csv -> a validated Evaluation (through EvaluationBuilder).
#include <algorithm>
#include <cctype>
#include <cstring>

#include "cchc/io/load.hpp"
#include "io/csv_reader.hpp"
#include "io/file_text.hpp"
#include "model/number_text.hpp"
#include "model/utf8.hpp"
#include "model/value_batch.hpp"
#include "support/parallel_for.hpp"

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
// Nothing but spaces, tabs or a byte order mark: no header to read.
bool blank_table(std::string_view text) { return detail::trim(text).empty() || text == "\xEF\xBB\xBF"; }

bool check_table_text(std::string_view text, const std::string& file, EvaluationBuilder& out) {
  const detail::TextProblem p = detail::check_text(text);
  if (p.line != 0) {
    out.add_diagnostic(Diagnostic{at(file, p.line, detail::character_column(text, p.line, p.column)), Severity::error, {}, p.message}, true);
    return false;
  }
  if (blank_table(text)) {
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

// Large evidence files are read on all cores. The body (the records after the header) is
// cut at record boundaries into slices of ~256 KiB; then, in parallel, each slice is checked
// for UTF-8 and its records and lines counted; then, in parallel again, each slice's values
// are prepared straight into their own range of the value array (room for one value per
// record, or per criterion column in wide form), and, on this thread, as soon as a slice and
// those before it are ready, its value text is stored and its values linked into their cells
// in file order, which finds duplicates and orders diagnostics exactly as a sequential
// reader would. The unused end of a range is never written nor read.
struct Slice {
  std::string_view text;
  std::uint32_t newlines = 0;         // '\n' bytes (for text problems, as check_text counts lines)
  std::uint32_t records = 0;          // record ends, as the CSV reader counts rows
  std::uint32_t lines = 0;            // physical lines, as the CSV reader counts them
  detail::TextProblem problem;        // its first encoding problem (line relative to the slice)
  std::uint32_t rows_before = 0;
  std::uint32_t lines_before = 0;
  std::size_t first_value = 0;        // its range of values
  std::size_t value_room = 0;
  detail::ValueBatch batch;
  bool broken = false;                // a CSV syntax error ended the slice
};

// Cuts are made after a newline outside quotes (a doubled quote inside a quoted field toggles
// twice). Until the first malformed quote every cut is where a sequential reader would be;
// from it on the slice that holds it reports it and the rest is not read, as sequentially.
std::vector<Slice> cut_slices(std::string_view body, bool has_quotes, std::size_t slice_bytes) {
  std::vector<Slice> slices;
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t cut = start + slice_bytes;
    if (cut < body.size()) {
      if (!has_quotes) {
        const void* nl = std::memchr(body.data() + cut, '\n', body.size() - cut);
        cut = nl == nullptr ? body.size() : static_cast<std::size_t>(static_cast<const char*>(nl) - body.data());
      } else {
        bool quoted = std::count(body.begin() + static_cast<std::ptrdiff_t>(start), body.begin() + static_cast<std::ptrdiff_t>(cut), '"') % 2 != 0;
        for (; cut < body.size(); ++cut) {
          if (body[cut] == '"') quoted = !quoted;
          else if (body[cut] == '\n' && !quoted) break;
        }
      }
    }
    const std::size_t end = cut >= body.size() ? body.size() : cut + 1;
    Slice slice;
    slice.text = body.substr(start, end - start);
    slices.push_back(std::move(slice));
    start = end;
  }
  return slices;
}

// Counts a slice's records and lines as the CSV reader will: a record ends at a newline or a
// lone carriage return outside quotes; its line counter counts every newline and the lone
// carriage returns outside quotes. A record without a final newline counts too.
void count_records(Slice& slice, bool has_quotes) {
  const std::string_view t = slice.text;
  if (!has_quotes && std::memchr(t.data(), '\r', t.size()) == nullptr) {
    slice.records = slice.lines = slice.newlines;
  } else {
    bool quoted = false;
    std::uint32_t records = 0, lines = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
      const char c = t[i];
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\n') {
        ++lines;
        if (!quoted) ++records;
      } else if (c == '\r' && !quoted && (i + 1 == t.size() || t[i + 1] != '\n')) {
        ++lines;
        ++records;
      }
    }
    slice.records = records;
    slice.lines = lines;
  }
  if (!t.empty() && t.back() != '\n' && t.back() != '\r') ++slice.records;
}

// The rows after the header, read as above.
void read_evidence_rows(std::vector<Slice>& slices, std::uint32_t rows_before, std::uint32_t lines_before, char separator,
                        const EvidenceColumns& cols, const std::string& file, EvaluationBuilder& out) {
  const detail::EvaluationData* data = detail::BuilderAccess::data_for_values(out);
  if (data == nullptr || slices.empty()) return;
  const std::size_t values_per_record = cols.long_form ? 1 : cols.wide_columns->size();
  std::size_t room = 0;
  for (Slice& slice : slices) {
    slice.rows_before = rows_before;
    slice.lines_before = lines_before;
    rows_before += slice.records;
    lines_before += slice.lines;
    slice.first_value = room;
    // Every value has at least one byte of its own field (empty cells give none), so a
    // slice never needs more room than it has bytes: this bounds a wide file of blank rows.
    slice.value_room = std::min(std::size_t{slice.records} * values_per_record, slice.text.size());
    room += slice.value_room;
  }
  const std::size_t body_bytes = static_cast<std::size_t>(slices.back().text.data() + slices.back().text.size() - slices.front().text.data());
  std::size_t first_value = 0;
  if (!detail::BuilderAccess::make_room(out, room, body_bytes, SourceLocation{file, slices.front().rows_before + 1, 1}, first_value))
    return;
  detail::StoredValue* const values = detail::BuilderAccess::values(out) + first_value;
  const unsigned file_index = detail::BuilderAccess::file_index(out, file);
  const bool decimal_comma = separator == ';';

  bool stopped = false;  // after a syntax error, as a sequential reader, nothing more is read
  std::size_t values_end = first_value;
  detail::parallel_in_order(
      slices.size(), detail::worker_count(slices.size()),
      [&](std::size_t k) {
        Slice& slice = slices[k];
        slice.batch.place(values + slice.first_value, slice.value_room, file_index);
        slice.batch.text.reserve(slice.text.size() / 2);
        detail::UnitCache cache;
        detail::CsvReader reader(slice.text, separator, slice.rows_before, slice.lines_before);
        detail::CsvRecord rec;
        SourceLocation where{file, 0, 0};  // reused: a location per value would copy the file name each time
        while (reader.next(rec)) prepare_record(rec, cols, *data, cache, where, decimal_comma, slice.batch);
        if (!reader.error().empty()) {
          slice.batch.add_problem(Diagnostic{at(file, reader.error_row(), reader.error_column()), Severity::error, {}, reader.error()}, true);
          slice.broken = true;
        }
      },
      [&](std::size_t k) {
        Slice& slice = slices[k];
        if (!stopped) {
          detail::BuilderAccess::commit(out, slice.batch, first_value + slice.first_value);
          values_end = first_value + slice.first_value + slice.batch.count;
          stopped = slice.broken;
        }
        slice.batch = detail::ValueBatch();  // its text and answers are stored: free them
      });
  // The last range may end in unused room (a last record without values, or after an error).
  detail::BuilderAccess::trim_room(out, values_end);
}

// Checks the header part and the slices of the body for encoding problems (the slices in
// parallel, counting their records on the way); the first problem in file order, if any.
detail::TextProblem scan_evidence_text(std::string_view before_body, std::vector<Slice>& slices, bool has_quotes) {
  const detail::TextScan head = detail::scan_text(before_body);
  if (head.problem.line != 0) {
    detail::TextProblem p = head.problem;
    p.column = detail::character_column(before_body, p.line, p.column);
    return p;
  }
  detail::parallel_for(slices.size(), detail::worker_count(slices.size()), [&](std::size_t k) {
    Slice& slice = slices[k];
    detail::TextScan scan = detail::scan_text(slice.text);
    slice.problem = std::move(scan.problem);
    slice.newlines = scan.newlines;
    if (slice.problem.line == 0) count_records(slice, has_quotes);
  });
  std::uint32_t newlines = head.newlines;
  for (Slice& slice : slices) {
    if (slice.problem.line != 0) {
      slice.problem.column = detail::character_column(slice.text, slice.problem.line, slice.problem.column);
      slice.problem.line += newlines;
      return slice.problem;
    }
    newlines += slice.newlines;
  }
  return {};
}

void read_evidence(const CriteriaSet& set, std::string_view text, const std::string& file, EvaluationBuilder& out) {
  if (blank_table(text)) {
    check_table_text(text, file, out);  // says so
    return;
  }
  detail::CsvReader reader(text);
  detail::CsvRecord rec;
  const bool header_read = reader.next(rec);
  // The whole text must be UTF-8 before anything in it is reported.
  std::vector<Slice> slices;
  if (header_read) {
    const std::string_view body = reader.text().substr(reader.position());
    const bool has_quotes = std::memchr(body.data(), '"', body.size()) != nullptr;
    constexpr std::size_t slice_bytes = std::size_t{256} * 1024;
    slices = cut_slices(body, has_quotes, slice_bytes);
    const detail::TextProblem p =
        scan_evidence_text(text.substr(0, static_cast<std::size_t>(body.data() - text.data())), slices, has_quotes);
    if (p.line != 0) {
      out.add_diagnostic(Diagnostic{at(file, p.line, p.column), Severity::error, {}, p.message}, true);
      return;
    }
  } else {
    if (!check_table_text(text, file, out)) return;
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
  read_evidence_rows(slices, reader.rows(), reader.lines(), reader.separator(), columns, file, out);
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
  std::optional<detail::FileText> units = detail::read_file_text(units_path, max_table_bytes, problem);
  if (!units) problems.push_back(problem);
  std::optional<detail::FileText> evidence = detail::read_file_text(evidence_path, max_table_bytes, problem);
  if (!evidence) problems.push_back(problem);
  if (!problems.empty()) return Loaded<Evaluation>(std::move(problems));
  EvaluationBuilder builder(criteria, options);
  const bool units_read = read_units(units->view(), units_path, builder);
  units.reset();
  if (units_read) read_evidence(criteria, evidence->view(), evidence_path, builder);
  evidence.reset();  // the values keep what they need: free the file before building
  return std::move(builder).build();
}

Evaluation load_evaluation(const CriteriaSet& criteria, const std::string& units_path, const std::string& evidence_path,
                           EvaluationOptions options) {
  return try_load_evaluation(criteria, units_path, evidence_path, options).value();
}

}  // namespace v1
}  // namespace cchc
