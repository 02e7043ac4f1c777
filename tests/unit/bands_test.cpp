// Bands: the first from the top whose bound admits the index; `min` inclusive, `above`
// strict, decided on the same value the ranking uses; groups may have their own bands.
#include <doctest/doctest.h>

#include "support.hpp"

using namespace cchc;
using cchc_test::score_all;
using cchc_test::set_from;

namespace {
const char* const bands_yaml = R"(schema: cchc/criteria@1
id: xep-loai
title: "Xếp loại"
max: 100
bands:
  - {min: 90, label: "Tốt"}
  - {above: 80, label: "Khá"}
  - {label: "Trung bình"}
groups:
  so: {title: "Sở"}
  huyen: {title: "Huyện", bands: [{min: 80, label: "Nhóm I"}, {label: "Nhóm II"}]}
fields:
  - {id: a, title: A, max: 100}
)";
}  // namespace

TEST_CASE("min is inclusive and above is strict, at the exact boundary") {
  const auto s = score_all(set_from(bands_yaml), "code,name\nU90,a\nU8999,b\nU8001,c\nU80,d\nU100,e\nU0,f\n",
                           "unit,a\nU90,90\nU8999,89.99\nU8001,80.01\nU80,80\nU100,100\nU0,0\n");
  CHECK(s.band("U90") == "Tốt");          // 90 meets "min 90"
  CHECK(s.band("U8999") == "Khá");
  CHECK(s.band("U8001") == "Khá");        // 80.01 is above 80
  CHECK(s.band("U80") == "Trung bình");   // 80 is not above 80
  CHECK(s.band("U100") == "Tốt");
  CHECK(s.band("U0") == "Trung bình");
}

TEST_CASE("a group's own bands replace the set's — a group without bands uses the set's") {
  const auto s = score_all(set_from(bands_yaml), "code,name,group\nS85,a,so\nH85,b,huyen\nH80,c,huyen\nH7999,d,huyen\nD85,e,\n",
                           "unit,a\nS85,85\nH85,85\nH80,80\nH7999,79.99\nD85,85\n");
  CHECK(s.band("S85") == "Khá");
  CHECK(s.band("D85") == "Khá");
  CHECK(s.band("H85") == "Nhóm I");
  CHECK(s.band("H80") == "Nhóm I");
  CHECK(s.band("H7999") == "Nhóm II");
}

TEST_CASE("bands use the exact index, or the displayed one under ranking.on: rounded") {
  auto set = [](const char* ranking) {
    return set_from(std::string("schema: cchc/criteria@1\nid: b\ntitle: B\nmax: 100\n") + ranking +
                    "bands: [{min: 66.67, label: \"Đạt\"}, {label: \"Chưa đạt\"}]\n"
                    "fields:\n  - {id: a, title: A, max: 3}\n  - {id: b, title: B, max: 97, na: exclude}\n");
  };
  const char* const units = "code,name\nX,X\n";
  const char* const evidence = "unit,a,b\nX,2,na\n";  // 2 of 3 = 66.666…%, shown as 66.67
  const auto exact = score_all(set(""), units, evidence);
  const auto rounded = score_all(set("ranking: {on: rounded}\n"), units, evidence);
  CHECK(exact.index("X") == "66.67");
  CHECK(exact.band("X") == "Chưa đạt");
  CHECK(rounded.band("X") == "Đạt");
  CHECK(band_for(exact.evaluation.criteria(), "", exact.card("X")) == "Chưa đạt");
}

TEST_CASE("no band when none admits the index") {
  const auto s = score_all(set_from("schema: cchc/criteria@1\nid: b\ntitle: B\nmax: 10\nbands: [{min: 50, label: \"Đạt\"}]\n"
                                    "fields:\n  - {id: a, title: A, max: 10}\n"),
                           "code,name\nX,X\nY,Y\n", "unit,a\nX,4\nY,5\n");
  CHECK(s.band("X").empty());
  CHECK(s.band("Y") == "Đạt");
}
