#include "parallel_scoring.hpp"

#include <algorithm>
#include <exception>
#include <thread>

namespace reporting {

std::vector<cchc::Scorecard> score_on_threads(const cchc::Evaluation& evaluation, unsigned threads) {
  const std::size_t units = evaluation.units().size();
  std::vector<cchc::Scorecard> cards(units);
  const std::size_t workers = std::max<std::size_t>(1, std::min<std::size_t>(threads, units));
  std::vector<std::exception_ptr> failures(workers);
  std::vector<std::thread> pool;
  pool.reserve(workers);
  for (std::size_t t = 0; t < workers; ++t) {
    // Slices differ in size by at most one unit.
    const std::size_t begin = units * t / workers;
    const std::size_t end = units * (t + 1) / workers;
    pool.emplace_back([&evaluation, &cards, &failures, t, begin, end] {
      try {
        for (std::size_t u = begin; u < end; ++u) cards[u] = cchc::score_unit(evaluation, u);
      } catch (...) {
        failures[t] = std::current_exception();
      }
    });
  }
  for (auto& thread : pool) thread.join();
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);
  return cards;
}

bool same_scores(const std::vector<cchc::Scorecard>& a, const std::vector<cchc::Scorecard>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto& x = a[i];
    const auto& y = b[i];
    if (x.unit() != y.unit() || x.total() != y.total() || x.max() != y.max() || x.index() != y.index() ||
        x.nodes().size() != y.nodes().size() || x.adjustments() != y.adjustments())
      return false;
    for (std::size_t n = 0; n < x.nodes().size(); ++n)
      if (x.nodes()[n].points != y.nodes()[n].points || x.nodes()[n].max != y.nodes()[n].max ||
          x.nodes()[n].status != y.nodes()[n].status)
        return false;
  }
  return true;
}

}  // namespace reporting
