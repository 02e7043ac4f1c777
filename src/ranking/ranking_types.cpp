// The ranking types (include/cchc/ranking/ranking.hpp) as value classes:
// their data is private so that they can grow without breaking the ABI (see model/value_class.hpp).
#include "cchc/ranking/ranking.hpp"

#include "ranking/ranking_data.hpp"

namespace cchc {
inline namespace v1 {

CCHC_DEFINE_VALUE_CLASS(RankEntry)
CCHC_VALUE_FIELD(RankEntry, std::size_t, scorecard)
CCHC_VALUE_FIELD(RankEntry, std::optional<int>, rank)
CCHC_VALUE_FIELD_REF(RankEntry, std::string, band)

CCHC_DEFINE_VALUE_CLASS(GroupRanking)
CCHC_VALUE_FIELD_REF(GroupRanking, std::string, key)
CCHC_VALUE_FIELD_REF(GroupRanking, std::string, title)
CCHC_VALUE_FIELD_REF(GroupRanking, std::vector<RankEntry>, entries)

CCHC_DEFINE_VALUE_CLASS(Ranking)
CCHC_VALUE_FIELD_REF(Ranking, std::vector<GroupRanking>, groups)

}  // namespace v1
}  // namespace cchc
