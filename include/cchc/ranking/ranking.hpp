// Ranking: per rank group, competition ranks on the exact index, and bands.
#ifndef CCHC_RANKING_RANKING_HPP
#define CCHC_RANKING_RANKING_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "cchc/export.hpp"
#include "cchc/scoring/scorecard.hpp"

namespace cchc {
inline namespace v1 {

struct RankEntry {
  std::size_t scorecard = 0;  ///< index into the scorecards ranked
  std::optional<int> rank;    ///< 1-based, shared only by exactly equal values; none if unranked
  std::string band;           ///< empty when no band admits the index
};

struct GroupRanking {
  std::string key;    ///< the group key; empty for the default group
  std::string title;  ///< the declared title, else the key
  std::vector<RankEntry> entries;  ///< ranked units in rank order, then unranked ones by code
};

struct Ranking {
  /// The default group first, then the declared groups in set order, then undeclared keys
  /// in Vietnamese order (ICU's vi collation: Đ after D, not after Y).
  std::vector<GroupRanking> groups;
};

/// Ranks per group: by index (exact, or rounded under `ranking.on: rounded`), then by the
/// points of the `tie_break` nodes; units still equal share a rank (1, 2, 2, 4) and are
/// listed by code. Bands use the same value the ranking uses.
CCHC_API Ranking rank(const Evaluation& evaluation, const std::vector<Scorecard>& cards);

/// The band label for an index in a group ("" when none admits it).
CCHC_API std::string band_for(const CriteriaSet& set, const std::string& group_key, const Scorecard& card);

}  // namespace v1
}  // namespace cchc

#endif
