// The year's report and the language through the public API (the HTML itself is checked
// by tests/cli/check_html_report.py).
#include <sstream>

#include <doctest/doctest.h>

#include "support.hpp"

using namespace cchc;

namespace {

cchc_test::Scored hand_worked() {
  const std::string dir = CCHC_TEST_DATA_DIR "/hand-worked/";
  cchc_test::Scored s;
  s.evaluation = load_evaluation(load_criteria(dir + "criteria.yaml"), dir + "units.csv", dir + "evidence.csv");
  s.cards = score(s.evaluation);
  s.ranking = rank(s.evaluation, s.cards);
  return s;
}

}  // namespace

TEST_CASE("write_report: HTML and xlsx only, any other format refused before anything is written") {
  const cchc_test::Scored s = hand_worked();
  for (Format f : {Format::table, Format::csv, Format::json, Format::markdown}) {
    std::ostringstream out;
    std::string code;
    try {
      write_report(out, s.evaluation, s.cards, s.ranking, f);
    } catch (const Error& e) {
      REQUIRE(e.diagnostics().size() == 1);
      code = e.diagnostics()[0].code();
    }
    CHECK(code == "report-format");
    CHECK(out.str().empty());
  }
  std::ostringstream html;
  write_report(html, s.evaluation, s.cards, s.ranking, Format::html);
  CHECK(html.str().rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
  CHECK(html.str().find("</html>\n") == html.str().size() - 8);
  // An Excel workbook is a zip archive (read back in tests/xlsx/xlsx_report_test.py).
  std::ostringstream xlsx;
  write_report(xlsx, s.evaluation, s.cards, s.ranking, Format::xlsx);
  CHECK(xlsx.str().rfind("PK\x03\x04", 0) == 0);
}

TEST_CASE("the library leaves the language to its host: English under the C locale") {
  // The test program never calls setlocale, so gettext answers in the msgids (English)
  // whatever LANGUAGE says; the library binds only its own text domain.
  CHECK(translate("rank") == "rank");
  CHECK(translate("Group {}: {}") == "Group {}: {}");
  CHECK(language() == "en");
}
