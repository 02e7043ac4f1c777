#include "fuzz_support.hpp"

#include <cstdio>
#include <cstdlib>

namespace cchc_fuzz {

void fail(const char* what) {
  std::fprintf(stderr, "cchc fuzz invariant broken: %s\n", what);
  std::abort();
}

std::vector<std::string_view> split_parts(const std::uint8_t* data, std::size_t size, std::size_t parts) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> out;
  while (out.size() + 1 < parts) {
    const std::size_t at = rest.find(part_separator);
    if (at == std::string_view::npos) break;
    out.push_back(rest.substr(0, at));
    rest.remove_prefix(at + part_separator.size());
  }
  out.push_back(rest);
  out.resize(parts);
  return out;
}

namespace {
// Kept small so each execution is fast; every rule kind and policy appears once.
constexpr std::string_view fixed_yaml = R"yaml(schema: cchc/criteria@1
id: fuzz-fixed
title: "Bộ tiêu chí kiểm thử (fuzz)"
max: 20
rounding: {places: 2, mode: half_up}
bands:
  - {min: 90, label: "Tốt"}
  - {above: 80, label: "Khá"}
  - {label: "Trung bình"}
groups:
  xa: {title: "UBND cấp xã", bands: [{min: 80, label: "Nhóm I"}, {label: "Nhóm II"}]}
ranking: {on: exact, tie_break: ["2"]}
adjustments:
  - {id: thuong, title: "Điểm thưởng", kind: bonus, max: 1}
  - {id: phat, title: "Điểm trừ", kind: penalty, max: 2}
fields:
  - id: "1"
    title: "Chỉ đạo, điều hành"
    max: 8
    criteria:
      - {id: "1.1", title: "Kế hoạch", max: 1, rule: {options: {kip_thoi: 1, cham: 0.5, khong: 0}}}
      - {id: "1.2", title: "Thực hiện kế hoạch", max: 2,
         rule: {tiers: [{above: 0.9, points: 2}, {min: 0.7, points: 1}, {points: 0}]}}
      - {id: "1.3", title: "Đúng hạn", max: 2, rule: {proportional: {target: 0.95}}, na: exclude}
      - {id: "1.4", title: "Báo cáo", max: 1, rule: {deduct: {per: 0.25}}, na: full_points}
      - {id: "1.5", title: "Kiểm tra", max: 2, rule: {points: {step: 0.25}}}
  - id: "2"
    title: "Chỉ số thành phần"
    max: 6
    aggregate: weighted_mean
    criteria:
      - {id: "2.1", title: "Vi phạm", max: 10, weight: 3, rule: {tiers: [{min: 3, points: 0}, {min: 1, points: 5}, {points: 10}]}}
      - {id: "2.2", title: "Điểm nhập", max: 4, weight: 1.5, rule: {points: {}}, na: exclude}
  - id: "3"
    title: "Điều tra xã hội học"
    source: survey
    max: 6
    criteria:
      - {id: "3.1", title: "Đánh giá", max: 6, rule: {survey: {answers: {A: 1, B: 0.6, C: 0.2, D: 0}}}}
)yaml";
}  // namespace

const cchc::CriteriaSet& fixed_set() {
  static const cchc::CriteriaSet set = cchc::parse_criteria(fixed_yaml, "fuzz-fixed.yaml");
  return set;
}

void check_scorecard(const cchc::Evaluation& evaluation, const cchc::Scorecard& card) {
  const cchc::CriteriaSet& set = evaluation.criteria();
  const cchc::Decimal zero;
  if (card.nodes().size() != set.nodes().size()) fail("scorecard nodes not aligned with the set");
  for (std::size_t i = 0; i < card.nodes().size(); ++i) {
    const cchc::NodeScore& s = card.nodes()[i];
    if (s.points < zero) fail("a node has negative points");
    if (s.points > s.max) fail("a node has more points than its applicable max");
    if (s.max > set.nodes()[i].max) fail("a node's applicable max exceeds its declared max");
  }
  if (card.max() > set.max()) fail("applicable max exceeds the set's max");
  if (card.total() < zero || card.total() > card.max()) fail("total outside [0, max]");
  if (card.index() < zero || card.index() > cchc::Decimal::from_int(100)) fail("index outside [0, 100]");
  if (card.appraisal() + card.survey() != card.tree_total()) fail("appraisal + survey differs from the tree total");
}

void check_ranking(const cchc::Evaluation& evaluation, const std::vector<cchc::Scorecard>& cards,
                   const cchc::Ranking& ranking) {
  const bool exact = evaluation.criteria().ranking().on == cchc::RankOn::exact;
  // Sign of (a's ranking value − b's): the exact rational, or the displayed index.
  const auto compare = [&](const cchc::Scorecard& a, const cchc::Scorecard& b) {
    if (exact) return cchc::compare_index(a, b);
    return a.index() < b.index() ? -1 : a.index() > b.index() ? 1 : 0;
  };
  std::vector<int> seen(cards.size(), 0);
  for (const cchc::GroupRanking& g : ranking.groups()) {
    int previous = 0;
    for (std::size_t k = 0; k < g.entries().size(); ++k) {
      const cchc::RankEntry& e = g.entries()[k];
      if (e.scorecard() >= cards.size()) fail("ranking names a scorecard that does not exist");
      ++seen[e.scorecard()];
      if (!e.rank()) continue;
      if (k > 0 && !g.entries()[k - 1].rank()) fail("a ranked unit listed after an unranked one");
      // Competition ranking: a rank is either shared with the one above or equals the position.
      if (*e.rank() != previous && *e.rank() != static_cast<int>(k) + 1) fail("a rank is neither shared nor its position");
      if (k > 0) {
        const int c = compare(cards[g.entries()[k - 1].scorecard()], cards[e.scorecard()]);
        if (c < 0) fail("a unit ranked above one with a higher index");
        if (*e.rank() == previous && c != 0) fail("a rank shared by unequal indices");
      }
      previous = *e.rank();
    }
  }
  for (int n : seen)
    if (n != 1) fail("a scorecard is ranked twice or not at all");
}

}  // namespace cchc_fuzz
