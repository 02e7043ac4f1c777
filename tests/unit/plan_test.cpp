// `cchc plan`: the cheapest changes that reach a band, a rank or an index, worked out by hand.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "support.hpp"

using namespace cchc;
using cchc_test::dec;
using cchc_test::score_all;
using cchc_test::set_from;

namespace {

// Twenty points in two fields; equal indices are broken by field 2's points.
const char* const plan_yaml = R"yaml(schema: cchc/criteria@1
id: ke-hoach
title: "Kế hoạch khắc phục"
max: 20
rounding: {places: 2}
bands:
  - {min: 90, label: "Tốt"}
  - {min: 75, label: "Khá"}
  - {label: "Trung bình"}
ranking: {tie_break: ["2"]}
adjustments:
  - {id: phat, title: "Điểm trừ", kind: penalty, max: 2}
fields:
  - id: "1"
    title: "Chỉ đạo, điều hành"
    max: 10
    criteria:
      - {id: "1.1", title: "Ban hành kế hoạch", max: 4, rule: {options: {kip_thoi: 4, cham: 2, khong: 0}}}
      - {id: "1.2", title: "Thực hiện kế hoạch", max: 6,
         rule: {tiers: [{above: 0.9, points: 6}, {min: 0.7, points: 3}, {points: 0}]}}
  - id: "2"
    title: "Giải quyết thủ tục"
    max: 10
    criteria:
      - {id: "2.1", title: "Hồ sơ đúng hạn", max: 5, rule: {proportional: {target: 1}}}
      - {id: "2.2", title: "Báo cáo chậm", max: 5, rule: {deduct: {per: 1}}}
)yaml";

const char* const plan_units = "code,name\nA,Sở Tư pháp\nB,Sở Nội vụ\nC,Sở Tài chính\n";

// A: 1.1 kip_thoi 4, 1.2 80% → 3, 2.1 100% → 5, 2.2 one late → 4: 16 (80%), field 2 = 9.
// B: 1.1 cham 2, 1.2 0.8 → 3, 2.1 0.8 → 4, 2.2 one late → 4: 13 (65%), field 2 = 8.
// C: 4 + 6 (0.92 > 0.9) + 3 (0.6 → 5 × 0.6) + 2 (three late) = 15, less a penalty of 1: 14
//    (70%), field 2 = 5.
// Ranking: A 1, C 2, B 3.
const char* const plan_evidence = R"csv(unit,criterion,value
A,1.1,kip_thoi
A,1.2,80%
A,2.1,100%
A,2.2,1
B,1.1,cham
B,1.2,0.8
B,2.1,0.8
B,2.2,1
C,1.1,kip_thoi
C,1.2,0.92
C,2.1,0.6
C,2.2,3
C,phat,1
)csv";

struct PlanCase {
  cchc_test::Scored s = score_all(set_from(plan_yaml), plan_units, plan_evidence);
  UnitPlan plan(const char* code, const char* target) const {
    return plan_unit(s.evaluation, s.cards, s.ranking, *s.evaluation.find_unit(code), target);
  }
};

// "1.1: cham → kip_thoi (+2.00)" for each change.
std::vector<std::string> changes(const UnitPlan& p) {
  static const CriteriaSet set = set_from(plan_yaml);
  std::vector<std::string> out;
  for (const PlanChange& c : p.changes())
    out.push_back(set.node(c.node).id + ": " + c.from + " → " + c.to + " (+" + c.gain.to_string(2) + ")");
  return out;
}

std::string standing(const PlanStanding& s) {
  return s.total.to_string(2) + "/" + s.max.to_string(2) + " " + s.index.to_string(2) + "% rank " +
         (s.rank ? std::to_string(*s.rank) : std::string("-")) + " " + s.band;
}

}  // namespace

TEST_CASE_FIXTURE(PlanCase, "plan: the case is as worked out by hand") {
  CHECK(s.total("A") == "16");
  CHECK(s.total("B") == "13");
  CHECK(s.total("C") == "14");
  CHECK(s.rank("A") == "1");
  CHECK(s.rank("C") == "2");
  CHECK(s.rank("B") == "3");
}

TEST_CASE_FIXTURE(PlanCase, "plan: a band target takes the one change with the fewest points beyond what is needed") {
  // B needs 75% of 20 = 15: +2. One change reaches it: 1.1 cham → kip_thoi (+2, to 15) or
  // 1.2 to 91% (+3, to 16); 2.1 and 2.2 give at most +1 each. The first adds nothing beyond.
  // After: 15 is above C's 14 and below A's 16: rank 2.
  const UnitPlan p = plan("B", "band:Khá");
  CHECK(p.reachable());
  CHECK(p.target() == "band:Khá");
  CHECK(changes(p) == std::vector<std::string>{"1.1: cham → kip_thoi (+2.00)"});
  CHECK(standing(p.before()) == "13.00/20.00 65.00% rank 3 Trung bình");
  CHECK(standing(p.after()) == "15.00/20.00 75.00% rank 2 Khá");
}

TEST_CASE_FIXTURE(PlanCase, "plan: a rank target decided by the tie-break") {
  // Rank 1 needs B's index at A's 80% (16 points) with field 2 at least A's 9, or above 80%.
  // One change: 1.2 to 91% gives 16 but field 2 stays 8 < 9, so A stays ahead (rank 2);
  // nothing else gives +3. Two changes: 1.1 (+2) with 2.1 to 100% (+1, field 2 = 9) or with
  // 2.2 to 0 (+1, field 2 = 9) give exactly 16 and tie with A (shared rank 1); 1.2 with any
  // field-2 change gives at least 16.05. The lowest total, 16, and then set order: 2.1
  // before 2.2.
  const UnitPlan p = plan("B", "rank:1");
  CHECK(p.reachable());
  CHECK(changes(p) == std::vector<std::string>{"1.1: cham → kip_thoi (+2.00)", "2.1: 0.8 → 100% (+1.00)"});
  CHECK(standing(p.after()) == "16.00/20.00 80.00% rank 1 Khá");
}

TEST_CASE_FIXTURE(PlanCase, "plan: an index target takes the smallest whole percent that earns enough") {
  // 66% of 20 = 13.2: +0.2. 2.1 earns 5 × rate: 84% gives 4.2 (+0.2 exactly); 83% gives 4.15.
  // Every other change adds at least 1. After: 13.2 is below C's 14: still rank 3.
  const UnitPlan p = plan("B", "index:66");
  CHECK(p.reachable());
  CHECK(changes(p) == std::vector<std::string>{"2.1: 0.8 → 84% (+0.20)"});
  CHECK(standing(p.after()) == "13.20/20.00 66.00% rank 3 Trung bình");
}

TEST_CASE_FIXTURE(PlanCase, "plan: a tier's smallest whole percent and a count of violations") {
  // index 75 for C: 15 needed, +1 (C: 14 after its penalty). C's changeable leaves: 2.1 (60%
  // → each 1% is +0.05: 80% gives exactly +1) and 2.2 (three late: 2 late gives +1). Both
  // reach exactly 15 with one change; set order takes 2.1.
  const UnitPlan p = plan("C", "index:75");
  CHECK(changes(p) == std::vector<std::string>{"2.1: 0.6 → 80% (+1.00)"});
  CHECK(standing(p.after()) == "15.00/20.00 75.00% rank 2 Khá");
  // index 85 for C: 17, +3: 2.2 to 0 late gives +3 (one change, exactly); 2.1 at most +2.
  const UnitPlan q = plan("C", "index:85");
  CHECK(changes(q) == std::vector<std::string>{"2.2: 3 → 0 (+3.00)"});
  // index 80 for C: 16, +2: 2.1 to 100% (+2) or 2.2 to one late (+2): set order, 2.1.
  CHECK(changes(plan("C", "index:80")) == std::vector<std::string>{"2.1: 0.6 → 100% (+2.00)"});
  // index 77.5: 15.5, +1.5: 2.2 to 1 late is +2 (16); 2.1 to 90% is +1.5 (15.5) exactly.
  CHECK(changes(plan("C", "index:77.5")) == std::vector<std::string>{"2.1: 0.6 → 90% (+1.50)"});
  // index 70 for B: 14, +1: B's 1.2 at 0.8 (tier 'from 70%'): only 91% earns more, +3.
  // 2.1 to 100% (+1) or 2.2 to 0 (+1): set order, 2.1.
  CHECK(changes(plan("B", "index:70")) == std::vector<std::string>{"2.1: 0.8 → 100% (+1.00)"});
  // index 95 for B: 19, +6: 1.1 (+2) and 1.2 (+3) give 18; all four give 20; three changes
  // give at most 2 + 3 + 1 = 19 (1.1, 1.2 and 2.1 or 2.2): 19 exactly, set order takes 2.1.
  CHECK(changes(plan("B", "index:95")) ==
        std::vector<std::string>{"1.1: cham → kip_thoi (+2.00)", "1.2: 0.8 → 91% (+3.00)", "2.1: 0.8 → 100% (+1.00)"});
}

TEST_CASE_FIXTURE(PlanCase, "plan: an unreachable target gives the best the unit can reach") {
  // C at its best: 2.1 to 100% (+2) and 2.2 to 0 late (+3): 20 less the penalty (which no
  // plan changes) = 19, 95%: Tốt, rank 1. 100% is out of reach.
  const UnitPlan p = plan("C", "index:100");
  CHECK_FALSE(p.reachable());
  CHECK(changes(p) == std::vector<std::string>{"2.1: 0.6 → 100% (+2.00)", "2.2: 3 → 0 (+3.00)"});
  CHECK(standing(p.after()) == "19.00/20.00 95.00% rank 1 Tốt");
}

TEST_CASE_FIXTURE(PlanCase, "plan: a unit already there changes nothing") {
  const UnitPlan p = plan("A", "rank:1");
  CHECK(p.reachable());
  CHECK(p.changes().empty());
  CHECK(standing(p.after()) == standing(p.before()));
  CHECK(standing(p.after()) == "16.00/20.00 80.00% rank 1 Khá");
}

TEST_CASE_FIXTURE(PlanCase, "plan: targets it refuses, with their messages") {
  const std::size_t b = *s.evaluation.find_unit("B");
  CHECK(plan_target_problem(s.evaluation, b, "band:Khá") == "");
  CHECK(plan_target_problem(s.evaluation, b, "band:Xuất sắc") ==
        "target 'band:Xuất sắc': no band 'Xuất sắc' for unit 'B'; its bands are 'Tốt', 'Khá', 'Trung bình'");
  CHECK(plan_target_problem(s.evaluation, b, "rank:0") == "target 'rank:0': a rank must be a whole number from 1");
  CHECK(plan_target_problem(s.evaluation, b, "rank:1.5") == "target 'rank:1.5': a rank must be a whole number from 1");
  CHECK(plan_target_problem(s.evaluation, b, "index:100.01") == "target 'index:100.01': an index must be a number from 0 to 100");
  CHECK(plan_target_problem(s.evaluation, b, "index:-1") == "target 'index:-1': an index must be a number from 0 to 100");
  CHECK(plan_target_problem(s.evaluation, b, "top:3") == "target 'top:3': expected band:LABEL, rank:N or index:X");
  CHECK(plan_target_problem(s.evaluation, b, "") == "target '': expected band:LABEL, rank:N or index:X");
  try {
    (void)plan("B", "rank:0");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.diagnostics().front().code() == "bad-plan-target");
    CHECK(e.diagnostics().front().message() == "target 'rank:0': a rank must be a whole number from 1");
  }
}

TEST_CASE("plan: under a weighted mean, the change that moves the total least beyond the need") {
  // The hand-worked set (tests/data/hand-worked): S2 has 76.8 of 96 (1.3 is na): 80.00%,
  // not "above 80" (Tốt). Field 2 is 40 × (3·2.1 + 2.2 + 2.3) / (5 × 10) with S2's 9, 10
  // and 7: 35.2. One step of 2.3 (7 → 7.25) gives 40 × (27 + 10 + 7.25) / 50 = 35.4: 77.0 of
  // 96 = 80.21%; 2.1 to 91% gives 35.44 (more); 1.4's step of 0.5 gives 77.3; 1.1 +2, 1.2 +3.
  // Survey leaves (field 3) do not change without include_survey.
  const std::string dir = CCHC_TEST_DATA_DIR "/hand-worked/";
  cchc_test::Scored s;
  s.evaluation = load_evaluation(load_criteria(dir + "criteria.yaml"), dir + "units.csv", dir + "evidence.csv");
  s.cards = score(s.evaluation);
  s.ranking = rank(s.evaluation, s.cards);
  const UnitPlan p = plan_unit(s.evaluation, s.cards, s.ranking, *s.evaluation.find_unit("S2"), "band:Tốt");
  REQUIRE(p.changes().size() == 1);
  CHECK(s.evaluation.criteria().node(p.changes()[0].node).id == "2.3");
  CHECK(p.changes()[0].from == "7");
  CHECK(p.changes()[0].to == "7.25");
  CHECK(p.changes()[0].gain == dec("0.25"));
  CHECK(standing(p.after()) == "77.00/96.00 80.21% rank 2 Tốt");
  // The na leaf 1.3 is never changed; S4 is not ranked, so it has no rank before or after.
  const UnitPlan q = plan_unit(s.evaluation, s.cards, s.ranking, *s.evaluation.find_unit("S4"), "index:100");
  CHECK_FALSE(q.after().rank.has_value());
}

TEST_CASE("plan: a search past its bound of work is refused, not run long") {
  // Two points leaves of 5 without a step at 4 places: 50,000 values each. Index 99 of 10
  // needs 9.9, so both must change: pairs of values run to 2.5·10^9, past the bound of
  // 2,000,000 outcomes combined.
  const CriteriaSet set = set_from(R"yaml(schema: cchc/criteria@1
id: qua-lon
title: "Quá lớn"
max: 10
rounding: {places: 4}
fields:
  - {id: "1", title: "Một", max: 5}
  - {id: "2", title: "Hai", max: 5}
)yaml");
  const cchc_test::Scored s = score_all(set, "code,name\nA,Đơn vị A\n", "unit,criterion,value\nA,1,0\nA,2,0\n");
  try {
    (void)plan_unit(s.evaluation, s.cards, s.ranking, 0, "index:99");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.diagnostics().front().code() == "plan-too-large");
    CHECK(e.diagnostics().front().message() ==
          "the plan's search passed its bound of 2000000 steps; the unit has too many changeable leaves with too many values");
  }
}

TEST_CASE("plan: a leaf without evidence, scored 0 under missing_as_zero, may change") {
  // D: 1.1 kip_thoi 4, 1.2 95% → 6, 2.1 and 2.2 missing → 0: 10 of 20 (50%).
  // index 60 needs 12, +2: 2.1 at 40% earns 5 × 0.4 = 2; 2.2 at a count of 3 earns 5 − 3 = 2
  // (counts of 5 or more earn 0); set order takes 2.1. index 70 needs +4: 80%, or a count of 1.
  EvaluationOptions options;
  options.set_missing_as_zero(true);
  cchc_test::Scored s;
  s.evaluation = cchc_test::evaluation_from(set_from(plan_yaml), "code,name\nD,Sở Y tế\n",
                                            "unit,criterion,value\nD,1.1,kip_thoi\nD,1.2,95%\n", options);
  s.cards = score(s.evaluation);
  s.ranking = rank(s.evaluation, s.cards);
  const UnitPlan p = plan_unit(s.evaluation, s.cards, s.ranking, 0, "index:60");
  CHECK(changes(p) == std::vector<std::string>{"2.1:  → 40% (+2.00)"});
  CHECK(standing(p.after()) == "12.00/20.00 60.00% rank 1 Trung bình");
  CHECK(changes(plan_unit(s.evaluation, s.cards, s.ranking, 0, "index:70")) == std::vector<std::string>{"2.1:  → 80% (+4.00)"});
}
