// The private data of the explanation types (include/cchc/scoring/explain.hpp), for the library's
// code that fills and reads them field by field (see model/value_class.hpp).
#ifndef CCHC_SRC_SCORING_EXPLANATION_DATA_HPP
#define CCHC_SRC_SCORING_EXPLANATION_DATA_HPP

#include "cchc/scoring/explain.hpp"
#include "model/value_class.hpp"

namespace cchc {
inline namespace v1 {

struct NodeExplanation::Data {
  NodeIndex node = 0;
  Decimal points{};
  Decimal max{};
  Decimal lost{};
  NodeStatus status = NodeStatus::scored;
  std::string rule{};
  std::string evidence{};
  std::string reason{};
};

struct AdjustmentExplanation::Data {
  std::size_t adjustment = 0;
  Decimal points{};
  Decimal max{};
  std::string evidence{};
  std::string reason{};
};

struct TotalExplanation::Data {
  Decimal tree_total{};
  Decimal appraisal{};
  Decimal survey{};
  std::vector<AdjustmentExplanation> adjustments{};
  Decimal clamp{};
  Decimal total{};
  Decimal max{};
};

}  // namespace v1
}  // namespace cchc

#endif
