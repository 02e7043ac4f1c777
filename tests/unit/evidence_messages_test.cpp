// Reading units and evidence as clerks write them: text typed on a Mac (NFD), no-break
// spaces after codes, council wide sheets (a row number, the unit's name, a trailing ';'),
// and one message per mistake rather than one per row. Also the messages of the builder
// used without files, and the structured fields (code, unit, criterion) of a diagnostic.
#include <doctest/doctest.h>

#include "support.hpp"

using namespace cchc;
using cchc_test::evaluation_from;
using cchc_test::messages;
using cchc_test::score_all;
using cchc_test::set_from;

namespace {

// Option names in Vietnamese, written in NFC in this source file.
const char* const set_yaml = R"(schema: cchc/criteria@1
id: chu-viet
title: "Chữ viết"
max: 10
fields:
  - id: "1"
    title: "Chỉ đạo, điều hành"
    max: 10
    criteria:
      - {id: "1.1", title: "Kế hoạch", max: 2, rule: {options: {"Kịp thời": 2, "Chậm": 1, "Không": 0}}}
      - {id: "1.2", title: "Báo cáo", max: 8, rule: {points: {step: 0.5}}}
)";

// "Chậm": NFC has ậ as U+1EAD (E1 BA AD); NFD writes it a + U+0323 (CC A3) + U+0302 (CC 82).
const std::string cham_nfc = "Ch\xE1\xBA\xAD" "m";
const std::string cham_nfd = "Cha\xCC\xA3\xCC\x82" "m";
// "HÀ01": À is U+00C0 (C3 80) in NFC, A + U+0300 (CC 80) in NFD.
const std::string ha_nfc = "H\xC3\x80" "01";
const std::string ha_nfd = "HA\xCC\x80" "01";

std::vector<std::string> parse_messages(const CriteriaSet& set, std::string_view units, std::string_view evidence) {
  return messages(try_parse_evaluation(set, units, evidence, "units.csv", "evidence.csv"));
}

}  // namespace

TEST_CASE("text typed on a Mac (NFD) matches the same text in NFC: option values and unit codes") {
  const CriteriaSet set = set_from(set_yaml);
  // units in NFC, evidence in NFD: 1.1 Chậm = 1, 1.2 = 8 → 9 of 10 = 90%
  const auto s = score_all(set, "code,name\n" + ha_nfc + ",Phường Hà Đông\n",
                           "unit,criterion,value\n" + ha_nfd + ",1.1," + cham_nfd + "\n" + ha_nfd + ",1.2,8\n");
  CHECK(s.total(ha_nfc) == "9");
  CHECK(s.index(ha_nfc) == "90");
  const auto v = s.evaluation.value(0, *set.find("1.1"));
  REQUIRE(v.has_value());
  CHECK(v->kind() == ValueKind::option);
  CHECK(v->option() == 1);
  CHECK(v->text() == cham_nfc);  // stored as NFC

  // units in NFD, evidence in NFC: the unit's code is kept in NFC
  const Evaluation ev = evaluation_from(set, "code,name\n" + ha_nfd + ",Phường Hà Đông\n",
                                        "unit,criterion,value\n" + ha_nfc + ",1.1," + cham_nfc + "\n" + ha_nfc + ",1.2,8\n");
  CHECK(ev.units()[0].code() == ha_nfc);
  CHECK(ev.find_unit(ha_nfc) == std::optional<std::size_t>(0));
}

TEST_CASE("'không' typed in NFD in the ranked column means not ranked") {
  const CriteriaSet set = set_from(set_yaml);
  // "không": ô is U+00F4 (C3 B4) in NFC, o + U+0302 (CC 82) in NFD
  const Evaluation ev = evaluation_from(set, "code,name,ranked\nU1,Sở A,kho\xCC\x82ng\nU2,Sở B,kh\xC3\xB4ng\n",
                                        "unit,criterion,value\nU1,1.1,Chậm\nU1,1.2,8\nU2,1.1,Chậm\nU2,1.2,8\n");
  CHECK_FALSE(ev.units()[0].ranked());
  CHECK_FALSE(ev.units()[1].ranked());
}

TEST_CASE("a no-break space after a code is trimmed like a space") {
  const CriteriaSet set = set_from(set_yaml);
  const auto s = score_all(set, "code,name\nX01\xC2\xA0,Sở A\xC2\xA0\n",
                           "unit,criterion,value\nX01,1.1,\xC2\xA0" "Chậm\nX01\xC2\xA0,1.2,8\xC2\xA0\n");
  CHECK(s.evaluation.units()[0].code() == "X01");
  CHECK(s.evaluation.units()[0].name() == "Sở A");
  CHECK(s.total("X01") == "9");
}

TEST_CASE("the rows of a unit whose units row was refused are counted in one line") {
  const CriteriaSet set = set_from(set_yaml);
  const auto loaded = try_parse_evaluation(set, "code,name,ranked\nU1,Sở A,\nU2,Sở B,sai\n",
                                           "unit,criterion,value\nU1,1.1,Chậm\nU1,1.2,8\nU2,1.1,Chậm\nU2,1.2,8\n",
                                           "units.csv", "evidence.csv");
  CHECK(messages(loaded) ==
        std::vector<std::string>{"units.csv:3:3: error: ranked: expected true or false (yes/no, 1/0), found 'sai'",
                                 "evidence.csv:4:3: error: 2 evidence rows of 'U2' skipped: its units row is invalid"});
  REQUIRE(loaded.diagnostics().size() == 2);
  CHECK(loaded.diagnostics()[0].code() == "bad-ranked");
  CHECK(loaded.diagnostics()[0].unit() == "U2");
  CHECK(loaded.diagnostics()[1].code() == "unit-row-invalid");
  CHECK(loaded.diagnostics()[1].unit() == "U2");
}

TEST_CASE("a units file stopped by a syntax error: the evidence rows of the units not read are one line") {
  const CriteriaSet set = set_from(set_yaml);
  // U2's name opens a quote that never closes: U2 and U3 are not read
  CHECK(parse_messages(set, "code,name\nU1,Sở A\nU2,\"Sở B\nU3,Sở C\n",
                       "unit,criterion,value\nU1,1.1,Chậm\nU1,1.2,8\nU2,1.1,Chậm\nU2,1.2,8\nU3,1.1,Chậm\n") ==
        std::vector<std::string>{
            "units.csv:3:2: error: unclosed quote: a field opened with \" on line 3 is never closed",
            "evidence.csv:4:3: error: 3 evidence rows skipped: their units were not read (units.csv stops at its error in row 3)"});
}

TEST_CASE("an unknown unit is one message with its rows; identical messages are folded") {
  const CriteriaSet set = set_from(set_yaml);
  const auto loaded = try_parse_evaluation(set, "code,name\nU1,Sở A\n",
                                           "unit,criterion,value\nU1,1.1,Chậm\nU1,1.2,8\nU3,1.1,Chậm\nU3,1.2,8\nU3,1.2,7\n",
                                           "units.csv", "evidence.csv");
  CHECK(messages(loaded) ==
        std::vector<std::string>{
            "evidence.csv:4:3: error: unknown unit 'U3' (not in the units file) (and 2 more rows like it: rows 5, 6)"});
  REQUIRE(loaded.diagnostics().size() == 1);
  const Diagnostic& d = loaded.diagnostics()[0];
  CHECK(d.code() == "unknown-unit");
  CHECK(d.unit() == "U3");
  CHECK(d.criterion() == "1.1");
  CHECK(d.stage() == "appraisal");
  CHECK(d.location().line == 4);

  // Five rows with a missing field: one message, three rows listed and '…'
  CHECK(parse_messages(set, "code,name\nU1,Sở A\n",
                       "unit,criterion,value\nU1,1.1\nU1,1.2\nU1,1.1\nU1,1.2\nU1,1.1\n") ==
        std::vector<std::string>{"evidence.csv:2:3: error: this row has 2 fields; the header has 3 (and 4 more rows like it: rows "
                                 "3, 4, 5, …)"});
}

TEST_CASE("a value error names the unit and criterion in its structured fields") {
  const CriteriaSet set = set_from(set_yaml);
  const auto loaded = try_parse_evaluation(set, "code,name\nU1,Sở A\n", "unit,criterion,value,stage\nU1,1.1,Chậm,self\nU1,1.2,9,self\n",
                                           "units.csv", "evidence.csv");
  REQUIRE(loaded.diagnostics().size() == 1);
  const Diagnostic& d = loaded.diagnostics()[0];
  CHECK(d.code() == "points-above-max");  // the value rule's own code
  CHECK(d.unit() == "U1");
  CHECK(d.criterion() == "1.2");
  CHECK(d.stage() == "self");
  CHECK(d.location().line == 3);
  CHECK(d.location().column == 3);
}

TEST_CASE("wide form: a council sheet's row number, unit name and trailing separator are ignored") {
  const CriteriaSet set = set_from(set_yaml);
  // STT, unit, Tên đơn vị, 1.1, 1.2 and an empty column after the trailing ';'
  const auto s = score_all(set, "code;name\nU1;Sở A\nU2;Sở B\n",
                           "STT;unit;Tên đơn vị;1.1;1.2;\n1;U1;Sở A;Chậm;8;\n2;U2;Sở B;Kịp thời;7,5;\n");
  CHECK(s.total("U1") == "9");    // 1 + 8
  CHECK(s.total("U2") == "9.5");  // 2 + 7.5
  // Matched without case or diacritics; a trailing ';' on the rows only, or on the header only
  CHECK(score_all(set, "code;name\nU1;Sở A\n", "Stt;Unit;TEN DON VI;1.1;1.2\n1;U1;Sở A;Chậm;8;\n").total("U1") == "9");
  CHECK(score_all(set, "code;name\nU1;Sở A\n", "unit;Đơn vị;1.1;1.2;\nU1;Sở A;Chậm;8\n").total("U1") == "9");
  // A value under the empty column is refused (the row's gaps are not also reported)
  CHECK(parse_messages(set, "code;name\nU1;Sở A\n", "unit;1.1;1.2;\nU1;Chậm;8;x\n") ==
        std::vector<std::string>{"evidence.csv:2:4: error: a value in column 4, which has no header: name the column or clear it"});
}

TEST_CASE("wide form: an unknown column names the nearest criterion id, and several are one message") {
  const CriteriaSet set = set_from(set_yaml);
  CHECK(parse_messages(set, "code,name\nU1,Sở A\n", "unit,1.1,1. 2\nU1,Chậm,8\n") ==
        std::vector<std::string>{"evidence.csv:1:3: error: unknown column '1. 2': not a criterion or adjustment id of set "
                                 "'chu-viet'; did you mean '1.2'?"});
  CHECK(parse_messages(set, "code,name\nU1,Sở A\n", "unit,1.1,1.2,ghi chú,1.3\nU1,Chậm,8,,\n") ==
        std::vector<std::string>{"evidence.csv:1:4: error: unknown columns 'ghi chú' (column 4), '1.3' (column 5): not criterion "
                                 "or adjustment ids of set 'chu-viet'"});
}

TEST_CASE("a table of blank lines or carriage returns has no header row; an empty one is empty") {
  const CriteriaSet set = set_from(set_yaml);
  CHECK(parse_messages(set, "\r\r\r", "unit,criterion,value\n") ==
        std::vector<std::string>{"units.csv: error: the file has no header row: it holds only blank lines (spaces, line breaks)"});
  CHECK(parse_messages(set, "code,name\nU1,Sở A\n", " \r\n\n") ==
        std::vector<std::string>{"evidence.csv: error: the file has no header row: it holds only blank lines (spaces, line breaks)"});
  CHECK(parse_messages(set, "", "unit,criterion,value\n") ==
        std::vector<std::string>{"units.csv: error: the file is empty: expected a header row"});
}

TEST_CASE("a file whose size the system gives as 0 is read to its end") {
  const CriteriaSet set = set_from(set_yaml);
  // /proc/self/status has content but a stat size of 0: its first line is "Name:\t…", so it
  // is read and refused for its header, not called empty.
  const auto loaded = try_load_evaluation(set, "/proc/self/status", "/proc/self/status");
  REQUIRE(loaded.diagnostics().size() == 1);
  const std::string text = loaded.diagnostics()[0].to_string();
  const std::string expected_start =
      "/proc/self/status:1:1: error: the header must name the columns code and name (then optionally group, ranked); found: 'Name:";
  CHECK(text.substr(0, expected_start.size()) == expected_start);
  CHECK(loaded.diagnostics()[0].code() == "missing-column");
}

TEST_CASE("the builder used without files speaks of the builder, not of files and rows") {
  const CriteriaSet set = set_from(set_yaml);
  EvaluationBuilder builder(set);
  Unit u;
  u.set_code("U1");
  u.set_name("Sở A");
  builder.add_unit(u);
  builder.add_unit(u);
  builder.add_value("U9", "1.1", cham_nfc);
  builder.add_value("U1", "1.1", cham_nfd);  // NFD: matches "Chậm"
  builder.add_value("U1", "1.1", "Không");
  builder.add_value("U1", "1.2", "8");
  const auto loaded = std::move(builder).build();
  CHECK(messages(loaded) ==
        std::vector<std::string>{"<input>: error: duplicate unit code 'U1' (already added to the builder)",
                                 "<input>: error: unit 'U9' was not added to the builder",
                                 "<input>: error: duplicate value for unit 'U1', criterion '1.1', stage appraisal (given twice)"});
  REQUIRE(loaded.diagnostics().size() == 3);
  CHECK(loaded.diagnostics()[0].code() == "duplicate-unit");
  CHECK(loaded.diagnostics()[1].code() == "unknown-unit");
  CHECK(loaded.diagnostics()[2].code() == "duplicate-value");
  CHECK(loaded.diagnostics()[2].criterion() == "1.1");
}

TEST_CASE("past 500 messages the rest are counted, in a line that names the file") {
  const CriteriaSet set = set_from(set_yaml);
  // 503 distinct unknown criteria: 500 shown, then "3 more errors" (U1's gaps are the 504th)
  std::string evidence = "unit,criterion,value\n";
  for (int n = 1; n <= 503; ++n) evidence += "U1,x" + std::to_string(n) + ",1\n";
  const auto loaded = try_parse_evaluation(set, "code,name\nU1,Sở A\n", evidence, "units.csv", "evidence.csv");
  REQUIRE(loaded.diagnostics().size() == 501);
  CHECK(loaded.diagnostics()[499].to_string() ==
        "evidence.csv:501:3: error: unknown criterion 'x500' (not a node or adjustment id of set 'chu-viet')");
  CHECK(loaded.diagnostics()[500].to_string() == "evidence.csv: error: 4 more errors not shown");
  CHECK(loaded.diagnostics()[500].code() == "more-errors");
}
