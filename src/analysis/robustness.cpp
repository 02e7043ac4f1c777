// `cchc robustness`: the ranking replayed under perturbed weights, resampled surveys and
// noisy appraisal points; per unit the distribution of its rank, per group how often each
// nominal neighbour stays above the next.
//
// Reproducibility: each random source of run r (0-based) draws from its own
// std::mt19937_64, seeded from (seed, r, source) through splitmix64; within a source the draws
// come in a fixed order (node weights in set order; survey cells and appraisal cells row by
// row). Runs are split across threads in blocks, and every statistic is an integer count
// merged by addition, so the result depends only on the inputs and the seed, never on the
// number of threads. Uniform doubles are made by hand from the top 53 bits (portable); survey
// resampling uses the standard library's binomial distribution (the same on every build with
// the same standard library). Separate streams per source let the Sobol' design (--sobol)
// take one source's draws from a second sample while the others keep theirs.
#include "cchc/analysis/robustness.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <random>
#include <sstream>
#include <thread>

#include "analysis/rank_statistics.hpp"
#include "analysis/robustness_model.hpp"
#include "analysis/sobol.hpp"
#include "i18n/format.hpp"
#include "model/unicode.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

struct RobustnessOptionsData {
  std::int64_t runs = 1000;
  std::uint64_t seed = 1;
  double weights_noise = 0;
  std::vector<RunWeight> run_weights;
  std::string run_weights_source;
  bool survey_sampling = false;
  std::int64_t survey_n = 0;
  std::int64_t appraisal_noise = 0;
  unsigned threads = 0;
  bool sobol = false;
};

struct UnitRobustnessData {
  std::size_t unit = 0;
  std::string group, band;
  int rank = 0;
  double mean = 0, median = 0, q05 = 0, q95 = 0, p_rank_1 = 0, p_keep_band = 0;
  std::vector<std::pair<std::string, double>> bands;
};

struct RobustnessResultData {
  std::int64_t runs = 0;
  std::uint64_t seed = 0;
  std::vector<UnitRobustness> units;
  std::vector<GroupRobustness> groups;
  std::vector<std::string> sources;
  std::vector<SobolIndex> sobol;
};

namespace {

std::uint64_t splitmix64(std::uint64_t x) noexcept {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

double uniform01(std::mt19937_64& g) { return static_cast<double>(g() >> 11) * 0x1.0p-53; }

// A survey leaf of one unit to resample: its answer counts and weights, or a share of n.
struct SurveyCell {
  std::uint32_t row = 0, col = 0;
  double max = 0;
  std::vector<std::int64_t> counts;  // empty: a share
  std::vector<double> weights;
  double share = 0;
};

// A `points` leaf of one unit that moves by whole steps.
struct AppraisalCell {
  std::uint32_t row = 0, col = 0;
  double points = 0, max = 0, step = 0;
};

struct Group {
  std::size_t begin = 0, end = 0;          // model rows
  std::vector<Band> bands;
  std::vector<double> bounds;              // the bands' bounds as doubles
};

// Integer counts only: merging threads' statistics in any order gives the same numbers.
struct Stats {
  std::vector<RankHistogram> ranks;
  std::vector<std::uint64_t> rank_sum, rank_1, keep_band;
  std::vector<std::uint64_t> band_counts;  // row-major: rows × (bands + 1), the last for "no band"
  std::vector<std::uint64_t> above;        // per adjacent pair
  void init(std::size_t rows, std::size_t band_slots, std::size_t pairs) {
    ranks.assign(rows, RankHistogram());
    rank_sum.assign(rows, 0);
    rank_1.assign(rows, 0);
    keep_band.assign(rows, 0);
    band_counts.assign(rows * band_slots, 0);
    above.assign(pairs, 0);
  }
  void merge(const Stats& o) {
    for (std::size_t i = 0; i < ranks.size(); ++i) ranks[i].merge(o.ranks[i]);
    auto add = [](std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
      for (std::size_t i = 0; i < a.size(); ++i) a[i] += b[i];
    };
    add(rank_sum, o.rank_sum);
    add(rank_1, o.rank_1);
    add(keep_band, o.keep_band);
    add(band_counts, o.band_counts);
    add(above, o.above);
  }
};

// The band a replication's index falls in: like the exact ranking's, with the bound's
// equality decided within the tie tolerance (an index computed as 90 − 1e-14 is 90).
std::size_t band_of(const Group& g, double index) {
  const std::vector<Band>& bands = g.bands;
  for (std::size_t b = 0; b < bands.size(); ++b) {
    const Bound& bound = bands[b].bound;
    if (bound.kind == BoundKind::none) return b;
    const double v = g.bounds[b];
    const bool equal = nearly_equal(index, v);
    if (bound.kind == BoundKind::min ? (equal || index > v) : (!equal && index > v)) return b;
  }
  return bands.size();
}

Diagnostic option_error(const std::string& key, std::string message) {
  Diagnostic d(SourceLocation{"cchc robustness", 0, 0}, Severity::error, key, std::move(message));
  d.set_code("bad-robustness-option");
  return d;
}

std::string number_text(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

}  // namespace
}  // namespace detail

// ---- options and results: accessors over private data ----
RobustnessOptions::RobustnessOptions() : data_(std::make_shared<detail::RobustnessOptionsData>()) {}
detail::RobustnessOptionsData& RobustnessOptions::edit() {
  if (data_.use_count() > 1) data_ = std::make_shared<detail::RobustnessOptionsData>(*data_);
  return *data_;
}
std::int64_t RobustnessOptions::runs() const noexcept { return data_->runs; }
std::uint64_t RobustnessOptions::seed() const noexcept { return data_->seed; }
double RobustnessOptions::weights_noise() const noexcept { return data_->weights_noise; }
const std::vector<RunWeight>& RobustnessOptions::run_weights() const noexcept { return data_->run_weights; }
bool RobustnessOptions::survey_sampling() const noexcept { return data_->survey_sampling; }
std::int64_t RobustnessOptions::survey_n() const noexcept { return data_->survey_n; }
std::int64_t RobustnessOptions::appraisal_noise() const noexcept { return data_->appraisal_noise; }
unsigned RobustnessOptions::threads() const noexcept { return data_->threads; }
const std::string& RobustnessOptions::run_weights_source() const noexcept { return data_->run_weights_source; }
RobustnessOptions& RobustnessOptions::set_runs(std::int64_t runs) { edit().runs = runs; return *this; }
RobustnessOptions& RobustnessOptions::set_seed(std::uint64_t seed) { edit().seed = seed; return *this; }
RobustnessOptions& RobustnessOptions::set_weights_noise(double f) { edit().weights_noise = f; return *this; }
RobustnessOptions& RobustnessOptions::set_run_weights(std::vector<RunWeight> weights, std::string source) {
  edit().run_weights = std::move(weights);
  data_->run_weights_source = std::move(source);
  return *this;
}
RobustnessOptions& RobustnessOptions::set_survey_sampling(bool on) { edit().survey_sampling = on; return *this; }
RobustnessOptions& RobustnessOptions::set_survey_n(std::int64_t n) { edit().survey_n = n; return *this; }
RobustnessOptions& RobustnessOptions::set_appraisal_noise(std::int64_t k) { edit().appraisal_noise = k; return *this; }
RobustnessOptions& RobustnessOptions::set_threads(unsigned threads) { edit().threads = threads; return *this; }
bool RobustnessOptions::sobol() const noexcept { return data_->sobol; }
RobustnessOptions& RobustnessOptions::set_sobol(bool on) { edit().sobol = on; return *this; }

UnitRobustness::UnitRobustness() : data_(std::make_shared<detail::UnitRobustnessData>()) {}
UnitRobustness::UnitRobustness(std::shared_ptr<const detail::UnitRobustnessData> data) noexcept : data_(std::move(data)) {}
std::size_t UnitRobustness::unit() const noexcept { return data_->unit; }
const std::string& UnitRobustness::group() const noexcept { return data_->group; }
int UnitRobustness::rank() const noexcept { return data_->rank; }
const std::string& UnitRobustness::band() const noexcept { return data_->band; }
double UnitRobustness::rank_mean() const noexcept { return data_->mean; }
double UnitRobustness::rank_median() const noexcept { return data_->median; }
double UnitRobustness::rank_q05() const noexcept { return data_->q05; }
double UnitRobustness::rank_q95() const noexcept { return data_->q95; }
const std::vector<std::pair<std::string, double>>& UnitRobustness::band_probabilities() const noexcept { return data_->bands; }
double UnitRobustness::p_rank_1() const noexcept { return data_->p_rank_1; }
double UnitRobustness::p_keep_band() const noexcept { return data_->p_keep_band; }

RobustnessResult::RobustnessResult() : data_(std::make_shared<detail::RobustnessResultData>()) {}
RobustnessResult::RobustnessResult(std::shared_ptr<const detail::RobustnessResultData> data) noexcept : data_(std::move(data)) {}
std::int64_t RobustnessResult::runs() const noexcept { return data_->runs; }
std::uint64_t RobustnessResult::seed() const noexcept { return data_->seed; }
const std::vector<UnitRobustness>& RobustnessResult::units() const noexcept { return data_->units; }
const std::vector<GroupRobustness>& RobustnessResult::groups() const noexcept { return data_->groups; }
const std::vector<std::string>& RobustnessResult::sources() const noexcept { return data_->sources; }
const std::vector<SobolIndex>& RobustnessResult::sobol() const noexcept { return data_->sobol; }

// ---- the analysis ----
RobustnessResult analyze_robustness(const Evaluation& evaluation, const std::vector<Scorecard>& cards, const Ranking& ranking,
                                    const RobustnessOptions& options) {
  using namespace detail;
  const CriteriaSet& set = evaluation.criteria();
  std::vector<Diagnostic> problems;
  if (options.runs() < 1 || options.runs() > 10'000'000)
    problems.push_back(option_error("--runs", detail::trf("--runs is {runs}; expected a whole number of runs from 1 to 10000000", fmt::arg("runs", options.runs()))));
  const double f = options.weights_noise();
  if (!(f >= 0 && f < 1))
    problems.push_back(option_error("--weights-noise", detail::trf("--weights-noise is {noise}; expected a fraction of each weight in [0, 1), such as 0.25 for ±25%", fmt::arg("noise", number_text(f)))));
  if (options.appraisal_noise() < 0 || options.appraisal_noise() > 1'000'000)
    problems.push_back(option_error("--appraisal-noise", detail::trf("--appraisal-noise is {steps}; expected a whole number of steps from 0 to 1000000", fmt::arg("steps", options.appraisal_noise()))));
  if (options.survey_n() < 0 || options.survey_n() > 1'000'000'000)
    problems.push_back(option_error("--survey-n", detail::trf("--survey-n is {n}; expected a number of respondents from 1 to 1000000000", fmt::arg("n", options.survey_n()))));
  if (!problems.empty()) throw Error(std::move(problems));

  const RobustnessModel model = make_robustness_model(evaluation, cards, ranking);
  const auto& nodes = set.nodes();

  // Groups: contiguous rows of the model, in the ranking's order.
  std::vector<Group> groups;
  std::vector<std::size_t> group_of_row(model.rows);
  std::vector<int> nominal_rank(model.rows);
  std::vector<std::size_t> nominal_band(model.rows);
  std::size_t band_slots = 1;
  {
    std::size_t row = 0;
    for (const GroupRanking& g : ranking.groups()) {
      Group grp;
      grp.begin = row;
      grp.bands = set.bands_for(g.key());
      for (const Band& b : grp.bands) grp.bounds.push_back(b.bound.value.to_double());
      band_slots = std::max(band_slots, grp.bands.size() + 1);
      for (const RankEntry& e : g.entries()) {
        if (!e.rank()) continue;
        nominal_rank[row] = *e.rank();
        std::size_t b = grp.bands.size();
        for (std::size_t k = 0; k < grp.bands.size(); ++k)
          if (grp.bands[k].label == e.band()) b = k;
        nominal_band[row] = b;
        group_of_row[row] = groups.size();
        ++row;
      }
      grp.end = row;
      groups.push_back(std::move(grp));
    }
  }

  // Run weights: λ = given weight / nominal weight, indexed by run.
  const auto runs = static_cast<std::size_t>(options.runs());
  std::vector<std::size_t> run_first;  // into `replay`, runs + 1 entries
  std::vector<std::pair<std::uint32_t, double>> replay;
  if (!options.run_weights().empty()) {
    std::vector<RunWeight> sorted = options.run_weights();
    std::stable_sort(sorted.begin(), sorted.end(), [](const RunWeight& a, const RunWeight& b) { return a.run < b.run; });
    run_first.assign(runs + 2, 0);
    for (const RunWeight& w : sorted) {
      if (w.run < 1 || static_cast<std::size_t>(w.run) > runs) continue;
      const std::uint32_t col = model.col_of[w.node];
      const double nominal = model.nominal_weight[col];
      if (nominal <= 0 && w.weight != 0) {
        problems.push_back(option_error("--weights-file", detail::trf("node {node} has a nominal weight of 0, so a weight of it cannot be replayed",
                                                                      fmt::arg("node", quote_value(nodes[w.node].id)))));
        break;
      }
      ++run_first[static_cast<std::size_t>(w.run) + 1];
      replay.emplace_back(col, nominal > 0 ? w.weight / nominal : 0.0);
    }
    for (std::size_t r = 1; r < run_first.size(); ++r) run_first[r] += run_first[r - 1];
  }

  // Survey cells.
  std::vector<SurveyCell> surveys;
  if (options.survey_sampling()) {
    std::size_t shares = 0;
    SourceLocation first_share;
    std::string first_text, first_unit, first_node;
    for (std::size_t row = 0; row < model.rows; ++row) {
      const Scorecard& card = cards[model.card_of_row[row]];
      for (std::size_t col = 1; col < model.cols; ++col) {
        const NodeIndex n = model.node_at[col];
        const Criterion& c = nodes[n];
        if (!c.is_leaf() || c.rule.kind != RuleKind::survey || card.nodes()[n].status != NodeStatus::scored) continue;
        const std::optional<EvidenceValue> v = evaluation.value(model.unit_of_row[row], n);
        if (!v) continue;
        SurveyCell cell;
        cell.row = static_cast<std::uint32_t>(row);
        cell.col = static_cast<std::uint32_t>(col);
        cell.max = c.max.to_double();
        if (v->kind() == ValueKind::answers) {
          std::int64_t total = 0;
          for (std::size_t k = 0; k < c.rule.answers.size(); ++k) {
            const std::int64_t count = k < v->answers().size() ? v->answers()[k].count : 0;
            cell.counts.push_back(count);
            cell.weights.push_back(c.rule.answers[k].weight.to_double());
            total += count;
          }
          if (total <= 0) continue;
        } else if (v->kind() == ValueKind::number) {
          cell.share = v->number().to_double();
          if (options.survey_n() == 0) {
            if (shares++ == 0) {
              first_share = v->location();
              first_text = v->text();
              first_unit = evaluation.units()[model.unit_of_row[row]].code();
              first_node = c.id;
            }
            continue;
          }
        } else {
          continue;
        }
        surveys.push_back(std::move(cell));
      }
    }
    if (shares > 0) {
      Diagnostic d(first_share, Severity::error, "--survey-n",
                   shares > 1 ? detail::trf("survey value {value} of {node} for unit {unit} is a share without answer counts: --survey-sampling "
                                            "needs --survey-n N (respondents) to resample it ({count} more such values)",
                                            fmt::arg("value", quote_value(first_text)), fmt::arg("node", quote_value(first_node)),
                                            fmt::arg("unit", quote_value(first_unit)), fmt::arg("count", shares - 1))
                              : detail::trf("survey value {value} of {node} for unit {unit} is a share without answer counts: --survey-sampling "
                                            "needs --survey-n N (respondents) to resample it",
                                            fmt::arg("value", quote_value(first_text)), fmt::arg("node", quote_value(first_node)),
                                            fmt::arg("unit", quote_value(first_unit))));
      d.set_code("survey-share-without-counts").set_unit(first_unit).set_criterion(first_node);
      problems.push_back(std::move(d));
    } else if (surveys.empty()) {
      problems.push_back(option_error("--survey-sampling", detail::tr("--survey-sampling: no ranked unit has a survey value to resample (no leaf with a `survey` rule has answer counts or a share)")));
    }
  }

  // Appraisal cells: `points` leaves with a value, moved by whole steps (the rule's step, else
  // one unit of the set's last decimal place).
  std::vector<AppraisalCell> appraisals;
  if (options.appraisal_noise() > 0) {
    for (std::size_t row = 0; row < model.rows; ++row) {
      const Scorecard& card = cards[model.card_of_row[row]];
      for (std::size_t col = 1; col < model.cols; ++col) {
        const NodeIndex n = model.node_at[col];
        const Criterion& c = nodes[n];
        if (!c.is_leaf() || c.rule.kind != RuleKind::points || card.nodes()[n].status != NodeStatus::scored) continue;
        AppraisalCell cell;
        cell.row = static_cast<std::uint32_t>(row);
        cell.col = static_cast<std::uint32_t>(col);
        cell.points = card.nodes()[n].points.to_double();
        cell.max = c.max.to_double();
        cell.step = c.rule.step ? c.rule.step->to_double() : std::pow(10.0, -model.places);
        appraisals.push_back(cell);
      }
    }
    if (appraisals.empty())
      problems.push_back(option_error("--appraisal-noise", detail::tr("--appraisal-noise: no ranked unit has a value on a leaf with a `points` rule")));
  }
  if (options.sobol()) {
    if (!options.run_weights().empty())
      problems.push_back(option_error("--sobol", detail::tr("--sobol measures random sources; replayed weights (--weights-file) are not one: leave one of them out")));
    else if (!(options.weights_noise() > 0) && surveys.empty() && appraisals.empty())
      problems.push_back(option_error("--sobol", detail::tr("--sobol needs a random source: --weights-noise, --survey-sampling or --appraisal-noise")));
    else if (options.runs() > 1'000'000)
      problems.push_back(option_error("--sobol", detail::trf("--sobol keeps every evaluation's output: at most 1000000 base runs (--runs is {runs})", fmt::arg("runs", options.runs()))));
  }
  if (!problems.empty()) throw Error(std::move(problems));

  // Adjacent pairs of each group, in nominal order.
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (const Group& g : groups)
    for (std::size_t r = g.begin; r + 1 < g.end; ++r) pairs.emplace_back(r, r + 1);

  const std::uint64_t seed = options.seed();
  const double noise = options.weights_noise();
  const std::int64_t k_steps = options.appraisal_noise();
  const std::int64_t survey_n = options.survey_n();
  // Nodes in set order (the order of the draws), as columns.
  std::vector<std::uint32_t> draw_cols;
  for (NodeIndex n = 1; n < nodes.size(); ++n) draw_cols.push_back(model.col_of[n]);

  // The three random sources draw from separate streams, so that the Sobol' design can take
  // one source's draws from another sample (stream `which`: 0 = A, the runs reported; 1 = B).
  enum Source : std::uint64_t { weights_source = 0, survey_source = 1, appraisal_source = 2 };
  auto stream = [seed](std::uint64_t sample, std::uint64_t source, std::uint64_t which) {
    return splitmix64(splitmix64(splitmix64(seed) ^ (sample + 1)) ^ (source * 2 + which + 1));
  };
  // The leaf points and weight multipliers of one run: `sample` numbers the draws; `which`
  // gives, per source, the sample matrix its draws come from; `replay_run` the weights-file
  // run (or none).
  auto perturb = [&](std::uint64_t sample, const std::array<std::uint64_t, 3>& which, std::optional<std::size_t> replay_run,
                     Eigen::VectorXd& lambda, RunScratch& scratch) {
    lambda.setOnes();
    if (replay_run && !run_first.empty())
      for (std::size_t i = run_first[*replay_run + 1]; i < run_first[*replay_run + 2]; ++i) lambda(replay[i].first) = replay[i].second;
    if (noise > 0) {
      std::mt19937_64 gen(stream(sample, weights_source, which[weights_source]));
      for (std::uint32_t col : draw_cols) lambda(col) *= 1 + noise * (2 * uniform01(gen) - 1);
    }
    if (!surveys.empty()) {
      std::mt19937_64 gen(stream(sample, survey_source, which[survey_source]));
      for (const SurveyCell& c : surveys) {
        double points;
        if (c.counts.empty()) {
          std::binomial_distribution<std::int64_t> draw(survey_n, std::clamp(c.share, 0.0, 1.0));
          points = c.max * static_cast<double>(draw(gen)) / static_cast<double>(survey_n);
        } else {
          // Multinomial as a chain of binomials: answer k gets Bin(left, countₖ / counts left).
          std::int64_t left = 0, counts_left = 0;
          for (std::int64_t x : c.counts) left += x;
          counts_left = left;
          const double n = static_cast<double>(left);
          double weighted = 0;
          for (std::size_t k = 0; k < c.counts.size() && left > 0; ++k) {
            std::int64_t x = left;
            if (k + 1 < c.counts.size()) {
              std::binomial_distribution<std::int64_t> draw(left, static_cast<double>(c.counts[k]) / static_cast<double>(counts_left));
              x = draw(gen);
            }
            weighted += static_cast<double>(x) * c.weights[k];
            left -= x;
            counts_left -= c.counts[k];
          }
          points = c.max * weighted / n;
        }
        scratch.points(c.row, c.col) = round_places(points, model.places, model.mode);
      }
    }
    if (!appraisals.empty()) {
      std::mt19937_64 gen(stream(sample, appraisal_source, which[appraisal_source]));
      const auto span = static_cast<std::uint64_t>(2 * k_steps + 1);
      for (const AppraisalCell& c : appraisals) {
        const auto steps = static_cast<std::int64_t>(gen() % span) - k_steps;
        scratch.points(c.row, c.col) = std::clamp(c.points + static_cast<double>(steps) * c.step, 0.0, c.max);
      }
    }
  };
  auto score_and_rank = [&](const Eigen::VectorXd& lambda, RunScratch& scratch, std::vector<std::uint32_t>& order, std::vector<int>& ranks) {
    score_run(model, lambda, scratch);
    for (const Group& g : groups) rank_rows(scratch.index, scratch.points, model.tie_break_cols, g.begin, g.end, order, ranks);
  };

  auto work = [&](std::size_t run_begin, std::size_t run_end, Stats& stats) {
    stats.init(model.rows, band_slots, pairs.size());
    RunScratch scratch;
    scratch.points = model.points0;
    Eigen::VectorXd lambda(static_cast<Eigen::Index>(model.cols));
    std::vector<std::uint32_t> order;
    std::vector<int> ranks(model.rows);
    for (std::size_t run = run_begin; run < run_end; ++run) {
      perturb(run, {0, 0, 0}, run, lambda, scratch);
      score_and_rank(lambda, scratch, order, ranks);
      for (const Group& g : groups) {
        for (std::size_t r = g.begin; r < g.end; ++r) {
          const int rank = ranks[r];
          stats.ranks[r].add(rank);
          stats.rank_sum[r] += static_cast<std::uint64_t>(rank);
          stats.rank_1[r] += rank == 1 ? 1 : 0;
          const std::size_t b = band_of(g, scratch.index(static_cast<Eigen::Index>(r)));
          ++stats.band_counts[r * band_slots + b];
          stats.keep_band[r] += b == nominal_band[r] ? 1 : 0;
        }
      }
      for (std::size_t p = 0; p < pairs.size(); ++p) stats.above[p] += ranks[pairs[p].first] < ranks[pairs[p].second] ? 1 : 0;
    }
  };

  unsigned threads = options.threads() != 0 ? options.threads() : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>({threads, 64, runs}));
  std::vector<Stats> partial(threads);
  if (threads == 1) {
    work(0, runs, partial[0]);
  } else {
    std::vector<std::thread> pool;
    const std::size_t chunk = (runs + threads - 1) / threads;
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back([&, t] { work(std::min(runs, t * chunk), std::min(runs, (t + 1) * chunk), partial[t]); });
    for (std::thread& th : pool) th.join();
  }
  Stats& stats = partial[0];
  for (unsigned t = 1; t < threads; ++t) stats.merge(partial[t]);

  // Sobol': the output is the mean absolute rank shift of a run. Base samples A (the runs
  // above draw the same streams) and B, and for each active source i, A with source i's
  // draws from B; every evaluation is independent, so threads split the samples.
  std::vector<SobolIndex> sobol;
  if (options.sobol()) {
    std::vector<std::pair<Source, std::string>> active;
    if (noise > 0) active.emplace_back(weights_source, "weights");
    if (!surveys.empty()) active.emplace_back(survey_source, "survey");
    if (!appraisals.empty()) active.emplace_back(appraisal_source, "appraisal");
    const std::size_t designs = active.size() + 2;  // A, B, then A_B(i)
    std::vector<std::vector<double>> outputs(designs, std::vector<double>(runs));
    auto shift = [&](const std::vector<int>& ranks) {
      double sum = 0;
      for (std::size_t r = 0; r < model.rows; ++r) sum += std::abs(ranks[r] - nominal_rank[r]);
      return model.rows > 0 ? sum / static_cast<double>(model.rows) : 0.0;
    };
    auto evaluate = [&](std::size_t begin, std::size_t end) {
      RunScratch scratch;
      scratch.points = model.points0;
      Eigen::VectorXd lambda(static_cast<Eigen::Index>(model.cols));
      std::vector<std::uint32_t> order;
      std::vector<int> ranks(model.rows);
      for (std::size_t j = begin; j < end; ++j)
        for (std::size_t d = 0; d < designs; ++d) {
          std::array<std::uint64_t, 3> which{0, 0, 0};
          if (d == 1) which = {1, 1, 1};
          if (d >= 2) which[active[d - 2].first] = 1;
          perturb(j, which, std::nullopt, lambda, scratch);
          score_and_rank(lambda, scratch, order, ranks);
          outputs[d][j] = shift(ranks);
        }
    };
    if (threads == 1) {
      evaluate(0, runs);
    } else {
      std::vector<std::thread> pool;
      const std::size_t chunk = (runs + threads - 1) / threads;
      for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back([&, t] { evaluate(std::min(runs, t * chunk), std::min(runs, (t + 1) * chunk)); });
      for (std::thread& th : pool) th.join();
    }
    for (std::size_t i = 0; i < active.size(); ++i)
      sobol.push_back(sobol_index(active[i].second, outputs[0], outputs[1], outputs[i + 2], splitmix64(seed ^ 0x50B0150B01ULL) + i, 1000));
  }

  auto data = std::make_shared<RobustnessResultData>();
  data->runs = options.runs();
  data->seed = seed;
  if (noise > 0) data->sources.push_back("weights ±" + number_text(noise * 100) + "%");
  if (!options.run_weights().empty())
    data->sources.push_back("weights replayed from " + (options.run_weights_source().empty() ? std::string("a file") : options.run_weights_source()));
  if (options.survey_sampling()) data->sources.push_back("survey answers resampled");
  if (k_steps > 0) data->sources.push_back("appraisal points ±" + std::to_string(k_steps) + " steps");
  const double n_runs = static_cast<double>(runs);
  for (std::size_t r = 0; r < model.rows; ++r) {
    const Group& g = groups[group_of_row[r]];
    auto u = std::make_shared<UnitRobustnessData>();
    u->unit = model.unit_of_row[r];
    u->group = evaluation.units()[u->unit].group();
    u->rank = nominal_rank[r];
    u->band = nominal_band[r] < g.bands.size() ? g.bands[nominal_band[r]].label : std::string();
    u->mean = static_cast<double>(stats.rank_sum[r]) / n_runs;
    u->median = stats.ranks[r].quantile7(0.5);
    u->q05 = stats.ranks[r].quantile7(0.05);
    u->q95 = stats.ranks[r].quantile7(0.95);
    u->p_rank_1 = static_cast<double>(stats.rank_1[r]) / n_runs;
    u->p_keep_band = static_cast<double>(stats.keep_band[r]) / n_runs;
    for (std::size_t b = 0; b < g.bands.size(); ++b)
      u->bands.emplace_back(g.bands[b].label, static_cast<double>(stats.band_counts[r * band_slots + b]) / n_runs);
    if (const std::uint64_t none = stats.band_counts[r * band_slots + g.bands.size()]; none > 0)
      u->bands.emplace_back(std::string(), static_cast<double>(none) / n_runs);
    data->units.emplace_back(std::move(u));
  }
  std::size_t p = 0;
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    GroupRobustness out;
    out.key = ranking.groups()[gi].key();
    out.title = ranking.groups()[gi].title();
    for (std::size_t r = groups[gi].begin; r + 1 < groups[gi].end; ++r, ++p)
      out.pairs.push_back(AdjacentPair{model.unit_of_row[r], model.unit_of_row[r + 1], static_cast<double>(stats.above[p]) / n_runs});
    data->groups.push_back(std::move(out));
  }
  data->sobol = std::move(sobol);
  return RobustnessResult(std::move(data));
}

}  // namespace v1
}  // namespace cchc
