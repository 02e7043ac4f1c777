// The private data of the deviation types (include/cchc/analysis/deviations.hpp), for the library's
// code that fills and reads them field by field (see model/value_class.hpp).
#ifndef CCHC_SRC_ANALYSIS_DEVIATIONS_DATA_HPP
#define CCHC_SRC_ANALYSIS_DEVIATIONS_DATA_HPP

#include "cchc/analysis/deviations.hpp"
#include "model/value_class.hpp"

namespace cchc {
inline namespace v1 {

struct Deviation::Data {
  NodeIndex node = 0;
  Decimal max{};
  StagePoints points{};
  Decimal final_points{};
  Decimal change{};
};

struct UnitDeviations::Data {
  std::size_t unit = 0;
  std::vector<Deviation> deviations{};
  StagePoints totals{};
  StagePoints maxima{};
  Decimal max{};
};

}  // namespace v1
}  // namespace cchc

#endif
