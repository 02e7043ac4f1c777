// Scoring a year's units on several threads that share one loaded cchc::Evaluation.
#ifndef REPORTING_TOOL_PARALLEL_SCORING_HPP
#define REPORTING_TOOL_PARALLEL_SCORING_HPP

#include <cchc/cchc.hpp>

#include <vector>

namespace reporting {

/// cards[i] is unit i, as cchc::score gives it. Thread t scores one contiguous slice of the
/// units with cchc::score_unit into its own slots of the result: the Evaluation is immutable
/// and shared by reference, no lock is needed. An exception in a thread is rethrown here.
std::vector<cchc::Scorecard> score_on_threads(const cchc::Evaluation& evaluation, unsigned threads);

/// True when both hold the same points for every node of every unit and the same totals,
/// maxima and indices: how the tool checks the merged result against cchc::score.
bool same_scores(const std::vector<cchc::Scorecard>& a, const std::vector<cchc::Scorecard>& b);

}  // namespace reporting

#endif
