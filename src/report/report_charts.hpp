// The report's charts built from results: a group's ranking, a unit's field profile beside
// its group's mean, and the heatmap of component indices. Every figure is written as the
// tables write it (the set's places and mode, the report's decimal point).
#ifndef CCHC_SRC_REPORT_REPORT_CHARTS_HPP
#define CCHC_SRC_REPORT_REPORT_CHARTS_HPP

#include <cstddef>
#include <string>
#include <vector>

#include "cchc/report/report.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

/// `ranking.groups[group]` as bars coloured and patterned by band, band bounds drawn.
std::string group_ranking_chart(const Evaluation& evaluation, const std::vector<Scorecard>& cards, const Ranking& ranking,
                                std::size_t group, const ReportOptions& options);

/// The mean of a field's component index over the units of one rank group, each index as
/// the tables print it (rounded to the set's places), the mean rounded once with the set's
/// mode: what a reader gets by averaging the printed column.
Decimal group_mean_index(const Evaluation& evaluation, const std::vector<Scorecard>& cards, const GroupRanking& group,
                         NodeIndex field);

/// `card`'s component index per field beside the mean of its rank group.
std::string unit_field_chart(const Evaluation& evaluation, const std::vector<Scorecard>& cards, const Ranking& ranking,
                             const Scorecard& card, const ReportOptions& options);

/// Component indices of every ranked and unranked unit (group by group, in rank order) ×
/// fields.
std::string field_heatmap(const Evaluation& evaluation, const std::vector<Scorecard>& cards, const Ranking& ranking,
                          const ReportOptions& options);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
