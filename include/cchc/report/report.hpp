// Writing rankings and scorecards as a table, CSV, JSON, Markdown, HTML or an Excel workbook.
#ifndef CCHC_REPORT_REPORT_HPP
#define CCHC_REPORT_REPORT_HPP

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cchc/export.hpp"
#include "cchc/model/diagnostic.hpp"
#include "cchc/analysis/deviations.hpp"
#include "cchc/analysis/gaps.hpp"
#include "cchc/analysis/plan.hpp"
#include "cchc/analysis/robustness.hpp"
#include "cchc/ranking/ranking.hpp"
#include "cchc/scoring/scorecard.hpp"

namespace cchc {
inline namespace v1 {

namespace detail { struct ResultAccess; }

/// `xlsx` is an Excel workbook (binary: written whole, never to a terminal).
enum class Format : std::uint8_t { table, csv, json, markdown, html, xlsx };
CCHC_API std::optional<Format> parse_format(std::string_view name) noexcept;

/// How reports are written. In every format but JSON, names, titles and values are shown
/// with control and invisible characters escaped (<U+001B>), and Markdown's syntax escaped.
/// CSV keeps text as it is, except that a text cell Excel would run as a formula (it starts
/// with '=', '+', '-', '@', TAB or CR) gets an apostrophe in front; numbers stay numbers.
class CCHC_API ReportOptions {
 public:
  ReportOptions();
  ReportOptions(const ReportOptions& other);
  ReportOptions(ReportOptions&& other) noexcept;
  ReportOptions& operator=(const ReportOptions& other);
  ReportOptions& operator=(ReportOptions&& other) noexcept;
  ~ReportOptions();

  /// Vietnamese number style (95,39) in table, Markdown and CSV output; CSV is then
  /// ';'-separated, as Excel expects in a Vietnamese locale. JSON is unchanged.
  bool decimal_comma() const noexcept;
  bool csv_bom() const noexcept;  ///< start CSV with a UTF-8 BOM so Excel shows the diacritics
  /// Warnings of the run (loading, scoring): JSON output lists them in a top-level
  /// "warnings" array; the other formats leave them to the caller (the command prints them
  /// to standard error).
  const std::vector<Diagnostic>& warnings() const noexcept;

  ReportOptions& set_decimal_comma(bool value);
  ReportOptions& set_csv_bom(bool value);
  ReportOptions& set_warnings(std::vector<Diagnostic> value);

  struct Data;  ///< internal: the private data, opaque outside the library

 private:
  friend struct detail::ResultAccess;
  const Data& data() const noexcept;
  Data& data();
  std::unique_ptr<Data> data_;
};

/// The whole year in one self-contained HTML page (Format::html) or Excel workbook (Format::xlsx):
/// the set's identity, the ranking per group with its chart, a heatmap of component
/// indices, an index of units, then every unit's scorecard, points lost and next steps, and
/// the deviations between stages. Throws cchc::Error (code `report-format`) for any other
/// format.
CCHC_API void write_report(std::ostream& out, const Evaluation& evaluation, const std::vector<Scorecard>& cards,
                           const Ranking& ranking, Format format, const ReportOptions& options = {});
/// The same year with the rank intervals of `robustness` (analyze_robustness of the same
/// evaluation): per group, the rank-interval chart (nominal rank, 5-95 % interval), the unit
/// table and the adjacent pairs, after the ranking (HTML: a section; xlsx: the robustness
/// workbook's sheets, with a native chart per group).
CCHC_API void write_report(std::ostream& out, const Evaluation& evaluation, const std::vector<Scorecard>& cards,
                           const Ranking& ranking, const RobustnessResult& robustness, Format format,
                           const ReportOptions& options = {});

/// One diagnostic as a JSON object: {"severity", "code", "file", "line", "column", "sheet", "key",
/// "unit", "criterion", "stage", "message"} (line and column null when unknown, empty
/// strings as null).
CCHC_API std::string diagnostic_json(const Diagnostic& diagnostic);

/// The ranking, per group: rank, code, name, total, max, index, band (and per-field points
/// in CSV and JSON). docs/output-formats.md gives every format's keys and columns.
CCHC_API void write_ranking(std::ostream& out, const Evaluation& evaluation, const std::vector<Scorecard>& cards,
                            const Ranking& ranking, Format format, const ReportOptions& options = {});

/// One unit's scorecard: every node with max and points, rule and evidence, then the
/// points lost, largest first.
CCHC_API void write_scorecard(std::ostream& out, const Evaluation& evaluation, const Scorecard& card,
                              const Ranking& ranking, Format format, const ReportOptions& options = {});

/// Where each unit (or only `unit`) lost points: per-field subtotals and component index,
/// then every leaf with a loss, largest first, with its rule, evidence and next step.
CCHC_API void write_gaps(std::ostream& out, const Evaluation& evaluation, const std::vector<Scorecard>& cards,
                         const Ranking& ranking, std::optional<std::size_t> unit, Format format,
                         const ReportOptions& options = {});

/// Where the appraisal changed each unit's (or only `unit`'s) self-assessment: per leaf the
/// points at self, appraisal and appraisal2, the final points and the change, and the totals
/// at each stage.
CCHC_API void write_deviations(std::ostream& out, const Evaluation& evaluation, std::optional<std::size_t> unit,
                               Format format, const ReportOptions& options = {});

/// A unit's plan (plan_unit): where it stands and where the changes take it (total, index,
/// rank, band), then each change: field, criterion, the value written, the value to write and
/// the points it gains. Format::html is a page; Format::xlsx a one-sheet workbook (the gains
/// number cells).
CCHC_API void write_plan(std::ostream& out, const Evaluation& evaluation, const UnitPlan& plan, Format format,
                         const ReportOptions& options = {});
/// How sure each rank is (analyze_robustness): per unit the nominal rank and band, the rank's
/// mean, median, 5th and 95th percentiles, the probability of each band, of rank 1 and of
/// keeping the band; per group, for each pair of adjacent nominal ranks, the probability
/// that the upper unit stays above. Statistics are written to 4 decimals. Format::html is a
/// page with a rank-interval chart per group (nominal rank, 5-95 % interval); Format::xlsx a
/// workbook: the units (probabilities as percent cells), a native Excel chart of the rank
/// intervals per group, the adjacent pairs, and the Sobol' indices when computed.
CCHC_API void write_robustness(std::ostream& out, const Evaluation& evaluation, const RobustnessResult& result, Format format,
                               const ReportOptions& options = {});
/// The entry workbook of a year (`cchc template`, an .xlsx): one wide sheet, a row per unit
/// and a column per leaf (and per bonus or penalty line), the leaves' titles, maxima and
/// rules in rows above the header row the evidence reader takes; a drop-down list on every
/// options leaf (with `na` where the leaf allows it), and validation of points (0..max, a
/// multiple of the step), rates (0-100 %) and counts (whole, >= 0); then a sheet of
/// instructions in Vietnamese. Filled in, it is read back as wide-form evidence.
CCHC_API void write_entry_template(std::ostream& out, const CriteriaSet& criteria, const std::vector<Unit>& units);

}  // namespace v1
}  // namespace cchc

#endif
