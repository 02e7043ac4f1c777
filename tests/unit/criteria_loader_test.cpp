// The YAML loader reads every part of a criteria set: each rule kind, the set's policies,
// the tree's shape and each node's attributes.
#include <doctest/doctest.h>

#include "support.hpp"

using namespace cchc;
using cchc_test::dec;
using cchc_test::set_from;

namespace {

const char* const every_kind = R"(schema: cchc/criteria@1
id: moi-loai-quy-tac
title: "Mọi loại quy tắc"
year: 2025
max: 40
rounding: {places: 3, mode: half_even}
fields:
  - id: "1"
    title: "Chỉ đạo, điều hành"
    max: 20
    criteria:
      - {id: "1.1", title: "Ban hành kế hoạch", max: 1, rule: {options: {kip_thoi: 1, cham: 0.5, khong: 0}}}
      - {id: "1.2", title: "Mức độ thực hiện", max: 2, rule: {tiers: [{above: 0.9, points: 2}, {min: 0.7, points: 1}, {points: 0}]}}
      - {id: "1.3", title: "Tỷ lệ đúng hạn", max: 2, rule: {proportional: {target: 0.8}}}
      - {id: "1.4", title: "Báo cáo", max: 1, rule: {deduct: {per: 0.25}}, na: exclude}
      - {id: "1.5", title: "Kiểm tra", max: 7, rule: {points: {step: 0.25}}}
      - {id: "1.6", title: "Không quy tắc", max: 2}
      - {id: "1.7", title: "Tỷ lệ theo phần trăm", max: 2, rule: {tiers: [{min: 95%, points: 2}, {min: 0, points: 0}]}}
      - {id: "1.8", title: "Số vụ việc", max: 2, rule: {tiers: [{min: 10, points: 2}, {min: 1, points: 1}, {points: 0}]}}
      - {id: "1.9", title: "Số sáng kiến", max: 1, rule: {value: count, tiers: [{min: 1, points: 1}, {points: 0}]}}
  - id: "2"
    title: "Điều tra xã hội học"
    source: survey
    max: 20
    criteria:
      - {id: "2.1", title: "Hài lòng", max: 20, na: full_points, rule: {survey: {answers: {A: 1, B: 0.6, C: 0.2, D: 0}}}}
)";

}  // namespace

TEST_CASE("the loader reads the set's header") {
  const CriteriaSet set = set_from(every_kind);
  CHECK(set.id() == "moi-loai-quy-tac");
  CHECK(set.title() == "Mọi loại quy tắc");
  REQUIRE(set.year().has_value());
  CHECK(*set.year() == 2025);
  CHECK(set.max() == Decimal::from_int(40));
  CHECK(set.rounding().places == 3);
  CHECK(set.rounding().mode == RoundingMode::half_even);
  CHECK(set.source_name() == "<criteria>");
  CHECK(set.bands().empty());
  CHECK(set.groups().empty());
  CHECK(set.adjustments().empty());
  CHECK(set.ranking().on == RankOn::exact);
}

TEST_CASE("the loader reads the tree in pre-order with depth and parents") {
  const CriteriaSet set = set_from(every_kind);
  // root, field 1, nine leaves, field 2, one leaf
  REQUIRE(set.nodes().size() == 13);
  CHECK(set.fields().size() == 2);
  const auto f1 = set.find("1"), l15 = set.find("1.5"), f2 = set.find("2"), l21 = set.find("2.1");
  REQUIRE((f1 && l15 && f2 && l21));
  CHECK(*f1 == 1);
  CHECK(*f2 == 11);
  CHECK(set.node(*l15).parent == *f1);
  CHECK(set.node(*l15).depth == 2);
  CHECK(set.node(*f1).depth == 1);
  CHECK(set.node(*f1).children.size() == 9);
  CHECK(set.node(*l15).title == "Kiểm tra");
  CHECK(set.node(*l15).location.line == 16);
  CHECK(set.node(*l15).location.column == 9);
  CHECK_FALSE(set.find("9.9").has_value());
}

TEST_CASE("the loader reads each rule kind") {
  const CriteriaSet set = set_from(every_kind);
  const auto rule = [&](const char* id) -> const Rule& { return set.node(*set.find(id)).rule; };

  SUBCASE("options, in the order written") {
    const Rule& r = rule("1.1");
    CHECK(r.kind == RuleKind::options);
    REQUIRE(r.options.size() == 3);
    CHECK(r.options[0].name == "kip_thoi");
    CHECK(r.options[0].points == dec("1"));
    CHECK(r.options[1].name == "cham");
    CHECK(r.options[1].points == dec("0.5"));
    CHECK(r.options[2].name == "khong");
    CHECK(r.options[2].points == dec("0"));
  }
  SUBCASE("tiers on a rate, with strict, inclusive and no bound") {
    const Rule& r = rule("1.2");
    CHECK(r.kind == RuleKind::tiers);
    CHECK(r.tier_scale == TierScale::rate);
    REQUIRE(r.tiers.size() == 3);
    CHECK(r.tiers[0].bound.kind == BoundKind::above);
    CHECK(r.tiers[0].bound.value == dec("0.9"));
    CHECK(r.tiers[0].points == dec("2"));
    CHECK(r.tiers[1].bound.kind == BoundKind::min);
    CHECK(r.tiers[1].bound.value == dec("0.7"));
    CHECK(r.tiers[2].bound.kind == BoundKind::none);
    CHECK(r.tiers[2].points == dec("0"));
  }
  SUBCASE("tiers with a percentage bound are on a rate: 95% is 0.95") {
    const Rule& r = rule("1.7");
    CHECK(r.tier_scale == TierScale::rate);
    CHECK(r.tiers[0].bound.value == dec("0.95"));
  }
  SUBCASE("tiers with a bound above 1 are on a number") {
    CHECK(rule("1.8").tier_scale == TierScale::number);
  }
  SUBCASE("tiers declared as a count") {
    CHECK(rule("1.9").tier_scale == TierScale::count);
  }
  SUBCASE("proportional with its target") {
    const Rule& r = rule("1.3");
    CHECK(r.kind == RuleKind::proportional);
    CHECK(r.target == dec("0.8"));
  }
  SUBCASE("deduct with its step per violation, and na: exclude") {
    const Rule& r = rule("1.4");
    CHECK(r.kind == RuleKind::deduct);
    CHECK(r.per == dec("0.25"));
    CHECK(set.node(*set.find("1.4")).na == NotApplicable::exclude);
  }
  SUBCASE("points with a step") {
    const Rule& r = rule("1.5");
    CHECK(r.kind == RuleKind::points);
    REQUIRE(r.step.has_value());
    CHECK(*r.step == dec("0.25"));
  }
  SUBCASE("a leaf without a rule is points without a step") {
    const Rule& r = rule("1.6");
    CHECK(r.kind == RuleKind::points);
    CHECK_FALSE(r.step.has_value());
    CHECK(set.node(*set.find("1.6")).na == NotApplicable::not_allowed);
  }
  SUBCASE("survey answers with weights; the survey source is inherited; na: full_points") {
    const Rule& r = rule("2.1");
    CHECK(r.kind == RuleKind::survey);
    REQUIRE(r.answers.size() == 4);
    CHECK(r.answers[0].answer == "A");
    CHECK(r.answers[1].weight == dec("0.6"));
    CHECK(r.answers[3].weight == dec("0"));
    const Criterion& leaf = set.node(*set.find("2.1"));
    CHECK(leaf.source == PointSource::survey);
    CHECK(leaf.na == NotApplicable::full_points);
    CHECK(set.node(*set.find("1.1")).source == PointSource::appraisal);
  }
}

TEST_CASE("proportional without a target aims at 1") {
  const CriteriaSet set = set_from(R"(schema: cchc/criteria@1
id: t
title: T
max: 2
fields:
  - {id: a, title: A, max: 2, rule: {proportional: }}
)");
  CHECK(set.node(1).rule.kind == RuleKind::proportional);
  CHECK(set.node(1).rule.target == dec("1"));
}

TEST_CASE("the loader reads bands, groups, ranking, adjustments and weights") {
  const CriteriaSet set = set_from(R"(schema: cchc/criteria@1
id: chinh-sach
title: "Chính sách"
max: 100
aggregate: weighted_mean
bands:
  - {min: 90, label: "Tốt"}
  - {above: 80, label: "Khá"}
  - {label: "Trung bình"}
groups:
  huyen: {title: "UBND cấp huyện", bands: [{min: 80, label: "Nhóm I"}, {label: "Nhóm II"}]}
  so: {}
ranking: {on: rounded, tie_break: ["b", "a"]}
adjustments:
  - {id: thuong, title: "Điểm thưởng", kind: bonus, max: 2}
  - {id: phat, title: "Điểm trừ", kind: penalty, max: 3}
fields:
  - {id: a, title: A, max: 10, weight: 5}
  - {id: b, title: B, max: 10, weight: 20}
)");
  CHECK(set.root().aggregate == Aggregate::weighted_mean);
  REQUIRE(set.node(1).weight.has_value());
  CHECK(*set.node(1).weight == dec("5"));
  CHECK(*set.node(2).weight == dec("20"));

  REQUIRE(set.bands().size() == 3);
  CHECK(set.bands()[0].bound.kind == BoundKind::min);
  CHECK(set.bands()[0].bound.value == dec("90"));
  CHECK(set.bands()[0].label == "Tốt");
  CHECK(set.bands()[1].bound.kind == BoundKind::above);
  CHECK(set.bands()[2].bound.kind == BoundKind::none);
  CHECK(set.bands()[2].label == "Trung bình");

  REQUIRE(set.groups().size() == 2);
  CHECK(set.groups()[0].key == "huyen");
  CHECK(set.groups()[0].title == "UBND cấp huyện");
  CHECK(set.groups()[0].bands.size() == 2);
  CHECK(set.groups()[1].key == "so");
  CHECK(set.groups()[1].title == "so");  // no title: the key
  CHECK(set.bands_for("huyen")[0].label == "Nhóm I");
  CHECK(set.bands_for("so")[0].label == "Tốt");  // a group without bands uses the set's
  CHECK(set.bands_for("")[0].label == "Tốt");

  CHECK(set.ranking().on == RankOn::rounded);
  REQUIRE(set.ranking().tie_break.size() == 2);
  CHECK(set.ranking().tie_break[0] == *set.find("b"));
  CHECK(set.ranking().tie_break[1] == *set.find("a"));

  REQUIRE(set.adjustments().size() == 2);
  CHECK(set.adjustments()[0].id == "thuong");
  CHECK(set.adjustments()[0].kind == AdjustmentKind::bonus);
  CHECK(set.adjustments()[0].max == dec("2"));
  CHECK(set.adjustments()[1].kind == AdjustmentKind::penalty);
  CHECK(set.adjustments()[1].title == "Điểm trừ");
  CHECK(set.find_adjustment("phat") == std::optional<std::size_t>(1));
}

TEST_CASE("a UTF-8 byte order mark and CRLF line ends are tolerated") {
  const CriteriaSet set = set_from("\xEF\xBB\xBFschema: cchc/criteria@1\r\nid: bom\r\ntitle: \"Tiêu đề\"\r\nmax: 1\r\n"
                                   "fields:\r\n  - {id: a, title: A, max: 1}\r\n");
  CHECK(set.id() == "bom");
  CHECK(set.title() == "Tiêu đề");
}

TEST_CASE("load_criteria reads a file — a failure throws cchc::Error with the location") {
  const CriteriaSet set = load_criteria(CCHC_TEST_DATA_DIR "/hand-worked/criteria.yaml");
  CHECK(set.source_name() == CCHC_TEST_DATA_DIR "/hand-worked/criteria.yaml");
  CHECK(set.fields().size() == 3);

  try {
    (void)parse_criteria("schema: cchc/criteria@1\nid: x\ntitle: X\nmax: -1\nfields: []\n", "bad.yaml");
    FAIL("parse_criteria accepted a negative max");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "bad.yaml:4:6: error: the set: max: expected a number >= 0, found '-1'");
    CHECK(e.location().line == 4);
    CHECK(e.location().column == 6);
    CHECK(e.diagnostics().size() == 2);  // also the empty field list
  }
}
