// Ranking: competition ranks on the exact index, shared only by exactly equal indices;
// tie-break nodes; ranking on the displayed index; groups; units scored but not ranked.
#include <doctest/doctest.h>

#include "support.hpp"

using namespace cchc;
using cchc_test::score_all;
using cchc_test::set_from;

namespace {

std::string set_with(const char* extra) {
  return std::string(R"(schema: cchc/criteria@1
id: xep-hang
title: "Xếp hạng"
max: 100
)") + extra + R"(fields:
  - {id: a, title: A, max: 3}
  - {id: b, title: B, max: 97, na: exclude}
)";
}

// X: 2 of 3 = 66.666…%; Y: 3 + 63.67 = 66.67 of 100; Z: 2 + 64.67 = 66.67 of 100.
// All three show 66.67; exactly, Y = Z > X.
const char* const xyz_units = "code,name\nX,Đơn vị X\nY,Đơn vị Y\nZ,Đơn vị Z\n";
const char* const xyz_evidence = "unit,a,b\nX,2,na\nY,3,63.67\nZ,2,64.67\n";

std::vector<std::string> order_of(const cchc_test::Scored& s, std::size_t group = 0) {
  std::vector<std::string> codes;
  for (const RankEntry& e : s.ranking.groups().at(group).entries())
    codes.push_back(s.evaluation.units()[s.cards[e.scorecard()].unit()].code());
  return codes;
}

}  // namespace

TEST_CASE("competition ranks 1, 2, 2, 4 for exactly equal indices") {
  const auto s = score_all(set_from(set_with("")), "code,name\nU1,1\nU2,2\nU3,3\nU4,4\nU5,5\n",
                           "unit,a,b\nU1,3,87\nU2,3,77\nU3,2.4,na\nU4,3,67\nU5,3,76.99\n");
  // U1 90/100; U2 80/100; U3 2.4/3 = 80% exactly; U5 79.99; U4 70
  CHECK(s.rank("U1") == "1");
  CHECK(s.rank("U2") == "2");
  CHECK(s.rank("U3") == "2");
  CHECK(s.rank("U5") == "4");
  CHECK(s.rank("U4") == "5");
  // Equal units are listed by code.
  CHECK(order_of(s) == std::vector<std::string>{"U1", "U2", "U3", "U5", "U4"});
}

TEST_CASE("indices equal at 2 decimals but not exactly get different ranks") {
  const auto s = score_all(set_from(set_with("")), xyz_units, xyz_evidence);
  CHECK(s.index("X") == "66.67");
  CHECK(s.index("Y") == "66.67");
  CHECK(s.index("Z") == "66.67");
  CHECK(compare_index(s.card("X"), s.card("Y")) < 0);
  CHECK(compare_index(s.card("Y"), s.card("Z")) == 0);
  CHECK(s.rank("Y") == "1");
  CHECK(s.rank("Z") == "1");
  CHECK(s.rank("X") == "3");
}

TEST_CASE("ranking.on: rounded ranks on the displayed index") {
  const auto s = score_all(set_from(set_with("ranking: {on: rounded}\n")), xyz_units, xyz_evidence);
  CHECK(s.rank("X") == "1");
  CHECK(s.rank("Y") == "1");
  CHECK(s.rank("Z") == "1");
  CHECK(order_of(s) == std::vector<std::string>{"X", "Y", "Z"});
}

TEST_CASE("tie_break orders exactly equal indices by a node's points") {
  const auto s = score_all(set_from(set_with("ranking: {tie_break: [a]}\n")), xyz_units, xyz_evidence);
  // Y and Z are equal exactly; a: Y 3 > Z 2.
  CHECK(s.rank("Y") == "1");
  CHECK(s.rank("Z") == "2");
  CHECK(s.rank("X") == "3");
}

TEST_CASE("tie_break after rounding — still equal units share a rank") {
  const auto s = score_all(set_from(set_with("ranking: {on: rounded, tie_break: [a]}\n")), xyz_units, xyz_evidence);
  // All show 66.67; a: Y 3, X 2, Z 2.
  CHECK(s.rank("Y") == "1");
  CHECK(s.rank("X") == "2");
  CHECK(s.rank("Z") == "2");
  CHECK(order_of(s) == std::vector<std::string>{"Y", "X", "Z"});
}

TEST_CASE("groups rank separately — an unranked unit gets no rank and takes none") {
  const auto s = score_all(
      set_from(set_with("groups:\n  so: {title: \"Sở, ban, ngành\"}\n  huyen: {title: \"UBND cấp huyện\"}\n")),
      "code,name,group,ranked\n"
      "S1,Sở A,so,true\nS2,Sở B,so,true\nS3,Văn phòng,so,false\n"
      "H1,Huyện A,huyen,\nH2,Huyện B,huyen,\nD1,Khác,,\n",
      "unit,a,b\nS1,3,87\nS2,3,77\nS3,3,96\nH1,3,82\nH2,3,92\nD1,1.5,na\n");
  // Default group first, then the declared groups in set order.
  REQUIRE(s.ranking.groups().size() == 3);
  CHECK(s.ranking.groups()[0].key().empty());
  CHECK(s.ranking.groups()[1].key() == "so");
  CHECK(s.ranking.groups()[1].title() == "Sở, ban, ngành");
  CHECK(s.ranking.groups()[2].key() == "huyen");
  CHECK(s.rank("D1") == "1");
  // so: S1 90, S2 80; S3 (99) is not ranked and does not push S1 down.
  CHECK(s.rank("S1") == "1");
  CHECK(s.rank("S2") == "2");
  CHECK(s.rank("S3") == "-");
  CHECK(order_of(s, 1) == std::vector<std::string>{"S1", "S2", "S3"});
  // huyen: H2 95, H1 85
  CHECK(s.rank("H2") == "1");
  CHECK(s.rank("H1") == "2");
}

TEST_CASE("unranked units follow the ranked ones by name in Vietnamese order, not by code or byte order") {
  // Vietnamese order (ICU vi): Ban < Dân < Đảng < Yên (Đ is its own letter after D). By code
  // the four would be A, B, C, E; by the names' bytes Đ (C4 90) would come after Y.
  const auto s = score_all(set_from(set_with("")),
                           "code,name,ranked\n"
                           "A,Đảng ủy khối,false\nB,Yên Lạc,false\nC,Dân tộc,false\nE,Ban Tổ chức,false\nR,Xếp hạng,true\n",
                           "unit,a,b\nA,3,97\nB,3,97\nC,3,97\nE,3,97\nR,1,1\n");
  CHECK(s.rank("R") == "1");
  CHECK(s.rank("A") == "-");
  CHECK(order_of(s) == std::vector<std::string>{"R", "E", "C", "A", "B"});
}

TEST_CASE("a unit in a group the set does not declare is refused") {
  const auto loaded = try_parse_evaluation(set_from(set_with("groups: {so: {}}\n")), "code,name,group\nX,X,xa\n",
                                           "unit,a,b\nX,1,1\n", "units.csv", "evidence.csv");
  CHECK(cchc_test::messages(loaded) ==
        std::vector<std::string>{"units.csv:2:1: error: unknown group 'xa' for unit 'X'; the set declares: so"});
}

TEST_CASE("without declared groups each key is its own group, sorted") {
  const auto s = score_all(set_from(set_with("")), "code,name,group\nB1,B,tw\nA1,A,so\nC1,C,so\n",
                           "unit,a,b\nB1,3,77\nA1,3,67\nC1,3,87\n");
  REQUIRE(s.ranking.groups().size() == 2);
  CHECK(s.ranking.groups()[0].key() == "so");
  CHECK(s.ranking.groups()[1].key() == "tw");
  CHECK(s.rank("C1") == "1");
  CHECK(s.rank("A1") == "2");
  CHECK(s.rank("B1") == "1");
}

TEST_CASE("groups the set does not declare follow in Vietnamese order, not byte order") {
  // A set without groups: the units' keys make the groups. By hand, in Vietnamese
  // (A < Ă < Â < B … D < Đ < E … H … T … Y), by first letter: "Ấp" (Â), "Đô thị" (Đ),
  // "Huyện" (H), "Thị xã" (T). Byte order would give
  // "Huyện", "Thị xã", "Đô thị" (C4 90…), "Ấp" (E1 BA A4…).
  const auto s = score_all(set_from(set_with("")),
                           "code,name,group\nT1,Thị xã A,Thị xã\nH1,Huyện A,Huyện\nD1,Đô thị A,Đô thị\nA1,Ấp A,Ấp\n",
                           "unit,a,b\nT1,3,87\nH1,3,77\nD1,3,67\nA1,3,57\n");
  std::vector<std::string> keys;
  for (const GroupRanking& g : s.ranking.groups()) keys.push_back(g.key());
  CHECK(keys == std::vector<std::string>{"Ấp", "Đô thị", "Huyện", "Thị xã"});
  // Each unit is alone in its group: rank 1 whatever the order.
  for (const char* code : {"T1", "H1", "D1", "A1"}) CHECK(s.rank(code) == "1");
}
