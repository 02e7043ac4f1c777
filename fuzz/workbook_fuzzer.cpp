// Bytes as an Excel workbook of evidence (and, in a second run, of units) for the fixed set:
// the workbook reader (the zip's central directory check, liborcus, the cell rules) must
// refuse anything it cannot read with diagnostics, and whatever it accepts must score
// within bounds, as the tables harness checks.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cchc/cchc.hpp"
#include "fuzz_support.hpp"

namespace {

constexpr std::string_view units_csv =
    "code,name,group,ranked\nso-tu-phap,Sở Tư pháp,,true\nxa-dong-ha,Xã Đông Hà,xa,true\nvan-phong,Văn phòng UBND tỉnh,,false\n";
constexpr std::string_view evidence_csv = "unit,criterion,value\nso-tu-phap,1.1,kip_thoi\n";

void check(const cchc::Loaded<cchc::Evaluation>& loaded) {
  for (const cchc::Diagnostic& d : loaded.diagnostics()) (void)d.to_string();
  if (!loaded.ok()) {
    if (loaded.diagnostics().empty()) cchc_fuzz::fail("refused a workbook with no diagnostic");
    return;
  }
  const cchc::Evaluation& evaluation = loaded.value();
  const std::vector<cchc::Scorecard> cards = cchc::score(evaluation);
  for (const cchc::Scorecard& card : cards) cchc_fuzz::check_scorecard(evaluation, card);
  cchc_fuzz::check_ranking(evaluation, cards, cchc::rank(evaluation, cards));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  cchc::EvaluationOptions options;
  options.set_missing_as_zero(true);
  check(cchc::try_parse_evaluation(cchc_fuzz::fixed_set(), units_csv, bytes, "units.csv", "evidence.xlsx", options));
  check(cchc::try_parse_evaluation(cchc_fuzz::fixed_set(), bytes, evidence_csv, "units.xlsx", "evidence.csv", options));
  return 0;
}
