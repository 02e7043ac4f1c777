// The private data of the ranking types (include/cchc/ranking/ranking.hpp), for the library's
// code that fills and reads them field by field (see model/value_class.hpp).
#ifndef CCHC_SRC_RANKING_RANKING_DATA_HPP
#define CCHC_SRC_RANKING_RANKING_DATA_HPP

#include "cchc/ranking/ranking.hpp"
#include "model/value_class.hpp"

namespace cchc {
inline namespace v1 {

struct RankEntry::Data {
  std::size_t scorecard = 0;
  std::optional<int> rank{};
  std::string band{};
};

struct GroupRanking::Data {
  std::string key{};
  std::string title{};
  std::vector<RankEntry> entries{};
};

struct Ranking::Data {
  std::vector<GroupRanking> groups{};
};

}  // namespace v1
}  // namespace cchc

#endif
