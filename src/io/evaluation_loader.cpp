// units.csv + evidence.csv -> a validated Evaluation (through EvaluationBuilder).
#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstring>

#include "cchc/io/load.hpp"
#include "io/csv_reader.hpp"
#include "i18n/format.hpp"
#include "io/file_text.hpp"
#include "model/evaluation_values_data.hpp"
#include "io/workbook_reader.hpp"
#include "model/number_text.hpp"
#include "model/unicode.hpp"
#include "model/utf8.hpp"
#include "model/value_batch.hpp"
#include "support/parallel_for.hpp"

namespace cchc {
inline namespace v1 {
namespace {

using detail::tr;
using detail::trf;
using fmt::literals::operator""_a;  // NOLINT(misc-unused-using-decls): clang-tidy 14 misses uses in "name"_a

// A header name or a field as matched: spaces (no-break ones too) trimmed, NFC.
std::string clean(std::string_view field) {
  std::string out(detail::trim_spaces(field));
  if (!detail::is_ascii(out)) detail::normalize_nfc(out);
  return out;
}

std::string lower_ascii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

SourceLocation at(const std::string& file, std::uint32_t row, std::size_t column) {
  return SourceLocation{file, row, static_cast<std::uint32_t>(column)};
}

Diagnostic problem(SourceLocation where, const char* code, std::string key, std::string message) {
  Diagnostic d{std::move(where), Severity::error, std::move(key), std::move(message)};
  d.set_code(code);
  return d;
}

// Columns that council sheets carry beside the data (a row number, the unit's name): declared
// here, matched without case or diacritics, and ignored.
bool descriptive_column(const std::string& name) {
  static const char* const names[] = {"stt", "tt", "so tt", "so thu tu", "thu tu", "name", "unit name", "ten", "ten don vi",
                                      "don vi", "ten co quan", "co quan", "ten co quan don vi", "ten co quan, don vi",
                                      "ten don vi, co quan"};
  const std::string key = detail::loose_key(name);
  for (const char* n : names)
    if (key == n) return true;
  return false;
}

// A row may carry one more field than the header when that field is blank (a trailing
// separator on every row), or one less when the header's last column is blank and ignored.
bool row_fits(const std::vector<std::string_view>& fields, std::size_t width, bool header_ends_blank) {
  const std::size_t n = fields.size();
  if (n == width) return true;
  if (n == width + 1) return detail::trim_spaces(fields.back()).empty();
  return header_ends_blank && n + 1 == width;
}

Diagnostic row_width_problem(const std::string& file, const detail::CsvRecord& rec, std::size_t width) {
  return problem(at(file, rec.row, std::min(rec.fields.size(), width) + 1), "row-width", {},
                 trf("this row has {fields} fields; the header has {width}", "fields"_a = rec.fields.size(), "width"_a = width));
}

// Nothing at all, or only blank lines: no header to read. False (and reported) then.
bool has_header_text(std::string_view text, const std::string& file, EvaluationBuilder& out) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (text.empty()) {
    out.add_diagnostic(problem(at(file, 0, 0), "empty-file", {}, tr("the file is empty: expected a header row")), true);
    return false;
  }
  if (detail::trim_spaces(text).empty()) {
    out.add_diagnostic(problem(at(file, 0, 0), "no-header-row", {},
                               tr("the file has no header row: it holds only blank lines (spaces, line breaks)")),
                       true);
    return false;
  }
  return true;
}

// Text-level checks of a whole table; false when it cannot be read at all.
bool check_table_text(std::string_view text, const std::string& file, EvaluationBuilder& out) {
  const detail::TextProblem p = detail::check_text(text);
  if (p.line != 0) {
    out.add_diagnostic(problem(at(file, p.line, detail::character_column(text, p.line, p.column)), "invalid-text", {}, tr(p.message.c_str())), true);
    return false;
  }
  return has_header_text(text, file, out);
}

void report_csv_error(const detail::CsvReader& r, const std::string& file, EvaluationBuilder& out) {
  out.add_diagnostic(problem(at(file, r.error_row(), r.error_column()), "csv-syntax", {}, r.error()), true);
}

bool parse_ranked(std::string_view text, bool& ranked) {
  const std::string t = lower_ascii(clean(text));
  // tolower() folds ASCII only: the Vietnamese words are listed in both cases.
  if (t.empty() || t == "true" || t == "yes" || t == "1" || t == "x" || t == "có" || t == "cÓ") { ranked = true; return true; }
  if (t == "false" || t == "no" || t == "0" || t == "không" || t == "khÔng") { ranked = false; return true; }
  return false;
}

// Up to `most` names, quoted, for a message.
std::string quoted_list(const std::vector<std::string>& names, std::size_t most = 10) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < most; ++i) out += (i == 0 ? "" : ", ") + detail::quote_value(names[i]);
  if (names.size() > most) out += trf(", … ({count} columns)", "count"_a = names.size());
  return out;
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
    header.push_back(clean(rec.fields[i]));
    const std::string h = lower_ascii(header.back());
    int* slot = h == "code" ? &code : h == "name" ? &name : h == "group" ? &group : h == "ranked" ? &ranked : nullptr;
    if (slot == nullptr) continue;
    if (*slot >= 0) {
      out.add_diagnostic(problem(at(file, rec.row, i + 1), "duplicate-column", h, trf("duplicate column '{column}'", "column"_a = h)));
      continue;
    }
    *slot = static_cast<int>(i);
  }
  if (code < 0 || name < 0) {
    out.add_diagnostic(problem(at(file, rec.row, 1), "missing-column", code < 0 ? "code" : "name",
                               trf("the header must name the columns code and name (then optionally group, ranked); found: {found}",
                                   "found"_a = quoted_list(header))),
                       true);
    return false;
  }
  const std::size_t width = header.size();
  const bool header_ends_blank = width > 1 && header.back().empty();
  while (reader.next(rec)) {
    const auto field = [&](int column) { return rec.fields[static_cast<std::size_t>(column)]; };
    if (!row_fits(rec.fields, width, header_ends_blank)) {
      out.add_diagnostic(row_width_problem(file, rec, width));
      if (rec.fields.size() > static_cast<std::size_t>(code)) detail::BuilderAccess::refuse_unit(out, field(code));
      continue;
    }
    Unit unit;
    Unit::Data& u = detail::data_of(unit);
    u.location = at(file, rec.row, static_cast<std::size_t>(code) + 1);
    u.code = clean(field(code));
    u.name = clean(field(name));
    if (group >= 0) u.group = clean(field(group));
    if (ranked >= 0 && !parse_ranked(field(ranked), u.ranked)) {
      out.add_diagnostic(problem(at(file, rec.row, static_cast<std::size_t>(ranked) + 1), "bad-ranked", "ranked",
                                 trf("ranked: expected true or false (yes/no, 1/0), found {found}", "found"_a = detail::quote_value(clean(field(ranked)))))
                             .set_unit(u.code));
      detail::BuilderAccess::refuse_unit(out, u.code);
      continue;
    }
    for (std::size_t i = 0; i < width && i < rec.fields.size(); ++i) {
      const int c = static_cast<int>(i);
      if (c == code || c == name || c == group || c == ranked) continue;
      if (header[i].empty() && detail::trim_spaces(rec.fields[i]).empty()) continue;  // a blank trailing column
      u.extra.emplace_back(header[i], clean(rec.fields[i]));
    }
    out.add_unit(std::move(unit));
  }
  if (!reader.error().empty()) {
    report_csv_error(reader, file, out);
    detail::BuilderAccess::units_stopped(out, at(file, reader.error_row(), 0));
  }
  return true;
}

// Where the columns of an evidence file are.
struct EvidenceColumns {
  int unit, criterion, value, stage;
  bool long_form;
  std::size_t width;
  bool header_ends_blank;                  // the header's last column is blank (a trailing separator)
  const std::vector<std::string>* header;
  const std::vector<int>* wide_columns;    // wide form: the columns that name criteria
  const std::vector<int>* blank_columns;   // columns without a header: their cells must be blank
};

// One record: its values prepared into `batch`, or its problems noted there.
void prepare_record(const detail::CsvRecord& rec, const EvidenceColumns& cols, const detail::EvaluationData& data,
                    detail::UnitCache& cache, SourceLocation& where, bool decimal_comma, detail::ValueBatch& batch) {
  const std::string& file = where.file;
  // A refused row's unit is not also reported for the gaps the row leaves.
  auto refuse_row = [&](auto make_problem) {
    if (batch.count_only) ++batch.dropped;
    else batch.add_problem(make_problem());
    if (static_cast<std::size_t>(cols.unit) < rec.fields.size())
      if (const auto u = detail::BuilderAccess::find_unit(data, rec.fields[static_cast<std::size_t>(cols.unit)]))
        batch.units_with_refused_rows.push_back(*u);
  };
  if (!row_fits(rec.fields, cols.width, cols.header_ends_blank)) {
    refuse_row([&] { return row_width_problem(file, rec, cols.width); });
    return;
  }
  where.line = rec.row;
  for (const int c : *cols.blank_columns) {
    const auto i = static_cast<std::size_t>(c);
    if (i < rec.fields.size() && !detail::trim_spaces(rec.fields[i]).empty()) {
      refuse_row([&] {
        return problem(at(file, rec.row, i + 1), "value-without-header", {},
                       trf("a value in column {column}, which has no header: name the column or clear it", "column"_a = i + 1));
      });
      return;
    }
  }
  Stage st = Stage::appraisal;
  if (cols.stage >= 0) {
    const std::string_view text = rec.fields[static_cast<std::size_t>(cols.stage)];
    const auto s = parse_stage(text);
    if (!s) {
      refuse_row([&] {
        return problem(at(file, rec.row, static_cast<std::size_t>(cols.stage) + 1), "bad-stage", "stage",
                       trf("stage: expected self, appraisal or appraisal2, found {found}", "found"_a = detail::quote_value(detail::trim_spaces(text))));
      });
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
    if (detail::trim_spaces(v).empty()) continue;  // an empty cell is no evidence
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
  // Set once the builder holds as many messages as it shows: slices prepared from then on
  // only count their problems.
  std::atomic<bool> full{detail::BuilderAccess::full(out)};
  std::atomic<bool> failing{detail::BuilderAccess::failing(out)};  // then no value text is kept
  std::size_t values_end = first_value;
  detail::parallel_in_order(
      slices.size(), detail::worker_count(slices.size()),
      [&](std::size_t k) {
        Slice& slice = slices[k];
        slice.batch.place(values + slice.first_value, slice.value_room, file_index);
        slice.batch.count_only = full.load(std::memory_order_relaxed);
        slice.batch.keep_text = !failing.load(std::memory_order_relaxed);
        if (slice.batch.keep_text) slice.batch.text.reserve(slice.text.size() / 2);
        detail::UnitCache cache;
        detail::CsvReader reader(slice.text, separator, slice.rows_before, slice.lines_before);
        detail::CsvRecord rec;
        SourceLocation where{file, 0, 0};  // reused: a location per value would copy the file name each time
        while (reader.next(rec)) prepare_record(rec, cols, *data, cache, where, decimal_comma, slice.batch);
        if (!reader.error().empty()) {
          slice.batch.add_problem(problem(at(file, reader.error_row(), reader.error_column()), "csv-syntax", {}, reader.error()), true);
          slice.broken = true;
        }
      },
      [&](std::size_t k) {
        Slice& slice = slices[k];
        if (!stopped) {
          detail::BuilderAccess::commit(out, slice.batch, first_value + slice.first_value);
          values_end = first_value + slice.first_value + slice.batch.count;
          stopped = slice.broken;
          if (detail::BuilderAccess::full(out)) full.store(true, std::memory_order_relaxed);
          if (detail::BuilderAccess::failing(out)) failing.store(true, std::memory_order_relaxed);
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

// Text reduced for a likeness test: no case, no diacritics, no spaces (no-break ones too),
// no invisible characters (a zero-width space pasted with an id).
std::string squeezed(std::string_view text) {
  const std::string key = detail::loose_key(text);
  std::string out;
  for (std::size_t i = 0; i < key.size();) {
    const auto b = static_cast<unsigned char>(key[i]);
    std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    len = std::min(len, key.size() - i);
    char32_t c = len == 1 ? b : len == 2 ? (b & 0x1Fu) : len == 3 ? (b & 0x0Fu) : (b & 0x07u);
    for (std::size_t k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(key[i + k]) & 0x3Fu);
    if (c != U' ' && !detail::is_invisible(c)) out.append(key, i, len);
    i += len;
  }
  return out;
}

// The criterion or adjustment id an unknown column name was likely meant to be: the same
// but for spaces, invisible characters, case or diacritics, or within one edit in four bytes
// ("1.13" for "1.1.3"); empty when none is.
std::string nearest_id(const CriteriaSet& set, const std::string& name) {
  if (name.size() > 256) return {};  // no id is that long: not a typo (and the distance would cost)
  const std::string squeezed_name = squeezed(name);
  std::string best;
  std::size_t best_distance = 0;
  auto consider = [&](const std::string& id) {
    if (squeezed(id) == squeezed_name) {
      best = id;
      best_distance = 0;
      return;
    }
    const std::size_t d = detail::edit_distance(name, id);
    if (d * 4 <= id.size() && (best.empty() || d < best_distance)) {
      best = id;
      best_distance = d;
    }
  };
  for (const Criterion& c : set.nodes())
    if (!c.id.empty() && (best.empty() || best_distance > 0)) consider(c.id);
  for (const auto& a : set.adjustments())
    if (best.empty() || best_distance > 0) consider(a.id);
  return best;
}

void read_evidence(const CriteriaSet& set, std::string_view text, const std::string& file, EvaluationBuilder& out) {
  if (!has_header_text(text, file, out)) return;
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
      out.add_diagnostic(problem(at(file, p.line, p.column), "invalid-text", {}, tr(p.message.c_str())), true);
      return;
    }
  } else {
    if (!check_table_text(text, file, out)) return;
    if (!reader.error().empty()) report_csv_error(reader, file, out);
    else has_header_text({}, file, out);  // only blank records: no header
    return;
  }
  int unit = -1, criterion = -1, value = -1, stage = -1;
  std::vector<std::string> header;
  for (std::size_t i = 0; i < rec.fields.size(); ++i) header.push_back(clean(rec.fields[i]));
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string h = lower_ascii(header[i]);
    int* slot = h == "unit" ? &unit : h == "criterion" ? &criterion : h == "value" ? &value : h == "stage" ? &stage : nullptr;
    if (slot != nullptr && *slot < 0) *slot = static_cast<int>(i);
    else if (slot != nullptr)
      out.add_diagnostic(problem(at(file, rec.row, i + 1), "duplicate-column", h, trf("duplicate column '{column}'", "column"_a = h)), true);
  }
  if (unit < 0) {
    out.add_diagnostic(problem(at(file, rec.row, 1), "missing-column", "unit",
                               tr("the header must have a 'unit' column: long form unit,criterion,value[,stage] or wide form "
                                  "unit,<criterion id>,<criterion id>,…")),
                       true);
    return;
  }
  const bool long_form = criterion >= 0 || value >= 0;
  if (long_form && (criterion < 0 || value < 0)) {
    out.add_diagnostic(problem(at(file, rec.row, 1), "missing-column", criterion < 0 ? "criterion" : "value",
                               trf("long-form evidence needs the columns unit, criterion and value; '{column}' is missing",
                                   "column"_a = criterion < 0 ? "criterion" : "value")),
                       true);
    return;
  }
  std::vector<int> wide_columns;   // for the wide form: the columns that name criteria
  std::vector<int> blank_columns;  // columns without a header
  // Unknown columns are reported together, in one message: the header is one mistake.
  std::vector<std::size_t> unknown;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const int c = static_cast<int>(i);
    if (c == unit || c == criterion || c == value || c == stage) continue;
    if (header[i].empty()) blank_columns.push_back(c);
    else if (!long_form && (set.find(header[i]) || set.find_adjustment(header[i]))) wide_columns.push_back(c);
    else if (!descriptive_column(header[i])) unknown.push_back(i);
  }
  if (!unknown.empty()) {
    const std::string expected = long_form ? std::string(tr("long-form evidence has unit, criterion, value, stage"))
                                           : trf("not a criterion or adjustment id of set '{set}'", "set"_a = set.id());
    auto described = [&](std::size_t i) {
      const std::string near = long_form ? std::string() : nearest_id(set, header[i]);
      return near.empty() ? trf("{name} (column {column})", "name"_a = detail::quote_value(header[i]), "column"_a = i + 1)
                          : trf("{name} (column {column}, did you mean {near}?)", "name"_a = detail::quote_value(header[i]),
                                "column"_a = i + 1, "near"_a = detail::quote_value(near));
    };
    std::string message;
    if (unknown.size() == 1) {
      const std::string near = long_form ? std::string() : nearest_id(set, header[unknown[0]]);
      const std::string name = detail::quote_value(header[unknown[0]]);
      message = long_form      ? trf("unknown column {name}; {expected}", "name"_a = name, "expected"_a = expected)
                : near.empty() ? trf("unknown column {name}: {expected}", "name"_a = name, "expected"_a = expected)
                               : trf("unknown column {name}: {expected}; did you mean {near}?", "name"_a = name, "expected"_a = expected,
                                     "near"_a = detail::quote_value(near));
    } else {
      std::string list;
      for (std::size_t k = 0; k < unknown.size() && k < 10; ++k) list += (k == 0 ? "" : ", ") + described(unknown[k]);
      if (unknown.size() > 10) list += trf(", and {count} more", "count"_a = unknown.size() - 10);
      message = long_form ? trf("unknown columns {list}; {expected}", "list"_a = list, "expected"_a = expected)
                          : trf("unknown columns {list}: not criterion or adjustment ids of set '{set}'", "list"_a = list, "set"_a = set.id());
    }
    out.add_diagnostic(problem(at(file, rec.row, unknown[0] + 1), "unknown-column", header[unknown[0]], message), true);
    return;
  }
  const bool header_ends_blank = header.size() > 1 && header.back().empty();
  const EvidenceColumns columns{unit,          criterion, value, stage, long_form, header.size(), header_ends_blank, &header,
                                &wide_columns, &blank_columns};
  read_evidence_rows(slices, reader.rows(), reader.lines(), reader.separator(), columns, file, out);
}


// A table file's text: the file's own bytes (CSV), or a workbook's sheet as CSV text.
struct TableText {
  std::optional<detail::FileText> file;
  std::string converted;
  std::string sheet;  // non-empty for a workbook
  std::string_view view() const noexcept { return sheet.empty() ? file->view() : std::string_view(converted); }
};

// A table's bytes as CSV text: a workbook (by its content) converted, CSV as it is (false
// in `is_workbook`); none, with the problems, when it cannot be read.
bool table_text(std::string_view bytes, const TableFile& table, TableText& t, std::vector<Diagnostic>& problems) {
  auto refuse = [&](const char* code, std::string message) {
    problems.push_back(problem(at(table.path, 0, 0), code, {}, std::move(message)));
    return false;
  };
  if (detail::looks_like_ole(bytes)) {
    // Both are OLE compound documents; an encrypted workbook holds an "EncryptedPackage" stream.
    const std::string_view encrypted("E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0", 32);
    if (bytes.find(encrypted) != std::string_view::npos)
      return refuse("workbook-encrypted", tr("the workbook is encrypted (protected by a password): save a copy without the password as .xlsx"));
    return refuse("not-a-workbook", tr("an Excel 97-2003 workbook (.xls) or another OLE document: save it as .xlsx (Excel workbook)"));
  }
  if (detail::looks_like_zip(bytes)) {
    std::optional<detail::SheetTable> sheet = detail::read_workbook_sheet(bytes, table.path, table.sheet, problems);
    if (!sheet) return false;
    t.converted = std::move(sheet->csv);
    t.sheet = std::move(sheet->sheet);
    return true;
  }
  if (detail::named_as_workbook(table.path))
    return refuse("not-a-workbook",
                  tr("the file is named as an Excel workbook but is not one (no zip signature): save it as .xlsx, or name a CSV file .csv"));
  if (!table.sheet.empty())
    return refuse("sheet-of-text-file", trf("a sheet, {sheet}, was asked for, but the file is CSV text, not an Excel workbook",
                                            "sheet"_a = detail::quote_value(table.sheet)));
  return true;
}

std::optional<TableText> read_table(const TableFile& table, std::vector<Diagnostic>& problems) {
  Diagnostic why;
  TableText t;
  t.file = detail::read_file_text(table.path, max_table_bytes, why);
  if (!t.file) {
    problems.push_back(why);
    return std::nullopt;
  }
  if (!table_text(t.file->view(), table, t, problems)) return std::nullopt;
  if (!t.sheet.empty()) t.file.reset();
  return t;
}

}  // namespace

Loaded<Evaluation> try_parse_evaluation(const CriteriaSet& criteria, std::string_view units_csv, std::string_view evidence_csv,
                                        const std::string& units_name, const std::string& evidence_name,
                                        EvaluationOptions options) {
  // Workbooks are recognised by their content here too (a portal may hand over the bytes).
  std::vector<Diagnostic> problems;
  TableText units, evidence;
  const bool units_ok = table_text(units_csv, TableFile{units_name, {}}, units, problems);
  const bool evidence_ok = table_text(evidence_csv, TableFile{evidence_name, {}}, evidence, problems);
  if (!units_ok || !evidence_ok) return Loaded<Evaluation>(std::move(problems));
  EvaluationBuilder builder(criteria, std::move(options));
  if (!units.sheet.empty()) detail::BuilderAccess::name_sheet(builder, units_name, units.sheet);
  if (!evidence.sheet.empty()) detail::BuilderAccess::name_sheet(builder, evidence_name, evidence.sheet);
  if (read_units(units.sheet.empty() ? units_csv : std::string_view(units.converted), units_name, builder))
    read_evidence(criteria, evidence.sheet.empty() ? evidence_csv : std::string_view(evidence.converted), evidence_name, builder);
  return std::move(builder).build();
}

Loaded<Evaluation> try_load_evaluation(const CriteriaSet& criteria, const std::string& units_path,
                                       const std::string& evidence_path, EvaluationOptions options) {
  return try_load_evaluation(criteria, TableFile{units_path, {}}, TableFile{evidence_path, {}}, std::move(options));
}


Loaded<Evaluation> try_load_evaluation(const CriteriaSet& criteria, const TableFile& units_file, const TableFile& evidence_file,
                                       EvaluationOptions options) {
  std::vector<Diagnostic> problems;
  std::optional<TableText> units = read_table(units_file, problems);
  std::optional<TableText> evidence = read_table(evidence_file, problems);
  if (!problems.empty()) return Loaded<Evaluation>(std::move(problems));
  EvaluationBuilder builder(criteria, std::move(options));
  if (!units->sheet.empty()) detail::BuilderAccess::name_sheet(builder, units_file.path, units->sheet);
  if (!evidence->sheet.empty()) detail::BuilderAccess::name_sheet(builder, evidence_file.path, evidence->sheet);
  const bool units_read = read_units(units->view(), units_file.path, builder);
  units.reset();
  if (units_read) read_evidence(criteria, evidence->view(), evidence_file.path, builder);
  evidence.reset();  // the values keep what they need: free the file before building
  return std::move(builder).build();
}

Loaded<std::vector<Unit>> try_load_units(const CriteriaSet& criteria, const TableFile& units_file) {
  std::vector<Diagnostic> problems;
  std::optional<TableText> units = read_table(units_file, problems);
  if (!problems.empty()) return Loaded<std::vector<Unit>>(std::move(problems));
  EvaluationOptions options;
  options.set_missing_as_zero(true);  // no evidence is read: none is missing
  EvaluationBuilder builder(criteria, std::move(options));
  if (!units->sheet.empty()) detail::BuilderAccess::name_sheet(builder, units_file.path, units->sheet);
  read_units(units->view(), units_file.path, builder);
  Loaded<Evaluation> built = std::move(builder).build();
  if (!built) return Loaded<std::vector<Unit>>(built.diagnostics());
  return Loaded<std::vector<Unit>>(built.value().units(), built.diagnostics());
}

Loaded<std::vector<Unit>> try_parse_units(const CriteriaSet& criteria, std::string_view units_csv, const std::string& units_name) {
  EvaluationOptions options;
  options.set_missing_as_zero(true);  // no evidence is read: none is missing
  std::vector<Diagnostic> problems;
  TableText units;  // a workbook's bytes are recognised here too
  if (!table_text(units_csv, TableFile{units_name, {}}, units, problems)) return Loaded<std::vector<Unit>>(std::move(problems));
  EvaluationBuilder builder(criteria, std::move(options));
  if (!units.sheet.empty()) detail::BuilderAccess::name_sheet(builder, units_name, units.sheet);
  read_units(units.sheet.empty() ? units_csv : std::string_view(units.converted), units_name, builder);
  Loaded<Evaluation> built = std::move(builder).build();
  if (!built) return Loaded<std::vector<Unit>>(built.diagnostics());
  return Loaded<std::vector<Unit>>(built.value().units(), built.diagnostics());
}

Evaluation load_evaluation(const CriteriaSet& criteria, const std::string& units_path, const std::string& evidence_path,
                           EvaluationOptions options) {
  return try_load_evaluation(criteria, units_path, evidence_path, std::move(options)).value();
}

}  // namespace v1
}  // namespace cchc
