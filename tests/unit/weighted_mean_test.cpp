// weighted_mean: max × Σ wᵢ·(pointsᵢ/maxᵢ) / Σ wᵢ, as the PCI aggregates its sub-indices.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support.hpp"

using namespace cchc;
using cchc_test::score_all;
using cchc_test::set_from;

namespace {

// Ten PCI-like sub-indices on a 0..10 scale with the 2013–2016 weights (%).
std::string pci_set(const char* max, const char* mode) {
  const int weights[] = {5, 5, 20, 5, 10, 5, 5, 20, 20, 5};
  std::string s = std::string("schema: cchc/criteria@1\nid: pci\ntitle: \"PCI\"\nmax: ") + max +
                  "\naggregate: weighted_mean\nrounding: {places: 2, mode: " + mode + "}\nfields:\n";
  for (int i = 0; i < 10; ++i)
    s += "  - {id: c" + std::to_string(i + 1) + ", title: \"Chỉ số thành phần " + std::to_string(i + 1) +
         "\", max: 10, weight: " + std::to_string(weights[i]) + "}\n";
  return s;
}
const char* const pci_units = "code,name\nP,Tỉnh P\n";
const char* const pci_evidence = "unit,c1,c2,c3,c4,c5,c6,c7,c8,c9,c10\nP,6.5,7,5.25,8,6,4.5,7.5,5,6.25,9\n";

}  // namespace

TEST_CASE("PCI weights 5,5,20,5,10,5,5,20,20,5 on a 100-point total") {
  const auto s = score_all(set_from(pci_set("100", "half_up")), pci_units, pci_evidence);
  // Σ w·s = 5×6.5 + 5×7 + 20×5.25 + 5×8 + 10×6 + 5×4.5 + 5×7.5 + 20×5 + 20×6.25 + 5×9
  //       = 32.5 + 35 + 105 + 40 + 60 + 22.5 + 37.5 + 100 + 125 + 45 = 602.5
  // total = 100 × Σ w·(s/10) / Σ w = 100 × 60.25 / 100 = 60.25 (= Σ w·s / 10, PCI's formula)
  CHECK(s.total("P") == "60.25");
  CHECK(s.max("P") == "100");
  CHECK(s.index("P") == "60.25");
}

TEST_CASE("a weighted mean is rounded once, with the set's mode") {
  // On a 10-point total: 10 × 60.25 / 100 = 6.025, a tie at 2 places.
  const auto up = score_all(set_from(pci_set("10", "half_up")), pci_units, pci_evidence);
  const auto even = score_all(set_from(pci_set("10", "half_even")), pci_units, pci_evidence);
  CHECK(up.total("P") == "6.03");
  CHECK(even.total("P") == "6.02");
}

TEST_CASE("a weighted_mean node inside a sum, children with different maxima") {
  const auto s = score_all(set_from(R"(schema: cchc/criteria@1
id: hon-hop
title: "Hỗn hợp"
max: 50
fields:
  - {id: "1", title: "Cộng", max: 10}
  - id: "2"
    title: "Bình quân có trọng số"
    max: 40
    aggregate: weighted_mean
    criteria:
      - {id: "2.1", title: "A", max: 10, weight: 1}
      - {id: "2.2", title: "B", max: 20, weight: 3}
)"),
                           "code,name\nU,Đơn vị\n", "unit,1,2.1,2.2\nU,6,5,15\n");
  // 40 × (1 × 5/10 + 3 × 15/20) / (1 + 3) = 40 × (0.5 + 2.25) / 4 = 27.5
  CHECK(s.points("U", "2") == "27.5");
  // 6 + 27.5 = 33.5 of 50 = 67%
  CHECK(s.total("U") == "33.5");
  CHECK(s.index("U") == "67");
}

TEST_CASE("under weighted_mean an excluded child drops out of the weights") {
  const auto s = score_all(set_from(R"(schema: cchc/criteria@1
id: loai-tru
title: "Loại trừ"
max: 10
aggregate: weighted_mean
fields:
  - {id: a, title: A, max: 10, weight: 1}
  - {id: b, title: B, max: 10, weight: 1}
  - {id: c, title: C, max: 10, weight: 2, na: exclude}
)"),
                           "code,name\nU,Đơn vị\nV,Đơn vị 2\n", "unit,a,b,c\nU,5,10,na\nV,5,10,2.5\n");
  // U: 10 × (1 × 0.5 + 1 × 1) / (1 + 1) = 7.5; the node keeps its max of 10.
  CHECK(s.total("U") == "7.5");
  CHECK(s.max("U") == "10");
  CHECK(s.index("U") == "75");
  // V: 10 × (0.5 + 1 + 2 × 0.25) / 4 = 10 × 2 / 4 = 5
  CHECK(s.total("V") == "5");
}

namespace {
std::string equal_weights(const char* places, const std::vector<const char*>& maxima) {
  std::string s = std::string("schema: cchc/criteria@1\nid: lcm\ntitle: \"Bình quân\"\nmax: 100\n"
                              "aggregate: weighted_mean\nrounding: {places: ") + places + "}\nfields:\n";
  for (std::size_t i = 0; i < maxima.size(); ++i)
    s += "  - {id: f" + std::to_string(i + 1) + ", title: \"Lĩnh vực " + std::to_string(i + 1) + "\", max: " +
         maxima[i] + ", weight: 1}\n";
  return s;
}
std::string all_fives(std::size_t fields) {
  std::string header = "unit", row = "U";
  for (std::size_t i = 0; i < fields; ++i) {
    header += ",f" + std::to_string(i + 1);
    row += ",5";
  }
  return header + "\n" + row + "\n";
}
}  // namespace

TEST_CASE("ten distinct maxima whose lcm passes 128 bits are still exact") {
  // Issue 9: printed 4.81. 100 × (5/10.07 + 5/10.09 + … + 5/10.39) / 10 = 48.8528108930…
  // (exact sum of the ten fractions, worked out with rational arithmetic), so 48.85.
  const std::vector<const char*> maxima = {"10.07", "10.09", "10.13", "10.19", "10.21",
                                           "10.27", "10.31", "10.33", "10.37", "10.39"};
  const auto s = score_all(set_from(equal_weights("2", maxima)), "code,name\nU,Đơn vị\n", all_fives(10));
  CHECK(s.total("U") == "48.85");
  CHECK(s.index("U") == "48.85");
}

TEST_CASE("six places, five maxima just under 10") {
  // Issue 9: printed 10.000011. 100 × (5/9.999999 + 5/9.999997 + 5/9.999993 + 5/9.999991 + 5/9.999989) / 5
  // = 50.0000310000…, so 50.000031 at six places.
  const std::vector<const char*> maxima = {"9.999999", "9.999997", "9.999993", "9.999991", "9.999989"};
  const auto s = score_all(set_from(equal_weights("6", maxima)), "code,name\nU,Đơn vị\n", all_fives(5));
  CHECK(s.total("U") == "50.000031");
}

TEST_CASE("adjustment caps are bounded so that a total before clamping can be shown") {
  // Issue 9: ten bonuses of 999999999999 wrapped the 64-bit sum to 0.00. Such a set is now
  // refused at the bonus cap that makes max + caps reach 10^12.
  std::string set = "schema: cchc/criteria@1\nid: thuong\ntitle: \"Thưởng\"\nmax: 100\nadjustments:\n";
  for (int i = 0; i < 10; ++i)
    set += "  - {id: b" + std::to_string(i) + ", title: \"Thưởng " + std::to_string(i) +
           "\", kind: bonus, max: 999999999999}\n";
  set += "fields:\n  - {id: a, title: A, max: 100}\n";
  const auto loaded = cchc::try_parse_criteria(set, "thuong.yaml");
  REQUIRE_FALSE(loaded.ok());
  REQUIRE(loaded.diagnostics().size() == 1);
  // b0 alone: 100 + 999999999999 = 10^12 + 99, already past the bound; line 6 is b0's.
  CHECK(loaded.diagnostics()[0].code() == "adjustments-too-large");
  CHECK(loaded.diagnostics()[0].to_string() ==
        "thuong.yaml:6:5: error: adjustment 'b0': the set's max and the bonus caps up to this one add up to 10^12 or "
        "more; a total before it is kept within the max could not be shown exactly (numbers are below 10^12): lower the caps");
}

TEST_CASE("ten bonus lines near the bound add up past 64 bits of millionths without wrapping") {
  // max 100 + 10 × 99999999989 = 999999999990 < 10^12: admitted. The tree gives 40 of 100,
  // the bonuses 999999999890 (9.99…×10^17 millionths, near the int64 range), and the total
  // is kept at the max: 100.
  std::string set = "schema: cchc/criteria@1\nid: thuong\ntitle: \"Thưởng\"\nmax: 100\nadjustments:\n";
  std::string header = "unit,a", row = "U,40";
  for (int i = 0; i < 10; ++i) {
    set += "  - {id: b" + std::to_string(i) + ", title: \"Thưởng " + std::to_string(i) +
           "\", kind: bonus, max: 99999999989}\n";
    header += ",b" + std::to_string(i);
    row += ",99999999989";
  }
  set += "fields:\n  - {id: a, title: A, max: 100}\n";
  const auto s = score_all(set_from(set), "code,name\nU,Đơn vị\n", header + "\n" + row + "\n");
  CHECK(s.total("U") == "100");
  CHECK(s.index("U") == "100");
}
