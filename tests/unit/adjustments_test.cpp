// Bonus and penalty lines: added after the tree total, each capped by its own max, and
// the total kept within [0, the unit's applicable max].
#include <doctest/doctest.h>

#include "support.hpp"

using namespace cchc;
using cchc_test::messages;
using cchc_test::score_all;
using cchc_test::set_from;

namespace {
const char* const set_yaml = R"(schema: cchc/criteria@1
id: thuong-phat
title: "Thưởng và phạt"
max: 10
adjustments:
  - {id: thuong, title: "Điểm thưởng", kind: bonus, max: 2}
  - {id: phat, title: "Điểm trừ", kind: penalty, max: 3}
fields:
  - {id: a, title: A, max: 4}
  - {id: b, title: B, max: 6, na: exclude}
)";
}  // namespace

TEST_CASE("bonus and penalty, with the total kept within [0, max]") {
  const auto s = score_all(set_from(set_yaml), "code,name\nA,A\nB,B\nC,C\nD,D\nE,E\n",
                           "unit,a,b,thuong,phat\n"
                           "A,4,5,1.5,\n"
                           "B,1,1,,3\n"
                           "C,3,3.5,1,0.5\n"
                           "D,4,na,1,\n"
                           "E,2,na,0.5,\n");
  // A: 4 + 5 = 9, + 1.5 = 10.5, kept at the max 10 → 100%
  CHECK(s.card("A").tree_total().to_string() == "9");
  CHECK(s.card("A").adjustments() == std::vector<Decimal>{Decimal::from_raw(1500000), Decimal()});
  CHECK(s.total("A") == "10");
  CHECK(s.index("A") == "100");
  // B: 1 + 1 = 2, − 3 = −1, kept at 0
  CHECK(s.card("B").adjustments()[1].to_string() == "-3");
  CHECK(s.total("B") == "0");
  CHECK(s.index("B") == "0");
  // C: 3 + 3.5 = 6.5, + 1 − 0.5 = 7 of 10 → 70%
  CHECK(s.total("C") == "7");
  CHECK(s.index("C") == "70");
  // D: 4 of an applicable max 4 (b excluded), + 1 = 5, kept at 4 → 100%
  CHECK(s.total("D") == "4");
  CHECK(s.max("D") == "4");
  CHECK(s.index("D") == "100");
  // E: 2 + 0.5 = 2.5 of 4 → 62.5%
  CHECK(s.total("E") == "2.5");
  CHECK(s.index("E") == "62.5");
}

TEST_CASE("an adjustment's latest stage counts") {
  const auto s = score_all(set_from(set_yaml), "code,name\nA,A\n",
                           "unit,criterion,value,stage\nA,a,2,appraisal\nA,b,2,appraisal\n"
                           "A,thuong,2,self\nA,thuong,0.5,appraisal\n");
  // 2 + 2 + 0.5 = 4.5 of 10
  CHECK(s.total("A") == "4.5");
}

TEST_CASE("an adjustment above its cap, or negative, is refused") {
  const auto loaded = try_parse_evaluation(set_from(set_yaml), "code,name\nA,A\n",
                                           "unit,criterion,value\nA,a,1\nA,b,1\nA,thuong,2.5\nA,phat,-1\n",
                                           "units.csv", "evidence.csv");
  CHECK(messages(loaded) ==
        std::vector<std::string>{
            "evidence.csv:4:3: error: unit 'A', criterion 'thuong': bonus 'thuong': points '2.5' are above the maximum 2",
            "evidence.csv:5:3: error: unit 'A', criterion 'phat': penalty 'phat': points '-1' are negative; expected 0..3"});
}
