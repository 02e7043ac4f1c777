// Deviations: the same unit scored as of each stage, compared leaf by leaf.
#include "cchc/analysis/deviations.hpp"

#include "model/evaluation_data.hpp"

namespace cchc {
inline namespace v1 {

UnitDeviations find_deviations(const Evaluation& evaluation, std::size_t unit) {
  const detail::EvaluationData& d = evaluation.data();
  const auto& nodes = evaluation.criteria().nodes();
  UnitDeviations out;
  out.unit = unit;
  if (unit >= d.units.size()) return out;
  std::array<Scorecard, stage_count> as_of;
  std::array<bool, stage_count> entered{};
  for (int s = 0; s < stage_count; ++s) {
    as_of[static_cast<std::size_t>(s)] = score_unit_as_of(evaluation, unit, static_cast<Stage>(s));
    for (std::size_t i = 0; i < d.node_count && !entered[static_cast<std::size_t>(s)]; ++i)
      entered[static_cast<std::size_t>(s)] = d.at_stage(d.latest(unit, i), static_cast<Stage>(s)) != detail::no_value;
    if (entered[static_cast<std::size_t>(s)]) {
      out.totals[static_cast<std::size_t>(s)] = as_of[static_cast<std::size_t>(s)].total;
      out.maxima[static_cast<std::size_t>(s)] = as_of[static_cast<std::size_t>(s)].max;
    }
  }
  // As of the last stage, every node has its latest value: the card that counts.
  const Scorecard& final_card = as_of[stage_count - 1];
  out.max = final_card.max;
  for (NodeIndex i = 1; i < nodes.size(); ++i) {
    Deviation dev;
    dev.node = i;
    dev.max = final_card.nodes[i].max;
    std::optional<Decimal> first;
    bool differs = false;
    for (int s = 0; s < stage_count; ++s) {
      if (d.at_stage(d.latest(unit, i), static_cast<Stage>(s)) == detail::no_value) continue;
      const NodeScore& ns = as_of[static_cast<std::size_t>(s)].nodes[i];
      if (ns.status == NodeStatus::covered) continue;
      dev.points[static_cast<std::size_t>(s)] = ns.points;
      if (first && *first != ns.points) differs = true;
      if (!first) first = ns.points;
    }
    if (!differs) continue;
    dev.final_points = final_card.nodes[i].points;
    dev.change = dev.points[0] ? dev.final_points - *dev.points[0] : Decimal();
    out.deviations.push_back(dev);
  }
  return out;
}

}  // namespace v1
}  // namespace cchc
