// What an evidence value means (issue 9): `na` and the clerks' words for it, "1.000" in a
// ';' file, leading zeros in a table, "-0", and a fraction under tiers whose whole-number
// scale was inferred. Every expected message and score is worked out by hand.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "support.hpp"

using namespace cchc;
using cchc_test::score_all;
using cchc_test::set_from;

namespace {

// 2+2+2+2+3+3+2+2+2+2+2+1 = 25
const char* const values_yaml = R"(schema: cchc/criteria@1
id: gia-tri
title: "Giá trị"
max: 25
adjustments:
  - {id: thuong, title: "Thưởng", kind: bonus, max: 1}
fields:
  - {id: o, title: O, max: 2, na: exclude, rule: {options: {kip_thoi: 2, cham: 1, khong: 0}}}
  - {id: o2, title: O2, max: 2, rule: {options: {kip_thoi: 2, cham: 1}}}
  - {id: k, title: K, max: 2, na: exclude, rule: {options: {KPS: 2, khac: 0}}}
  - {id: c, title: C, max: 2, na: full_points, rule: {deduct: {per: 0.5}}}
  - {id: p, title: P, max: 3, rule: {points: {step: 0.5}}}
  - {id: r, title: R, max: 3, rule: {proportional: }}
  - {id: n, title: N, max: 2, rule: {value: count, tiers: [{min: 3, points: 0}, {min: 1, points: 1}, {points: 2}]}}
  - {id: t, title: T, max: 2, rule: {tiers: [{min: 100, points: 2}, {min: 80, points: 1}, {points: 0}]}}
  - {id: t2, title: T2, max: 2, rule: {value: number, tiers: [{min: 100, points: 2}, {min: 80, points: 1}, {points: 0}]}}
  - {id: t3, title: T3, max: 2, rule: {tiers: [{min: 100, points: 2}, {min: 80, points: 1}]}}
  - {id: t4, title: T4, max: 2, rule: {tiers: [{min: 2.5, points: 2}, {points: 0}]}}
  - {id: s, title: S, max: 1, rule: {survey: {answers: {A: 1, B: 0}}}}
)";

const CriteriaSet& values_set() {
  static const CriteriaSet set = set_from(values_yaml);
  return set;
}

struct Refusal {
  std::string message;  // without the reader's "unit 'U1', criterion 'X': " prefix
  std::string code;
};

// The one refusal of `value` written for `criterion` of unit U1, in a file separated by `sep`.
Refusal refusal(std::string_view criterion, std::string_view value, char sep = ',') {
  std::string evidence = std::string("unit") + sep + "criterion" + sep + "value\nU1" + sep;
  evidence.append(criterion).append(1, sep).append(value).append("\n");
  const auto loaded = try_parse_evaluation(values_set(), "code,name\nU1,U1\n", evidence, "units.csv", "evidence.csv");
  std::vector<Refusal> found;
  for (const auto& d : loaded.diagnostics())
    if (d.location().file == "evidence.csv") found.push_back(Refusal{d.message(), d.code()});
  REQUIRE(found.size() == 1);
  CHECK(!loaded.ok());
  const std::string prefix = "unit 'U1', criterion '" + std::string(criterion) + "': ";
  if (found[0].message.compare(0, prefix.size(), prefix) == 0) found[0].message.erase(0, prefix.size());
  return found[0];
}

const char* const units = "code,name\nU1,U1\nU2,U2\nU3,U3\n";

}  // namespace

TEST_CASE("na: KPS and không phát sinh, in any case and with or without diacritics, where the leaf allows na") {
  // NFD "không phát sinh" (typed on a Mac): o + U+0302, a + U+0301.
  const std::string nfd = "kho\xCC\x82ng pha\xCC\x81t sinh";
  const std::string evidence = "unit,criterion,value\n"
                               "U1,o,KPS\nU1,o2,cham\nU1,k,KPS\nU1,c,Không phát sinh\nU1,p,3\nU1,r,1\n"
                               "U1,n,0\nU1,t,85\nU1,t2,0.85\nU1,t3,100\nU1,t4,0.85\nU1,s,A=1\n"
                               "U2,o,khong phat sinh\nU2,o2,kip_thoi\nU2,k,Không phát sinh\nU2,c,kps\nU2,p,0\nU2,r,0\n"
                               "U2,n,3\nU2,t,0\nU2,t2,0\nU2,t3,80\nU2,t4,1\nU2,s,B=1\n"
                               "U3,o,KHÔNG PHÁT SINH\nU3,o2,cham\nU3,k,khac\nU3,c," + nfd + "\nU3,p,1.5\nU3,r,0.5\n"
                               "U3,n,1\nU3,t,1\nU3,t2,100\nU3,t3,99.5\nU3,t4,2.5\nU3,s,0.5\n";
  const auto s = score_all(values_set(), units, evidence);

  // U1: o is na (excluded), k's option named KPS is the option (2), c is na with full points.
  CHECK(s.node("U1", "o").status == NodeStatus::not_applicable);
  CHECK(s.points("U1", "k") == "2");
  CHECK(s.points("U1", "c") == "2");
  CHECK(s.points("U1", "t") == "1");   // 85 meets "from 80"
  CHECK(s.points("U1", "t2") == "0");  // value: number is said: 0.85 is the number 0.85, "otherwise"
  CHECK(s.points("U1", "t4") == "0");  // bounds not whole (2.5): 0.85 is a number, "otherwise"
  // 1 + 2 + 2 + 3 + 3 + 2 + 1 + 0 + 2 + 0 + 1 = 17 of 25 − 2
  CHECK(s.total("U1") == "17");
  CHECK(s.max("U1") == "23");

  // U2: o and k (no option "Không phát sinh") are na, c is na with full points.
  CHECK(s.node("U2", "o").status == NodeStatus::not_applicable);
  CHECK(s.node("U2", "k").status == NodeStatus::not_applicable);
  CHECK(s.points("U2", "c") == "2");
  CHECK(s.points("U2", "t") == "0");  // 0 is a whole number: "otherwise", without a word
  // 2 + 2 + 1 (t3: 80 meets "from 80") = 5 of 25 − 2 − 2
  CHECK(s.total("U2") == "5");
  CHECK(s.max("U2") == "21");

  // U3: capitals with diacritics, and the decomposed form, are na too.
  CHECK(s.node("U3", "o").status == NodeStatus::not_applicable);
  CHECK(s.points("U3", "c") == "2");
  CHECK(s.points("U3", "t") == "0");  // 1 is whole: "otherwise"
  // 1 + 0 + 2 + 1.5 + 1.5 (3 × 0.5) + 1 + 0 + 2 + 1 + 2 + 0.5 = 12.5 of 23
  CHECK(s.total("U3") == "12.5");
  CHECK(s.max("U3") == "23");
}

TEST_CASE("na: the expected options name na where the leaf allows it; KPS where it does not is refused as na") {
  Refusal r = refusal("o", "kipthoi");
  CHECK(r.message == "unknown option 'kipthoi' for 'o'; expected one of: kip_thoi, cham, khong, na");
  r = refusal("o2", "kipthoi");
  CHECK(r.message == "unknown option 'kipthoi' for 'o2'; expected one of: kip_thoi, cham");
  r = refusal("o2", "KPS");
  CHECK(r.message == "'KPS' means not applicable (na), but criterion 'o2' cannot be marked not applicable (the set gives it no 'na:')");
  r = refusal("p", "Không phát sinh");
  CHECK(r.message ==
        "'Không phát sinh' means not applicable (na), but criterion 'p' cannot be marked not applicable (the set gives it no 'na:')");
  r = refusal("p", "na");
  CHECK(r.message == "criterion 'p' cannot be marked not applicable (the set gives it no 'na:')");
  // Not a clerk's word for na: an unknown option as before.
  r = refusal("o", "khong ps");
  CHECK(r.message == "unknown option 'khong ps' for 'o'; expected one of: kip_thoi, cham, khong, na");
}

TEST_CASE("';' file: a '.' before exactly three digits is ambiguous and refused") {
  Refusal r = refusal("p", "1.000", ';');
  CHECK(r.message ==
        "expected points (a number 0..3): '1.000' is ambiguous in a ';'-separated file: "
        "write 1 or 1,000 if '.' is the decimal point, 1000 if it groups thousands");
  r = refusal("n", "12.500", ';');
  CHECK(r.message ==
        "expected a count (a whole number >= 0): '12.500' is ambiguous in a ';'-separated file: "
        "write 12,5 or 12,500 if '.' is the decimal point, 12500 if it groups thousands");
  r = refusal("t2", "123.456", ';');
  CHECK(r.message ==
        "expected a number: '123.456' is ambiguous in a ';'-separated file: "
        "write 123,456 if '.' is the decimal point, 123456 if it groups thousands");
  r = refusal("r", "1.250%", ';');
  CHECK(r.message ==
        "expected a rate (0..1, or a percentage such as 97,5%): '1.250%' is ambiguous in a ';'-separated file: "
        "write 1,25% or 1,250% if '.' is the decimal point, 1250% if it groups thousands");
  r = refusal("thuong", "1.000", ';');
  CHECK(r.message ==
        "bonus 'thuong': expected points (a number 0..1): '1.000' is ambiguous in a ';'-separated file: "
        "write 1 or 1,000 if '.' is the decimal point, 1000 if it groups thousands");
}

TEST_CASE("';' file: what is not ambiguous is read; ',' file: '1.000' is one") {
  const char* const semicolon = "unit;criterion;value\n"
                                "U1;o;cham\nU1;o2;cham\nU1;k;khac\nU1;c;0\nU1;p;1,000\nU1;r;0.975\n"
                                "U1;n;1000.000\nU1;t;1234.567\nU1;t2;0\nU1;t3;100\nU1;t4;0\nU1;s;0,5\n";
  const auto s = score_all(values_set(), "code,name\nU1,U1\n", semicolon);
  CHECK(s.points("U1", "p") == "1");     // 1,000: a decimal comma, one
  CHECK(s.points("U1", "r") == "2.93");  // 0.975: the whole part 0 groups nothing; 3 × 0.975 = 2.925, half up
  CHECK(s.points("U1", "n") == "0");     // 1000.000: four digits before '.' group nothing; 1000 >= 3
  CHECK(s.points("U1", "t") == "2");     // 1234.567 >= 100
  CHECK(s.points("U1", "c") == "2");     // 0 violations

  const char* const comma = "unit,criterion,value\n"
                            "U1,o,cham\nU1,o2,cham\nU1,k,khac\nU1,c,0\nU1,p,1.000\nU1,r,0.975\n"
                            "U1,n,0\nU1,t,0\nU1,t2,0\nU1,t3,100\nU1,t4,0\nU1,s,0.5\n";
  CHECK(score_all(values_set(), "code,name\nU1,U1\n", comma).points("U1", "p") == "1");
}

TEST_CASE("a table's leading zeros: said plainly, without YAML's octal") {
  Refusal r = refusal("p", "00");
  CHECK(r.message == "expected points (a number 0..3): a number without leading zeros (write 0), found '00'");
  r = refusal("p", "02.5");
  CHECK(r.message == "expected points (a number 0..3): a number without leading zeros (write 2.5), found '02.5'");
  r = refusal("c", "007");
  CHECK(r.message == "expected a count (a whole number >= 0): a number without leading zeros (write 7), found '007'");
  r = refusal("r", "05%");
  CHECK(r.message == "expected a rate (0..1, or a percentage such as 97,5%): a number without leading zeros (write 5%), found '05%'");
  r = refusal("p", "02,5", ';');
  CHECK(r.message == "expected points (a number 0..3): a number without leading zeros (write 2,5), found '02,5'");
}

TEST_CASE("-0, -0.0 and -0% are refused like every other negative") {
  Refusal r = refusal("p", "-0");
  CHECK(r.message == "points '-0' are negative; expected 0..3");
  r = refusal("p", "-0.0");
  CHECK(r.message == "points '-0.0' are negative; expected 0..3");
  r = refusal("p", "-0,0", ';');
  CHECK(r.message == "points '-0,0' are negative; expected 0..3");
  r = refusal("r", "-0%");
  CHECK(r.message == "rate '-0%' is negative; a rate is 0..1 or 0%..100%");
  r = refusal("r", "-0");
  CHECK(r.message == "rate '-0' is negative; a rate is 0..1 or 0%..100%");
  r = refusal("c", "-0");
  CHECK(r.message == "count '-0' is negative; expected a whole number >= 0");
  r = refusal("n", "-0");
  CHECK(r.message == "count '-0' is negative; expected a whole number >= 0");
  r = refusal("t", "-0");
  CHECK(r.message == "value '-0' is negative");
  r = refusal("s", "-0");
  CHECK(r.message == "expected answer counts such as \"A=12;B=5\" or a share 0..1: rate '-0' is negative; a rate is 0..1 or 0%..100%");
  r = refusal("thuong", "-0");
  CHECK(r.message == "bonus 'thuong': points '-0' are negative; expected 0..1");
}

TEST_CASE("tiers inferred as numbers on whole bounds: a fraction in 0..1 names both readings") {
  Refusal r = refusal("t", "0.85");
  CHECK(r.message ==
        "value '0.85' under the tiers of 't' reads two ways: as the number 0.85 it would meet 'otherwise' → 0; "
        "as the rate 85%, written on the bounds' whole-number scale as 85, it would meet 'from 80' → 1. "
        "Write 85 for 85%; if the number 0.85 is meant, the set must say 'value: number' at 't'");
  r = refusal("t", "0,995", ';');
  CHECK(r.message ==
        "value '0,995' under the tiers of 't' reads two ways: as the number 0,995 it would meet 'otherwise' → 0; "
        "as the rate 99,5%, written on the bounds' whole-number scale as 99,5, it would meet 'from 80' → 1. "
        "Write 99,5 for 99,5%; if the number 0,995 is meant, the set must say 'value: number' at 't'");
  r = refusal("t3", "0.5");
  CHECK(r.message ==
        "value '0.5' under the tiers of 't3' reads two ways: as the number 0.5 it would meet none of them; "
        "as the rate 50%, written on the bounds' whole-number scale as 50, it would meet none of them. "
        "Write 50 for 50%; if the number 0.5 is meant, the set must say 'value: number' at 't3'");
  // A whole value below every bounded tier is refused as before.
  r = refusal("t3", "5");
  CHECK(r.message == "value '5' meets none of the tiers of 't3'");
}

TEST_CASE("the loader keeps whether a tiers scale was inferred") {
  const auto& nodes = values_set().nodes();
  auto rule = [&](const char* id) -> const Rule& { return nodes.at(*values_set().find(id)).rule; };
  CHECK(rule("t").tier_scale == TierScale::number);
  CHECK(rule("t").tier_scale_inferred);
  CHECK(rule("t2").tier_scale == TierScale::number);
  CHECK(!rule("t2").tier_scale_inferred);
  CHECK(!rule("n").tier_scale_inferred);
  CHECK(rule("t4").tier_scale_inferred);
}

// Each refusal carries its own stable code (docs/diagnostics.md), for a portal to attach it
// to a form cell without parsing the text.
TEST_CASE("each kind of refused value has its own diagnostic code") {
  CHECK(refusal("o", "kipthoi").code == "option-unknown");
  CHECK(refusal("o2", "KPS").code == "na-not-allowed");
  CHECK(refusal("p", "na").code == "na-not-allowed");
  CHECK(refusal("p", "1.000", ';').code == "number-ambiguous-grouping");
  CHECK(refusal("thuong", "1.000", ';').code == "number-ambiguous-grouping");
  CHECK(refusal("p", "00").code == "number-leading-zero");
  CHECK(refusal("p", "-0").code == "value-negative");
  CHECK(refusal("r", "-0%").code == "value-negative");
  CHECK(refusal("thuong", "-0").code == "value-negative");
  CHECK(refusal("t", "0.85").code == "tiers-ambiguous-scale");
  CHECK(refusal("t3", "5").code == "tiers-none-met");
  CHECK(refusal("r", "1.5").code == "rate-above-one");
  CHECK(refusal("c", "1.5").code == "count-not-whole");
  CHECK(refusal("p", "3.5").code == "points-above-max");
  CHECK(refusal("p", "2.25").code == "points-off-step");
  CHECK(refusal("p", "abc").code == "number-invalid");
  CHECK(refusal("p", "\"1,5\"").code == "number-decimal-comma");
  CHECK(refusal("thuong", "0.125").code == "points-too-precise");
  CHECK(refusal("s", "A=1;E=2").code == "survey-unknown-answer");
  CHECK(refusal("s", "A=0;B=0").code == "survey-no-answers");
}
