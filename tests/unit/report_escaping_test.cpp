// Text in outputs: control and invisible characters never reach a terminal raw (text tables,
// Markdown and every diagnostic show them as <U+XXXX>), Markdown syntax in names renders
// literally and cannot shift a table's columns, CSV for Excel uses ';' and decimal commas
// with --decimal-comma and never lets a text cell run as a formula, and JSON escapes every
// control, bidi and line-separator character. Every expected string is written by hand.
#include <sstream>

#include <doctest/doctest.h>

#include "support.hpp"

using namespace cchc;
using cchc_test::set_from;

namespace {

// One leaf field of 10 points and a penalty line of 2.
std::string set_yaml(const std::string& title) {
  return "schema: cchc/criteria@1\n"
         "id: thu\n"
         "title: \"" + title + "\"\n"
         "max: 10\n"
         "fields:\n"
         "  - {id: \"1\", title: \"Điểm\", max: 10}\n"
         "adjustments:\n"
         "  - {id: tru, title: \"Trừ\", kind: penalty, max: 2}\n";
}

struct Row {
  std::string code, name, points, penalty;
};

// Units added through the builder, so a name may hold any byte a portal could pass.
std::string report(const CriteriaSet& set, const std::vector<Row>& rows, Format format, ReportOptions options = {}) {
  EvaluationBuilder builder(set);
  for (const Row& r : rows) {
    Unit u;
    u.set_code(r.code);
    u.set_name(r.name);
    builder.add_unit(std::move(u));
  }
  for (const Row& r : rows) {
    builder.add_value(r.code, "1", r.points);
    if (!r.penalty.empty()) builder.add_value(r.code, "tru", r.penalty);
  }
  auto loaded = std::move(builder).build();
  INFO(doctest::StringMaker<std::vector<std::string>>::convert(cchc_test::messages(loaded)));
  REQUIRE(loaded.ok());
  const Evaluation& ev = loaded.value();
  const std::vector<Scorecard> cards = score(ev);
  const Ranking ranking = rank(ev, cards);
  std::ostringstream out;
  write_ranking(out, ev, cards, ranking, format, options);
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

const std::string nul(1, '\0');

}  // namespace

TEST_CASE("a diagnostic shows every control and invisible character escaped, on one line") {
  const Diagnostic forged(SourceLocation{"evidence.csv", 3, 7}, Severity::error, "",
                          "unknown option 'x\nfake.csv:1:1: error: forged'");
  CHECK(forged.to_string() == "evidence.csv:3:7: error: unknown option 'x<U+000A>fake.csv:1:1: error: forged'");

  const Diagnostic controls(SourceLocation{"units.csv", 2, 0}, Severity::warning, "",
                            "name 'a\x1b[2Jb\x07" "c\rd" + nul + "e\u202Ef\u200Bg'");
  CHECK(controls.to_string() ==
        "units.csv:2: warning: name 'a<U+001B>[2Jb<U+0007>c<U+000D>d<U+0000>e<U+202E>f<U+200B>g'");

  // A file name is shown escaped too; Vietnamese letters are untouched.
  const Diagnostic file(SourceLocation{"đơn\x1b]0;vị.csv", 1, 1}, Severity::error, "", "Xã Đại Đồng: ổn");
  CHECK(file.to_string() == "đơn<U+001B>]0;vị.csv:1:1: error: Xã Đại Đồng: ổn");
}

TEST_CASE("a text table shows control and bidi characters escaped, and aligns on what it shows") {
  const CriteriaSet set = set_from(set_yaml("Bảng \\u202E thử"));
  const std::string text = report(set,
                                  {{"a", "Đỏ\x1b[31m", "9.5", "0.5"},  //
                                   {"b", "x\ny\rz\x07", "8", ""},
                                   {"c", "w" + nul + "\u200Bv", "7", ""}},
                                  Format::table);
  CHECK(text ==
        "Bảng <U+202E> thử (thu)\n"
        "\n"
        "rank  code  name                         total    max  index %  band\n"
        "----  ----  ---------------------------  -----  -----  -------  ----\n"
        "   1  a     Đỏ<U+001B>[31m                9.00  10.00    90.00\n"
        "   2  b     x<U+000A>y<U+000D>z<U+0007>   8.00  10.00    80.00\n"
        "   3  c     w<U+0000><U+200B>v            7.00  10.00    70.00\n"
        "\n");
}

TEST_CASE("Markdown: names render literally, columns cannot shift, no raw HTML") {
  const CriteriaSet set = set_from(set_yaml("# Chỉ số <script>x</script> | *2019* #"));
  const std::string md = report(set,
                                {{"a", "a\\|b", "9.5", "0.5"},
                                 {"b", "<script>alert(1)</script>", "8", ""},
                                 {"c", "*đậm* _nghiêng_ `mã` [liên kết](x) ~~gạch~~ A&B", "7", ""},
                                 {"d", "dòng 1\r\ndòng 2\x1b[0m", "6", ""}},
                                Format::markdown);
  CHECK(md ==
        "## \\# Chỉ số &lt;script&gt;x&lt;/script&gt; \\| \\*2019\\* \\#\n"
        "\n"
        "| rank | code | name | total | max | index % | band |\n"
        "|---:|---|---|---:|---:|---:|---|\n"
        "| 1 | a | a\\\\\\|b | 9.00 | 10.00 | 90.00 |  |\n"
        "| 2 | b | &lt;script&gt;alert(1)&lt;/script&gt; | 8.00 | 10.00 | 80.00 |  |\n"
        "| 3 | c | \\*đậm\\* \\_nghiêng\\_ \\`mã\\` \\[liên kết\\](x) \\~\\~gạch\\~\\~ A&amp;B | 7.00 | 10.00 | 70.00 |  |\n"
        "| 4 | d | dòng 1<U+000D><U+000A>dòng 2<U+001B>\\[0m | 6.00 | 10.00 | 60.00 |  |\n"
        "\n");
}

TEST_CASE("Markdown: a heading that would start a list or a block is escaped") {
  CHECK(lines_of(report(set_from(set_yaml("1. Bảng xếp hạng")), {{"a", "A", "1", ""}}, Format::markdown)).front() ==
        "## 1\\. Bảng xếp hạng");
  CHECK(lines_of(report(set_from(set_yaml("- Bảng")), {{"a", "A", "1", ""}}, Format::markdown)).front() == "## \\- Bảng");
  CHECK(lines_of(report(set_from(set_yaml("+ Bảng")), {{"a", "A", "1", ""}}, Format::markdown)).front() == "## \\+ Bảng");
  CHECK(lines_of(report(set_from(set_yaml("2019) Bảng")), {{"a", "A", "1", ""}}, Format::markdown)).front() ==
        "## 2019\\) Bảng");
  // Inside a table cell nothing starts a block: ids and negative numbers stay as they are.
  CHECK(lines_of(report(set_from(set_yaml("Bảng")), {{"a", "1.1 -0.5", "1", ""}}, Format::markdown))[4] ==
        "| 1 | a | 1.1 -0.5 | 1.00 | 10.00 | 10.00 |  |");
}

TEST_CASE("CSV: a text cell that Excel would run as a formula gets an apostrophe, numbers do not") {
  const CriteriaSet set = set_from(set_yaml("Bảng"));
  const std::vector<Row> rows = {{"u1", "=1+1", "9.5", "0.5"}, {"u2", "+1", "8", ""},     {"u3", "-x", "7", ""},
                                 {"u4", "@SUM(A1)", "6", ""}, {"u7", "-0.5", "3", ""},    {"u8", "Xã \"Đông\", 1", "2", ""}};
  CHECK(report(set, rows, Format::csv) ==
        "group,rank,code,name,total,max,index,band,appraisal,survey,1,tru\r\n"
        ",1,u1,'=1+1,9.00,10.00,90.00,,9.50,0.00,9.50,-0.50\r\n"
        ",2,u2,'+1,8.00,10.00,80.00,,8.00,0.00,8.00,0.00\r\n"
        ",3,u3,'-x,7.00,10.00,70.00,,7.00,0.00,7.00,0.00\r\n"
        ",4,u4,'@SUM(A1),6.00,10.00,60.00,,6.00,0.00,6.00,0.00\r\n"
        ",5,u7,'-0.5,3.00,10.00,30.00,,3.00,0.00,3.00,0.00\r\n"
        ",6,u8,\"Xã \"\"Đông\"\", 1\",2.00,10.00,20.00,,2.00,0.00,2.00,0.00\r\n");
}

TEST_CASE("CSV: a title that starts with TAB or CR gets an apostrophe (the gaps report)") {
  // Names are trimmed as they are read, titles are not: the gaps report's title column.
  const CriteriaSet set = set_from(
      "schema: cchc/criteria@1\n"
      "id: thu\n"
      "title: Bảng\n"
      "max: 10\n"
      "fields:\n"
      "  - {id: \"1\", title: \"\\tx\", max: 5}\n"
      "  - {id: \"2\", title: \"\\rx\", max: 5}\n");
  EvaluationBuilder builder(set);
  Unit u;
  u.set_code("a");
  u.set_name("A");
  builder.add_unit(u);
  builder.add_value("a", "1", "4");
  builder.add_value("a", "2", "3");
  auto loaded = std::move(builder).build();
  REQUIRE(loaded.ok());
  const std::vector<Scorecard> cards = score(loaded.value());
  std::ostringstream out;
  write_gaps(out, loaded.value(), cards, rank(loaded.value(), cards), std::nullopt, Format::csv);
  CHECK(out.str().find("\r\na,A,2,2,\"'\rx\",5.00,3.00,2.00,") != std::string::npos);
  CHECK(out.str().find("\r\na,A,1,1,'\tx,5.00,4.00,1.00,") != std::string::npos);
}

TEST_CASE("CSV with decimal_comma: ';'-separated, decimal commas, for Excel in a Vietnamese locale") {
  const CriteriaSet set = set_from(set_yaml("Bảng"));
  ReportOptions options;
  options.set_decimal_comma(true);
  CHECK(report(set, {{"u1", "=1+1", "9.5", "0.5"}, {"u2", "Phường 1; 2", "8.25", ""}}, Format::csv, options) ==
        "group;rank;code;name;total;max;index;band;appraisal;survey;1;tru\r\n"
        ";1;u1;'=1+1;9,00;10,00;90,00;;9,50;0,00;9,50;-0,50\r\n"
        ";2;u2;\"Phường 1; 2\";8,25;10,00;82,50;;8,25;0,00;8,25;0,00\r\n");
  // A comma in text is quoted too, so the file keeps its columns if opened with ','.
  CHECK(report(set, {{"u1", "Xã A, B", "9", ""}}, Format::csv, options) ==
        "group;rank;code;name;total;max;index;band;appraisal;survey;1;tru\r\n"
        ";1;u1;\"Xã A, B\";9,00;10,00;90,00;;9,00;0,00;9,00;0,00\r\n");
}

TEST_CASE("JSON escapes C0 controls, DEL, C1 controls, line separators, bidi and zero-width characters") {
  const CriteriaSet set = set_from(set_yaml("Bảng"));
  const std::string json = report(
      set, {{"a", "Đỏ\x1b[31m\x7f\xc2\x85|\u2028|\u2029|\u202E|\u200B|\uFEFF|\u061C|" + nul + "\"\\", "9", ""}}, Format::json);
  CHECK(json.find(R"("name": "Đỏ\u001b[31m\u007f\u0085|\u2028|\u2029|\u202e|\u200b|\ufeff|\u061c|\u0000\"\\")") !=
        std::string::npos);
}
