// Google Benchmark: loading, scoring and ranking a national-scale year through the public API.
//
//   cchc_score_rank_bench DATA_DIR [benchmark flags]
//
// DATA_DIR holds criteria.yaml, units.csv and evidence.csv (benchmarks/generate_national.py).
// The data are loaded once; score + rank is timed on the loaded Evaluation (target: <= 5 ms).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cchc/cchc.hpp"

namespace {

struct Data {
  std::string dir;
  cchc::CriteriaSet criteria;
  cchc::Evaluation evaluation;
};

// Loaded once in main(), before any benchmark runs; read-only afterwards.
std::unique_ptr<Data> data;

std::string criteria_path() { return data->dir + "/criteria.yaml"; }
std::string units_path() { return data->dir + "/units.csv"; }
std::string evidence_path() { return data->dir + "/evidence.csv"; }

void BM_ScoreAndRank(benchmark::State& state) {
  for (auto _ : state) {
    std::vector<cchc::Scorecard> cards = cchc::score(data->evaluation);
    cchc::Ranking ranking = cchc::rank(data->evaluation, cards);
    benchmark::DoNotOptimize(cards.data());
    benchmark::DoNotOptimize(ranking.groups.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(data->evaluation.units().size()));
}

void BM_Score(benchmark::State& state) {
  for (auto _ : state) {
    std::vector<cchc::Scorecard> cards = cchc::score(data->evaluation);
    benchmark::DoNotOptimize(cards.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(data->evaluation.units().size()));
}

// The same work on one thread (score() splits national-scale inputs across the cores).
void BM_ScoreOneThread(benchmark::State& state) {
  const std::size_t units = data->evaluation.units().size();
  for (auto _ : state) {
    std::vector<cchc::Scorecard> cards(units);
    for (std::size_t u = 0; u < units; ++u) cards[u] = cchc::score_unit(data->evaluation, u);
    benchmark::DoNotOptimize(cards.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(units));
}

void BM_Rank(benchmark::State& state) {
  const std::vector<cchc::Scorecard> cards = cchc::score(data->evaluation);
  for (auto _ : state) {
    cchc::Ranking ranking = cchc::rank(data->evaluation, cards);
    benchmark::DoNotOptimize(ranking.groups.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(cards.size()));
}

void BM_LoadCriteria(benchmark::State& state) {
  for (auto _ : state) {
    cchc::CriteriaSet set = cchc::load_criteria(criteria_path());
    benchmark::DoNotOptimize(set.nodes().data());
  }
}

void BM_LoadEvaluation(benchmark::State& state) {
  for (auto _ : state) {
    cchc::Evaluation ev = cchc::load_evaluation(data->criteria, units_path(), evidence_path());
    benchmark::DoNotOptimize(ev.units().data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(data->evaluation.units().size()));
}

// score() runs worker threads: wall time is what a caller waits for, and the CPU column
// counts every thread of the process.
BENCHMARK(BM_ScoreAndRank)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();
BENCHMARK(BM_Score)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();
BENCHMARK(BM_ScoreOneThread)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Rank)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_LoadCriteria)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadEvaluation)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DATA_DIR [--benchmark_...]\n"
                         "  DATA_DIR: criteria.yaml, units.csv, evidence.csv (benchmarks/generate_national.py)\n", argv[0]);
    return 2;
  }
  try {
    data = std::make_unique<Data>();
    data->dir = argv[1];
    data->criteria = cchc::load_criteria(criteria_path());
    data->evaluation = cchc::load_evaluation(data->criteria, units_path(), evidence_path());
  } catch (const cchc::Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  benchmark::AddCustomContext("units", std::to_string(data->evaluation.units().size()));
  benchmark::AddCustomContext("nodes", std::to_string(data->criteria.nodes().size()));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
