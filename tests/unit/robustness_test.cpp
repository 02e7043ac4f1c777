// cchc robustness: rank statistics counted by hand on replayed weights, R's type 7
// quantiles, the nominal run equal to the official ranking (ties included), reproducibility
// across seeds and threads, and the refusals of bad options and weights files.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <random>
#include <sstream>

#include "support.hpp"

using namespace cchc;
using cchc_test::score_all;
using cchc_test::set_from;

namespace {

const UnitRobustness& of(const cchc_test::Scored& s, const RobustnessResult& r, std::string_view code) {
  const auto unit = s.evaluation.find_unit(code);
  REQUIRE(unit.has_value());
  for (const UnitRobustness& u : r.units())
    if (u.unit() == *unit) return u;
  FAIL("no statistics for " << code);
  throw;
}

double band_p(const UnitRobustness& u, const std::string& label) {
  for (const auto& [l, p] : u.band_probabilities())
    if (l == label) return p;
  FAIL("no band " << label);
  return -1;
}

std::vector<std::string> error_lines(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.to_string());
    return out;
  }
  return {"(no error)"};
}

// Two leaves of 50 points under a sum; "Tốt" from 61.
const char* const tiny_set = R"(schema: cchc/criteria@1
id: ben-vung
title: "Độ vững của xếp hạng"
max: 100
bands:
  - {min: 61, label: "Tốt"}
  - {label: "Khá"}
fields:
  - {id: a, title: A, max: 50}
  - {id: b, title: B, max: 50}
)";
// Fractions of a and b: P 1.0 and 0.2 (60), Q 0.4 and 0.8 (60), R 0.6 and 0.62 (61).
// Officially: R 1 (Tốt), P 2 and Q 2 (a tie, Khá), listed P then Q.
const char* const tiny_units = "code,name\nP,Đơn vị P\nQ,Đơn vị Q\nR,Đơn vị R\n";
const char* const tiny_evidence = "unit,a,b\nP,50,10\nQ,20,40\nR,30,31\n";

}  // namespace

TEST_CASE("rank statistics over replayed weights, counted by hand") {
  const auto s = score_all(set_from(tiny_set), tiny_units, tiny_evidence);
  // Weights of a and b per run (nominal 50 each); index = (wa·fa + wb·fb) / (wa + wb) × 100:
  //   run  wa/wb    P                Q                R                  ranks P Q R
  //   1    50/50    60               60               61                 2 2 1
  //   2    75/25    (75+5)=80        (30+20)=50       (45+15.5)=60.5     1 3 2
  //   3    25/75    (25+15)=40       (10+60)=70       (15+46.5)=61.5     3 1 2
  //   4     0/100   20               80               62                 3 1 2
  //   5   100/0     100              40               60                 1 3 2
  // Run 1 lists only a, at its nominal weight: b keeps its nominal weight.
  const std::string weights = "run,node,weight\n1,a,50\n2,a,75\n2,b,25\n3,a,25\n3,b,75\n4,a,0\n4,b,100\n5,a,100\n5,b,0\n";
  RobustnessOptions options;
  options.set_runs(5).set_run_weights(parse_run_weights(weights, "w.csv", s.evaluation.criteria(), 5), "w.csv");
  const RobustnessResult r = analyze_robustness(s.evaluation, s.cards, s.ranking, options);
  REQUIRE(r.units().size() == 3);
  const UnitRobustness &p = of(s, r, "P"), &q = of(s, r, "Q"), &rr = of(s, r, "R");
  CHECK(rr.rank() == 1);
  CHECK(p.rank() == 2);
  CHECK(q.rank() == 2);
  // P: ranks 2 1 3 3 1, sorted 1 1 2 3 3: mean 10/5 = 2; type 7 with n = 5: h = 4p + 1,
  // median h = 3 → 2; q05 h = 1.2 → 1 + 0.2·(1 − 1) = 1; q95 h = 4.8 → 3 + 0.8·(3 − 3) = 3.
  CHECK(p.rank_mean() == doctest::Approx(2.0));
  CHECK(p.rank_median() == doctest::Approx(2.0));
  CHECK(p.rank_q05() == doctest::Approx(1.0));
  CHECK(p.rank_q95() == doctest::Approx(3.0));
  // Q: ranks 2 3 1 1 3: the same sorted list.
  CHECK(q.rank_mean() == doctest::Approx(2.0));
  CHECK(q.rank_q05() == doctest::Approx(1.0));
  CHECK(q.rank_q95() == doctest::Approx(3.0));
  // R: ranks 1 2 2 2 2: mean 9/5 = 1.8; median 2; q05 h = 1.2 → 1 + 0.2·(2 − 1) = 1.2; q95 2.
  CHECK(rr.rank_mean() == doctest::Approx(1.8));
  CHECK(rr.rank_median() == doctest::Approx(2.0));
  CHECK(rr.rank_q05() == doctest::Approx(1.2));
  CHECK(rr.rank_q95() == doctest::Approx(2.0));
  // Rank 1: P in runs 2 and 5, Q in 3 and 4, R in 1.
  CHECK(p.p_rank_1() == doctest::Approx(0.4));
  CHECK(q.p_rank_1() == doctest::Approx(0.4));
  CHECK(rr.p_rank_1() == doctest::Approx(0.2));
  // Bands (Tốt from 61): R is Tốt at 61 (run 1, exactly on the bound), 61.5, 62: 3 of 5;
  // P is Tốt at 80 and 100: 2 of 5; Q at 70 and 80: 2 of 5.
  CHECK(rr.band() == "Tốt");
  CHECK(band_p(rr, "Tốt") == doctest::Approx(0.6));
  CHECK(band_p(rr, "Khá") == doctest::Approx(0.4));
  CHECK(rr.p_keep_band() == doctest::Approx(0.6));
  CHECK(p.band() == "Khá");
  CHECK(band_p(p, "Tốt") == doctest::Approx(0.4));
  CHECK(p.p_keep_band() == doctest::Approx(0.6));
  CHECK(q.p_keep_band() == doctest::Approx(0.6));
  // Pairs in nominal order R, P, Q: R strictly above P in runs 1, 3, 4 (3 of 5); P strictly
  // above Q in runs 2 and 5 (run 1 is a tie): 2 of 5.
  REQUIRE(r.groups().size() == 1);
  REQUIRE(r.groups()[0].pairs.size() == 2);
  CHECK(r.groups()[0].pairs[0].p_upper_above == doctest::Approx(0.6));
  CHECK(r.groups()[0].pairs[1].p_upper_above == doctest::Approx(0.4));
}

TEST_CASE("quantiles are R's type 7") {
  // R: quantile(c(1, 2, 3, 4, 10), c(0.05, 0.3, 0.5, 0.95)) = 1.2 2.2 3.0 8.8
  // (h = 4p + 1: 1.2 → 1 + 0.2·1; 2.2 → 2 + 0.2·1; 3 → 3; 4.8 → 4 + 0.8·6).
  const std::vector<double> x{1, 2, 3, 4, 10};
  CHECK(quantile_type7(x, 0.05) == doctest::Approx(1.2));
  CHECK(quantile_type7(x, 0.3) == doctest::Approx(2.2));
  CHECK(quantile_type7(x, 0.5) == doctest::Approx(3.0));
  CHECK(quantile_type7(x, 0.95) == doctest::Approx(8.8));
  // n = 2: quantile(c(1, 4), 0.05) = 1 + 0.05·3 = 1.15.
  CHECK(quantile_type7({1, 4}, 0.05) == doctest::Approx(1.15));
}

TEST_CASE("without noise every run is the official ranking, ties included") {
  // X: 2 of 3 = 66.666…%; Y: (3 + 63.67) / 100 = 66.67%; Z: (2 + 64.67) / 100 = 66.67%
  // (b is na for X: its max leaves the denominator). Exactly, Y = Z > X; in doubles Y and Z
  // are sums of different numbers.
  const char* const units = "code,name\nX,Đơn vị X\nY,Đơn vị Y\nZ,Đơn vị Z\nW,Đơn vị W\n";
  const char* const evidence = "unit,a,b\nX,2,na\nY,3,63.67\nZ,2,64.67\nW,1,65\n";
  for (const char* tie_break : {"", "ranking: {tie_break: [a]}\n"}) {
    CAPTURE(tie_break);
    const std::string yaml = std::string(R"(schema: cchc/criteria@1
id: xep-hang
title: "Xếp hạng"
max: 100
)") + tie_break + R"(bands:
  - {min: 66.67, label: "Tốt"}
  - {label: "Khá"}
fields:
  - {id: a, title: A, max: 3}
  - {id: b, title: B, max: 97, na: exclude}
)";
    const auto s = score_all(set_from(yaml), units, evidence);
    RobustnessOptions options;
    options.set_runs(20).set_weights_noise(0);
    const RobustnessResult r = analyze_robustness(s.evaluation, s.cards, s.ranking, options);
    REQUIRE(r.units().size() == 4);
    for (const UnitRobustness& u : r.units()) {
      const std::string code = s.evaluation.units()[u.unit()].code();
      CAPTURE(code);
      CHECK(std::to_string(u.rank()) == s.rank(code));
      CHECK(u.band() == s.band(code));
      CHECK(u.rank_mean() == doctest::Approx(u.rank()));
      CHECK(u.rank_q05() == doctest::Approx(u.rank()));
      CHECK(u.rank_q95() == doctest::Approx(u.rank()));
      CHECK(u.p_keep_band() == doctest::Approx(1.0));
    }
    // Without a tie-break Y and Z share rank 1 (W 66 is 3rd... X 66.666… is 3rd, W 66 4th);
    // with the tie-break on a, Y (3) is above Z (2).
    const bool tie = std::string(tie_break).empty();
    CHECK(s.rank("Y") == "1");
    CHECK(s.rank("Z") == (tie ? "1" : "2"));
    CHECK(s.rank("X") == "3");
    CHECK(s.rank("W") == "4");
    REQUIRE(r.groups()[0].pairs.size() == 3);
    CHECK(r.groups()[0].pairs[0].p_upper_above == doctest::Approx(tie ? 0.0 : 1.0));  // Y over Z
    CHECK(r.groups()[0].pairs[1].p_upper_above == doctest::Approx(1.0));
    CHECK(r.groups()[0].pairs[2].p_upper_above == doctest::Approx(1.0));
  }
}

TEST_CASE("the same seed gives the same result on any number of threads") {
  const char* const yaml = R"(schema: cchc/criteria@1
id: tai-lap
title: "Tái lập"
max: 30
bands:
  - {min: 80, label: "Tốt"}
  - {label: "Khá"}
fields:
  - id: "1"
    title: "Chỉ đạo"
    max: 20
    criteria:
      - {id: "1.1", title: "Kiểm tra", max: 10, rule: {points: {step: 0.5}}}
      - {id: "1.2", title: "Kế hoạch", max: 10}
  - id: "2"
    title: "Khảo sát"
    source: survey
    max: 10
    criteria:
      - {id: "2.1", title: "Hài lòng", max: 10, rule: {survey: {answers: {A: 1, B: 0.5, C: 0}}}}
)";
  std::string units = "code,name\n", evidence = "unit,criterion,value\n";
  for (int i = 0; i < 12; ++i) {
    const std::string code = "U" + std::to_string(i);
    units += code + ",Đơn vị " + std::to_string(i) + "\n";
    evidence += code + ",1.1," + std::to_string(5 + (i % 5)) + ".5\n";
    evidence += code + ",1.2," + std::to_string(9 - (i % 4)) + "\n";
    evidence += code + ",2.1,A=" + std::to_string(10 + i) + ";B=" + std::to_string(8 - (i % 3)) + ";C=3\n";
  }
  const auto s = score_all(set_from(yaml), units, evidence);
  auto json = [&](std::uint64_t seed, unsigned threads) {
    RobustnessOptions options;
    options.set_runs(301).set_seed(seed).set_weights_noise(0.25).set_survey_sampling(true).set_appraisal_noise(2).set_threads(threads);
    std::ostringstream out;
    write_robustness(out, s.evaluation, analyze_robustness(s.evaluation, s.cards, s.ranking, options), Format::json);
    return out.str();
  };
  const std::string one = json(7, 1);
  CHECK(one == json(7, 1));
  CHECK(one == json(7, 2));
  CHECK(one == json(7, 3));
  CHECK(one != json(8, 2));  // a different seed draws differently
}

TEST_CASE("bad options and weights files are refused with their place") {
  const auto s = score_all(set_from(tiny_set), tiny_units, tiny_evidence);
  const CriteriaSet& set = s.evaluation.criteria();
  auto analyze = [&](const RobustnessOptions& o) { return [&s, o] { analyze_robustness(s.evaluation, s.cards, s.ranking, o); }; };
  CHECK(error_lines(analyze(RobustnessOptions().set_weights_noise(1))) ==
        std::vector<std::string>{"cchc robustness: error: --weights-noise is 1; expected a fraction of each weight in [0, 1), such as 0.25 for ±25%"});
  CHECK(error_lines(analyze(RobustnessOptions().set_runs(0).set_weights_noise(-0.5))) ==
        std::vector<std::string>{
            "cchc robustness: error: --runs is 0; expected a whole number of runs from 1 to 10000000",
            "cchc robustness: error: --weights-noise is -0.5; expected a fraction of each weight in [0, 1), such as 0.25 for ±25%"});
  CHECK(error_lines(analyze(RobustnessOptions().set_runs(10'000'001))) ==
        std::vector<std::string>{"cchc robustness: error: --runs is 10000001; expected a whole number of runs from 1 to 10000000"});
  CHECK(error_lines(analyze(RobustnessOptions().set_survey_sampling(true))) ==
        std::vector<std::string>{"cchc robustness: error: --survey-sampling: no ranked unit has a survey value to resample (no leaf with a `survey` rule has answer counts or a share)"});
  // Row 2: unknown node (column 2); row 3: negative weight (column 3); row 4: run 4 of 3.
  CHECK(error_lines([&] { parse_run_weights("run,node,weight\n1,c,5\n2,a,-1\n4,a,1\n", "w.csv", set, 3); }) ==
        std::vector<std::string>{"w.csv:2:2: error: unknown node 'c': expected a node id of 'ben-vung'",
                                 "w.csv:3:3: error: weight '-1' is negative: expected a number >= 0 (a '.' decimal point)",
                                 "w.csv:4:1: error: run '4' is not a run number from 1 to 3 (--runs)"});
  CHECK(error_lines([&] { parse_run_weights("run,node,weight\n1,a,5\n3,b,2\n", "w.csv", set, 3); }) ==
        std::vector<std::string>{"w.csv: error: 1 run is missing (2): every run from 1 to 3 (--runs) needs at least one row"});
  CHECK(error_lines([&] { parse_run_weights("run,weight\n1,5\n", "w.csv", set, 1); }) ==
        std::vector<std::string>{"w.csv:1: error: the header lacks the column(s) node: expected run,node,weight"});
  CHECK(error_lines([&] { parse_run_weights("run,node,weight\n1,a,5\n1,a,6\n", "w.csv", set, 1); }) ==
        std::vector<std::string>{"w.csv:3:2: error: node 'a' is given twice for run 1 (first at row 2)"});
}

TEST_CASE("Sobol' estimators recover the Ishigami function's published indices") {
  // Ishigami & Homma (1990): Y = sin X1 + 7 sin² X2 + 0.1 X3⁴ sin X1, Xi ~ U(−π, π). The
  // analytic indices (Saltelli et al., Global Sensitivity Analysis: The Primer, 2008, §4.7;
  // also Sobol' & Levitan 1999): S1 = 0.3139, S2 = 0.4424, S3 = 0; ST1 = 0.5576,
  // ST2 = 0.4424, ST3 = 0.2437. With 200,000 base samples the estimators are within 0.02.
  const double pi = 3.14159265358979323846;
  auto y = [](const double* x) { return std::sin(x[0]) + 7 * std::sin(x[1]) * std::sin(x[1]) + 0.1 * std::pow(x[2], 4) * std::sin(x[0]); };
  std::mt19937_64 gen(12345);
  const std::size_t n = 200000;
  std::vector<double> fa(n), fb(n);
  std::vector<std::vector<double>> fab(3, std::vector<double>(n));
  for (std::size_t j = 0; j < n; ++j) {
    double a[3], b[3];
    for (double& v : a) v = -pi + 2 * pi * static_cast<double>(gen() >> 11) * 0x1.0p-53;
    for (double& v : b) v = -pi + 2 * pi * static_cast<double>(gen() >> 11) * 0x1.0p-53;
    fa[j] = y(a);
    fb[j] = y(b);
    for (int i = 0; i < 3; ++i) {
      double ab[3] = {a[0], a[1], a[2]};
      ab[i] = b[i];
      fab[static_cast<std::size_t>(i)][j] = y(ab);
    }
  }
  const double first[3] = {0.3139, 0.4424, 0.0}, total[3] = {0.5576, 0.4424, 0.2437};
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(std::abs(sobol_first_order(fa, fb, fab[i]) - first[i]) < 0.02);
    CHECK(std::abs(sobol_total_order(fa, fb, fab[i]) - total[i]) < 0.02);
  }
}

TEST_CASE("--sobol: one index per random source, reproducible, refused without one") {
  const auto s = score_all(set_from(tiny_set), tiny_units, tiny_evidence);
  RobustnessOptions options;
  options.set_runs(400).set_weights_noise(0.3).set_sobol(true).set_threads(1);
  const RobustnessResult one = analyze_robustness(s.evaluation, s.cards, s.ranking, options);
  REQUIRE(one.sobol().size() == 1);
  CHECK(one.sobol()[0].source == "weights");
  // With a single source every shift of the output comes from it: the total index is 1 up
  // to sampling error; the intervals hold the estimates.
  CHECK(std::abs(one.sobol()[0].total - 1) < 0.25);
  CHECK(one.sobol()[0].first_low <= one.sobol()[0].first);
  CHECK(one.sobol()[0].first <= one.sobol()[0].first_high);
  CHECK(one.sobol()[0].total_low <= one.sobol()[0].total);
  CHECK(one.sobol()[0].total <= one.sobol()[0].total_high);
  const RobustnessResult two = analyze_robustness(s.evaluation, s.cards, s.ranking, RobustnessOptions(options).set_threads(3));
  CHECK(two.sobol()[0].first == one.sobol()[0].first);
  CHECK(two.sobol()[0].total_high == one.sobol()[0].total_high);
  CHECK(error_lines([&] { analyze_robustness(s.evaluation, s.cards, s.ranking, RobustnessOptions().set_sobol(true)); }) ==
        std::vector<std::string>{"cchc robustness: error: --sobol needs a random source: --weights-noise, --survey-sampling or --appraisal-noise"});
}

TEST_CASE("write_report with rank intervals: the same hand-counted intervals in the year's page and workbook") {
  const auto s = score_all(set_from(tiny_set), tiny_units, tiny_evidence);
  // The runs of "rank statistics over replayed weights, counted by hand" above: R ranks
  // 1 2 2 2 2 (q05 at h = 1.2: 1.2; q95 2), P and Q 1 1 2 3 3 sorted (q05 1, q95 3).
  const std::string weights = "run,node,weight\n1,a,50\n2,a,75\n2,b,25\n3,a,25\n3,b,75\n4,a,0\n4,b,100\n5,a,100\n5,b,0\n";
  RobustnessOptions options;
  options.set_runs(5).set_run_weights(parse_run_weights(weights, "w.csv", s.evaluation.criteria(), 5), "w.csv");
  const RobustnessResult r = analyze_robustness(s.evaluation, s.cards, s.ranking, options);

  std::ostringstream with, without;
  write_report(with, s.evaluation, s.cards, s.ranking, r, Format::html);
  write_report(without, s.evaluation, s.cards, s.ranking, Format::html);
  const std::string page = with.str();
  const auto section = page.find("<section id=\"robustness\">");
  REQUIRE(section != std::string::npos);
  CHECK(section < page.find("<section id=\"heatmap\">"));
  for (const char* needle : {"R rank 1 (1.2 – 2)", "P rank 2 (1 – 3)", "Q rank 2 (1 – 3)", "Robustness of the ranking: 5 runs"})
    CHECK_MESSAGE(page.find(needle, section) != std::string::npos, needle);
  CHECK(without.str().find("id=\"robustness\"") == std::string::npos);
  CHECK(without.str().find("rank interval") == std::string::npos);

  // The workbook: a zip (its sheets are read back by tests/xlsx/xlsx_analysis_test.py).
  std::ostringstream book;
  write_report(book, s.evaluation, s.cards, s.ranking, r, Format::xlsx);
  CHECK(book.str().rfind("PK\x03\x04", 0) == 0);
  // Any other format is refused, as without intervals.
  std::ostringstream text;
  CHECK_THROWS_AS(write_report(text, s.evaluation, s.cards, s.ranking, r, Format::table), Error);
  CHECK(text.str().empty());
}
