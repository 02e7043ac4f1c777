// How sure each rank is: the ranking replayed many times under perturbed weights, resampled
// surveys and noisy appraisal points (uncertainty analysis, as COINr's get_sensitivity does).
// A sampling analysis: it uses binary floating point, never on the official path; the
// nominal rank and band it reports come from the exact ranking.
#ifndef CCHC_ANALYSIS_ROBUSTNESS_HPP
#define CCHC_ANALYSIS_ROBUSTNESS_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cchc/export.hpp"
#include "cchc/io/run_weights.hpp"
#include "cchc/model/diagnostic.hpp"
#include "cchc/ranking/ranking.hpp"
#include "cchc/scoring/scorecard.hpp"

namespace cchc {
inline namespace v1 {

namespace detail { struct RobustnessOptionsData; struct UnitRobustnessData; struct RobustnessResultData; }

/// What to perturb and how many times. Copies are cheap; setters return the options so that
/// they can be chained.
class CCHC_API RobustnessOptions {
 public:
  RobustnessOptions();

  /// Replications, 1..10^7 (default 1,000).
  std::int64_t runs() const noexcept;
  /// The seed of every run's generator (default 1). The result depends only on the inputs and
  /// the seed, never on the number of threads.
  std::uint64_t seed() const noexcept;
  /// F in [0, 1): each node's weight is multiplied by 1 + U(-F, F), per node, per run.
  double weights_noise() const noexcept;
  /// Weights replayed run by run (see load_run_weights); empty: none.
  const std::vector<RunWeight>& run_weights() const noexcept;
  /// Resample each survey leaf's answers (multinomial bootstrap of its counts).
  bool survey_sampling() const noexcept;
  /// Respondents assumed for a survey value given as a share without counts (0: none given;
  /// then such a value is refused under survey_sampling).
  std::int64_t survey_n() const noexcept;
  /// K >= 0: each `points` leaf moves by a uniform whole number of steps in [-K, K].
  std::int64_t appraisal_noise() const noexcept;
  /// Worker threads (0: the machine's cores). Does not change the result.
  unsigned threads() const noexcept;
  /// Also estimate Sobol' indices of each random source (weights noise, survey sampling,
  /// appraisal noise) on the mean absolute rank shift: runs() base samples, runs() × (sources
  /// + 2) evaluations. Not with run_weights (a replay is not a random source).
  bool sobol() const noexcept;
  /// Where the weights came from, for messages ("W.csv"); empty when none.
  const std::string& run_weights_source() const noexcept;

  RobustnessOptions& set_runs(std::int64_t runs);
  RobustnessOptions& set_seed(std::uint64_t seed);
  RobustnessOptions& set_weights_noise(double f);
  RobustnessOptions& set_run_weights(std::vector<RunWeight> weights, std::string source = {});
  RobustnessOptions& set_survey_sampling(bool on);
  RobustnessOptions& set_survey_n(std::int64_t n);
  RobustnessOptions& set_appraisal_noise(std::int64_t k);
  RobustnessOptions& set_threads(unsigned threads);
  RobustnessOptions& set_sobol(bool on);

 private:
  std::shared_ptr<detail::RobustnessOptionsData> data_;
  detail::RobustnessOptionsData& edit();
};

/// One ranked unit's rank statistics over the runs.
class CCHC_API UnitRobustness {
 public:
  UnitRobustness();
  std::size_t unit() const noexcept;        ///< index into Evaluation::units()
  const std::string& group() const noexcept;
  int rank() const noexcept;                ///< nominal: the official competition rank
  const std::string& band() const noexcept; ///< nominal: the official band ("" when none)
  double rank_mean() const noexcept;
  double rank_median() const noexcept;      ///< R's type 7 quantile at 0.5
  double rank_q05() const noexcept;         ///< R's type 7 quantile at 0.05
  double rank_q95() const noexcept;         ///< R's type 7 quantile at 0.95
  /// The share of runs in each band of the unit's group, in the set's band order (every
  /// band, 0 included); a run whose index no band admits counts under "".
  const std::vector<std::pair<std::string, double>>& band_probabilities() const noexcept;
  double p_rank_1() const noexcept;
  double p_keep_band() const noexcept;

  explicit UnitRobustness(std::shared_ptr<const detail::UnitRobustnessData> data) noexcept;

 private:
  std::shared_ptr<const detail::UnitRobustnessData> data_;
};

/// Two units next to each other in the nominal order of a group.
struct AdjacentPair {
  std::size_t upper = 0;  ///< index into Evaluation::units()
  std::size_t lower = 0;
  double p_upper_above = 0;  ///< share of runs where `upper` ranks strictly better than `lower`
};

/// A group's pairs, in nominal rank order.
struct GroupRobustness {
  std::string key;
  std::string title;
  std::vector<AdjacentPair> pairs;
};

/// Sobol' indices of one source of uncertainty on the mean absolute rank shift (the mean over
/// ranked units of |run rank − nominal rank|), with 95 % bootstrap intervals (percentiles of
/// 1,000 resamples of the base samples).
struct SobolIndex {
  std::string source;  ///< "weights", "survey", "appraisal"
  double first = 0, first_low = 0, first_high = 0;  ///< first order, Saltelli (2010)
  double total = 0, total_low = 0, total_high = 0;  ///< total order, Jansen (1999)
};

class CCHC_API RobustnessResult {
 public:
  RobustnessResult();
  std::int64_t runs() const noexcept;
  std::uint64_t seed() const noexcept;
  /// Ranked units, group by group in the ranking's order, in nominal rank order.
  const std::vector<UnitRobustness>& units() const noexcept;
  const std::vector<GroupRobustness>& groups() const noexcept;
  /// The sources of uncertainty used, in words ("weights ±25%", "survey resampling").
  const std::vector<std::string>& sources() const noexcept;
  /// One entry per random source when RobustnessOptions::sobol() was set; else empty.
  const std::vector<SobolIndex>& sobol() const noexcept;

  explicit RobustnessResult(std::shared_ptr<const detail::RobustnessResultData> data) noexcept;

 private:
  std::shared_ptr<const detail::RobustnessResultData> data_;
};

/// Replays the ranking `options.runs()` times. `cards` and `ranking` are the official
/// results (score(), rank()) of `evaluation`. Throws cchc::Error on options it cannot use
/// (noise outside [0, 1), runs outside 1..10^7, survey shares without --survey-n, ...).
CCHC_API RobustnessResult analyze_robustness(const Evaluation& evaluation, const std::vector<Scorecard>& cards,
                                             const Ranking& ranking, const RobustnessOptions& options);

/// Sobol' estimators from model outputs on the base matrices A and B and on A with input
/// (group) i taken from B (A_B⁽ⁱ⁾), each of N samples. V is the variance of f(A) and f(B)
/// together. First order, Saltelli et al. (2010): (1/N) Σ f(B)·(f(A_B⁽ⁱ⁾) − f(A)) / V.
/// Total order, Jansen (1999): (1/2N) Σ (f(A) − f(A_B⁽ⁱ⁾))² / V. 0 when V is 0.
CCHC_API double sobol_first_order(const std::vector<double>& f_a, const std::vector<double>& f_b,
                                  const std::vector<double>& f_ab) noexcept;
CCHC_API double sobol_total_order(const std::vector<double>& f_a, const std::vector<double>& f_b,
                                  const std::vector<double>& f_ab) noexcept;

/// R's type 7 quantile (linear interpolation between order statistics) of sorted values.
CCHC_API double quantile_type7(const std::vector<double>& sorted, double p) noexcept;

}  // namespace v1
}  // namespace cchc

#endif
