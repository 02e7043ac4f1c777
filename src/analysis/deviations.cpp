// Deviations: the same unit scored as of each stage, compared leaf by leaf.
#include "cchc/analysis/deviations.hpp"

#include "analysis/deviations_data.hpp"
#include "model/evaluation_data.hpp"

namespace cchc {
inline namespace v1 {

UnitDeviations find_deviations(const Evaluation& evaluation, std::size_t unit) {
  const detail::EvaluationData& d = evaluation.data();
  const auto& nodes = evaluation.criteria().nodes();
  UnitDeviations out;
  UnitDeviations::Data& o = detail::data_of(out);
  o.unit = unit;
  if (unit >= d.units.size()) return out;
  std::array<Scorecard, stage_count> as_of;
  std::array<bool, stage_count> entered{};
  for (int s = 0; s < stage_count; ++s) {
    as_of[static_cast<std::size_t>(s)] = score_unit_as_of(evaluation, unit, static_cast<Stage>(s));
    for (std::size_t i = 0; i < d.node_count && !entered[static_cast<std::size_t>(s)]; ++i)
      entered[static_cast<std::size_t>(s)] = d.at_stage(d.latest(unit, i), static_cast<Stage>(s)) != detail::no_value;
    if (entered[static_cast<std::size_t>(s)]) {
      o.totals[static_cast<std::size_t>(s)] = as_of[static_cast<std::size_t>(s)].total();
      o.maxima[static_cast<std::size_t>(s)] = as_of[static_cast<std::size_t>(s)].max();
    }
  }
  // As of the last stage, every node has its latest value: the card that counts.
  const Scorecard& final_card = as_of[stage_count - 1];
  o.max = final_card.max();
  for (NodeIndex i = 1; i < nodes.size(); ++i) {
    Deviation dev;
    Deviation::Data& v = detail::data_of(dev);
    v.node = i;
    v.max = final_card.nodes()[i].max;
    std::optional<Decimal> first;
    bool differs = false;
    for (int s = 0; s < stage_count; ++s) {
      if (d.at_stage(d.latest(unit, i), static_cast<Stage>(s)) == detail::no_value) continue;
      const NodeScore& ns = as_of[static_cast<std::size_t>(s)].nodes()[i];
      if (ns.status == NodeStatus::covered) continue;
      v.points[static_cast<std::size_t>(s)] = ns.points;
      if (first && *first != ns.points) differs = true;
      if (!first) first = ns.points;
    }
    if (!differs) continue;
    v.final_points = final_card.nodes()[i].points;
    v.change = v.points[0] ? v.final_points - *v.points[0] : Decimal();
    o.deviations.push_back(std::move(dev));
  }
  return out;
}

}  // namespace v1
}  // namespace cchc
