#include "library_run.hpp"

#include <rapidcheck.h>

namespace cchc_property {

namespace {
std::string all_diagnostics(const std::vector<cchc::Diagnostic>& diagnostics) {
  std::string s;
  for (const cchc::Diagnostic& d : diagnostics) s += d.to_string() + "\n";
  return s;
}
}  // namespace

bool UnitResult::operator==(const UnitResult& o) const {
  if (total != o.total || max != o.max || index != o.index || rank != o.rank || nodes.size() != o.nodes.size()) return false;
  for (const auto& [id, n] : nodes) {
    const auto it = o.nodes.find(id);
    if (it == o.nodes.end() || it->second.points != n.points || it->second.max != n.max || it->second.status != n.status)
      return false;
  }
  return true;
}

std::string joined(const std::vector<std::string>& rows) {
  std::string s;
  for (const std::string& r : rows) s += r;
  return s;
}

LibraryRun run_library(const std::string& yaml, const std::string& units_csv, const std::string& evidence_csv) {
  const auto set = cchc::try_parse_criteria(yaml, "property.yaml");
  if (!set.ok()) RC_FAIL("generated set refused:\n" + all_diagnostics(set.diagnostics()) + yaml);
  const auto evaluation = cchc::try_parse_evaluation(set.value(), units_csv, evidence_csv);
  if (!evaluation.ok()) RC_FAIL("generated evidence refused:\n" + all_diagnostics(evaluation.diagnostics()) + yaml + evidence_csv);
  const cchc::Evaluation& e = evaluation.value();
  const std::vector<cchc::Scorecard> cards = cchc::score(e);
  const cchc::Ranking ranking = cchc::rank(e, cards);
  LibraryRun run{set.value(), {}};
  const auto& nodes = run.set.nodes();
  for (const cchc::Scorecard& card : cards) {
    UnitResult r;
    for (std::size_t i = 1; i < nodes.size(); ++i) r.nodes[nodes[i].id] = card.nodes()[i];
    r.total = card.total();
    r.max = card.max();
    r.index = card.index();
    run.units[e.units()[card.unit()].code()] = r;
  }
  for (const cchc::GroupRanking& g : ranking.groups())
    for (const cchc::RankEntry& entry : g.entries()) run.units[e.units()[cards[entry.scorecard()].unit()].code()].rank = entry.rank();
  return run;
}

LibraryRun run_library(const SetSpec& set, const std::vector<UnitSpec>& units) {
  return run_library(to_yaml(set), units_csv(units), evidence_header + joined(evidence_rows(set, units)));
}

}  // namespace cchc_property
