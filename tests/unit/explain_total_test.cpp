// The lines of a unit's total (issue 9): the fields, every bonus and penalty line, and what
// keeping the total within [0, max] changed, so that what `explain` shows adds up in every
// format. The data is the worked example of docs/criteria-format.md section 6, and every
// expected value is the docs' own hand calculation (section 6.4).
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "support.hpp"

using namespace cchc;
using cchc_test::dec;
using cchc_test::evaluation_from;
using cchc_test::set_from;

namespace {

const char* const docs_criteria = R"docs(# Bộ tiêu chí ví dụ (11 tiêu chí thành phần) — an example, not an official set.
schema: cchc/criteria@1
id: vi-du-2025
title: "Chỉ số CCHC các sở, ban, ngành năm 2025 (ví dụ)"
year: 2025
max: 100
rounding: {places: 2, mode: half_up}
bands:
  - {min: 90, label: "Tốt"}
  - {above: 80, label: "Khá"}
  - {min: 70, label: "Trung bình"}
  - {label: "Yếu"}
groups:
  so: {title: "Sở, ban, ngành"}
  tw:
    title: "Cơ quan Trung ương đóng trên địa bàn"
    bands: [{min: 85, label: "Nhóm I"}, {label: "Nhóm II"}]
ranking: {on: exact, tie_break: ["8"]}
adjustments:
  - {id: thuong, title: "Điểm thưởng", kind: bonus, max: 2}
  - {id: phat, title: "Điểm trừ", kind: penalty, max: 3}
fields:
  - id: "1"
    title: "Công tác chỉ đạo, điều hành CCHC"
    max: 10
    criteria:
      - id: "1.1"
        title: "Ban hành kế hoạch CCHC năm"
        max: 2
        rule: {options: {kip_thoi: 2, cham: 1, khong: 0}}
      - id: "1.2"
        title: "Mức độ thực hiện kế hoạch"
        max: 3
        rule: {tiers: [{above: 0.9, points: 3}, {min: 0.7, points: 2}, {points: 0}]}
      - id: "1.3"
        title: "Báo cáo định kỳ (số báo cáo chậm)"
        max: 2
        rule: {deduct: {per: 0.5}}
        na: exclude
      - id: "1.4"
        title: "Kiểm tra công tác CCHC"
        max: 3
        rule: {points: {step: 0.25}}
  - id: "2"
    title: "Cải cách thủ tục hành chính"
    max: 30
    criteria:
      - id: "2.1"
        title: "Tỷ lệ hồ sơ giải quyết đúng hạn"
        max: 15
        rule: {proportional: {target: 1}}
      - id: "2.2"
        title: "Tỷ lệ hồ sơ trực tuyến toàn trình"
        max: 10
        rule: {proportional: {target: 0.8}}
      - id: "2.3"
        title: "Số thủ tục hành chính công bố chậm"
        max: 5
        rule: {value: count, tiers: [{min: 3, points: 0}, {min: 1, points: 2.5}, {points: 5}]}
  - id: "3"
    title: "Cải cách tổ chức bộ máy"
    max: 20
    criteria:
      - id: "3.1"
        title: "Sắp xếp đơn vị sự nghiệp"
        max: 8
        rule: {options: {dat: 8, khong_dat: 0}}
        na: full_points
      - id: "3.2"
        title: "Thực hiện vị trí việc làm"
        max: 12
        rule: {points: {step: 0.5}}
  - id: "8"
    title: "Điều tra xã hội học"
    source: survey
    max: 40
    criteria:
      - id: "8.1"
        title: "Mức độ hài lòng của người dân, tổ chức"
        max: 30
        rule: {survey: {answers: {A: 1, B: 0.6, C: 0.2, D: 0}}}
      - id: "8.2"
        title: "Đánh giá của công chức"
        max: 10
        rule: {survey: {answers: {A: 1, B: 0.6, C: 0.2, D: 0}}}
)docs";

const char* const docs_units = R"docs(code,name,group,ranked
SYT,Sở Y tế,so,
STP,Sở Tư pháp,so,
SGD,Sở Giáo dục và Đào tạo,so,
SXD,Sở Xây dựng,so,
BQL,Ban Quản lý các khu công nghiệp,so,false
KBN,Kho bạc Nhà nước khu vực,tw,
CTH,Thuế tỉnh,tw,
TKT,Thống kê tỉnh,tw,
)docs";

const char* const docs_evidence = R"docs(unit;1.1;1.2;1.3;1.4;2.1;2.2;2.3;3;3.1;3.2;8.1;8.2;thuong;phat
SYT;cham;95%;0;3;99,4%;80%;2;;na;12;"A=15;B=3;C=2;D=0";0,9;;1
STP;kip_thoi;90%;1;2,75;97,5%;0,72;0;;dat;10,5;"A=12;B=5;C=1;D=0";0,85;1;
SGD;cham;0,8;5;1,75;97,4%;0,7;1;;khong_dat;10,5;"A=14;B=4;C=2;D=0";0,9;;
SXD;kip_thoi;70%;na;2,5;0,9;0,6;3;17,5;;;"A=10;B=6;C=3;D=1";0,75;;
BQL;khong;0,5;2;2;100%;0,8;1;;dat;9;0,8;0,85;;
KBN;kip_thoi;1;0;3;1;0,9;0;;dat;11;A=20;1;2;
CTH;kip_thoi;1;0;3;1;0,8;0;;dat;12;A=20;1;;
TKT;kip_thoi;0,85;na;2,5;0,96;0,76;1;;dat;9,5;"A=75;B=10;C=10;D=5";0,8;;
)docs";

struct DocsExample {
  CriteriaSet set = set_from(docs_criteria);
  Evaluation ev = evaluation_from(set, docs_units, docs_evidence);
  std::vector<Scorecard> cards = score(ev);
  Ranking ranking = rank(ev, cards);
  const Scorecard& card(const char* code) const { return cards.at(*ev.find_unit(code)); }
  std::string render(const char* code, Format format) const {
    std::ostringstream out;
    write_scorecard(out, ev, card(code), ranking, format);
    return out.str();
  }
};

// The number that follows `"key": ` in a JSON text (after `from`), whatever its digits.
Decimal json_number(const std::string& json, const std::string& key, std::size_t from = 0) {
  const std::string k = "\"" + key + "\": ";
  const std::size_t at = json.find(k, from);
  REQUIRE(at != std::string::npos);
  const std::size_t begin = at + k.size();
  const std::size_t end = json.find_first_of(",}]", begin);
  return dec(json.substr(begin, end - begin));
}

// RFC 4180 rows (quoted fields may hold separators and doubled quotes).
std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') rows.back().back() += text[++i];
      else if (c == '"') quoted = false;
      else rows.back().back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\n') {
      rows.emplace_back(1);
    } else if (c != '\r') {
      rows.back().back() += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

}  // namespace

TEST_CASE_FIXTURE(DocsExample, "explain_total: STP's bonus line makes 55.38 + 33.83 add up to 90.21") {
  // 6.4: fields 8.25 + 28.63 + 18.5 (appraisal 55.38) and 33.83 (survey): tree 89.21; bonus 1 → 90.21.
  const TotalExplanation t = explain_total(ev, card("STP"));
  CHECK(t.appraisal() == dec("55.38"));
  CHECK(t.survey() == dec("33.83"));
  CHECK(t.tree_total() == dec("89.21"));
  REQUIRE(t.adjustments().size() == 2);
  CHECK(set.adjustments()[t.adjustments()[0].adjustment()].id == "thuong");
  CHECK(t.adjustments()[0].points() == dec("1"));
  CHECK(t.adjustments()[0].max() == dec("2"));
  CHECK(t.adjustments()[0].evidence().rfind("'1' (appraisal, evidence.csv:3:", 0) == 0);
  CHECK(t.adjustments()[0].reason() == "bonus given: 1 (at most 2)");
  CHECK(set.adjustments()[t.adjustments()[1].adjustment()].id == "phat");
  CHECK(t.adjustments()[1].points() == dec("0"));
  CHECK(t.adjustments()[1].max() == dec("3"));
  CHECK(t.adjustments()[1].evidence().empty());
  CHECK(t.adjustments()[1].reason() == "no penalty given: 0 (at most 3)");
  CHECK(t.clamp() == dec("0"));
  CHECK(t.total() == dec("90.21"));
  CHECK(t.max() == dec("100"));
}

TEST_CASE_FIXTURE(DocsExample, "explain_total: SYT's penalty line is negative") {
  // 6.4: 9 + 27.41 + 20 = 56.41 appraisal, 34.8 survey, tree 91.21; penalty 1 → 90.21.
  const TotalExplanation t = explain_total(ev, card("SYT"));
  CHECK(t.appraisal() == dec("56.41"));
  CHECK(t.survey() == dec("34.8"));
  CHECK(t.adjustments()[0].points() == dec("0"));
  CHECK(t.adjustments()[1].points() == dec("-1"));
  CHECK(t.adjustments()[1].reason() == "penalty given: 1 (at most 3)");
  CHECK(t.clamp() == dec("0"));
  CHECK(t.total() == dec("90.21"));
}

TEST_CASE_FIXTURE(DocsExample, "explain_total: KBN's bonus above the max shows as a clamp line") {
  // 6.4: fields 10 + 30 + 19 (appraisal 59) + 40 (survey) = 99; bonus 2 → 101, kept at 100.
  const TotalExplanation t = explain_total(ev, card("KBN"));
  CHECK(t.appraisal() == dec("59"));
  CHECK(t.survey() == dec("40"));
  CHECK(t.tree_total() == dec("99"));
  CHECK(t.adjustments()[0].points() == dec("2"));
  CHECK(t.clamp() == dec("-1"));
  CHECK(t.total() == dec("100"));
}

TEST_CASE_FIXTURE(DocsExample, "explain as a table and in Markdown: the summary's terms add up to the total") {
  CHECK(render("STP", Format::table).find("total 90.21 of 100.00 (appraisal 55.38 + survey 33.83 + bonus 'thuong' 1.00), "
                                          "index 90.21%, rank 2, band Tốt, group so") != std::string::npos);
  CHECK(render("SYT", Format::table).find("total 90.21 of 100.00 (appraisal 56.41 + survey 34.80 - penalty 'phat' 1.00), ") !=
        std::string::npos);
  const std::string kbn = render("KBN", Format::table);
  CHECK(kbn.find("total 100.00 of 100.00 (appraisal 59.00 + survey 40.00 + bonus 'thuong' 2.00 - 1.00 above the max), ") !=
        std::string::npos);
  // Every line of the set has a row, given or not, then the clamp and the total.
  CHECK(kbn.find("thuong") != std::string::npos);
  CHECK(kbn.find("Điểm trừ") != std::string::npos);
  CHECK(kbn.find("kept within the max") != std::string::npos);
  CHECK(kbn.find("tree total and adjustments come to 101.00, kept at 100.00") != std::string::npos);
  const std::string md = render("KBN", Format::markdown);
  CHECK(md.find("bonus 'thuong' 2.00 - 1.00 above the max") != std::string::npos);
  CHECK(md.find("Điểm thưởng") != std::string::npos);
  CHECK(md.find("kept within the max") != std::string::npos);
}

TEST_CASE_FIXTURE(DocsExample, "explain --format csv: the tree, bonus, penalty and clamp lines add up to the total line") {
  for (const char* code : {"STP", "SYT", "KBN", "SXD"}) {
    CAPTURE(code);
    const auto rows = csv_rows(render(code, Format::csv));
    REQUIRE(!rows.empty());
    const std::vector<std::string> header = {"id", "title", "max", "points", "lost", "rule", "evidence", "reason", "line"};
    CHECK(rows[0] == header);
    Decimal fields, sum;
    std::vector<std::string> kinds;
    for (std::size_t i = 1; i < rows.size(); ++i) {
      REQUIRE(rows[i].size() == header.size());
      const std::string& line = rows[i][8];
      if (line == "field") fields += dec(rows[i][3]);
      if (line == "tree" || line == "bonus" || line == "penalty" || line == "clamp") {
        sum += dec(rows[i][3]);
        kinds.push_back(rows[i][0] + " " + line + " " + rows[i][3]);
      }
      if (line == "tree") CHECK(dec(rows[i][3]) == card(code).tree_total());
      if (line == "total") CHECK(dec(rows[i][3]) == card(code).total());
    }
    CHECK(rows.back()[8] == "total");
    CHECK(fields == card(code).tree_total());  // the set's root sums its fields
    CHECK(sum == card(code).total());
    if (std::string(code) == "KBN")
      CHECK(kinds == std::vector<std::string>{" tree 99.00", "thuong bonus 2.00", "phat penalty 0.00", " clamp -1.00"});
    if (std::string(code) == "STP") CHECK(kinds == std::vector<std::string>{" tree 89.21", "thuong bonus 1.00", "phat penalty 0.00"});
    if (std::string(code) == "SYT") CHECK(kinds == std::vector<std::string>{" tree 91.21", "thuong bonus 0.00", "phat penalty -1.00"});
    // SXD: 73.8 of an applicable 98 (1.3 marked na), no adjustment.
    if (std::string(code) == "SXD") CHECK(kinds == std::vector<std::string>{" tree 73.80", "thuong bonus 0.00", "phat penalty 0.00"});
  }
}

TEST_CASE_FIXTURE(DocsExample, "explain --format json: tree_total + the adjustments' points + clamp = total") {
  const std::string stp = render("STP", Format::json);
  CHECK(json_number(stp, "tree_total") == dec("89.21"));
  CHECK(json_number(stp, "appraisal") == dec("55.38"));
  CHECK(json_number(stp, "survey") == dec("33.83"));
  const std::size_t thuong = stp.find("{\"id\": \"thuong\", \"title\": \"Điểm thưởng\", \"kind\": \"bonus\"");
  REQUIRE(thuong != std::string::npos);
  CHECK(json_number(stp, "max", thuong) == dec("2"));
  CHECK(json_number(stp, "points", thuong) == dec("1"));
  const std::size_t phat = stp.find("{\"id\": \"phat\", \"title\": \"Điểm trừ\", \"kind\": \"penalty\"");
  REQUIRE(phat != std::string::npos);
  CHECK(json_number(stp, "points", phat) == dec("0"));
  CHECK(stp.find("\"evidence\": null, \"reason\": \"no penalty given: 0 (at most 3)\"}", phat) != std::string::npos);
  CHECK(json_number(stp, "clamp") == dec("0"));

  const std::string kbn = render("KBN", Format::json);
  CHECK(json_number(kbn, "tree_total") == dec("99"));
  CHECK(json_number(kbn, "points", kbn.find("\"id\": \"thuong\"")) == dec("2"));
  CHECK(json_number(kbn, "clamp") == dec("-1"));
  CHECK(json_number(kbn, "total") == dec("100"));
}
