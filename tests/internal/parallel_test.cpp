// The thread helpers in src/support: every piece runs once, in-order consumption is in
// order and after its piece, and a failure anywhere stops the work and reaches the caller.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "support/parallel_for.hpp"

using cchc::detail::parallel_for;
using cchc::detail::parallel_in_order;

TEST_CASE("parallel_for runs every piece exactly once") {
  for (const std::size_t threads : {1u, 2u, 4u, 8u}) {
    CAPTURE(threads);
    std::vector<std::atomic<int>> runs(1000);
    parallel_for(runs.size(), threads, [&](std::size_t i) { runs[i].fetch_add(1); });
    for (const auto& r : runs) REQUIRE(r.load() == 1);
  }
  parallel_for(0, 4, [](std::size_t) { FAIL("no piece to run"); });
}

TEST_CASE("parallel_for hands the first exception to the caller and stops handing out pieces") {
  for (const std::size_t threads : {1u, 4u}) {
    CAPTURE(threads);
    std::atomic<int> after_failure{0};
    CHECK_THROWS_WITH_AS(parallel_for(1000, threads,
                                      [&](std::size_t i) {
                                        if (i == 10) throw std::runtime_error("piece 10");
                                        if (i > 10) after_failure.fetch_add(1);
                                      }),
                         "piece 10", std::runtime_error);
    // On one thread nothing after the failed piece starts. (With more, pieces that other
    // threads took before the failure was seen may run: how many depends on timing.)
    if (threads == 1) CHECK(after_failure.load() == 0);
  }
}

TEST_CASE("parallel_in_order consumes every piece once, in order, after it is produced") {
  for (const std::size_t threads : {1u, 2u, 4u}) {
    CAPTURE(threads);
    constexpr std::size_t count = 500;
    std::vector<std::atomic<bool>> produced(count);
    std::vector<std::size_t> consumed;
    parallel_in_order(
        count, threads, [&](std::size_t i) { produced[i].store(true); },
        [&](std::size_t i) {
          REQUIRE(produced[i].load());
          consumed.push_back(i);
        });
    REQUIRE(consumed.size() == count);
    for (std::size_t i = 0; i < count; ++i) REQUIRE(consumed[i] == i);
  }
}

TEST_CASE("parallel_in_order stops at a failure in a piece or in its consumption") {
  std::vector<std::size_t> consumed;
  CHECK_THROWS_WITH_AS(parallel_in_order(
                           200, 4,
                           [](std::size_t i) {
                             if (i == 37) throw std::runtime_error("piece 37");
                           },
                           [&](std::size_t i) { consumed.push_back(i); }),
                       "piece 37", std::runtime_error);
  // Nothing at or after the failed piece is consumed.
  for (const std::size_t i : consumed) CHECK(i < 37);

  for (const std::size_t threads : {1u, 4u}) {
    CAPTURE(threads);
    consumed.clear();
    std::atomic<std::size_t> produced{0};
    CHECK_THROWS_WITH_AS(parallel_in_order(
                             200, threads, [&](std::size_t) { produced.fetch_add(1); },
                             [&](std::size_t i) {
                               if (i == 5) throw std::runtime_error("write failed");
                               consumed.push_back(i);
                             }),
                         "write failed", std::runtime_error);
    CHECK(consumed == std::vector<std::size_t>{0, 1, 2, 3, 4});
    // On one thread each piece is made just before it is consumed: 0..5, then the stop.
    if (threads == 1) CHECK(produced.load() == 6);
  }
}
