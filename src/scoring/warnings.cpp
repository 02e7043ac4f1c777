// What scoring accepted but a clerk should look at: results that are right by the rules yet
// likely not what the council meant.
#include <string>

#include "cchc/scoring/scorecard.hpp"
#include "i18n/format.hpp"
#include "model/unicode.hpp"

namespace cchc {
inline namespace v1 {

namespace {
constexpr std::size_t listed_ids = 20;  // a unit's missing leaves named in one warning
}

std::vector<Diagnostic> scoring_warnings(const Evaluation& evaluation, const std::vector<Scorecard>& cards) {
  std::vector<Diagnostic> out;
  const CriteriaSet& set = evaluation.criteria();
  const std::vector<Criterion>& nodes = set.nodes();
  // Missing leaves exist only under missing_as_zero; otherwise a unit's scan stops at its
  // first appraisal value, which is nearly always its first leaf.
  const bool look_for_missing = evaluation.options().missing_as_zero();
  for (const Scorecard& card : cards) {
    if (card.unit() >= evaluation.units().size() || card.nodes().size() != nodes.size()) continue;
    const Unit& unit = evaluation.units()[card.unit()];
    bool has_value = false, has_appraisal = false;
    std::vector<NodeIndex> missing;
    for (NodeIndex i = 1; i < card.nodes().size(); ++i) {
      const NodeScore& s = card.nodes()[i];
      if (s.status == NodeStatus::missing) {
        missing.push_back(i);
        continue;
      }
      const bool valued = s.status == NodeStatus::given || s.status == NodeStatus::not_applicable ||
                          s.status == NodeStatus::full_points || (s.status == NodeStatus::scored && nodes[i].is_leaf());
      if (!valued) continue;
      has_value = true;
      has_appraisal = has_appraisal || s.stage != Stage::self;
      if (has_appraisal && !look_for_missing) break;
    }
    if (has_value && !has_appraisal)
      out.push_back(Diagnostic(unit.location(), Severity::warning, "code",
                               unit.ranked() ? detail::trf("unit {unit} has no appraisal value: it is scored and ranked on its own self-assessment",
                                                           fmt::arg("unit", detail::quote_value(unit.code())))
                                             : detail::trf("unit {unit} has no appraisal value: it is scored on its own self-assessment",
                                                           fmt::arg("unit", detail::quote_value(unit.code()))))
                        .set_code("no-appraisal")
                        .set_unit(unit.code())
                        .set_stage(to_string(Stage::self)));
    if (!missing.empty()) {
      std::string ids;
      for (std::size_t k = 0; k < missing.size() && k < listed_ids; ++k) ids += (k ? ", " : "") + detail::quote_value(nodes[missing[k]].id);
      if (missing.size() > listed_ids) ids += detail::trf(" and {count} more", fmt::arg("count", missing.size() - listed_ids));
      out.push_back(Diagnostic(unit.location(), Severity::warning, "criterion",
                               detail::trf(missing.size() == 1
                                               ? "unit {unit}: {count} applicable leaf has no evidence and is scored 0 (--missing-as-zero): {ids}"
                                               : "unit {unit}: {count} applicable leaves have no evidence and are scored 0 (--missing-as-zero): {ids}",
                                           fmt::arg("unit", detail::quote_value(unit.code())), fmt::arg("count", missing.size()),
                                           fmt::arg("ids", ids)))
                        .set_code("missing-scored-zero")
                        .set_unit(unit.code())
                        .set_criterion(nodes[missing.front()].id));
    }
  }
  return out;
}

}  // namespace v1
}  // namespace cchc
