// The report's charts as inline SVG: drawn from numbers the caller has already written as
// text (so a chart's labels read exactly as the tables do), with a <title> text
// alternative, and patterns and labels besides colour so that they read in grey-scale print.
// Geometry uses doubles: charts are pictures, never the official figures.
#ifndef CCHC_SRC_REPORT_SVG_CHARTS_HPP
#define CCHC_SRC_REPORT_SVG_CHARTS_HPP

#include <cstddef>
#include <string>
#include <vector>

namespace cchc {
inline namespace v1 {
namespace detail {

/// One unit's bar in a group's ranking.
struct RankBar {
  std::string rank;        ///< "1", or "-" when not ranked
  std::string name;
  double index = 0;        ///< 0..100, for the bar's length
  std::string index_text;  ///< the index as the tables print it
  std::size_t band = 0;    ///< the band's position in the group's bands (its fill pattern)
  std::string band_label;  ///< empty when no band admits the index
};

/// A band's lower bound, drawn as a dashed line across the bars.
struct BandLine {
  double value = 0;
  std::string text;  ///< "≥ 90" or "> 80"
};

/// The ranking of one group as horizontal bars on the index (0..100), each bar filled by
/// its band (colour and pattern), labelled with its index and band, band bounds drawn;
/// `legend` lists the group's band labels in order. `id` makes the patterns' ids unique.
std::string svg_ranking_chart(const std::string& id, const std::string& title, const std::vector<RankBar>& bars,
                              const std::vector<BandLine>& bounds, const std::vector<std::string>& legend);

/// One field of a unit's profile: its component index beside the group's mean.
struct FieldBar {
  std::string label;  ///< "1 Công tác chỉ đạo…"
  double unit = 0;
  std::string unit_text;
  double mean = 0;
  std::string mean_text;
};

/// A unit's component index per field as bars, the group's mean as a marked line on each.
std::string svg_field_chart(const std::string& title, const std::vector<FieldBar>& fields, const std::string& unit_legend,
                            const std::string& mean_legend);

/// A grid of component indices, units (rows) × fields (columns): each cell shaded by its
/// value and labelled with it.
struct Heatmap {
  std::vector<std::string> rows, columns;
  std::vector<std::vector<double>> values;      ///< rows × columns, 0..100
  std::vector<std::vector<std::string>> texts;  ///< the same, as the tables print them
};
std::string svg_heatmap(const std::string& title, const Heatmap& map);

/// One unit's row in a rank-interval chart: its nominal rank and the 5–95 % interval of
/// its rank over the replications.
struct RankInterval {
  std::string name;
  double rank = 0;  ///< the nominal rank (the dot)
  double low = 0;   ///< rank_q05 (the bar's start)
  double high = 0;  ///< rank_q95 (the bar's end)
  std::string text; ///< "2 (1.2 – 3)", as the table prints them
};

/// The units of one group on a rank axis (1 at the left, `ranks` at the right): each a
/// grey bar from its 5 % to its 95 % rank and a black dot at its nominal rank, the numbers
/// printed beside, so that it reads without colour.
std::string svg_rank_interval_chart(const std::string& title, const std::vector<RankInterval>& rows, std::size_t ranks,
                                    const std::string& dot_legend, const std::string& bar_legend);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
