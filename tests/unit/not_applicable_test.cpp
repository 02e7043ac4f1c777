// `na: exclude` takes a leaf's max out of the unit's denominator; `na: full_points` gives
// the leaf its max instead ("không phát sinh").
#include <doctest/doctest.h>

#include "support.hpp"

using namespace cchc;
using cchc_test::score_all;
using cchc_test::set_from;

namespace {
std::string set_with(const char* na) {
  return std::string(R"(schema: cchc/criteria@1
id: khong-ap-dung
title: "Không áp dụng"
max: 10
fields:
  - {id: a, title: "Luôn áp dụng", max: 4}
  - {id: b, title: "Có thể không phát sinh", max: 6, na: )") + na + "}\n";
}
const char* const units = "code,name\nU1,Đơn vị 1\nU2,Đơn vị 2\nU3,Đơn vị 3\n";
const char* const evidence = "unit,criterion,value\nU1,a,3\nU1,b,na\nU2,a,3\nU2,b,6\nU3,a,3\nU3,b,4.5\n";
}  // namespace

TEST_CASE("na: exclude changes the denominator and the index") {
  const auto s = score_all(set_from(set_with("exclude")), units, evidence);
  // U1: 3 of 10 − 6 = 4 → 75%
  CHECK(s.node("U1", "b").status == NodeStatus::not_applicable);
  CHECK(s.node("U1", "b").max.to_string() == "0");
  CHECK(s.total("U1") == "3");
  CHECK(s.max("U1") == "4");
  CHECK(s.index("U1") == "75");
  // U2: 3 + 6 = 9 of 10 → 90%
  CHECK(s.total("U2") == "9");
  CHECK(s.max("U2") == "10");
  CHECK(s.index("U2") == "90");
  // U3: 3 + 4.5 = 7.5 of 10 → 75%: exactly U1's index, by another denominator
  CHECK(s.index("U3") == "75");
  CHECK(compare_index(s.card("U1"), s.card("U3")) == 0);
  CHECK(s.rank("U2") == "1");
  CHECK(s.rank("U1") == "2");
  CHECK(s.rank("U3") == "2");
}

TEST_CASE("na: full_points gives the leaf its max") {
  const auto s = score_all(set_from(set_with("full_points")), units, evidence);
  // U1: 3 + 6 = 9 of 10 → 90%
  CHECK(s.node("U1", "b").status == NodeStatus::full_points);
  CHECK(s.points("U1", "b") == "6");
  CHECK(s.total("U1") == "9");
  CHECK(s.max("U1") == "10");
  CHECK(s.index("U1") == "90");
  CHECK(s.rank("U1") == "1");
  CHECK(s.rank("U2") == "1");
  CHECK(s.rank("U3") == "3");
}

TEST_CASE("a field whose leaves are all excluded leaves the denominator whole") {
  const auto s = score_all(set_from(R"(schema: cchc/criteria@1
id: ca-linh-vuc
title: "Cả lĩnh vực"
max: 10
fields:
  - {id: "1", title: "Áp dụng", max: 5}
  - id: "2"
    title: "Không phát sinh"
    max: 5
    criteria:
      - {id: "2.1", title: X, max: 2, na: exclude}
      - {id: "2.2", title: Y, max: 3, na: exclude}
)"),
                           "code,name\nU,Đơn vị\n", "unit,1,2.1,2.2\nU,4,na,na\n");
  CHECK(s.node("U", "2").status == NodeStatus::not_applicable);
  CHECK(s.node("U", "2").max.to_string() == "0");
  // 4 of 5 → 80%
  CHECK(s.max("U") == "5");
  CHECK(s.index("U") == "80");
}
