// Warnings: results that follow the rules but deserve a look. They accompany a result; they
// never stop one.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "support.hpp"

using namespace cchc;
using cchc_test::evaluation_from;
using cchc_test::set_from;

namespace {

const char* const three_leaves = R"(schema: cchc/criteria@1
id: canh-bao
title: "Cảnh báo"
max: 10
fields:
  - {id: "1", title: "Một", max: 4}
  - {id: "2", title: "Hai", max: 3}
  - {id: "3", title: "Ba", max: 3}
)";

std::vector<std::string> lines(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics) out.push_back(d.to_string());
  return out;
}

}  // namespace

TEST_CASE("a unit with only self-assessed values is ranked with a warning") {
  const CriteriaSet set = set_from(three_leaves);
  const Evaluation ev = evaluation_from(set, "code,name\nA,Sở A\nB,Sở B\n",
                                        "unit,criterion,value,stage\n"
                                        "A,1,4,self\nA,2,3,self\nA,3,3,self\n"
                                        "B,1,4,self\nB,2,3,self\nB,3,3,self\nB,3,2,appraisal\n");
  const auto cards = score(ev);
  const auto warnings = scoring_warnings(ev, cards);
  // A has no appraisal value at all (located at its code cell, row 2 column 1); B's appraisal of leaf 3 counts.
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].severity() == Severity::warning);
  CHECK(warnings[0].code() == "no-appraisal");
  CHECK(warnings[0].unit() == "A");
  CHECK(warnings[0].to_string() ==
        "units.csv:2:1: warning: unit 'A' has no appraisal value: it is scored and ranked on its own self-assessment");
  // The warning does not change the result: A keeps its self-assessed 10 of 10.
  CHECK(cards[0].total().to_string() == "10");
}

TEST_CASE("every leaf scored zero under missing_as_zero is counted and listed per unit") {
  const CriteriaSet set = set_from(three_leaves);
  EvaluationOptions options;
  options.set_missing_as_zero(true);
  const Evaluation ev = evaluation_from(set, "code,name\nA,Sở A\nB,Sở B\n", "unit,criterion,value\nA,1,4\nB,1,4\nB,2,3\nB,3,3\n", options);
  const auto cards = score(ev);
  CHECK(lines(scoring_warnings(ev, cards)) ==
        std::vector<std::string>{"units.csv:2:1: warning: unit 'A': 2 applicable leaves have no evidence and are scored 0 "
                                 "(--missing-as-zero): '2', '3'"});
  CHECK(cards[0].total().to_string() == "4");
}

TEST_CASE("JSON reports end with the run's warnings") {
  const CriteriaSet set = set_from(three_leaves);
  const Evaluation ev = evaluation_from(set, "code,name\nA,Sở A\n", "unit,criterion,value,stage\nA,1,4,self\nA,2,3,self\nA,3,3,self\n");
  const auto cards = score(ev);
  ReportOptions options;
  options.set_warnings(scoring_warnings(ev, cards));
  std::ostringstream out;
  write_ranking(out, ev, cards, rank(ev, cards), Format::json, options);
  const std::string json = out.str();
  const std::string tail =
      "\"warnings\": [\n  {\"severity\": \"warning\", \"code\": \"no-appraisal\", \"file\": \"units.csv\", \"line\": 2, "
      "\"column\": 1, \"sheet\": null, \"key\": \"code\", \"unit\": \"A\", \"criterion\": null, \"stage\": \"self\", \"message\": "
      "\"unit 'A' has no appraisal value: it is scored and ranked on its own self-assessment\"}\n ]}\n";
  REQUIRE(json.size() > tail.size());
  CHECK(json.substr(json.size() - tail.size()) == tail);
}

TEST_CASE("every failure of an API call is a cchc::Error") {
  const CriteriaSet set = set_from(three_leaves);
  // Issue 9: node(100000) threw std::out_of_range.
  CHECK_THROWS_AS((void)set.node(100000), cchc::Error);
  try {
    (void)set.node(100000);
  } catch (const cchc::Error& e) {
    CHECK(e.diagnostics().front().code() == "index-out-of-range");
    CHECK(std::string(e.what()) == "<input>: error: node 100000 is out of range (there are 4)");
  }
  const Evaluation ev = evaluation_from(set, "code,name\nA,Sở A\n", "unit,1,2,3\nA,4,3,3\n");
  std::vector<Scorecard> cards = score(ev);
  cards[0].set_unit(7);  // a scorecard of another evaluation
  CHECK_THROWS_AS((void)rank(ev, cards), cchc::Error);
}

TEST_CASE("the unrounded index is an exact fraction, rounded on request") {
  // 2 of 3 points: 66.666…%.
  const CriteriaSet set = set_from(R"(schema: cchc/criteria@1
id: ba
title: "Ba"
max: 3
fields:
  - {id: "1", title: "Một", max: 3}
)");
  const Evaluation ev = evaluation_from(set, "code,name\nA,Sở A\n", "unit,1\nA,2\n");
  const Scorecard card = score(ev).at(0);
  const ExactIndex exact = exact_index(card);
  CHECK(exact.total.to_string() == "2");
  CHECK(exact.max.to_string() == "3");
  CHECK(card.index().to_string() == "66.67");                                        // the set's 2 places
  CHECK(exact.rounded(6, RoundingMode::half_up).to_string() == "66.666667");
  CHECK(exact.rounded(0, RoundingMode::half_even).to_string() == "67");
  CHECK(exact.to_double() == doctest::Approx(200.0 / 3.0).epsilon(1e-15));
  CHECK(Decimal::from_raw(-1250000).to_double() == -1.25);
}

TEST_CASE("the public text helpers show and match clerks' text as cchc does") {
  // "Chậm" typed on a Mac: C h a, U+0323 (dot below), U+0302 (circumflex), m.
  CHECK(to_nfc("Cha\xCC\xA3\xCC\x82m") == "Ch\xE1\xBA\xADm");
  CHECK(escape_invisible("A\xE2\x80\x8B" "B\x1B[1m") == "A<U+200B>B<U+001B>[1m");
  CHECK(quote_for_message("abcdef", 3) == "'abc'\xE2\x80\xA6 (3 more bytes)");
  CHECK(loose_key("  Tên  ĐƠN vị ") == "ten don vi");
  CHECK(edit_distance("cong-an-tin", "cong-an-tinh") == 1);
}
