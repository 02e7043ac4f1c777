// The data behind a CriteriaSet, shared by the loader (which fills it) and the readers.
#ifndef CCHC_SRC_MODEL_CRITERIA_SET_DATA_HPP
#define CCHC_SRC_MODEL_CRITERIA_SET_DATA_HPP

#include <string>
#include "model/lookup.hpp"
#include <vector>

#include "cchc/model/criteria_set.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

struct CriteriaSetData {
  std::string id;
  std::string title;
  std::optional<int> year;
  Rounding rounding;
  std::vector<Band> bands;
  std::vector<RankGroup> groups;
  RankingPolicy ranking;
  std::vector<Adjustment> adjustments;
  std::vector<Criterion> nodes;  // pre-order; [0] is the root, whose max is the set's max
  std::string source_name;
  TextMap<NodeIndex> node_by_id;
};

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
