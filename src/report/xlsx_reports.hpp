// The reports as Excel workbooks (--format xlsx): the layouts are in docs/output-formats.md.
#ifndef CCHC_SRC_REPORT_XLSX_REPORTS_HPP
#define CCHC_SRC_REPORT_XLSX_REPORTS_HPP

#include <optional>
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
void write_report_xlsx(std::ostream& out, const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
