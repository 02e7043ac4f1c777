// Ranking: per rank group, competition ranks on the exact index, and bands.
#ifndef CCHC_RANKING_RANKING_HPP
#define CCHC_RANKING_RANKING_HPP

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cchc/export.hpp"
#include "cchc/scoring/scorecard.hpp"

namespace cchc {
inline namespace v1 {

namespace detail { struct ResultAccess; }

/// One unit's place in its group.
class CCHC_API RankEntry {
 public:
  RankEntry();
  RankEntry(const RankEntry& other);
  RankEntry(RankEntry&& other) noexcept;
  RankEntry& operator=(const RankEntry& other);
  RankEntry& operator=(RankEntry&& other) noexcept;
  ~RankEntry();

  std::size_t scorecard() const noexcept;  ///< index into the scorecards ranked
  std::optional<int> rank() const noexcept;  ///< 1-based, shared only by exactly equal values; none if unranked
  const std::string& band() const noexcept;  ///< empty when no band admits the index

  RankEntry& set_scorecard(std::size_t value);
  RankEntry& set_rank(std::optional<int> value);
  RankEntry& set_band(std::string value);

  struct Data;  ///< internal: the private data, opaque outside the library

 private:
  friend struct detail::ResultAccess;
  const Data& data() const noexcept;
  Data& data();
  std::unique_ptr<Data> data_;
};

/// One rank group's ranking.
class CCHC_API GroupRanking {
 public:
  GroupRanking();
  GroupRanking(const GroupRanking& other);
  GroupRanking(GroupRanking&& other) noexcept;
  GroupRanking& operator=(const GroupRanking& other);
  GroupRanking& operator=(GroupRanking&& other) noexcept;
  ~GroupRanking();

  const std::string& key() const noexcept;  ///< the group key; empty for the default group
  const std::string& title() const noexcept;  ///< the declared title, else the key
  const std::vector<RankEntry>& entries() const noexcept;  ///< ranked units in rank order, then unranked ones by code

  GroupRanking& set_key(std::string value);
  GroupRanking& set_title(std::string value);
  GroupRanking& set_entries(std::vector<RankEntry> value);

  struct Data;  ///< internal: the private data, opaque outside the library

 private:
  friend struct detail::ResultAccess;
  const Data& data() const noexcept;
  Data& data();
  std::unique_ptr<Data> data_;
};

/// Every group's ranking.
class CCHC_API Ranking {
 public:
  Ranking();
  Ranking(const Ranking& other);
  Ranking(Ranking&& other) noexcept;
  Ranking& operator=(const Ranking& other);
  Ranking& operator=(Ranking&& other) noexcept;
  ~Ranking();

  /// The default group first, then the declared groups in set order, then undeclared keys
  /// in Vietnamese order (ICU's vi collation: Đ after D, not after Y).
  const std::vector<GroupRanking>& groups() const noexcept;

  Ranking& set_groups(std::vector<GroupRanking> value);

  struct Data;  ///< internal: the private data, opaque outside the library

 private:
  friend struct detail::ResultAccess;
  const Data& data() const noexcept;
  Data& data();
  std::unique_ptr<Data> data_;
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
