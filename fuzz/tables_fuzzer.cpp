// Bytes as "units.csv %% evidence.csv" against a fixed small set: the CSV reader and
// the evidence validation must refuse bad tables with diagnostics, and whatever they
// accept must score within bounds.
#include <cstddef>
#include <cstdint>

#include "cchc/cchc.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = cchc_fuzz::split_parts(data, size, 2);
  // Both gap policies: refusing gaps and scoring them as zero take different paths.
  for (const bool missing_as_zero : {false, true}) {
    cchc::EvaluationOptions options;
    options.set_missing_as_zero(missing_as_zero);
    const cchc::Loaded<cchc::Evaluation> loaded =
        cchc::try_parse_evaluation(cchc_fuzz::fixed_set(), parts[0], parts[1], "units.csv", "evidence.csv", options);
    for (const cchc::Diagnostic& d : loaded.diagnostics()) (void)d.to_string();
    if (!loaded.ok()) {
      if (loaded.diagnostics().empty()) cchc_fuzz::fail("refused tables with no diagnostic");
      continue;
    }
    const cchc::Evaluation& evaluation = loaded.value();
    const std::vector<cchc::Scorecard> cards = cchc::score(evaluation);
    for (const cchc::Scorecard& card : cards) cchc_fuzz::check_scorecard(evaluation, card);
    cchc_fuzz::check_ranking(evaluation, cards, cchc::rank(evaluation, cards));
  }
  return 0;
}
