// Loading what a command reads: the criteria set, then the units and evidence, then
// scoring and ranking, with every message in the order the command line prints them.
// This is the `cchc` tool's former load(), shared with the C API.
#ifndef CCHC_SRC_COMMAND_INPUTS_HPP
#define CCHC_SRC_COMMAND_INPUTS_HPP

#include <memory>
#include <optional>
#include <vector>

#include "cchc/model/criteria_set.hpp"
#include "cchc/model/diagnostic.hpp"
#include "cchc/model/evaluation.hpp"
#include "cchc/ranking/ranking.hpp"
#include "cchc/scoring/scorecard.hpp"
#include "cchc/export.hpp"
#include "command/request.hpp"

namespace cchc {
inline namespace v1 {
namespace command {

/// A year loaded, scored and ranked.
struct Run {
  Evaluation evaluation;
  std::vector<Scorecard> cards;
  Ranking ranking;
  std::vector<Diagnostic> warnings;  ///< loading and scoring warnings, listed in JSON output
};

/// The set from its file or text; every diagnostic (errors, warnings) is appended to `messages`.
std::optional<CriteriaSet> load_set(const Source& criteria, std::vector<Diagnostic>& messages);

/// Units and evidence (each a file or a text) against `set`, scored and ranked.
/// The units alone (the entry workbook): null when they are refused.
std::shared_ptr<const std::vector<Unit>> load_units(const CriteriaSet& set, const Source& units, std::vector<Diagnostic>& messages);

std::optional<Run> load_run(const CriteriaSet& set, const Source& units, const Source& evidence,
                            const EvaluationOptions& options, std::vector<Diagnostic>& messages);

/// A year scored and ranked; its scoring warnings are appended to `messages` and to the
/// run's warnings (after `warnings`, those of loading).
Run scored(Evaluation evaluation, std::vector<Diagnostic> warnings, std::vector<Diagnostic>& messages);

/// The set of a request (loaded, or from its source), with its warnings in `messages`.
std::optional<CriteriaSet> request_set(const Request& request, std::vector<Diagnostic>& messages);

/// A year loaded once for many commands; nullptr with the errors in `messages` when refused.
CCHC_API std::shared_ptr<const LoadedYear> load_year(const LoadedCriteria& criteria, const Source& units,
                                                    const Source& evidence, bool missing_as_zero,
                                                    std::vector<Diagnostic>& messages);
/// A set loaded once; nullptr with the errors in `messages` when refused.
CCHC_API std::shared_ptr<const LoadedCriteria> load_criteria(const Source& criteria, std::vector<Diagnostic>& messages);

/// The warnings among `diagnostics`.
std::vector<Diagnostic> warnings_of(const std::vector<Diagnostic>& diagnostics);

}  // namespace command
}  // namespace v1
}  // namespace cchc

#endif
