// An integrator's own test of cchc: a four-unit criteria set written inline, evidence added
// one value at a time, and totals, indices, ranks and bands worked out by hand below.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cchc/cchc.hpp>

#include <string>
#include <vector>

namespace {

// 20 points: field 1 (8 = 2 + 3 + 3) scored by the council, field 2 (12) by a survey.
constexpr const char* mini_set = R"(schema: cchc/criteria@1
id: integrator-mini
title: "Bộ tiêu chí thử nghiệm của đơn vị tích hợp"
year: 2024
max: 20
rounding: {places: 2, mode: half_up}
bands:
  - {min: 80, label: "Tốt"}
  - {above: 60, label: "Khá"}
  - {label: "Trung bình"}
fields:
  - id: "1"
    title: "Công tác chỉ đạo, điều hành"
    max: 8
    criteria:
      - {id: "1.1", title: "Ban hành kế hoạch CCHC", max: 2, rule: {options: {kip_thoi: 2, cham: 1, khong: 0}}}
      - {id: "1.2", title: "Tỷ lệ hồ sơ giải quyết đúng hạn", max: 3, rule: {proportional: {target: 0.95}}}
      - {id: "1.3", title: "Báo cáo định kỳ", max: 3, rule: {deduct: {per: 0.5}}, na: exclude}
  - id: "2"
    title: "Điều tra xã hội học"
    source: survey
    max: 12
    criteria:
      - {id: "2.1", title: "Mức độ hài lòng", max: 12, rule: {survey: {answers: {A: 1, B: 0.5, C: 0}}}}
)";

cchc::Unit unit(const std::string& code, const std::string& name) {
  cchc::Unit u;
  u.set_code(code);
  u.set_name(name);
  return u;
}

cchc::Evaluation mini_evaluation(const cchc::CriteriaSet& set) {
  cchc::EvaluationBuilder builder(set);
  builder.add_unit(unit("so-a", "Sở Tài chính"));
  builder.add_unit(unit("so-b", "Sở Xây dựng"));
  builder.add_unit(unit("so-c", "Sở Tư pháp"));
  builder.add_unit(unit("so-d", "Sở Nội vụ"));
  // so-a: 2 + 3 × (0.90 / 0.95 = 0.947368…) = 2.842105… → 2.84 + (3 − 1 × 0.5 = 2.5)
  //       + 12 × (6 × 1 + 3 × 0.5 + 1 × 0) / 10 = 9  →  total 16.34 of 20, index 81.70: Tốt
  builder.add_value("so-a", "1.1", "kip_thoi");
  builder.add_value("so-a", "1.2", "90%");
  builder.add_value("so-a", "1.3", "1");
  builder.add_value("so-a", "2.1", "A=6;B=3;C=1");
  // so-b: 1 + 3 × min(1 / 0.95, 1) = 3 + 1.3 not applicable (max 20 − 3 = 17)
  //       + 12 × (4 + 4 × 0.5) / 10 = 7.2  →  total 11.2 of 17, index 65.882… → 65.88: Khá
  builder.add_value("so-b", "1.1", "cham");
  builder.add_value("so-b", "1.2", "100%");
  builder.add_value("so-b", "1.3", "na");
  builder.add_value("so-b", "2.1", "A=4;B=4;C=2");
  // so-c: the appraisal (cham, 1) replaces the self-assessment (kip_thoi)
  //       1 + 3 × 0.5 / 0.95 = 1.578947… → 1.58 + (3 − 2 × 0.5 = 2) + 12 × 0.7 = 8.4
  //       →  total 12.98 of 20, index 64.90: Khá
  builder.add_value("so-c", "1.1", "kip_thoi", cchc::Stage::self);
  builder.add_value("so-c", "1.1", "cham", cchc::Stage::appraisal);
  builder.add_value("so-c", "1.2", "0.5");
  builder.add_value("so-c", "1.3", "2");
  builder.add_value("so-c", "2.1", "0.7");
  // so-d: different evidence, same points as so-b: 1 + 3 × min(0.95 / 0.95, 1) = 3 + na
  //       + 12 × (2 + 8 × 0.5) / 10 = 7.2  →  total 11.2 of 17, index 65.88: Khá
  builder.add_value("so-d", "1.1", "cham");
  builder.add_value("so-d", "1.2", "95%");
  builder.add_value("so-d", "1.3", "na");
  builder.add_value("so-d", "2.1", "A=2;B=8;C=0");
  return std::move(builder).build().value();
}

const cchc::Scorecard& card_of(const cchc::Evaluation& evaluation, const std::vector<cchc::Scorecard>& cards,
                               const std::string& code) {
  return cards.at(evaluation.find_unit(code).value());
}

cchc::Decimal dec(const char* text) { return cchc::Decimal::parse(text).value(); }

}  // namespace

TEST_CASE("totals, applicable maxima and indices follow the hand arithmetic") {
  const auto set = cchc::parse_criteria(mini_set, "mini_set.yaml");
  const auto evaluation = mini_evaluation(set);
  const auto cards = cchc::score(evaluation);
  REQUIRE(cards.size() == 4);

  const auto& a = card_of(evaluation, cards, "so-a");
  CHECK(a.total() == dec("16.34"));
  CHECK(a.max() == dec("20"));
  CHECK(a.index() == dec("81.70"));
  CHECK(a.appraisal() == dec("7.34"));  // 2 + 2.84 + 2.5
  CHECK(a.survey() == dec("9"));

  const auto& b = card_of(evaluation, cards, "so-b");
  CHECK(b.total() == dec("11.2"));
  CHECK(b.max() == dec("17"));  // 1.3 marked na under `na: exclude`
  CHECK(b.index() == dec("65.88"));

  const auto& c = card_of(evaluation, cards, "so-c");
  CHECK(c.total() == dec("12.98"));
  CHECK(c.index() == dec("64.90"));

  const auto& d = card_of(evaluation, cards, "so-d");
  CHECK(d.total() == dec("11.2"));
  CHECK(d.index() == dec("65.88"));
}

TEST_CASE("ranks follow the exact index, ties share a rank, bands follow the index") {
  const auto set = cchc::parse_criteria(mini_set, "mini_set.yaml");
  const auto evaluation = mini_evaluation(set);
  const auto cards = cchc::score(evaluation);
  const auto ranking = cchc::rank(evaluation, cards);
  REQUIRE(ranking.groups().size() == 1);
  const auto& entries = ranking.groups().front().entries();
  REQUIRE(entries.size() == 4);

  // so-a 81.70 first; so-b and so-d both 11.2 / 17 exactly, so they share rank 2 (listed by
  // code); so-c has more points (12.98) but a lower index (12.98 / 20 = 64.90 %) and is 4th.
  const std::vector<std::string> codes{"so-a", "so-b", "so-d", "so-c"};
  const std::vector<int> ranks{1, 2, 2, 4};
  const std::vector<std::string> bands{"Tốt", "Khá", "Khá", "Khá"};
  for (std::size_t i = 0; i < entries.size(); ++i) {
    CAPTURE(i);
    const auto& card = cards.at(entries[i].scorecard());
    CHECK(evaluation.units().at(card.unit()).code() == codes[i]);
    CHECK(entries[i].rank() == ranks[i]);
    CHECK(entries[i].band() == bands[i]);
  }
}

TEST_CASE("points lost are listed largest first") {
  const auto set = cchc::parse_criteria(mini_set, "mini_set.yaml");
  const auto evaluation = mini_evaluation(set);
  const auto a = cchc::score_unit(evaluation, evaluation.find_unit("so-a").value());
  const auto lost = cchc::points_lost(evaluation, a);
  // so-a lost 12 − 9 = 3 on 2.1, 3 − 2.5 = 0.5 on 1.3, 3 − 2.84 = 0.16 on 1.2, nothing on 1.1.
  REQUIRE(lost.size() == 3);
  CHECK(set.node(lost[0].node()).id == "2.1");
  CHECK(lost[0].lost() == dec("3"));
  CHECK(set.node(lost[1].node()).id == "1.3");
  CHECK(lost[1].lost() == dec("0.5"));
  CHECK(set.node(lost[2].node()).id == "1.2");
  CHECK(lost[2].lost() == dec("0.16"));
}

TEST_CASE("bad input is refused with every problem, not scored") {
  const auto set = cchc::parse_criteria(mini_set, "mini_set.yaml");
  cchc::EvaluationBuilder builder(set);
  builder.add_unit(unit("so-a", "Sở Tài chính"));
  builder.add_value("so-a", "1.1", "som");   // not one of kip_thoi, cham, khong
  builder.add_value("so-a", "1.2", "120%");  // a rate above 1
  builder.add_value("so-a", "1.3", "1");
  builder.add_value("so-a", "2.1", "A=6;B=3;C=1");
  const auto loaded = std::move(builder).build();
  CHECK_FALSE(loaded.ok());
  CHECK(loaded.diagnostics().size() >= 2);
  CHECK_THROWS_AS(loaded.value(), cchc::Error);

  // Field 1's children add up to 2 + 3 + 2 = 7, not its max 8: the set is refused.
  std::string broken = mini_set;
  broken.replace(broken.find("max: 3, rule: {deduct"), 6, "max: 2");
  CHECK_THROWS_AS(cchc::parse_criteria(broken, "broken.yaml"), cchc::Error);
}
