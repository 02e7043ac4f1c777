// The weights file of `cchc robustness --weights-file`: given weights, run by run, that
// replay another tool's replications exactly.
#ifndef CCHC_IO_RUN_WEIGHTS_HPP
#define CCHC_IO_RUN_WEIGHTS_HPP

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cchc/export.hpp"
#include "cchc/model/criteria_set.hpp"

namespace cchc {
inline namespace v1 {

/// One replayed weight: in run `run` (1-based), node `node` weighs `weight` instead of its
/// nominal weight (its max under a `sum` parent, its declared weight under `weighted_mean`).
struct RunWeight {
  std::int64_t run = 0;
  NodeIndex node = 0;
  double weight = 0;
};

/// Reads a weights file: CSV with the columns `run,node,weight` (node = a node id of the
/// set; weight >= 0). Every run 1..runs must appear at least once; nodes not listed in a run
/// keep their nominal weight. Throws cchc::Error listing every problem at file:row:column.
CCHC_API std::vector<RunWeight> load_run_weights(const std::string& path, const CriteriaSet& criteria, std::int64_t runs);
/// The same from text (`name` is the file name used in messages).
CCHC_API std::vector<RunWeight> parse_run_weights(std::string_view csv, const std::string& name, const CriteriaSet& criteria,
                                                  std::int64_t runs);

}  // namespace v1
}  // namespace cchc

#endif
