// The report every unit writes after the year: where points were lost and what the next
// step up would have earned (gaps), and where the council changed the unit's own
// assessment (deviations). Every value below is worked by hand.
#include <algorithm>
#include <optional>
#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "support.hpp"

using namespace cchc;
using cchc_test::evaluation_from;
using cchc_test::set_from;

namespace {

const char* const set_yaml = R"(schema: cchc/criteria@1
id: bao-cao
title: "Báo cáo điểm bị trừ"
max: 10
fields:
  - id: "1"
    title: "Chỉ đạo, điều hành"
    max: 6
    criteria:
      - {id: "1.1", title: "Kế hoạch", max: 2, rule: {options: {kip_thoi: 2, cham: 1, khong: 0}}}
      - {id: "1.2", title: "Mức độ thực hiện", max: 2,
         rule: {tiers: [{above: 0.9, points: 2}, {min: 0.7, points: 1}, {points: 0}]}}
      - {id: "1.3", title: "Vi phạm", max: 2, rule: {deduct: {per: 0.5}}}
  - id: "2"
    title: "Hồ sơ đúng hạn"
    max: 4
    criteria:
      - {id: "2.1", title: "Tỷ lệ đúng hạn", max: 4, rule: {proportional: {target: 1}}}
)";

const char* const units = "code,name\nU1,Sở Tư pháp\n";

// U1 assessed itself at full marks; the council appraised lower; after the unit explained
// itself the second appraisal raised 1.2 again.
const char* const evidence =
    "unit,criterion,value,stage\n"
    "U1,1.1,kip_thoi,self\nU1,1.2,0.95,self\nU1,1.3,0,self\nU1,2.1,1,self\n"
    "U1,1.1,cham,appraisal\nU1,1.2,0.8,appraisal\nU1,1.3,1,appraisal\nU1,2.1,0.75,appraisal\n"
    "U1,1.2,0.92,appraisal2\n";

std::string id_of(const CriteriaSet& set, NodeIndex n) { return set.node(n).id; }

}  // namespace

TEST_CASE("deviations: points at each stage, the final points, the change and the stage totals") {
  const CriteriaSet set = set_from(set_yaml);
  const Evaluation ev = evaluation_from(set, units, evidence);
  const UnitDeviations d = find_deviations(ev, 0);
  // self:       1.1 kip_thoi 2, 1.2 95% > 90% → 2, 1.3 no violation 2, 2.1 4 × 1 = 4       → 10
  // appraisal:  1.1 cham 1, 1.2 80% ≥ 70% → 1, 1.3 2 − 0.5 = 1.5, 2.1 4 × 0.75 = 3          → 6.5
  // appraisal2: 1.2 92% > 90% → 2 (the rest as appraised)                                   → 7.5
  REQUIRE(d.totals()[0].has_value());
  REQUIRE(d.totals()[1].has_value());
  REQUIRE(d.totals()[2].has_value());
  CHECK(d.totals()[0]->to_string() == "10");
  CHECK(d.totals()[1]->to_string() == "6.5");
  CHECK(d.totals()[2]->to_string() == "7.5");
  // Every leaf changed between stages; fields have no values of their own.
  REQUIRE(d.deviations().size() == 4);
  const Deviation& plan = d.deviations()[0];
  CHECK(id_of(set, plan.node()) == "1.1");
  CHECK(plan.points()[0]->to_string() == "2");
  CHECK(plan.points()[1]->to_string() == "1");
  CHECK_FALSE(plan.points()[2].has_value());
  CHECK(plan.final_points().to_string() == "1");
  CHECK(plan.change().to_string() == "-1");
  const Deviation& rate = d.deviations()[1];
  CHECK(id_of(set, rate.node()) == "1.2");
  CHECK(rate.points()[1]->to_string() == "1");
  CHECK(rate.points()[2]->to_string() == "2");
  CHECK(rate.final_points().to_string() == "2");
  CHECK(rate.change().to_string() == "0");  // 2 at self, 2 in the end
  CHECK(id_of(set, d.deviations()[2].node()) == "1.3");
  CHECK(d.deviations()[2].change().to_string() == "-0.5");
  CHECK(id_of(set, d.deviations()[3].node()) == "2.1");
  CHECK(d.deviations()[3].change().to_string() == "-1");
}

TEST_CASE("gaps: losses largest first, field subtotals, and the next step each rule offers") {
  const CriteriaSet set = set_from(set_yaml);
  const Evaluation ev = evaluation_from(set, units, evidence);
  const std::vector<Scorecard> cards = score(ev);
  const UnitGaps g = find_gaps(ev, cards[0]);
  // Final: 1.1 = 1, 1.2 = 2, 1.3 = 1.5, 2.1 = 3 → 7.5 of 10, lost 2.5.
  CHECK(g.lost().to_string() == "2.5");
  CHECK(g.tree_lost().to_string() == "2.5");
  // Field 1: 4.5 of 6, lost 1.5, index 75; field 2: 3 of 4, lost 1, index 75.
  REQUIRE(g.fields().size() == 2);
  CHECK(g.fields()[0].points().to_string() == "4.5");
  CHECK(g.fields()[0].lost().to_string() == "1.5");
  CHECK(g.fields()[0].index().to_string() == "75");
  CHECK(g.fields()[1].lost().to_string() == "1");
  CHECK(g.fields()[1].index().to_string() == "75");
  // Losses 1 (1.1), 1 (2.1), 0.5 (1.3): largest first, ties in set order; 1.2 lost nothing.
  REQUIRE(g.gaps().size() == 3);
  CHECK(id_of(set, g.gaps()[0].node()) == "1.1");
  CHECK(g.gaps()[0].next_step() == "option 'kip_thoi' would earn 2 (+1)");
  CHECK(g.gaps()[0].next_gain().to_string() == "1");
  CHECK(id_of(set, g.gaps()[0].field()) == "1");
  CHECK(id_of(set, g.gaps()[1].node()) == "2.1");
  CHECK(g.gaps()[1].next_gain().to_string() == "1");  // 75% → 100% earns the last 4 × 0.25
  CHECK(id_of(set, g.gaps()[2].node()) == "1.3");
  CHECK(g.gaps()[2].next_step() == "a count of 0 (1 fewer) earns the full 2 (+0.5)");
  CHECK(g.gaps()[2].next_value() == "0");
  CHECK(g.gaps()[2].next_gain().to_string() == "0.5");
}

TEST_CASE("gaps: the next tier above the one met") {
  const CriteriaSet set = set_from(set_yaml);
  // At appraisal only: 1.2 at 80% meets 'from 70%' for 1 point; the tier above is 'above 90%'.
  const Evaluation ev = evaluation_from(set, units, "unit,criterion,value\nU1,1.1,kip_thoi\nU1,1.2,80%\nU1,1.3,0\nU1,2.1,1\n");
  const UnitGaps g = find_gaps(ev, score(ev)[0]);
  REQUIRE(g.gaps().size() == 1);
  CHECK(id_of(set, g.gaps()[0].node()) == "1.2");
  CHECK(g.gaps()[0].next_step() == "a value above 90% (e.g. 91%) would earn 2 (+1)");
  CHECK(g.gaps()[0].next_value() == "91%");
  CHECK(g.gaps()[0].next_gain().to_string() == "1");
}

TEST_CASE("deviations: the total is out of the unit's applicable max, not the set's") {
  // c is marked na (exclude) by the unit: its max 1 leaves the denominator, so the unit's
  // total is out of 10 − 1 = 9 at every stage.
  const CriteriaSet set = set_from(R"(schema: cchc/criteria@1
id: ap-dung
title: "Điểm tối đa áp dụng"
max: 10
fields:
  - id: "1"
    title: "Chỉ đạo"
    max: 10
    criteria:
      - {id: a, title: "Kế hoạch", max: 4, rule: {options: {kip_thoi: 4, cham: 2, khong: 0}}}
      - {id: b, title: "Kiểm tra", max: 5, rule: {points: {step: 0.5}}}
      - {id: c, title: "Báo cáo chậm", max: 1, na: exclude, rule: {deduct: {per: 0.5}}}
)");
  const Evaluation ev = evaluation_from(set, units,
                                        "unit,criterion,value,stage\n"
                                        "U1,a,kip_thoi,self\nU1,b,5,self\nU1,c,na,self\n"
                                        "U1,a,cham,appraisal\nU1,b,4,appraisal\n");
  // self: 4 + 5 = 9 of 9; appraisal: 2 + 4 = 6 of 9 (c is still na, from the unit's own row).
  const UnitDeviations d = find_deviations(ev, 0);
  CHECK(d.max().to_string() == "9");
  REQUIRE(d.maxima()[0].has_value());
  REQUIRE(d.maxima()[1].has_value());
  CHECK(d.maxima()[0]->to_string() == "9");
  CHECK(d.maxima()[1]->to_string() == "9");
  CHECK_FALSE(d.maxima()[2].has_value());
  CHECK(d.totals()[0]->to_string() == "9");
  CHECK(d.totals()[1]->to_string() == "6");
  REQUIRE(d.deviations().size() == 2);
  CHECK(id_of(set, d.deviations()[0].node()) == "a");
  CHECK(d.deviations()[0].max().to_string() == "4");
  CHECK(id_of(set, d.deviations()[1].node()) == "b");

  std::ostringstream csv;
  write_deviations(csv, ev, std::nullopt, Format::csv);
  std::string rows = csv.str();
  rows.erase(std::remove(rows.begin(), rows.end(), '\r'), rows.end());  // CSV lines may end in CRLF
  CHECK(rows ==
        "unit,name,criterion,title,max,self,appraisal,appraisal2,final,change\n"
        "U1,Sở Tư pháp,a,Kế hoạch,4.00,4.00,2.00,,2.00,-2.00\n"
        "U1,Sở Tư pháp,b,Kiểm tra,5.00,5.00,4.00,,4.00,-1.00\n"
        "U1,Sở Tư pháp,,total,9.00,9.00,6.00,,6.00,-3.00\n");
  std::ostringstream table;
  write_deviations(table, ev, std::nullopt, Format::table);
  CHECK(table.str().find("10.00") == std::string::npos);  // the set's max appears nowhere
  std::ostringstream json;
  write_deviations(json, ev, std::nullopt, Format::json);
  CHECK(json.str().find("\"max\": 9.00, \"maxima\": {\"self\": 9.00, \"appraisal\": 9.00, \"appraisal2\": null}") !=
        std::string::npos);
}
