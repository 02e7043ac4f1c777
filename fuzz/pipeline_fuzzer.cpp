// Bytes as "criteria.yaml %% units.csv %% evidence.csv" through the whole flow: load,
// score, rank, explain, and write every report in every format. Results must keep their
// bounds, and the same input must give byte-identical output.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "cchc/cchc.hpp"
#include "fuzz_support.hpp"

namespace {

// A portal writes every report a clerk may ask for; the output must not depend on
// anything but the input, so the whole of it is written twice and compared.
std::string write_everything(const cchc::Evaluation& evaluation, const std::vector<cchc::Scorecard>& cards,
                             const cchc::Ranking& ranking) {
  std::ostringstream out;
  constexpr cchc::Format formats[] = {cchc::Format::table, cchc::Format::csv, cchc::Format::json, cchc::Format::markdown};
  for (const cchc::Format format : formats) {
    for (const bool vietnamese : {false, true}) {
      cchc::ReportOptions options;
      options.set_decimal_comma(vietnamese);
      options.set_csv_bom(vietnamese);
      cchc::write_ranking(out, evaluation, cards, ranking, format, options);
      cchc::write_gaps(out, evaluation, cards, ranking, std::nullopt, format, options);
    }
    // A few units are enough: every unit takes the same path.
    for (std::size_t u = 0; u < cards.size() && u < 3; ++u) {
      cchc::write_scorecard(out, evaluation, cards[u], ranking, format);
      cchc::write_gaps(out, evaluation, cards, ranking, u, format);
    }
  }
  return out.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = cchc_fuzz::split_parts(data, size, 3);
  const cchc::Loaded<cchc::CriteriaSet> set = cchc::try_parse_criteria(parts[0], "criteria.yaml");
  if (!set.ok()) return 0;
  cchc::EvaluationOptions options;
  options.set_missing_as_zero(true);  // most fuzzed evidence leaves gaps; score them rather than stop
  const cchc::Loaded<cchc::Evaluation> loaded =
      cchc::try_parse_evaluation(set.value(), parts[1], parts[2], "units.csv", "evidence.csv", options);
  if (!loaded.ok()) return 0;
  const cchc::Evaluation& evaluation = loaded.value();
  const std::vector<cchc::Scorecard> cards = cchc::score(evaluation);
  for (const cchc::Scorecard& card : cards) {
    cchc_fuzz::check_scorecard(evaluation, card);
    (void)cchc::explain(evaluation, card);
    (void)cchc::find_gaps(evaluation, card);
  }
  const cchc::Ranking ranking = cchc::rank(evaluation, cards);
  cchc_fuzz::check_ranking(evaluation, cards, ranking);
  if (write_everything(evaluation, cards, ranking) != write_everything(evaluation, cchc::score(evaluation), ranking))
    cchc_fuzz::fail("the same input wrote different reports");
  return 0;
}
