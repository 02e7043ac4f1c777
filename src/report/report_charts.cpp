// Chart data from results: which bars, bounds, means and cells the report's SVG shows.
#include "report/report_charts.hpp"

#include <fmt/format.h>

#include "i18n/translate.hpp"
#include "report/svg_charts.hpp"
#include "report/table.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

namespace {

std::string num(Decimal d, const CriteriaSet& set, const ReportOptions& o) {
  return d.to_string(set.rounding().places, decimal_point(o, Format::html), set.rounding().mode);
}

std::string group_name(const GroupRanking& g) {
  if (g.key().empty()) return tr("all units");
  return g.title() != g.key() ? fmt::format(fmt::runtime(tr("group {}: {}")), g.key(), g.title()) : fmt::format(fmt::runtime(tr("group {}")), g.key());
}

const GroupRanking* group_of(const Ranking& ranking, std::size_t card) {
  for (const GroupRanking& g : ranking.groups())
    for (const RankEntry& e : g.entries())
      if (e.scorecard() == card) return &g;
  return nullptr;
}

}  // namespace

std::string group_ranking_chart(const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking,
                                std::size_t group, const ReportOptions& options) {
  const CriteriaSet& set = ev.criteria();
  const GroupRanking& g = ranking.groups().at(group);
  const std::vector<Band>& bands = set.bands_for(g.key());
  std::vector<RankBar> bars;
  for (const RankEntry& e : g.entries()) {
    const Scorecard& c = cards[e.scorecard()];
    RankBar b;
    b.rank = e.rank() ? std::to_string(*e.rank()) : "-";
    b.name = ev.units()[c.unit()].name();
    b.index = c.index().to_double();
    b.index_text = num(c.index(), set, options);
    b.band_label = e.band();
    for (std::size_t k = 0; k < bands.size(); ++k)
      if (bands[k].label == e.band()) b.band = k;
    bars.push_back(std::move(b));
  }
  std::vector<BandLine> bounds;
  std::vector<std::string> legend;
  const char point = decimal_point(options, Format::html);
  for (const Band& band : bands) {
    legend.push_back(band.label);
    if (band.bound.kind == BoundKind::none) continue;
    bounds.push_back({band.bound.value.to_double(),
                      fmt::format("{} {}", band.bound.kind == BoundKind::min ? "≥" : ">", band.bound.value.to_string(-1, point))});
  }
  const std::string title = fmt::format(
      fmt::runtime(tr("Ranking, {}: index % per unit in rank order, bars filled by band, dashed lines at the band bounds")), group_name(g));
  return svg_ranking_chart(fmt::format("g{}", group), title, bars, bounds, legend);
}

Decimal group_mean_index(const Evaluation& ev, const std::vector<Scorecard>& cards, const GroupRanking& group, NodeIndex field) {
  const Rounding r = ev.criteria().rounding();
  Decimal sum;
  std::int64_t count = 0;
  for (const RankEntry& e : group.entries()) {
    sum += component_index(cards[e.scorecard()].nodes()[field], r);
    ++count;
  }
  if (count == 0) return Decimal();
  // sum / count as 100 × sum / (100 × count): one exact division, rounded once.
  ExactIndex mean;
  mean.total = sum;
  mean.max = Decimal::from_int(100 * count);
  return mean.rounded(r.places, r.mode);
}

std::string unit_field_chart(const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking, const Scorecard& card,
                             const ReportOptions& options) {
  const CriteriaSet& set = ev.criteria();
  const GroupRanking* group = group_of(ranking, card.unit());
  std::vector<FieldBar> fields;
  for (NodeIndex f : set.fields()) {
    FieldBar bar;
    bar.label = fmt::format("{} {}", set.node(f).id, set.node(f).title);
    const Decimal index = component_index(card.nodes()[f], set.rounding());
    bar.unit = index.to_double();
    bar.unit_text = num(index, set, options);
    const Decimal mean = group ? group_mean_index(ev, cards, *group, f) : index;
    bar.mean = mean.to_double();
    bar.mean_text = num(mean, set, options);
    fields.push_back(std::move(bar));
  }
  const Unit& u = ev.units()[card.unit()];
  const std::string title = fmt::format(fmt::runtime(tr("{} ({}): component index % per field, beside the mean of {}")), u.name(), u.code(),
                                        group ? group_name(*group) : std::string(tr("its group")));
  return svg_field_chart(title, fields, fmt::format("{} ({})", u.name(), u.code()), tr("group mean"));
}

std::string field_heatmap(const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking,
                          const ReportOptions& options) {
  const CriteriaSet& set = ev.criteria();
  Heatmap map;
  for (NodeIndex f : set.fields()) map.columns.push_back(set.node(f).id);
  for (const GroupRanking& g : ranking.groups())
    for (const RankEntry& e : g.entries()) {
      const Scorecard& c = cards[e.scorecard()];
      map.rows.push_back(ev.units()[c.unit()].name());
      std::vector<double> values;
      std::vector<std::string> texts;
      for (NodeIndex f : set.fields()) {
        const Decimal index = component_index(c.nodes()[f], set.rounding());
        values.push_back(index.to_double());
        texts.push_back(num(index, set, options));
      }
      map.values.push_back(std::move(values));
      map.texts.push_back(std::move(texts));
    }
  return svg_heatmap(tr("Component index % of every unit (rows, group by group in rank order) in every field (columns); "
                        "darker is higher, each cell printed"),
                     map);
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
