// The result and option types are value classes over one private pointer, so that a later
// version can add facts without changing their size (the ABI). These tests fail if one of
// them becomes a bare struct again, or if copies start sharing state.
#include <doctest/doctest.h>

#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "support.hpp"

using namespace cchc;
using cchc_test::evaluation_from;
using cchc_test::set_from;

namespace {

template <class T>
constexpr bool one_pointer = sizeof(T) == sizeof(void*) && std::is_nothrow_move_constructible_v<T> &&
                             std::is_copy_constructible_v<T> && !std::is_aggregate_v<T>;

static_assert(one_pointer<Scorecard>);
static_assert(one_pointer<Ranking>);
static_assert(one_pointer<GroupRanking>);
static_assert(one_pointer<RankEntry>);
static_assert(one_pointer<NodeExplanation>);
static_assert(one_pointer<AdjustmentExplanation>);
static_assert(one_pointer<TotalExplanation>);
static_assert(one_pointer<Gap>);
static_assert(one_pointer<FieldSummary>);
static_assert(one_pointer<UnitGaps>);
static_assert(one_pointer<Deviation>);
static_assert(one_pointer<UnitDeviations>);
static_assert(one_pointer<Unit>);
static_assert(one_pointer<EvidenceValue>);
static_assert(one_pointer<EvaluationOptions>);
static_assert(one_pointer<ReportOptions>);
static_assert(one_pointer<Diagnostic>);

const char* const two_stages = R"(schema: cchc/criteria@1
id: gia-tri
title: "Giá trị"
max: 10
fields:
  - {id: "1", title: "Một", max: 6}
  - {id: "2", title: "Hai", max: 4}
)";

}  // namespace

TEST_CASE("a value class built with chained setters reads back what was set; defaults are the documented ones") {
  const Unit plain;
  CHECK(plain.code().empty());
  CHECK(plain.ranked());  // a unit is ranked unless told otherwise
  CHECK(!EvaluationOptions().missing_as_zero());
  CHECK(!ReportOptions().decimal_comma());

  Unit unit("STC", "Sở Tài chính", "so");
  unit.set_ranked(false).set_extra({{"ghi_chu", "thử"}});
  CHECK(unit.code() == "STC");
  CHECK(unit.name() == "Sở Tài chính");
  CHECK(unit.group() == "so");
  CHECK(!unit.ranked());
  REQUIRE(unit.extra().size() == 1);
  CHECK(unit.extra()[0].second == "thử");

  RankEntry entry;
  entry.set_scorecard(3).set_rank(2).set_band("Tốt");
  CHECK(entry.scorecard() == 3);
  CHECK(entry.rank() == std::optional<int>(2));
  CHECK(entry.band() == "Tốt");
}

TEST_CASE("copies are deep and independent; a moved-from value reads as a default one") {
  Unit a("A", "Một");
  Unit b = a;
  b.set_name("Hai");
  CHECK(a.name() == "Một");
  CHECK(b.name() == "Hai");

  Unit c = std::move(b);
  CHECK(c.name() == "Hai");
  CHECK(b.name().empty());  // NOLINT(bugprone-use-after-move): reading a moved-from value is defined here
  CHECK(b.ranked());        // NOLINT(bugprone-use-after-move)
  b.set_code("B");          // NOLINT(bugprone-use-after-move): and it can be assigned again
  CHECK(b.code() == "B");

  a = c;
  CHECK(a.name() == "Hai");
  c.set_name("Ba");
  CHECK(a.name() == "Hai");
}

TEST_CASE("a scorecard says the stage it was scored as of") {
  const CriteriaSet set = set_from(two_stages);
  // A: self-assessed 6 + 4 = 10; the council appraised field 1 at 5, so the final total is 9.
  const Evaluation ev = evaluation_from(set, "code,name\nA,Sở A\n",
                                        "unit,criterion,value,stage\nA,1,6,self\nA,2,4,self\nA,1,5,appraisal\n");
  const Scorecard final_card = score_unit(ev, 0);
  CHECK(!final_card.as_of().has_value());
  CHECK(final_card.total() == Decimal::from_int(9));
  const Scorecard self = score_unit_as_of(ev, 0, Stage::self);
  CHECK(self.as_of() == std::optional<Stage>(Stage::self));
  CHECK(self.total() == Decimal::from_int(10));
}
