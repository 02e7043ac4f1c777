// HTML output: the escaping every name and title goes through, the page around a report
// (inline CSS, A4 print rules, no script, no external resource), tables, and the report
// sections that `write_report` puts together into the year's page.
#ifndef CCHC_SRC_REPORT_HTML_HPP
#define CCHC_SRC_REPORT_HTML_HPP

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "cchc/report/report.hpp"
#include "report/table.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

/// Text for HTML (element content and quoted attribute values) and SVG: invisible and
/// control characters shown as <U+XXXX> (as text_safe does), then `& < > " '` written as
/// entities. Nothing a name holds can open a tag, end an attribute or reorder the line.
std::string html_text(std::string_view text);

/// `<!DOCTYPE html>` … `<body>`: the page's title, language (the catalogs') and inline
/// style sheet.
void html_page_begin(std::ostream& out, std::string_view title);
void html_page_end(std::ostream& out);

/// The set's title as the page heading and its identity (id, year, max, rounding) below.
void html_set_identity(std::ostream& out, const CriteriaSet& set, const ReportOptions& options);

/// A table: the title as caption, the header in <thead>, numeric columns right-aligned.
/// Leading spaces of the first cell (the depth of a criterion) become an indent.
void render_html(std::ostream& out, const Table& table);

/// Report sections, each without the page around it: the single-report writers wrap one in
/// a page, write_report puts all of them in one. `cards` are every unit's scorecards (the
/// scorecard's chart compares the unit with its group's mean).
void html_ranking_section(std::ostream& out, const Evaluation& evaluation, const std::vector<Scorecard>& cards,
                          const Ranking& ranking, const ReportOptions& options);
/// One unit's scorecard; `id` is the section's anchor (empty: none).
void html_scorecard_section(std::ostream& out, const Evaluation& evaluation, const std::vector<Scorecard>& cards,
                            const Scorecard& card, const Ranking& ranking, const ReportOptions& options,
                            const std::string& id);
/// Where one unit lost points (sub-headings one level below `level`).
void html_gaps_unit(std::ostream& out, const Evaluation& evaluation, const Scorecard& card, const ReportOptions& options,
                    int level);
/// The units (or `unit`) whose points changed between stages; returns how many were shown.
std::size_t html_deviations_section(std::ostream& out, const Evaluation& evaluation, std::optional<std::size_t> unit,
                                    const ReportOptions& options);

/// A unit's plan (plan_unit) as a section: heading, verdict, where the unit stands now and
/// after, and the changes (sub-heading at `level`).
void html_plan_section(std::ostream& out, const Evaluation& evaluation, const UnitPlan& plan, const ReportOptions& options, int level);

/// The rank intervals (analyze_robustness) as the robustness page shows them: a line on the
/// runs and sources, then per group (an <h3> section) the rank-interval chart, the unit
/// table and the adjacent pairs.
void html_robustness_section(std::ostream& out, const Evaluation& evaluation, const RobustnessResult& result,
                             const ReportOptions& options);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
