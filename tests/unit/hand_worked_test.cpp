// The hand-worked set (tests/data/hand-worked/) through the public API: every unit's total,
// max, index, rank and band, each worked out by hand in the comment above its checks.
//
// Rules, from criteria.yaml (max 100, 2 places, half-up):
//   field 1 (sum, max 30): 1.1 options kip_thoi 4 | cham 2 | khong 0;
//     1.2 tiers above 0.9 → 6, min 0.7 → 3, else 0; 1.3 deduct 1 per late report from 4
//     (na: exclude); 1.4 points, step 0.5, max 16.
//   field 2 (weighted_mean, max 40): 2.1 proportional max 10 weight 3; 2.2 proportional
//     target 0.8 max 10 weight 1; 2.3 points step 0.25 max 10 weight 1.
//     So field 2 = 40 × (3·p2.1/10 + p2.2/10 + p2.3/10) / 5 = 0.8 × (3·p2.1 + p2.2 + p2.3).
//   field 3 (survey, max 30): 3.1 max 20, 3.2 max 10, answers A 1, B 0.6, C 0.2, D 0:
//     points = max × (A + 0.6·B + 0.2·C) / (A + B + C + D), or max × share.
//   bonus "thuong" up to 2. Bands (set, used by "so"): min 90 Xuất sắc, above 80 Tốt,
//     min 65 Khá, else Trung bình. Group "huyen": min 85 Nhóm I, above 70 Nhóm II, else Nhóm III.
#include <doctest/doctest.h>

#include "support.hpp"

using namespace cchc;

namespace {

struct HandWorked {
  cchc_test::Scored s;
  HandWorked() {
    const std::string dir = CCHC_TEST_DATA_DIR "/hand-worked/";
    s.evaluation = load_evaluation(load_criteria(dir + "criteria.yaml"), dir + "units.csv", dir + "evidence.csv");
    s.cards = score(s.evaluation);
    s.ranking = rank(s.evaluation, s.cards);
  }
};

}  // namespace

TEST_CASE_FIXTURE(HandWorked, "S1, Sở Tư pháp: index exactly 90 meets the inclusive 'min 90'") {
  // 1.1 kip_thoi 4; 1.2 0.95 > 0.9 → 6; 1.3 one late report: 4 − 1 = 3; 1.4 14.5
  //   field 1 = 4 + 6 + 3 + 14.5 = 27.5
  // 2.1 10 × 0.97 = 9.7; 2.2 10 × 0.72 / 0.8 = 9; 2.3 8.5
  //   field 2 = 0.8 × (3 × 9.7 + 9 + 8.5) = 0.8 × 46.6 = 37.28
  // 3.1 A=30 B=15 C=5 D=0: 20 × (30 + 9 + 1) / 50 = 16
  // 3.2 A=90 B=3 C=2 D=5: 10 × (90 + 1.8 + 0.4) / 100 = 9.22
  //   field 3 = 25.22
  // total 27.5 + 37.28 + 25.22 = 90 of 100 → 90.00% → Xuất sắc; rank 1 of S1–S3
  CHECK(s.points("S1", "1") == "27.5");
  CHECK(s.points("S1", "2") == "37.28");
  CHECK(s.points("S1", "3.2") == "9.22");
  CHECK(s.total("S1") == "90");
  CHECK(s.max("S1") == "100");
  CHECK(s.card("S1").index().to_string(2) == "90.00");
  CHECK(s.card("S1").survey().to_string() == "25.22");
  CHECK(s.card("S1").appraisal().to_string() == "64.78");
  CHECK(s.rank("S1") == "1");
  CHECK(s.band("S1") == "Xuất sắc");
}

TEST_CASE_FIXTURE(HandWorked, "S2, Sở Nội vụ: 1.3 not applicable, 80% exactly, tied with S3") {
  // 1.1 cham 2; 1.2 0.9 is not above 0.9, meets min 0.7 → 3; 1.3 na (max 4 leaves);
  // 1.4 appraisal 11, second appraisal 12 → 12 counts
  //   field 1 = 2 + 3 + 12 = 17 of 26
  // 2.1 10 × 0.9 = 9; 2.2 80% = the target → 10; 2.3 7
  //   field 2 = 0.8 × (27 + 10 + 7) = 35.2
  // 3.1 A=36 B=5 C=0 D=9: 20 × (36 + 3) / 50 = 15.6; 3.2 share 0.9: 10 × 0.9 = 9
  //   field 3 = 24.6
  // total 17 + 35.2 + 24.6 = 76.8 of 100 − 4 = 96 → 76.8 / 96 = 80.00% exactly
  // → not above 80 → Khá; rank 2, shared with S3
  CHECK(s.node("S2", "1.3").status == NodeStatus::not_applicable);
  CHECK(s.points("S2", "1.4") == "12");
  CHECK(s.node("S2", "1.4").stage == Stage::appraisal2);
  CHECK(s.points("S2", "1") == "17");
  CHECK(s.points("S2", "2") == "35.2");
  CHECK(s.points("S2", "3") == "24.6");
  CHECK(s.total("S2") == "76.8");
  CHECK(s.max("S2") == "96");
  CHECK(s.index("S2") == "80");
  CHECK(s.rank("S2") == "2");
  CHECK(s.band("S2") == "Khá");
}

TEST_CASE_FIXTURE(HandWorked, "S3, Sở Tài chính: a bonus brings it to 80% exactly, tied with S2") {
  // 1.1 kip_thoi 4; 1.2 0.8 → 3; 1.3 no late report → 4; 1.4 self 15, appraisal 13.5 → 13.5
  //   field 1 = 4 + 3 + 4 + 13.5 = 24.5
  // 2.1 10 × 0.95 = 9.5; 2.2 10 × 0.6 / 0.8 = 7.5; 2.3 9
  //   field 2 = 0.8 × (28.5 + 7.5 + 9) = 0.8 × 45 = 36
  // 3.1 share 0.6: 20 × 0.6 = 12; 3.2 A=8 B=5 C=5 D=2: 10 × (8 + 3 + 1) / 20 = 6
  //   field 3 = 18
  // tree 24.5 + 36 + 18 = 78.5; + bonus 1.5 = 80 of 100 → 80.00% (= S2's 76.8/96 exactly)
  // → Khá; rank 2, shared with S2
  CHECK(s.points("S3", "1.4") == "13.5");
  CHECK(s.points("S3", "2") == "36");
  CHECK(s.card("S3").tree_total().to_string() == "78.5");
  CHECK(s.card("S3").adjustments().at(0).to_string() == "1.5");
  CHECK(s.total("S3") == "80");
  CHECK(s.max("S3") == "100");
  CHECK(s.index("S3") == "80");
  CHECK(compare_index(s.card("S2"), s.card("S3")) == 0);
  CHECK(s.rank("S3") == "2");
  CHECK(s.band("S3") == "Khá");
}

TEST_CASE_FIXTURE(HandWorked, "S4, Văn phòng UBND tỉnh: scored and banded, not ranked") {
  // 1.1 4; 1.2 100% → 6; 1.3 0 late → 4; 1.4 16 → field 1 = 30
  // 2.1 10; 2.2 0.9 / 0.8 capped at 1 → 10; 2.3 10 → field 2 = 0.8 × 50 = 40
  // 3.1 20 × 0.95 = 19; 3.2 10 × 0.6 = 6 → field 3 = 25
  // total 95 of 100 → 95.00% → Xuất sắc; no rank, and S1 keeps rank 1
  CHECK(s.total("S4") == "95");
  CHECK(s.max("S4") == "100");
  CHECK(s.index("S4") == "95");
  CHECK(s.rank("S4") == "-");
  CHECK(s.band("S4") == "Xuất sắc");
}

TEST_CASE_FIXTURE(HandWorked, "H1, UBND huyện Tam Đảo: 1.3 not applicable, a repeating index") {
  // 1.1 4; 1.2 0.92 → 6; 1.3 na; 1.4 15 → field 1 = 25 of 26
  // 2.1 10 × 0.88 = 8.8; 2.2 10 × 0.75 / 0.8 = 9.375 → 9.38; 2.3 9.25
  //   field 2 = 0.8 × (26.4 + 9.38 + 9.25) = 0.8 × 45.03 = 36.024 → 36.02
  // 3.1 A=20 B=10 C=10 D=10: 20 × (20 + 6 + 2) / 50 = 11.2; 3.2 10 × 0.7 = 7 → field 3 = 18.2
  // total 25 + 36.02 + 18.2 = 79.22 of 96 → 82.5208…% → 82.52
  // huyen bands: below 85, above 70 → Nhóm II; rank 2 (after H3)
  CHECK(s.points("H1", "2.2") == "9.38");
  CHECK(s.points("H1", "2") == "36.02");
  CHECK(s.total("H1") == "79.22");
  CHECK(s.max("H1") == "96");
  CHECK(s.index("H1") == "82.52");
  CHECK(s.rank("H1") == "2");
  CHECK(s.band("H1") == "Nhóm II");
}

TEST_CASE_FIXTURE(HandWorked, "H2, UBND huyện Lập Thạch: 70% exactly is not 'above 70'") {
  // 1.1 khong 0; 1.2 0.7 meets min 0.7 → 3; 1.3 two late: 4 − 2 = 2; 1.4 10 → field 1 = 15
  // 2.1 8.5; 2.2 10 × 0.64 / 0.8 = 8; 2.3 6.5 → field 2 = 0.8 × (25.5 + 8 + 6.5) = 32
  // 3.1 A=17 B=5 C=0 D=3: 20 × (17 + 3) / 25 = 16; 3.2 7 → field 3 = 23
  // total 15 + 32 + 23 = 70 of 100 → 70.00% → Nhóm III; rank 3
  CHECK(s.points("H2", "1") == "15");
  CHECK(s.points("H2", "2") == "32");
  CHECK(s.points("H2", "3") == "23");
  CHECK(s.total("H2") == "70");
  CHECK(s.index("H2") == "70");
  CHECK(s.rank("H2") == "3");
  CHECK(s.band("H2") == "Nhóm III");
}

TEST_CASE_FIXTURE(HandWorked, "H3, UBND thành phố Vĩnh Yên: deductions floored at zero") {
  // 1.1 4; 1.2 0.91 → 6; 1.3 seven late: 4 − 7 < 0 → 0; 1.4 16 → field 1 = 26
  // 2.1 9.9; 2.2 10 × 0.79 / 0.8 = 9.875 → 9.88; 2.3 9.75
  //   field 2 = 0.8 × (29.7 + 9.88 + 9.75) = 0.8 × 49.33 = 39.464 → 39.46
  // 3.1 A=40 B=8 C=2 D=0: 20 × (40 + 4.8 + 0.4) / 50 = 18.08; 3.2 10 × 0.5 = 5 → field 3 = 23.08
  // total 26 + 39.46 + 23.08 = 88.54 of 100 → 88.54% → Nhóm I; rank 1
  CHECK(s.points("H3", "1.3") == "0");
  CHECK(s.points("H3", "2") == "39.46");
  CHECK(s.points("H3", "3.1") == "18.08");
  CHECK(s.total("H3") == "88.54");
  CHECK(s.max("H3") == "100");
  CHECK(s.index("H3") == "88.54");
  CHECK(s.rank("H3") == "1");
  CHECK(s.band("H3") == "Nhóm I");
}

TEST_CASE_FIXTURE(HandWorked, "two rank groups, in set order, ranked units first") {
  REQUIRE(s.ranking.groups().size() == 2);
  CHECK(s.ranking.groups()[0].key() == "so");
  CHECK(s.ranking.groups()[0].title() == "Sở, ban, ngành");
  CHECK(s.ranking.groups()[1].key() == "huyen");
  std::vector<std::string> so, huyen;
  for (const auto& e : s.ranking.groups()[0].entries()) so.push_back(s.evaluation.units()[s.cards[e.scorecard()].unit()].code());
  for (const auto& e : s.ranking.groups()[1].entries()) huyen.push_back(s.evaluation.units()[s.cards[e.scorecard()].unit()].code());
  CHECK(so == std::vector<std::string>{"S1", "S2", "S3", "S4"});
  CHECK(huyen == std::vector<std::string>{"H3", "H1", "H2"});
}
