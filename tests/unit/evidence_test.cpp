// Reading units and evidence: long and wide form, ',' and ';' (with a decimal comma), BOM,
// CRLF, quoting, the three stages, values at an interior node, `na`, and percentages.
#include <doctest/doctest.h>

#include "support.hpp"

using namespace cchc;
using cchc_test::dec;
using cchc_test::evaluation_from;
using cchc_test::messages;
using cchc_test::score_all;
using cchc_test::set_from;

namespace {

// 1.2 is proportional on a rate (max 4), 2.1 a survey with A=1, B=0.5, C=0 (max 10).
const char* const set_yaml = R"(schema: cchc/criteria@1
id: bang-chung
title: "Bằng chứng"
max: 20
adjustments: [{id: thuong, title: "Điểm thưởng", kind: bonus, max: 1}]
fields:
  - id: "1"
    title: "Chỉ đạo, điều hành"
    max: 10
    criteria:
      - {id: "1.1", title: "Kế hoạch", max: 2, rule: {options: {kip_thoi: 2, cham: 1, khong: 0}}}
      - {id: "1.2", title: "Tỷ lệ hồ sơ đúng hạn", max: 4, rule: {proportional: {target: 1}}}
      - {id: "1.3", title: "Báo cáo", max: 4, na: exclude, rule: {points: {step: 0.5}}}
  - id: "2"
    title: "Khảo sát"
    source: survey
    max: 10
    criteria:
      - {id: "2.1", title: "Hài lòng", max: 10, rule: {survey: {answers: {A: 1, B: 0.5, C: 0}}}}
)";

const char* const one_unit = "code,name\nU1,Sở Tài chính\n";

}  // namespace

TEST_CASE("long form, comma separated") {
  const CriteriaSet set = set_from(set_yaml);
  const auto s = score_all(set, one_unit,
                           "unit,criterion,value\n"
                           "U1,1.1,kip_thoi\n"
                           "U1,1.2,0.975\n"
                           "U1,1.3,3.5\n"
                           "U1,2.1,A=6;B=2;C=2\n");
  // 1.1 kip_thoi = 2; 1.2 = 4 × 0.975 = 3.9; 1.3 = 3.5; 2.1 = 10 × (6×1 + 2×0.5 + 2×0) / 10 = 7
  CHECK(s.points("U1", "1.1") == "2");
  CHECK(s.points("U1", "1.2") == "3.9");
  CHECK(s.points("U1", "1.3") == "3.5");
  CHECK(s.points("U1", "2.1") == "7");
  // total 2 + 3.9 + 3.5 + 7 = 16.4 of 20 = 82%
  CHECK(s.total("U1") == "16.4");
  CHECK(s.index("U1") == "82");
  CHECK(s.card("U1").survey().to_string() == "7");
  CHECK(s.card("U1").appraisal().to_string() == "9.4");

  const auto v = s.evaluation.value(0, *set.find("1.2"));
  REQUIRE(v.has_value());
  CHECK(v->kind() == ValueKind::number);
  CHECK(v->number() == dec("0.975"));
  CHECK(v->text() == "0.975");
  CHECK(v->stage() == Stage::appraisal);
  CHECK(v->location().file == "evidence.csv");
  CHECK(v->location().line == 3);    // the header is line 1
  CHECK(v->location().column == 3);  // the value column

  const auto answers = s.evaluation.value(0, *set.find("2.1"));
  REQUIRE(answers.has_value());
  CHECK(answers->kind() == ValueKind::answers);
  REQUIRE(answers->answers().size() == 3);
  CHECK(answers->answers()[1].answer == "B");
  CHECK(answers->answers()[1].count == 2);
  const auto option = s.evaluation.value(0, *set.find("1.1"));
  REQUIRE(option.has_value());
  CHECK(option->kind() == ValueKind::option);
  CHECK(option->option() == 0);
}

TEST_CASE("semicolon separated with a decimal comma, and 97,5%") {
  const CriteriaSet set = set_from(set_yaml);
  const auto s = score_all(set, "code;name\nU1;Sở Tài chính\nU2;Sở Xây dựng\n",
                           "unit;criterion;value\n"
                           "U1;1.1;cham\n"
                           "U1;1.2;0,98\n"
                           "U1;1.3;2,5\n"
                           "U1;2.1;0,75\n"
                           "U2;1.1;khong\n"
                           "U2;1.2;97,5%\n"
                           "U2;1.3;4\n"
                           "U2;2.1;A=1,B=1,C=2\n");
  // U1: 1 + 4 × 0.98 = 3.92 + 2.5 + 10 × 0.75 = 7.5 → 1 + 3.92 + 2.5 + 7.5 = 14.92 of 20 = 74.6%
  CHECK(s.points("U1", "1.2") == "3.92");
  CHECK(s.points("U1", "2.1") == "7.5");
  CHECK(s.total("U1") == "14.92");
  CHECK(s.index("U1") == "74.6");
  // U2: 0 + 4 × 0.975 = 3.9 + 4 + 10 × (1 + 0.5 + 0) / 4 = 3.75 → 11.65 of 20 = 58.25%.
  // In a ';' file the answer counts are separated by ',' (a ';' would split the row).
  CHECK(s.evaluation.value(1, *set.find("1.2"))->number() == dec("0.975"));
  CHECK(s.points("U2", "2.1") == "3.75");
  CHECK(s.total("U2") == "11.65");
  CHECK(s.index("U2") == "58.25");
}

TEST_CASE("a decimal comma in a comma-separated file is refused") {
  const CriteriaSet set = set_from(set_yaml);
  const auto loaded = try_parse_evaluation(set, one_unit,
                                           "unit,criterion,value\nU1,1.1,cham\nU1,1.2,\"0,98\"\nU1,1.3,2\nU1,2.1,0.5\n",
                                           "units.csv", "evidence.csv");
  CHECK(messages(loaded) ==
        std::vector<std::string>{"evidence.csv:3:3: error: unit 'U1', criterion '1.2': expected a rate (0..1, or a "
                                 "percentage such as 97,5%): a number with a decimal point '.' (a decimal comma is "
                                 "accepted only in ';'-separated files), found '0,98'"});
}

TEST_CASE("a BOM and CRLF line ends are read as plain text") {
  const CriteriaSet set = set_from(set_yaml);
  const auto s = score_all(set, "\xEF\xBB\xBF" "code,name\r\nU1,Sở Tài chính\r\n",
                           "\xEF\xBB\xBF" "unit,criterion,value\r\n"
                           "U1,1.1,khong\r\n"
                           "U1,1.2,1\r\n"
                           "U1,1.3,4\r\n"
                           "U1,2.1,A=10\r\n");
  // 0 + 4 + 4 + 10 = 18 of 20 = 90%
  CHECK(s.total("U1") == "18");
  CHECK(s.index("U1") == "90");
  CHECK(s.evaluation.units()[0].code() == "U1");  // not "\xEF\xBB\xBFU1"
  CHECK(s.evaluation.units()[0].name() == "Sở Tài chính");  // no trailing '\r'
  CHECK(s.evaluation.value(0, *set.find("1.3"))->location().line == 4);
}

TEST_CASE("quoted fields: separators, doubled quotes, extra columns") {
  const CriteriaSet set = set_from(set_yaml);
  const Evaluation ev = evaluation_from(set,
                                        "code,name,ghi_chu\n"
                                        "U1,\"Sở Kế hoạch, Đầu tư\",\"đã \"\"giải trình\"\"\"\n",
                                        "unit,criterion,value\n"
                                        "\"U1\",\"1.1\",\"kip_thoi\"\n"
                                        "U1,1.2,\"0.5\"\n"
                                        "U1,1.3,1\n"
                                        "U1,2.1,\"A=1,B=1\"\n");
  REQUIRE(ev.units().size() == 1);
  CHECK(ev.units()[0].name() == "Sở Kế hoạch, Đầu tư");
  REQUIRE(ev.units()[0].extra().size() == 1);
  CHECK(ev.units()[0].extra()[0].first == "ghi_chu");
  CHECK(ev.units()[0].extra()[0].second == "đã \"giải trình\"");
  CHECK(ev.value(0, *set.find("1.1"))->kind() == ValueKind::option);
  const auto survey = ev.value(0, *set.find("2.1"));
  REQUIRE(survey.has_value());
  CHECK(survey->answers()[0].count == 1);
  CHECK(survey->answers()[1].count == 1);
}

// SourceLocation's contract (diagnostic.hpp): a CSV location is the row a spreadsheet shows,
// so a quoted field spanning two lines stays in one row.
TEST_CASE("a unit's location is its spreadsheet row") {
  const CriteriaSet set = set_from(set_yaml);
  // U1's name spans lines 2 and 3 of the file but is row 2; U2 is row 3 (line 4).
  const Evaluation ev = evaluation_from(set, "code,name\nU1,\"Sở Tài chính\nvà Kế hoạch\"\nU2,Sở Xây dựng\n",
                                        "unit,criterion,value\nU1,1.1,cham\nU1,1.2,1\nU1,1.3,na\nU1,2.1,1\n"
                                        "U2,1.1,cham\nU2,1.2,1\nU2,1.3,na\nU2,2.1,1\n");
  CHECK(ev.units()[0].name() == "Sở Tài chính\nvà Kế hoạch");
  CHECK(ev.units()[1].location().line == 3);
}

TEST_CASE("stages: the latest present counts — earlier ones stay readable") {
  const CriteriaSet set = set_from(set_yaml);
  const auto s = score_all(set, one_unit,
                           "unit,criterion,value,stage\n"
                           "U1,1.1,kip_thoi,self\n"
                           "U1,1.1,cham,appraisal\n"
                           "U1,1.2,1,self\n"
                           "U1,1.2,0.9,\n"          // an empty stage is the appraisal
                           "U1,1.3,4,self\n"
                           "U1,1.3,3,appraisal\n"
                           "U1,1.3,3.5,appraisal2\n"
                           "U1,2.1,A=10,self\n");   // only self-assessed: it counts
  const NodeIndex n13 = *set.find("1.3");
  CHECK(s.evaluation.value(0, n13)->number() == dec("3.5"));
  CHECK(s.evaluation.value(0, n13)->stage() == Stage::appraisal2);
  CHECK(s.evaluation.value(0, n13, Stage::self)->number() == dec("4"));
  CHECK(s.evaluation.value(0, n13, Stage::appraisal)->number() == dec("3"));
  CHECK_FALSE(s.evaluation.value(0, *set.find("1.1"), Stage::appraisal2).has_value());
  CHECK(s.node("U1", "1.3").stage == Stage::appraisal2);
  CHECK(s.node("U1", "1.2").stage == Stage::appraisal);
  CHECK(s.node("U1", "2.1").stage == Stage::self);
  // cham 1 + 4 × 0.9 = 3.6 + 3.5 + 10 = 18.1 of 20 = 90.5%
  CHECK(s.points("U1", "1.1") == "1");
  CHECK(s.points("U1", "1.2") == "3.6");
  CHECK(s.total("U1") == "18.1");
  CHECK(s.index("U1") == "90.5");
}

TEST_CASE("a value at an interior node stands for its subtree") {
  const CriteriaSet set = set_from(set_yaml);
  const auto s = score_all(set, one_unit, "unit,criterion,value\nU1,1,8.75\nU1,2.1,A=3;B=1\n");
  CHECK(s.node("U1", "1").status == NodeStatus::given);
  CHECK(s.points("U1", "1") == "8.75");
  CHECK(s.node("U1", "1.2").status == NodeStatus::covered);
  CHECK(s.node("U1", "1.3").status == NodeStatus::covered);
  // 8.75 + 10 × (3 + 0.5) / 4 = 8.75 + 8.75 = 17.5 of 20 = 87.5%
  CHECK(s.points("U1", "2.1") == "8.75");
  CHECK(s.total("U1") == "17.5");
  CHECK(s.max("U1") == "20");
  CHECK(s.index("U1") == "87.5");
}

TEST_CASE("a value at a node and inside it is refused") {
  const CriteriaSet set = set_from(set_yaml);
  const auto loaded = try_parse_evaluation(set, one_unit, "unit,criterion,value\nU1,1,8.75\nU1,1.2,0.5\nU1,2.1,1\n",
                                           "units.csv", "evidence.csv");
  CHECK(messages(loaded) ==
        std::vector<std::string>{"evidence.csv:3:3: error: unit 'U1': evidence at '1' (stage appraisal) gives its whole "
                                 "subtree, so '1.2' inside it must not also be given at stage appraisal or later"});
}

TEST_CASE("na marks a leaf not applicable where the set allows it") {
  const CriteriaSet set = set_from(set_yaml);
  const auto s = score_all(set, one_unit, "unit,criterion,value\nU1,1.1,kip_thoi\nU1,1.2,1\nU1,1.3,na\nU1,2.1,A=10\n");
  CHECK(s.evaluation.value(0, *set.find("1.3"))->kind() == ValueKind::not_applicable);
  CHECK(s.node("U1", "1.3").status == NodeStatus::not_applicable);
  // 2 + 4 + 10 = 16 of 20 − 4 = 16: 100%
  CHECK(s.max("U1") == "16");
  CHECK(s.index("U1") == "100");

  const auto refused = try_parse_evaluation(set, one_unit,
                                            "unit,criterion,value\nU1,1.1,na\nU1,1.2,1\nU1,1.3,1\nU1,2.1,1\n",
                                            "units.csv", "evidence.csv");
  CHECK(messages(refused) ==
        std::vector<std::string>{"evidence.csv:2:3: error: unit 'U1', criterion '1.1': criterion '1.1' cannot be "
                                 "marked not applicable (the set gives it no 'na:')"});
}

TEST_CASE("wide form: a column per criterion — an empty cell is no evidence") {
  const CriteriaSet set = set_from(set_yaml);
  const auto s = score_all(set, "code,name\nU1,Sở Tài chính\nU2,Sở Xây dựng\n",
                           "unit,1.1,1.2,1.3,2.1,thuong\n"
                           "U1,kip_thoi,0.975,3.5,A=6;B=2;C=2,0.5\n"
                           "U2,cham,50%,na,A=1;C=1,\n");
  // U1: 16.4 as in the long form, + bonus 0.5 = 16.9 of 20 = 84.5%
  CHECK(s.total("U1") == "16.9");
  CHECK(s.index("U1") == "84.5");
  // U2: 1 + 4 × 0.5 = 2 + 10 × 1 / 2 = 5 → 8 of 16 (1.3 excluded) = 50%; no bonus
  CHECK(s.total("U2") == "8");
  CHECK(s.max("U2") == "16");
  CHECK(s.index("U2") == "50");
  CHECK_FALSE(s.evaluation.adjustment_value(1, 0).has_value());
  const auto v = s.evaluation.value(0, *set.find("1.3"));
  REQUIRE(v.has_value());
  CHECK(v->location().line == 2);
  CHECK(v->location().column == 4);
}

TEST_CASE("wide form with a stage column and a decimal comma") {
  const CriteriaSet set = set_from(set_yaml);
  const auto s = score_all(set, one_unit,
                           "unit;stage;1.1;1.2;1.3;2.1\n"
                           "U1;self;kip_thoi;1;4;0,9\n"
                           "U1;appraisal;cham;0,8;3;\n");
  // appraisal: cham 1, 4 × 0.8 = 3.2, 3; survey only self-assessed 10 × 0.9 = 9 → 16.2 of 20 = 81%
  CHECK(s.total("U1") == "16.2");
  CHECK(s.index("U1") == "81");
}

TEST_CASE("gaps are listed together, or scored as zero when asked") {
  const CriteriaSet set = set_from(set_yaml);
  const char* const evidence = "unit,criterion,value\nU1,1.1,cham\nU1,2.1,0.5\n";
  CHECK(messages(try_parse_evaluation(set, one_unit, evidence, "units.csv", "evidence.csv")) ==
        std::vector<std::string>{"units.csv:2:1: error: unit 'U1' has no evidence for 2 leaves: 1.2, 1.3 (or ask to "
                                 "score gaps as zero)"});
  EvaluationOptions zero;
  zero.set_missing_as_zero(true);
  const Evaluation ev = evaluation_from(set, one_unit, evidence, zero);
  const auto cards = score(ev);
  CHECK(cards[0].nodes()[*set.find("1.2")].status == NodeStatus::missing);
  // 1 + 0 + 0 + 5 = 6 of 20 = 30%
  CHECK(cards[0].total().to_string() == "6");
  CHECK(cards[0].index().to_string() == "30");
}

TEST_CASE("units: group, ranked and the extra columns") {
  const CriteriaSet set = set_from(set_yaml);
  const Evaluation ev = evaluation_from(set,
                                        "code,name,group,ranked,ma_so_thue\n"
                                        "U1,Sở Tài chính,so,true,0101\n"
                                        "U2,Ban Quản lý,so,không,\n"
                                        "U3,Công an tỉnh,tw,0,\n"
                                        "U4,UBND huyện,,,\n",
                                        "unit,1.1,1.2,1.3,2.1\nU1,cham,1,1,1\nU2,cham,1,1,1\nU3,cham,1,1,1\nU4,cham,1,1,1\n");
  REQUIRE(ev.units().size() == 4);
  CHECK(ev.units()[0].group() == "so");
  CHECK(ev.units()[0].ranked());
  CHECK_FALSE(ev.units()[1].ranked());
  CHECK_FALSE(ev.units()[2].ranked());
  CHECK(ev.units()[3].ranked());  // an empty cell is the default
  CHECK(ev.units()[3].group().empty());
  CHECK(ev.units()[0].extra() == std::vector<std::pair<std::string, std::string>>{{"ma_so_thue", "0101"}});
  CHECK(ev.find_unit("U3") == std::optional<std::size_t>(2));
}

// A large file is read in slices of about 256 KiB on several threads and committed in file
// order: rows, quoted values (unescaped into the reader's scratch buffer) and problems must
// come out exactly as a one-thread read gives them, wherever the slice boundaries fall.
TEST_CASE("a large evidence file reads the same in slices as in one piece") {
  const CriteriaSet set = set_from(set_yaml);
  constexpr int units = 4000;  // 4 values each, ~32 bytes a row: ~16,000 rows, ~500 KiB
  std::string units_csv = "code,name\n";
  std::string evidence = "unit,criterion,value\n";
  for (int u = 0; u < units; ++u) {
    const std::string code = "U" + std::to_string(u);
    units_csv += code + ",Sở " + code + "\n";
    evidence += code + ",1.1,\"kip_thoi\"\n";  // quoted: read through the scratch buffer
    evidence += code + ",1.2,\"0.5\"\n";
    evidence += code + ",1.3,na\n";
    evidence += code + ",2.1,\"A=3;B=1;C=0\"\n";
  }
  // Rows: the header is row 1; unit u's rows are 2 + 4u .. 5 + 4u.
  SUBCASE("every unit scores the same, first and last") {
    const auto s = score_all(set, units_csv, evidence);
    // 1.1: 2; 1.2: 4 × 0.5 = 2; 1.3 excluded (max 20 − 4 = 16); 2.1: 10 × (3×1 + 1×0.5)/4 = 8.75
    // total 12.75 of 16 → index 79.6875 → 79.69
    for (const char* code : {"U0", "U1999", "U3999"}) {
      CHECK(s.total(code) == "12.75");
      CHECK(s.max(code) == "16");
      CHECK(s.index(code) == "79.69");
      // The text as written survives the reader's scratch buffer.
      const auto survey = s.evaluation.value(*s.evaluation.find_unit(code), *set.find("2.1"));
      REQUIRE(survey.has_value());
      CHECK(survey->text() == "A=3;B=1;C=0");
    }
  }
  SUBCASE("problems on both sides of slice boundaries, in file order") {
    std::string bad = evidence;
    auto replace_row = [&](int row, const std::string& text) {  // row 1 is the header
      std::size_t begin = 0;
      for (int r = 1; r < row; ++r) begin = bad.find('\n', begin) + 1;
      bad.replace(begin, bad.find('\n', begin) - begin, text);
    };
    replace_row(2, "U0,1.1,\"kip_thoi_lam\"");  // unit 0's first row
    replace_row(8003, "U2000,1.2,\"1.5\"");     // unit 2000's second row (2 + 4×2000 + 1)
    replace_row(16001, "U9999,2.1,\"A=1\"");    // unit 3999's last row (2 + 4×3999 + 3)
    const auto loaded = try_parse_evaluation(set, units_csv, bad, "units.csv", "evidence.csv");
    CHECK(messages(loaded) ==
          std::vector<std::string>{
              "evidence.csv:2:3: error: unit 'U0', criterion '1.1': unknown option 'kip_thoi_lam' for '1.1'; expected one of: "
              "kip_thoi, cham, khong",
              "evidence.csv:8003:3: error: unit 'U2000', criterion '1.2': rate '1.5' is above 1: write a rate as 0..1 (0.95) or "
              "as a percentage (95%)",
              "evidence.csv:16001:3: error: unknown unit 'U9999' (not in the units file)",
              "units.csv:4001:1: error: unit 'U3999' has no evidence for 1 leaf: 2.1 (or ask to score gaps as zero)"});
  }
  // Each slice counts its own rows and lines; these check the counts add up across slices.
  // `end` for every line end; "mixed": a lone CR, but a newline every 100th line, so that the
  // file is cut into slices (cuts fall after a newline) that each hold lone CRs to count.
  auto with_line_ends = [](std::string text, const std::string& end) {
    std::string out;
    std::size_t lines = 0;
    for (const char c : text) {
      if (c == '\n' && end == "mixed") out += ++lines % 100 == 0 ? "\n" : "\r";
      else if (c == '\n') out += end;
      else out += c;
    }
    return out;
  };
  SUBCASE("CRLF and lone CR line ends: rows are counted across slices as one reader counts them") {
    for (const char* end_text : {"\r\n", "\r", "mixed"}) {
      const std::string end = end_text;
      const std::string line_end = end == "\r" ? "CR" : end == "mixed" ? "mixed" : "CRLF";
      CAPTURE(line_end);
      std::string bad = evidence;
      // unit 3999's second row is row 2 + 4×3999 + 1 = 15999
      const std::string row = "U3999,1.2,\"0.5\"";
      bad.replace(bad.find(row), row.size(), "U3999,1.2,\"2.0\"");
      const auto loaded = try_parse_evaluation(set, units_csv, with_line_ends(bad, end), "units.csv", "evidence.csv");
      CHECK(messages(loaded) == std::vector<std::string>{
                                    "evidence.csv:15999:3: error: unit 'U3999', criterion '1.2': rate '2.0' is above 1: write a rate "
                                    "as 0..1 (0.95) or as a percentage (95%)"});
      const auto s = score_all(set, units_csv, with_line_ends(evidence, end));
      CHECK(s.total("U3999") == "12.75");  // as above
    }
  }
  SUBCASE("a duplicate far from its first row, and bad UTF-8 in a late slice, name the right rows and lines") {
    const std::string duplicate = evidence + "U0,1.3,2\n";  // row 2 + 16000 = 16002; U0's 1.3 is row 4
    CHECK(messages(try_parse_evaluation(set, units_csv, duplicate, "units.csv", "evidence.csv")) ==
          std::vector<std::string>{"evidence.csv:16002:3: error: duplicate value for unit 'U0', criterion '1.3', stage "
                                   "appraisal (first at row 4)"});
    std::string bad = evidence;
    // line 2 + 4×3000 = 12002 is unit 3000's first row: "U3000,1.1,..." with byte 7 broken
    std::size_t at = bad.find("U3000,1.1");
    bad[at + 6] = '\xC3';  // a lead byte followed by '.', not a continuation byte
    CHECK(messages(try_parse_evaluation(set, units_csv, bad, "units.csv", "evidence.csv")) ==
          std::vector<std::string>{"evidence.csv:12002:7: error: invalid UTF-8 sequence (save the file as UTF-8)"});
  }
}

TEST_CASE("invalid UTF-8 in a table is placed by character column, as an editor shows it") {
  const CriteriaSet set = set_from(set_yaml);
  // "U1,Sở Tài chính" is 15 characters (18 bytes): the bad byte is character 16.
  const auto units = try_parse_evaluation(set, "code,name\nU1,S\xe1\xbb\x9f T\xc3\xa0i ch\xc3\xadnh\xff\n", "unit,criterion,value\n",
                                          "units.csv", "evidence.csv");
  CHECK(messages(units) == std::vector<std::string>{"units.csv:2:16: error: invalid UTF-8 byte (save the file as UTF-8)"});
  // In the evidence: "U1,1.1,Kịp" is 10 characters (12 bytes); the bad byte is character 11.
  const auto evidence = try_parse_evaluation(set, one_unit, "unit,criterion,value\nU1,1.1,K\xe1\xbb\x8bp\xff\n",
                                             "units.csv", "evidence.csv");
  CHECK(messages(evidence) == std::vector<std::string>{"evidence.csv:2:11: error: invalid UTF-8 byte (save the file as UTF-8)"});
}

// The wide form is read in slices too, with room for a value in every criterion column: the
// cells left empty leave room unused, which must not shift or lose any value.
TEST_CASE("a large wide-form file reads every unit, with empty cells among the values") {
  const CriteriaSet set = set_from(set_yaml);
  constexpr int units = 9000;  // ~40 bytes a row: ~360 KiB, two slices
  std::string units_csv = "code,name\n";
  std::string evidence = "unit,1.1,1.2,1.3,2.1,thuong\n";
  for (int u = 0; u < units; ++u) {
    const std::string code = "U" + std::to_string(u);
    units_csv += code + ",Sở " + code + "\n";
    // the bonus column is empty but for every 7th unit
    evidence += code + ",cham,75%,na,A=1;B=1;C=2," + (u % 7 == 0 ? "0.5" : "") + "\n";
  }
  const auto s = score_all(set, units_csv, evidence);
  // 1.1 cham = 1; 1.2 = 4 × 0.75 = 3; 1.3 excluded (max 16); 2.1 = 10 × (1 + 0.5)/4 = 3.75
  // tree 7.75; with the bonus 8.25
  for (const int u : {0, 1, 4500, 8995, 8999}) {
    const std::string code = "U" + std::to_string(u);
    CAPTURE(code);
    CHECK(s.total(code) == (u % 7 == 0 ? "8.25" : "7.75"));
    CHECK(s.max(code) == "16");
  }
  // Blank rows count as rows and give no values: 200,000 of them (two slices of nothing)
  // before a unit's row leave its values where they belong.
  std::string blank_rows = "unit,1.1,1.2,1.3,2.1,thuong\n" + std::string(200000, '\n') + "U1,cham,75%,na,A=1;B=1;C=2,\n";
  const auto sparse = score_all(set, one_unit, blank_rows);
  CHECK(sparse.total("U1") == "7.75");
  const auto far = sparse.evaluation.value(0, *set.find("1.1"));
  REQUIRE(far.has_value());
  CHECK(far->location().line == 200002);  // header row 1, 200,000 blank rows, then this one

  const auto last = s.evaluation.value(*s.evaluation.find_unit("U8999"), *set.find("2.1"));
  REQUIRE(last.has_value());
  CHECK(last->text() == "A=1;B=1;C=2");
  CHECK(last->location().line == 9001);
  CHECK(last->location().column == 5);
}
