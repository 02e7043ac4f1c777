// The Markdown report: the ranking per group, with where each unit lost most points.
#ifndef REPORTING_TOOL_MARKDOWN_REPORT_HPP
#define REPORTING_TOOL_MARKDOWN_REPORT_HPP

#include <cchc/cchc.hpp>

#include <cstddef>
#include <ostream>
#include <vector>

namespace reporting {

/// One table per rank group in rank order: rank, code, name, total, index, band, and the
/// `losses_per_unit` criteria where the unit lost most points (cchc::points_lost).
void write_markdown_report(std::ostream& out, const cchc::Evaluation& evaluation,
                           const std::vector<cchc::Scorecard>& cards, const cchc::Ranking& ranking,
                           std::size_t losses_per_unit);

}  // namespace reporting

#endif
