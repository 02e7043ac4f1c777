// Ranks per group: exact index (or the displayed one), tie-break nodes, competition ranks.
#include "cchc/ranking/ranking.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "model/api_error.hpp"
#include "model/exact.hpp"
#include "ranking/ranking_data.hpp"
#include "model/unicode.hpp"

namespace cchc {
inline namespace v1 {

namespace {

// The value bands and ranks are decided on: the exact rational total/max (as a fraction
// of 100), or the index as displayed under `ranking.on: rounded`.
struct IndexValue {
  detail::int128 num = 0, den = 1;  // index / 100 = num / den
};

IndexValue index_value(const CriteriaSet& set, const Scorecard& c) {
  if (set.ranking().on == RankOn::rounded) return {c.index().raw(), 100 * static_cast<detail::int128>(Decimal::scale)};
  if (c.max() <= Decimal()) return {0, 1};
  return {c.total().raw(), c.max().raw()};
}

int compare(const IndexValue& a, const IndexValue& b) { return detail::compare_fractions(a.num, a.den, b.num, b.den); }

bool admits(const Bound& bound, const IndexValue& v) {
  if (bound.kind == BoundKind::none) return true;
  // index >= bound  <=>  num/den >= bound/100  <=>  num·100·10^6 >= bound.raw·den
  const detail::int128 left = v.num * 100 * Decimal::scale, right = static_cast<detail::int128>(bound.value.raw()) * v.den;
  return bound.kind == BoundKind::min ? left >= right : left > right;
}

std::string band_of(const std::vector<Band>& bands, const IndexValue& v) {
  for (const Band& b : bands)
    if (admits(b.bound, v)) return b.label;
  return {};
}

}  // namespace

std::string band_for(const CriteriaSet& set, const std::string& group_key, const Scorecard& card) {
  return band_of(set.bands_for(group_key), index_value(set, card));
}

Ranking rank(const Evaluation& evaluation, const std::vector<Scorecard>& cards) {
  const CriteriaSet& set = evaluation.criteria();
  const auto& units = evaluation.units();
  Ranking ranking;
  // Group order: the default group, the declared groups in set order, then other keys in
  // Vietnamese order (ICU's vi collation: "Đô thị" before "Huyện"; byte order would put Đ
  // after every ASCII letter), equal keys by bytes. Ranks never depend on it.
  std::vector<std::string> keys;
  std::map<std::string, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < cards.size(); ++i) members[units[detail::checked_index(cards[i].unit(), units.size(), "scorecard-mismatch", "scorecard unit")].group()].push_back(i);
  if (members.count("")) keys.emplace_back();
  for (const RankGroup& g : set.groups())
    if (members.count(g.key)) keys.push_back(g.key);
  std::vector<std::pair<std::string, std::string>> undeclared;  // (collation key, group key)
  for (const auto& [key, list] : members)
    if (!key.empty() && set.find_group(key) == nullptr) undeclared.emplace_back(detail::vi_collation_key(key), key);
  std::sort(undeclared.begin(), undeclared.end());
  for (auto& [collation, key] : undeclared) keys.push_back(std::move(key));

  std::vector<IndexValue> values(cards.size());
  for (std::size_t i = 0; i < cards.size(); ++i) values[i] = index_value(set, cards[i]);
  const auto& tie_break = set.ranking().tie_break;
  // <0: a ranks before b; 0: a rank is shared.
  auto order = [&](std::size_t a, std::size_t b) {
    const int c = compare(values[b], values[a]);
    if (c != 0) return c;
    for (NodeIndex n : tie_break) {
      const Decimal pa = cards[a].nodes()[n].points, pb = cards[b].nodes()[n].points;
      if (pa != pb) return pa > pb ? -1 : 1;
    }
    return 0;
  };

  for (const std::string& key : keys) {
    GroupRanking group;
    group.set_key(key);
    const RankGroup* declared = set.find_group(key);
    group.set_title(declared != nullptr ? declared->title : key);
    std::vector<std::size_t> ranked, unranked;
    for (std::size_t i : members[key]) (units[cards[i].unit()].ranked() ? ranked : unranked).push_back(i);
    const auto by_code = [&](std::size_t a, std::size_t b) { return units[cards[a].unit()].code() < units[cards[b].unit()].code(); };
    std::sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) {
      const int c = order(a, b);
      return c != 0 ? c < 0 : by_code(a, b);
    });
    // Unranked units have no rank to order them: a listing by name in Vietnamese order (ICU's
    // vi collation, Đ after D), then by code.
    std::vector<std::pair<std::string, std::size_t>> by_name;
    by_name.reserve(unranked.size());
    for (std::size_t i : unranked) by_name.emplace_back(detail::vi_collation_key(units[cards[i].unit()].name()), i);
    std::sort(by_name.begin(), by_name.end(), [&](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : by_code(a.second, b.second);
    });
    unranked.clear();
    for (const auto& entry : by_name) unranked.push_back(entry.second);
    const std::vector<Band>& bands = set.bands_for(key);
    for (std::size_t k = 0; k < ranked.size(); ++k) {
      RankEntry e;
      e.set_scorecard(ranked[k]);
      e.set_rank((k > 0 && order(ranked[k - 1], ranked[k]) == 0) ? group.entries().back().rank() : static_cast<int>(k + 1));
      e.set_band(band_of(bands, values[ranked[k]]));
      detail::data_of(group).entries.push_back(std::move(e));
    }
    for (std::size_t i : unranked) {
      RankEntry e;
      e.set_scorecard(i);
      e.set_band(band_of(bands, values[i]));
      detail::data_of(group).entries.push_back(std::move(e));
    }
    detail::data_of(ranking).groups.push_back(std::move(group));
  }
  return ranking;
}

}  // namespace v1
}  // namespace cchc
