// Each rule kind turns evidence into points exactly as DESIGN.md words it, worked by hand.
#include <doctest/doctest.h>

#include "support.hpp"

using namespace cchc;
using cchc_test::score_all;
using cchc_test::set_from;

namespace {

const char* const kinds_yaml = R"(schema: cchc/criteria@1
id: quy-tac
title: "Mọi loại quy tắc"
max: 30
fields:
  - {id: p, title: "Điểm hội đồng chấm", max: 7, rule: {points: {step: 0.25}}}
  - {id: o, title: "Ban hành kế hoạch", max: 1, rule: {options: {kip_thoi: 1, cham: 0.5, khong: 0}}}
  - {id: t, title: "Thực hiện kế hoạch", max: 2, rule: {tiers: [{above: 0.9, points: 2}, {min: 0.7, points: 1}, {points: 0}]}}
  - {id: r, title: "Hồ sơ đúng hạn", max: 2, rule: {proportional: {target: 0.8}}}
  - {id: d, title: "Vi phạm kỷ luật", max: 1, rule: {deduct: {per: 0.25}}}
  - {id: s, title: "Mức độ hài lòng", max: 10, source: survey, rule: {survey: {answers: {A: 1, B: 0.6, C: 0.2, D: 0}}}}
  - {id: n, title: "Số sáng kiến", max: 3, rule: {value: count, tiers: [{min: 3, points: 3}, {min: 1, points: 1.5}, {points: 0}]}}
  - {id: q, title: "Tỷ lệ số hóa", max: 4, rule: {proportional: }}
)";

const char* const units = "code,name\nU1,Đơn vị 1\nU2,Đơn vị 2\nU3,Đơn vị 3\nU4,Đơn vị 4\n";
const char* const evidence =
    "unit,p,o,t,r,d,s,n,q\n"
    "U1,1.75,cham,0.9,0.6,2,A=12;B=5;C=1;D=2,0,0.4567\n"
    "U2,7,kip_thoi,0.91,0.9,5,0.85,3,1\n"
    "U3,0,khong,0.7,0.8,0,A=0;B=0;C=1;D=0,1,0.333\n"
    "U4,6.5,cham,0.69,0,4,D=5,2,97.5%\n";

}  // namespace

TEST_CASE("points, options, tiers, proportional, deduct, survey: each by hand") {
  const auto s = score_all(set_from(kinds_yaml), units, evidence);

  SUBCASE("U1") {
    CHECK(s.points("U1", "p") == "1.75");  // entered, a multiple of 0.25
    CHECK(s.points("U1", "o") == "0.5");   // cham
    CHECK(s.points("U1", "t") == "1");     // 0.9 is not above 0.9; it is at least 0.7
    CHECK(s.points("U1", "r") == "1.5");   // 2 × 0.6 / 0.8
    CHECK(s.points("U1", "d") == "0.5");   // 1 − 2 × 0.25
    CHECK(s.points("U1", "s") == "7.6");   // 10 × (12×1 + 5×0.6 + 1×0.2 + 2×0) / 20 = 10 × 15.2 / 20
    CHECK(s.points("U1", "n") == "0");     // 0 violations meet only the last tier
    CHECK(s.points("U1", "q") == "1.83");  // 4 × 0.4567 = 1.8268, half-up to 2 places
    // 1.75 + 0.5 + 1 + 1.5 + 0.5 + 7.6 + 0 + 1.83 = 14.68; 14.68 / 30 = 48.9333…%
    CHECK(s.total("U1") == "14.68");
    CHECK(s.index("U1") == "48.93");
    CHECK(s.card("U1").survey().to_string() == "7.6");
    CHECK(s.card("U1").appraisal().to_string() == "7.08");
  }
  SUBCASE("U2") {
    CHECK(s.points("U2", "p") == "7");
    CHECK(s.points("U2", "o") == "1");
    CHECK(s.points("U2", "t") == "2");     // 0.91 is above 0.9
    CHECK(s.points("U2", "r") == "2");     // 0.9 / 0.8 is capped at 1
    CHECK(s.points("U2", "d") == "0");     // 1 − 5 × 0.25 is floored at 0
    CHECK(s.points("U2", "s") == "8.5");   // a share: 10 × 0.85
    CHECK(s.points("U2", "n") == "3");     // 3 meets "min 3"
    CHECK(s.points("U2", "q") == "4");     // target 1 by default
    // 7 + 1 + 2 + 2 + 0 + 8.5 + 3 + 4 = 27.5; 27.5 / 30 = 91.666…%
    CHECK(s.total("U2") == "27.5");
    CHECK(s.index("U2") == "91.67");
  }
  SUBCASE("U3") {
    CHECK(s.points("U3", "t") == "1");     // 0.7 meets the inclusive "min 0.7"
    CHECK(s.points("U3", "r") == "2");     // exactly the target
    CHECK(s.points("U3", "d") == "1");     // no violation
    CHECK(s.points("U3", "s") == "2");     // one C answer: 10 × 0.2
    CHECK(s.points("U3", "n") == "1.5");   // 1 meets "min 1"
    CHECK(s.points("U3", "q") == "1.33");  // 4 × 0.333 = 1.332
    // 0 + 0 + 1 + 2 + 1 + 2 + 1.5 + 1.33 = 8.83; 8.83 / 30 = 29.4333…%
    CHECK(s.total("U3") == "8.83");
    CHECK(s.index("U3") == "29.43");
  }
  SUBCASE("U4") {
    CHECK(s.points("U4", "t") == "0");     // 0.69 meets only the last tier
    CHECK(s.points("U4", "r") == "0");
    CHECK(s.points("U4", "d") == "0");     // 1 − 4 × 0.25 = 0 exactly
    CHECK(s.points("U4", "s") == "0");     // five D answers
    CHECK(s.points("U4", "n") == "1.5");
    CHECK(s.points("U4", "q") == "3.9");   // 97.5% = 0.975; 4 × 0.975
    // 6.5 + 0.5 + 0 + 0 + 0 + 0 + 1.5 + 3.9 = 12.4; 12.4 / 30 = 41.333…%
    CHECK(s.total("U4") == "12.4");
    CHECK(s.index("U4") == "41.33");
  }
}

TEST_CASE("leaf points are rounded once, with the set's mode") {
  auto set = [](const char* mode) {
    return set_from(std::string("schema: cchc/criteria@1\nid: r\ntitle: R\nmax: 11\nrounding: {places: 2, mode: ") + mode +
                    "}\nfields:\n"
                    "  - {id: r, title: R, max: 1, rule: {proportional: }}\n"
                    "  - {id: s, title: S, max: 10, rule: {survey: {answers: {A: 1, B: 0}}}}\n");
  };
  const char* const u = "code,name\nX,X\nY,Y\n";
  const char* const e = "unit,r,s\nX,0.125,A=1;B=2\nY,0.135,A=2;B=1\n";
  const auto up = score_all(set("half_up"), u, e);
  const auto even = score_all(set("half_even"), u, e);
  // 1 × 0.125 = 0.125: a tie, up to 0.13 or to the even 0.12.
  CHECK(up.points("X", "r") == "0.13");
  CHECK(even.points("X", "r") == "0.12");
  // 0.135: up to 0.14 either way (3 is odd).
  CHECK(up.points("Y", "r") == "0.14");
  CHECK(even.points("Y", "r") == "0.14");
  // 10 × 1/3 = 3.333… and 10 × 2/3 = 6.666…: no tie, both modes agree.
  CHECK(up.points("X", "s") == "3.33");
  CHECK(even.points("X", "s") == "3.33");
  CHECK(up.points("Y", "s") == "6.67");
  CHECK(even.points("Y", "s") == "6.67");
}
