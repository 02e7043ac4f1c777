// Running independent pieces of work on the machine's cores.
#ifndef CCHC_SRC_SUPPORT_PARALLEL_FOR_HPP
#define CCHC_SRC_SUPPORT_PARALLEL_FOR_HPP

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace cchc {
inline namespace v1 {
namespace detail {

/// How many threads to use for `pieces` pieces of work: at most the cores, at most 8.
inline std::size_t worker_count(std::size_t pieces) noexcept {
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  return std::max<std::size_t>(1, std::min<std::size_t>({8, cores, pieces}));
}

/// Calls work(i) for every i in [0, count), on up to `threads` threads (the calling one
/// among them). Pieces are handed out in increasing order, one at a time, so that uneven
/// pieces balance out. The first exception thrown by a piece is rethrown here once every
/// thread has stopped; pieces not yet started then are skipped.
template <class Work>
void parallel_for(std::size_t count, std::size_t threads, Work&& work) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto run = [&] {
    for (std::size_t i; !failed.load(std::memory_order_relaxed) && (i = next.fetch_add(1, std::memory_order_relaxed)) < count;) {
      try {
        work(i);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
        failed.store(true, std::memory_order_relaxed);
      }
    }
  };
  std::vector<std::thread> helpers;
  const std::size_t wanted = std::min(threads, count);
  for (std::size_t t = 1; t < wanted; ++t) {
    try {
      helpers.emplace_back(run);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: the ones started (and this one) do the work
    }
  }
  run();
  for (std::thread& t : helpers) t.join();
  if (error) std::rethrow_exception(error);
}


/// Calls produce(i) for every i in [0, count) on up to `threads` threads, as parallel_for,
/// and consume(i) on the calling thread in increasing order of i, each as soon as its piece
/// is produced: the calling thread produces pieces itself while it waits. For output that
/// is formatted in parallel and written in order. Exceptions as parallel_for (from consume
/// too: the other threads then stop after their current piece).
template <class Produce, class Consume>
void parallel_in_order(std::size_t count, std::size_t threads, Produce&& produce, Consume&& consume) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  const std::unique_ptr<bool[]> done(new bool[count]());  // guarded by `mutex`
  std::exception_ptr error;
  std::mutex mutex;
  std::condition_variable produced;
  auto fail = [&](std::exception_ptr e) {
    const std::lock_guard<std::mutex> lock(mutex);
    if (!error) error = std::move(e);
    failed.store(true, std::memory_order_relaxed);
    produced.notify_all();
  };
  // Produces the next unclaimed piece; false when there is none left (or work failed).
  auto produce_one = [&]() -> bool {
    if (failed.load(std::memory_order_relaxed)) return false;
    const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
    if (i >= count) return false;
    try {
      produce(i);
    } catch (...) {
      fail(std::current_exception());
      return false;
    }
    const std::lock_guard<std::mutex> lock(mutex);
    done[i] = true;
    produced.notify_all();
    return true;
  };
  std::vector<std::thread> helpers;
  const std::size_t wanted = std::min(threads, count);
  for (std::size_t t = 1; t < wanted; ++t) {
    try {
      helpers.emplace_back([&] {
        while (produce_one()) {
        }
      });
    } catch (const std::system_error&) {
      break;  // the calling thread produces what no helper takes
    }
  }
  for (std::size_t k = 0; k < count && !failed.load(std::memory_order_relaxed); ++k) {
    for (;;) {
      {
        const std::lock_guard<std::mutex> lock(mutex);
        if (done[k] || failed.load(std::memory_order_relaxed)) break;
      }
      if (produce_one()) continue;
      std::unique_lock<std::mutex> lock(mutex);
      produced.wait(lock, [&] { return done[k] || failed.load(std::memory_order_relaxed); });
      break;
    }
    if (failed.load(std::memory_order_relaxed)) break;
    try {
      consume(k);
    } catch (...) {
      fail(std::current_exception());
    }
  }
  for (std::thread& t : helpers) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
