// The private data of a Scorecard (include/cchc/scoring/scorecard.hpp), for the scorer and
// the writers that read it field by field (see model/value_class.hpp).
#ifndef CCHC_SRC_SCORING_SCORECARD_DATA_HPP
#define CCHC_SRC_SCORING_SCORECARD_DATA_HPP

#include <optional>
#include <vector>

#include "cchc/scoring/scorecard.hpp"
#include "model/value_class.hpp"

namespace cchc {
inline namespace v1 {

struct Scorecard::Data {
  std::size_t unit = 0;
  std::vector<NodeScore> nodes;
  std::vector<Decimal> adjustments;
  Decimal tree_total, total, max, appraisal, survey, index;
  std::optional<Stage> as_of;
};

}  // namespace v1
}  // namespace cchc

#endif
