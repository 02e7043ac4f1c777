// A portal loads a criteria set and a year's evidence once and serves many requests at
// once: several threads score, rank and write reports against the same loaded objects,
// and each must get exactly what a lone thread gets. Run under ThreadSanitizer by
// scripts/ci/tsan.sh, which also catches races that happen not to change a result.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cchc/cchc.hpp"

namespace {

constexpr int thread_count = 4;
constexpr int rounds_per_thread = 3;

// Everything a request produces, as text: comparing text compares every number.
std::string serve_request(const cchc::Evaluation& evaluation) {
  const std::vector<cchc::Scorecard> cards = cchc::score(evaluation);
  const cchc::Ranking ranking = cchc::rank(evaluation, cards);
  std::ostringstream out;
  cchc::write_ranking(out, evaluation, cards, ranking, cchc::Format::json);
  cchc::write_gaps(out, evaluation, cards, ranking, std::nullopt, cchc::Format::csv);
  if (!cards.empty()) cchc::write_scorecard(out, evaluation, cards.front(), ranking, cchc::Format::markdown);
  return out.str();
}

// Runs `request` on several threads at once and returns what each produced.
template <class Request>
std::vector<std::string> in_parallel(Request request) {
  std::vector<std::string> results(thread_count * rounds_per_thread);
  std::vector<std::thread> threads;
  for (int t = 0; t < thread_count; ++t)
    threads.emplace_back([&, t] {
      for (int r = 0; r < rounds_per_thread; ++r) results[static_cast<std::size_t>(t * rounds_per_thread + r)] = request();
    });
  for (std::thread& th : threads) th.join();
  return results;
}

}  // namespace

TEST_CASE("threads scoring one shared evaluation all get the lone thread's reports") {
  const std::string dir = CCHC_SOURCE_DIR;
  const cchc::CriteriaSet set = cchc::load_criteria(dir + "/criteria/so-ban-nganh-mau.yaml");
  const cchc::Evaluation evaluation =
      cchc::load_evaluation(set, dir + "/data/sample-2025/units.csv", dir + "/data/sample-2025/evidence.csv");
  const std::string expected = serve_request(evaluation);
  REQUIRE(expected.find("\"units\"") != std::string::npos);
  for (const std::string& got : in_parallel([&] { return serve_request(evaluation); })) CHECK(got == expected);
}

TEST_CASE("threads loading their own evidence against one shared set agree") {
  const std::string dir = CCHC_SOURCE_DIR;
  const cchc::CriteriaSet set = cchc::load_criteria(dir + "/criteria/so-ban-nganh-mau.yaml");
  const auto request = [&] {
    // Each request copies the set handle (a shared, reference-counted pointer) and loads its own tables.
    const cchc::CriteriaSet copy = set;
    return serve_request(cchc::load_evaluation(copy, dir + "/data/sample-2025/units.csv",
                                               dir + "/data/sample-2025/evidence.csv"));
  };
  const std::string expected = request();
  for (const std::string& got : in_parallel(request)) CHECK(got == expected);
}

TEST_CASE("a national-size evaluation, scored on the library's own worker threads, matches unit by unit") {
  // score() splits 2000 units or more across threads; score_unit() does one unit alone.
  const cchc::CriteriaSet set = cchc::parse_criteria(R"(schema: cchc/criteria@1
id: threads
title: "Kiểm thử đa luồng"
max: 10
fields:
  - {id: "1", title: "Điểm thẩm định", max: 6, rule: {points: {step: 0.25}}}
  - {id: "2", title: "Tỷ lệ đúng hạn", max: 4, rule: {proportional: {target: 1}}}
)");
  cchc::EvaluationBuilder builder(set);
  constexpr int unit_count = 2100;
  const auto code = [](int u) { return "X" + std::to_string(u); };
  for (int u = 0; u < unit_count; ++u) builder.add_unit(cchc::Unit(code(u), "Xã " + std::to_string(u)));
  for (int u = 0; u < unit_count; ++u) {
    builder.add_value(code(u), "1", cchc::Decimal::from_raw((u % 25) * 250000).to_string());      // 0 .. 6 in steps of 0.25
    builder.add_value(code(u), "2", cchc::Decimal::from_raw((u % 101) * 10000).to_string());      // a rate 0 .. 1
  }
  const cchc::Evaluation evaluation = std::move(builder).build().value();
  const std::vector<cchc::Scorecard> cards = cchc::score(evaluation);
  REQUIRE(cards.size() == static_cast<std::size_t>(unit_count));
  for (std::size_t u = 0; u < cards.size(); ++u) {
    const cchc::Scorecard alone = cchc::score_unit(evaluation, u);
    REQUIRE(cards[u].unit() == u);
    REQUIRE(cards[u].total() == alone.total());
    REQUIRE(cards[u].index() == alone.index());
  }
  // By hand, unit 2099: 2099 % 25 = 24 → 24 × 0.25 = 6; 2099 % 101 = 79 → 4 × 0.79 = 3.16;
  // total 9.16 of 10, index 91.6.
  CHECK(cards[2099].total() == cchc::Decimal::from_raw(9160000));
  CHECK(cards[2099].index() == cchc::Decimal::from_raw(91600000));
}

TEST_CASE("a large evidence file is read and its ranking written on worker threads, in file and rank order") {
  // ~30,000 units × 2 rows ≈ 900 KiB: the loader prepares several slices at once, and a
  // ranking of 2,000 units or more is formatted in chunks on several threads.
  const cchc::CriteriaSet set = cchc::parse_criteria(R"(schema: cchc/criteria@1
id: threads-load
title: "Đọc song song"
max: 10
fields:
  - {id: "1", title: "Điểm thẩm định", max: 6, rule: {points: {step: 0.25}}}
  - {id: "2", title: "Tỷ lệ đúng hạn", max: 4, rule: {proportional: {target: 1}}}
)");
  constexpr int unit_count = 30000;
  std::string units = "code,name\n";
  std::string evidence = "unit,criterion,value\n";
  for (int u = 0; u < unit_count; ++u) {
    const std::string code = "X" + std::to_string(u);
    units += code + ",Xã " + std::to_string(u) + "\n";
    evidence += code + ",1," + cchc::Decimal::from_raw((u % 25) * 250000).to_string() + "\n";  // 0 .. 6 by 0.25
    evidence += code + ",2," + cchc::Decimal::from_raw((u % 101) * 10000).to_string() + "\n";  // a rate 0 .. 1
  }
  const cchc::Evaluation evaluation = cchc::try_parse_evaluation(set, units, evidence).value();
  const std::vector<cchc::Scorecard> cards = cchc::score(evaluation);
  // By hand, unit 29999: 29999 % 25 = 24 → 6; 29999 % 101 = 2 → 4 × 0.02 = 0.08; total 6.08.
  CHECK(cards[29999].total() == cchc::Decimal::from_raw(6080000));
  // Its rate is the value at row 1 + 2 × 29999 + 2 = 60001 (the header is row 1).
  const auto last = evaluation.value(29999, *set.find("2"));
  REQUIRE(last.has_value());
  CHECK(last->location().line == 60001);

  const cchc::Ranking ranking = cchc::rank(evaluation, cards);
  std::ostringstream out;
  cchc::write_ranking(out, evaluation, cards, ranking, cchc::Format::json);
  const std::string json = out.str();
  // Every unit once, in rank order.
  std::size_t at = 0;
  for (const cchc::RankEntry& e : ranking.groups().at(0).entries()) {
    const std::string key = "{\"code\": \"" + evaluation.units()[cards[e.scorecard()].unit()].code() + "\"";
    at = json.find(key, at);
    REQUIRE(at != std::string::npos);
    at += key.size();
  }
  CHECK(ranking.groups().at(0).entries().size() == static_cast<std::size_t>(unit_count));
  const std::string end = "\n ],\n \"warnings\": []}\n";
  CHECK(json.compare(json.size() - end.size(), end.size(), end) == 0);
}
