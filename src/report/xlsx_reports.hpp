// The reports as Excel workbooks (--format xlsx): the layouts are in docs/output-formats.md.
#ifndef CCHC_SRC_REPORT_XLSX_REPORTS_HPP
#define CCHC_SRC_REPORT_XLSX_REPORTS_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <ostream>
#include <vector>

#include "cchc/report/report.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

void write_ranking_xlsx(std::ostream& out, const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking);
void write_scorecard_xlsx(std::ostream& out, const Evaluation& ev, const Scorecard& card, const Ranking& ranking);
void write_gaps_xlsx(std::ostream& out, const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking,
                     std::optional<std::size_t> unit);
void write_deviations_xlsx(std::ostream& out, const Evaluation& ev, std::optional<std::size_t> unit);
/// The year in one workbook (`cchc report --format xlsx`): the ranking sheets, a sheet per
/// unit (scorecard, points lost), the deviations, an index of units.
/// With `robustness` (not null), the robustness sheets after the ranking sheets.
void write_report_xlsx(std::ostream& out, const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking,
                       const RobustnessResult* robustness);

/// A unit's plan as one sheet (`cchc plan --format xlsx`).
void write_plan_xlsx(std::ostream& out, const Evaluation& ev, const UnitPlan& plan);
/// The robustness analysis as a workbook (`cchc robustness --format xlsx`).
void write_robustness_xlsx(std::ostream& out, const Evaluation& ev, const RobustnessResult& result);

class XlsxBook;
class XlsxSheet;
/// The plan's block from `row` down (heading, verdict, before and after, the changes; the
/// changes' header frozen when `freeze`); returns the row after it.
std::uint32_t add_plan_rows(XlsxBook& book, XlsxSheet& sheet, const Evaluation& ev, const UnitPlan& plan, std::uint32_t row, bool freeze);
/// The robustness sheets: `Khoảng hạng` (a row per unit), `Biểu đồ khoảng hạng` (a native
/// chart per group), `Cặp liền kề`, and `Chỉ số Sobol` when there are indices.
void add_robustness_sheets(XlsxBook& book, const Evaluation& ev, const RobustnessResult& result);

/// The target of a unit's plan in the year's report: the next band up ("band:LABEL"); none
/// for an unranked unit or one already in the top band.
std::optional<std::string> next_band_up(const CriteriaSet& set, const GroupRanking& group, const RankEntry& entry);

/// The search steps a year's report may spend on all its units' plans together: about thirty
/// seconds at worst, where a province's year (tens of units) needs a
/// small part of it, and a national year of thousands of units gets plans for as many as fit.
inline constexpr std::size_t report_plan_budget = 60'000'000;

/// A unit's plan to `target` for the year's report, its search paid from `budget`. None, with
/// `why` the report's text in its place, when the search passes the plan's own bound (a set
/// with many changeable leaves of many values) or what is left of the budget: the report then
/// says so for that unit instead of failing the whole year (`cchc plan` on the unit plans it).
std::optional<UnitPlan> report_plan(const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking,
                                    std::size_t unit, const std::string& target, std::size_t& budget, std::string& why);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
