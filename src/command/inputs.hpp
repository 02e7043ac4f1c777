// Loading what a command reads: the criteria set, then the units and evidence, then
// scoring and ranking, with every message in the order the command line prints them.
// This is the `cchc` tool's former load(), shared with the C API.
#ifndef CCHC_SRC_COMMAND_INPUTS_HPP
#define CCHC_SRC_COMMAND_INPUTS_HPP

#include <optional>
#include <vector>

#include "cchc/model/criteria_set.hpp"
#include "cchc/model/diagnostic.hpp"
#include "cchc/model/evaluation.hpp"
#include "cchc/ranking/ranking.hpp"
#include "cchc/scoring/scorecard.hpp"
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
std::optional<Run> load_run(const CriteriaSet& set, const Source& units, const Source& evidence,
                            const EvaluationOptions& options, std::vector<Diagnostic>& messages);

/// The warnings among `diagnostics`.
std::vector<Diagnostic> warnings_of(const std::vector<Diagnostic>& diagnostics);

}  // namespace command
}  // namespace v1
}  // namespace cchc

#endif
