// The private data of the gap types (include/cchc/analysis/gaps.hpp), for the library's
// code that fills and reads them field by field (see model/value_class.hpp).
#ifndef CCHC_SRC_ANALYSIS_GAPS_DATA_HPP
#define CCHC_SRC_ANALYSIS_GAPS_DATA_HPP

#include "cchc/analysis/gaps.hpp"
#include "model/value_class.hpp"

namespace cchc {
inline namespace v1 {

struct Gap::Data {
  NodeIndex node = 0;
  NodeIndex field = 0;
  Decimal max{};
  Decimal points{};
  Decimal lost{};
  NodeStatus status = NodeStatus::scored;
  std::string rule{};
  std::string evidence{};
  std::string reason{};
  std::string next_step{};
  std::string next_value{};
  Decimal next_gain{};
};

struct FieldSummary::Data {
  NodeIndex field = 0;
  Decimal max{};
  Decimal points{};
  Decimal lost{};
  Decimal index{};
};

struct UnitGaps::Data {
  std::size_t unit = 0;
  std::vector<Gap> gaps{};
  std::vector<FieldSummary> fields{};
  Decimal lost{};
  Decimal tree_lost{};
  Decimal adjustments{};
  Decimal clamp{};
};

}  // namespace v1
}  // namespace cchc

#endif
