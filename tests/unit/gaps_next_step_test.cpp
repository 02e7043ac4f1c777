// Every next step `gaps` suggests must raise the points when a clerk writes it (issue 9):
// for every rule kind, in both directions (more is better, fewer is better), each
// suggestion's value is written into the evidence and the unit scored again by the library;
// the leaf's points must rise by exactly the gain claimed. And a leaf whose rule offers a
// better value among those tried must get a suggestion.
#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "support.hpp"

using namespace cchc;
using cchc_test::dec;
using cchc_test::evaluation_from;
using cchc_test::set_from;

namespace {

// One field holding a leaf of each kind; maxima add up to 90.
const char* const kinds_yaml = R"yaml(schema: cchc/criteria@1
id: buoc-tiep-theo
title: "Bước tiếp theo"
max: 90
rounding: {places: 2}
fields:
  - id: "1"
    title: "Mọi loại quy tắc"
    max: 90
    criteria:
      - {id: p1, title: "points, step 0.25", max: 3, rule: {points: {step: 0.25}}}
      - {id: p2, title: "points, no step (no rule)", max: 2}
      - {id: p3, title: "points, step 0.4: 3 is out of reach", max: 3, rule: {points: {step: 0.4}}}
      - {id: o1, title: "options", max: 2, rule: {options: {kip_thoi: 2, cham: 1, khong: 0}}}
      - {id: o2, title: "options out of order", max: 3, rule: {options: {a: 0, b: 3, c: 1.5}}}
      - {id: t1, title: "tiers on a rate, more is better", max: 3,
         rule: {tiers: [{above: 0.9, points: 3}, {min: 0.7, points: 2}, {points: 0}]}}
      - {id: t2, title: "tiers on a count, fewer is better", max: 5,
         rule: {value: count, tiers: [{min: 3, points: 0}, {min: 1, points: 2.5}, {points: 5}]}}
      - {id: t3, title: "tiers on a rate, fewer is better", max: 2,
         rule: {tiers: [{above: 0.1, points: 0}, {above: 0.05, points: 1}, {points: 2}]}}
      - {id: t4, title: "tiers on a count, more is better", max: 4,
         rule: {value: count, tiers: [{min: 10, points: 4}, {above: 5, points: 2}, {points: 0}]}}
      - {id: t5, title: "tiers on a number, fewer is better", max: 3,
         rule: {value: number, tiers: [{min: 2.5, points: 0}, {above: 1, points: 1}, {points: 3}]}}
      - {id: t6, title: "tiers on whole-number bounds, fewer is better", max: 2,
         rule: {value: number, tiers: [{min: 10, points: 0}, {min: 1, points: 1}, {points: 2}]}}
      - {id: t7, title: "tiers on whole-number bounds, scale inferred (a fraction is refused)", max: 2,
         rule: {tiers: [{min: 10, points: 0}, {min: 1, points: 1}, {points: 2}]}}
      - {id: t8, title: "tiers on a number, more is better", max: 3,
         rule: {value: number, tiers: [{min: 50, points: 3}, {above: 12.5, points: 1}, {points: 0}]}}
      - {id: r1, title: "proportional", max: 10, rule: {proportional: {target: 0.8}}}
      - {id: d1, title: "deduct", max: 2, rule: {deduct: {per: 0.5}}}
      - {id: d2, title: "deduct, rounded", max: 1, rule: {deduct: {per: 0.3}}}
      - {id: s1, title: "survey", max: 30, rule: {survey: {answers: {A: 1, B: 0.6, C: 0.2, D: 0}}}}
      - {id: s2, title: "survey, top weight below 1", max: 10, rule: {survey: {answers: {A: 0.8, B: 0.5}}}}
)yaml";

// The values tried for each leaf: round ones, each bound, and just either side of it.
const std::map<std::string, std::vector<std::string>> tried = {
    {"p1", {"0", "0.25", "1", "2.75", "3"}},
    {"p2", {"0", "0.01", "1.99", "2"}},
    {"p3", {"0", "2.4", "2.8"}},
    {"o1", {"khong", "cham", "kip_thoi"}},
    {"o2", {"a", "c", "b"}},
    {"t1", {"0", "50%", "69.99%", "70%", "80%", "90%", "90.01%", "100%"}},
    {"t2", {"0", "1", "2", "3", "4", "10"}},
    {"t3", {"0", "5%", "5.01%", "10%", "10.01%", "50%", "100%"}},
    {"t4", {"0", "5", "6", "9", "10", "20"}},
    {"t5", {"0", "0.5", "1", "1.01", "2.49", "2.5", "7"}},
    {"t6", {"0", "1", "5", "9", "10", "50"}},
    {"t7", {"0", "1", "5", "9", "10", "50"}},
    {"t8", {"0", "12.5", "12.51", "13", "49.99", "50", "80"}},
    {"r1", {"0", "40%", "79.99%", "80%", "100%"}},
    {"d1", {"0", "1", "3", "4", "5", "100"}},
    {"d2", {"0", "1", "3", "4", "1000000"}},
    {"s1", {"A=15;B=3;C=2;D=0", "D=5", "A=1", "0.5", "100%"}},
    {"s2", {"A=3;B=2", "B=4", "A=10", "0.5", "100%"}},
};

struct Rescored {
  UnitGaps gaps;
  std::vector<Scorecard> cards;
  Evaluation ev;
};

// One unit with the given values; every other leaf is missing, scored 0.
Rescored score_values(const CriteriaSet& set, const std::map<std::string, std::string>& values) {
  std::string evidence = "unit,criterion,value\n";
  for (const auto& [id, value] : values) evidence += "U," + id + "," + value + "\n";
  EvaluationOptions options;
  options.set_missing_as_zero(true);
  Rescored r;
  r.ev = evaluation_from(set, "code,name\nU,Đơn vị\n", evidence, options);
  r.cards = score(r.ev);
  r.gaps = find_gaps(r.ev, r.cards[0]);
  return r;
}

Decimal points_of(const CriteriaSet& set, const std::string& id, const std::string& value) {
  const Rescored r = score_values(set, {{id, value}});
  return r.cards[0].nodes()[*set.find(id)].points;
}

const Gap* gap_of(const CriteriaSet& set, const UnitGaps& gaps, const std::string& id) {
  for (const Gap& g : gaps.gaps())
    if (set.node(g.node()).id == id) return &g;
  return nullptr;
}

}  // namespace

TEST_CASE("gaps: every suggested value, written in the evidence, earns exactly the points claimed") {
  const CriteriaSet set = set_from(kinds_yaml);
  // The best each leaf can do among the values tried.
  std::map<std::string, Decimal> best;
  for (const auto& [id, values] : tried)
    for (const std::string& v : values) {
      const Decimal p = points_of(set, id, v);
      if (!best.count(id) || p > best[id]) best[id] = p;
    }
  int applied = 0;
  for (const auto& [id, values] : tried)
    for (const std::string& v : values) {
      // The leaf at this value; every other leaf missing (which exercises "no evidence").
      const std::map<std::string, std::string> written = {{id, v}};
      const Rescored before = score_values(set, written);
      for (const Gap& g : before.gaps.gaps()) {
        const std::string leaf = set.node(g.node()).id;
        CAPTURE(id);
        CAPTURE(v);
        CAPTURE(leaf);
        CAPTURE(g.next_step());
        CAPTURE(g.next_value());
        if (g.next_value().empty()) {
          // Only where nothing tried does better.
          CHECK(g.next_gain() == Decimal());
          CHECK(best.at(leaf) <= g.points());
          continue;
        }
        CHECK(g.next_gain() > Decimal());
        std::map<std::string, std::string> next = written;
        next[leaf] = g.next_value();
        const Rescored after = score_values(set, next);
        const Decimal now = after.cards[0].nodes()[g.node()].points;
        CHECK(now > g.points());
        CHECK(now == g.points() + g.next_gain());
        ++applied;
      }
    }
  CHECK(applied > 500);
}

TEST_CASE("gaps: the next step on tiers where fewer is better lowers the value") {
  const CriteriaSet set = set_from(kinds_yaml);
  struct Case { const char* id; const char* value; const char* next_value; const char* gain; const char* step; };
  // Worked by hand from the tiers in kinds_yaml:
  // t2 (count: ≥3 → 0, ≥1 → 2.5, else 5): 3 earns 0; the nearest better tier is 1..2 → 2.5, nearest value 2.
  // t2 at 1 earns 2.5; only 0 earns more (5).
  // t3 (rate: >10% → 0, >5% → 1, else 2): 50% earns 0; the next tier is (5%, 10%], whose top is 10%.
  // t5 (number: ≥2.5 → 0, >1 → 1, else 3): 7 earns 0; (1, 2.5) → 1, its top whole number 2.
  // t6 (whole-number bounds: ≥10 → 0, ≥1 → 1, else 2): 50 earns 0; 1..9 → 1, nearest 9. At 1: only 0 (2).
  // t1 (more is better): 80% earns 2; above 90% earns 3, the first whole percentage above 90% is 91%.
  // t4 (count, more is better: ≥10 → 4, >5 → 2): 5 earns 0; 6 earns 2.
  const Case cases[] = {
      {"t2", "3", "2", "2.5", "a value below 3 and from 1 (e.g. 2) would earn 2.5 (+2.5)"},
      {"t2", "1", "0", "2.5", "a value below 1 (e.g. 0) would earn 5 (+2.5)"},
      {"t3", "50%", "10%", "1", "a value at most 10% and above 5% (e.g. 10%) would earn 1 (+1)"},
      {"t5", "7", "2", "1", "a value below 2.5 and above 1 (e.g. 2) would earn 1 (+1)"},
      {"t6", "50", "9", "1", "a value below 10 and from 1 (e.g. 9) would earn 1 (+1)"},
      {"t6", "1", "0", "1", "a value below 1 (e.g. 0) would earn 2 (+1)"},
      {"t1", "80%", "91%", "1", "a value above 90% (e.g. 91%) would earn 3 (+1)"},
      {"t4", "5", "6", "2", "a value above 5 (e.g. 6) would earn 2 (+2)"},
      // t7 as t6, its scale inferred: only whole numbers are suggested (0.5 would be refused).
      {"t7", "50", "9", "1", "a value below 10 and from 1 (e.g. 9) would earn 1 (+1)"},
      // t8 (number: ≥50 → 3, >12.5 → 1): 12.5 earns 0; the first whole number above 12.5 is 13.
      {"t8", "12.5", "13", "1", "a value above 12.5 (e.g. 13) would earn 1 (+1)"},
      {"t8", "13", "50", "2", "a value from 50 would earn 3 (+2)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.id);
    CAPTURE(c.value);
    const Rescored r = score_values(set, {{c.id, c.value}});
    const Gap* g = gap_of(set, r.gaps, c.id);
    REQUIRE(g != nullptr);
    CHECK(g->next_value() == c.next_value);
    CHECK(g->next_gain() == dec(c.gain));
    CHECK(g->next_step() == c.step);
  }
}

TEST_CASE("gaps: deduct suggests the fewest violations less that earn more") {
  const CriteriaSet set = set_from(kinds_yaml);
  // d1: 2 − 0.5 per violation. 5 → 0 (not below 0); 4 → 0 too; 3 → 0.5: the first that earns more.
  Rescored r = score_values(set, {{"d1", "5"}});
  const Gap* g = gap_of(set, r.gaps, "d1");
  REQUIRE(g != nullptr);
  CHECK(g->next_value() == "3");
  CHECK(g->next_step() == "a count of 3 (2 fewer) would earn 0.5 (+0.5); none earns the full 2");
  // d2: 1 − 0.3 per violation, 2 places. 4 → 0; 3 → 0.1.
  r = score_values(set, {{"d2", "4"}});
  g = gap_of(set, r.gaps, "d2");
  REQUIRE(g != nullptr);
  CHECK(g->next_value() == "3");
  CHECK(g->next_gain() == dec("0.1"));
  // d1 at 1 (1.5): none earns the full 2.
  r = score_values(set, {{"d1", "1"}});
  g = gap_of(set, r.gaps, "d1");
  REQUIRE(g != nullptr);
  CHECK(g->next_value() == "0");
  CHECK(g->next_step() == "a count of 0 (1 fewer) earns the full 2 (+0.5)");
}

TEST_CASE("gaps: points, survey and a missing leaf") {
  const CriteriaSet set = set_from(kinds_yaml);
  Rescored r = score_values(set, {{"p1", "2.75"}, {"p3", "2.8"}, {"s1", "A=15;B=3;C=2;D=0"}, {"s2", "A=3;B=2"}});
  // p1: one step of 0.25 more.
  const Gap* g = gap_of(set, r.gaps, "p1");
  REQUIRE(g != nullptr);
  CHECK(g->next_value() == "3");
  CHECK(g->next_step() == "the council's points of 3 would earn 3 (+0.25): each step of 0.25 counts, up to 3");
  // p3: 2.8 + 0.4 passes the max of 3: nothing more to write.
  g = gap_of(set, r.gaps, "p3");
  REQUIRE(g != nullptr);
  CHECK(g->next_value().empty());
  CHECK(g->next_step().empty());
  CHECK(g->next_gain() == dec("0"));
  // s1: 30 × (15 + 1.8 + 0.4) ÷ 20 = 25.8; all 20 at A → 30 (+4.2).
  g = gap_of(set, r.gaps, "s1");
  REQUIRE(g != nullptr);
  CHECK(g->next_value() == "A=20");
  CHECK(g->next_step() == "all 20 answers at the top weight ('A') would earn 30 (+4.2)");
  // s2: 10 × (3 × 0.8 + 2 × 0.5) ÷ 5 = 6.8; all 5 at A → 8 (+1.2): the top weight is 0.8.
  g = gap_of(set, r.gaps, "s2");
  REQUIRE(g != nullptr);
  CHECK(g->next_value() == "A=5");
  CHECK(g->next_gain() == dec("1.2"));
  // o1 is missing (scored 0 under missing_as_zero): the best option.
  g = gap_of(set, r.gaps, "o1");
  REQUIRE(g != nullptr);
  CHECK(g->next_value() == "kip_thoi");
  CHECK(g->next_step() == "no evidence: option 'kip_thoi' would earn 2 (+2)");
  // t2 missing: the tier that earns the most, 5 for 0.
  g = gap_of(set, r.gaps, "t2");
  REQUIRE(g != nullptr);
  CHECK(g->next_value() == "0");
  CHECK(g->next_gain() == dec("5"));
}
