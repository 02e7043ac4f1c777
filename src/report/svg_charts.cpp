// The report's SVG charts. Every label passes through html_text; every fill has a pattern
// or a printed value beside its colour, so a grey-scale print loses nothing.
#include "report/svg_charts.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <fmt/format.h>

#include "report/html.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

namespace {

using Out = std::back_insert_iterator<std::string>;

// At most `chars` characters of `text` (UTF-8), with "…" when cut: SVG text does not wrap,
// and the tables beside the chart give every name in full.
std::string shorten(const std::string& text, std::size_t chars) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0u) == 0x80u) continue;
    if (count == chars) return text.substr(0, i) + "…";
    ++count;
  }
  return text;
}

double clamp_index(double v) { return std::clamp(v, 0.0, 100.0); }

// Bands' fills: a colour from dark to light and, for grey-scale, a pattern of its own.
constexpr const char* band_colours[] = {"#1a9641", "#a6d96a", "#fdae61", "#d7191c", "#7b3294", "#4d4d4d"};
constexpr std::size_t band_styles = std::size(band_colours);

void band_patterns(Out o, const std::string& id) {
  // 0 solid, 1 diagonal lines, 2 dots, 3 cross-hatch, 4 horizontal lines, 5 vertical lines.
  fmt::format_to(o, "<defs>\n");
  for (std::size_t k = 0; k < band_styles; ++k) {
    const char* c = band_colours[k];
    fmt::format_to(o, "<pattern id=\"{}-b{}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"{}\"/>",
                   id, k, c);
    switch (k) {
      case 0: break;
      case 1: fmt::format_to(o, "<path d=\"M0,6 L6,0\" stroke=\"#000\" stroke-width=\"1\"/>"); break;
      case 2: fmt::format_to(o, "<circle cx=\"3\" cy=\"3\" r=\"1.1\" fill=\"#000\"/>"); break;
      case 3: fmt::format_to(o, "<path d=\"M0,6 L6,0 M0,0 L6,6\" stroke=\"#000\" stroke-width=\"0.8\"/>"); break;
      case 4: fmt::format_to(o, "<path d=\"M0,3 L6,3\" stroke=\"#fff\" stroke-width=\"1.5\"/>"); break;
      default: fmt::format_to(o, "<path d=\"M3,0 L3,6\" stroke=\"#fff\" stroke-width=\"1.5\"/>"); break;
    }
    fmt::format_to(o, "</pattern>\n");
  }
  fmt::format_to(o, "</defs>\n");
}

void open_svg(Out o, double width, double height, const std::string& title) {
  fmt::format_to(o,
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" "
                 "font-family=\"Noto Sans, DejaVu Sans, Arial, sans-serif\" font-size=\"11\">\n<title>{}</title>\n",
                 width, height, width, height, html_text(title));
}

}  // namespace

std::string svg_ranking_chart(const std::string& id, const std::string& title, const std::vector<RankBar>& bars,
                              const std::vector<BandLine>& bounds, const std::vector<std::string>& legend) {
  constexpr double width = 760, left = 270, plot = 300, row = 20, top = 34;
  const double legend_top = top + row * static_cast<double>(bars.size()) + 14;
  const double height = legend_top + (legend.empty() ? 8 : 26);
  auto x_of = [&](double v) { return left + plot * clamp_index(v) / 100.0; };
  std::string s;
  Out o(s);
  open_svg(o, width, height, title);
  band_patterns(o, id);
  // The axis: 0, 50 and 100 %, and the plot's frame.
  for (int tick : {0, 50, 100})
    fmt::format_to(o, "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555\" font-size=\"9\">{}</text>\n", x_of(tick), top - 22,
                   tick);
  fmt::format_to(o, "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#999\"/>\n", left, top - 4, plot,
                 row * static_cast<double>(bars.size()) + 4);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const RankBar& b = bars[i];
    const double y = top + row * static_cast<double>(i);
    fmt::format_to(o, "<text x=\"4\" y=\"{}\">{}</text>\n", y + 11, html_text(b.rank));
    fmt::format_to(o, "<text x=\"30\" y=\"{}\">{}</text>\n", y + 11, html_text(shorten(b.name, 38)));
    fmt::format_to(o, "<rect x=\"{}\" y=\"{}\" width=\"{:.2f}\" height=\"14\" fill=\"url(#{}-b{})\" stroke=\"#222\" stroke-width=\"0.6\"/>\n",
                   left, y, x_of(b.index) - left, id, b.band % band_styles);
    fmt::format_to(o, "<text x=\"{}\" y=\"{}\">{}{}{}</text>\n", left + plot + 8, y + 11, html_text(b.index_text),
                   b.band_label.empty() ? "" : " · ", html_text(b.band_label));
  }
  // Band bounds across the bars, labelled above the plot.
  for (const BandLine& line : bounds) {
    const double x = x_of(line.value);
    fmt::format_to(o, "<line x1=\"{0:.2f}\" y1=\"{1}\" x2=\"{0:.2f}\" y2=\"{2}\" stroke=\"#000\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>\n", x,
                   top - 6, top + row * static_cast<double>(bars.size()));
    fmt::format_to(o, "<text x=\"{:.2f}\" y=\"{}\" text-anchor=\"middle\" font-size=\"9\">{}</text>\n", x, top - 9,
                   html_text(line.text));
  }
  // The legend: a swatch and label per band.
  double x = 4;
  for (std::size_t k = 0; k < legend.size(); ++k) {
    fmt::format_to(o, "<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"12\" fill=\"url(#{}-b{})\" stroke=\"#222\" stroke-width=\"0.6\"/>\n", x,
                   legend_top, id, k % band_styles);
    const std::string label = shorten(legend[k], 24);
    fmt::format_to(o, "<text x=\"{}\" y=\"{}\">{}</text>\n", x + 18, legend_top + 10, html_text(label));
    x += 40 + 7.0 * static_cast<double>(label.size() > 12 ? 12 + (label.size() - 12) / 2 : label.size());
  }
  fmt::format_to(o, "</svg>\n");
  return s;
}

std::string svg_field_chart(const std::string& title, const std::vector<FieldBar>& fields, const std::string& unit_legend,
                            const std::string& mean_legend) {
  constexpr double width = 760, left = 270, plot = 300, row = 24, top = 22;
  const double legend_top = top + row * static_cast<double>(fields.size()) + 12;
  const double height = legend_top + 22;
  auto x_of = [&](double v) { return left + plot * clamp_index(v) / 100.0; };
  std::string s;
  Out o(s);
  open_svg(o, width, height, title);
  for (int tick : {0, 50, 100})
    fmt::format_to(o, "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555\" font-size=\"9\">{}</text>\n", x_of(tick), top - 8,
                   tick);
  fmt::format_to(o, "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#999\"/>\n", left, top - 4, plot,
                 row * static_cast<double>(fields.size()) + 2);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const FieldBar& f = fields[i];
    const double y = top + row * static_cast<double>(i);
    fmt::format_to(o, "<text x=\"4\" y=\"{}\">{}</text>\n", y + 12, html_text(shorten(f.label, 42)));
    // The unit: a solid bar. The group's mean: a black line with a diamond, not a colour.
    fmt::format_to(o, "<rect x=\"{}\" y=\"{}\" width=\"{:.2f}\" height=\"14\" fill=\"#6b8fbf\" stroke=\"#222\" stroke-width=\"0.6\"/>\n", left,
                   y + 1, x_of(f.unit) - left);
    const double m = x_of(f.mean);
    fmt::format_to(o, "<line x1=\"{0:.2f}\" y1=\"{1}\" x2=\"{0:.2f}\" y2=\"{2}\" stroke=\"#000\" stroke-width=\"2\"/>\n", m, y - 2, y + 18);
    fmt::format_to(o, "<path d=\"M{0:.2f},{1} l4,4 l-4,4 l-4,-4 z\" fill=\"#fff\" stroke=\"#000\"/>\n", m, y + 4);
    fmt::format_to(o, "<text x=\"{}\" y=\"{}\">{} ({} {})</text>\n", left + plot + 8, y + 12, html_text(f.unit_text),
                   html_text(mean_legend), html_text(f.mean_text));
  }
  fmt::format_to(o, "<rect x=\"4\" y=\"{}\" width=\"14\" height=\"12\" fill=\"#6b8fbf\" stroke=\"#222\" stroke-width=\"0.6\"/>\n", legend_top);
  fmt::format_to(o, "<text x=\"22\" y=\"{}\">{}</text>\n", legend_top + 10, html_text(unit_legend));
  fmt::format_to(o, "<line x1=\"200\" y1=\"{}\" x2=\"200\" y2=\"{}\" stroke=\"#000\" stroke-width=\"2\"/>", legend_top - 2, legend_top + 14);
  fmt::format_to(o, "<path d=\"M200,{} l4,4 l-4,4 l-4,-4 z\" fill=\"#fff\" stroke=\"#000\"/>\n", legend_top + 2);
  fmt::format_to(o, "<text x=\"210\" y=\"{}\">{}</text>\n", legend_top + 10, html_text(mean_legend));
  fmt::format_to(o, "</svg>\n");
  return s;
}

std::string svg_heatmap(const std::string& title, const Heatmap& map) {
  constexpr double left = 250, cell_w = 64, cell_h = 20, top = 24;
  const double width = std::max(760.0, left + cell_w * static_cast<double>(map.columns.size()) + 8);
  const double height = top + cell_h * static_cast<double>(map.rows.size()) + 8;
  std::string s;
  Out o(s);
  open_svg(o, width, height, title);
  for (std::size_t c = 0; c < map.columns.size(); ++c)
    fmt::format_to(o, "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>\n",
                   left + cell_w * (static_cast<double>(c) + 0.5), top - 8, html_text(shorten(map.columns[c], 9)));
  for (std::size_t r = 0; r < map.rows.size(); ++r) {
    const double y = top + cell_h * static_cast<double>(r);
    fmt::format_to(o, "<text x=\"4\" y=\"{}\">{}</text>\n", y + 14, html_text(shorten(map.rows[r], 36)));
    for (std::size_t c = 0; c < map.columns.size() && c < map.values[r].size(); ++c) {
      // From near white (0) to dark blue (100): the value is printed in the cell as well.
      const double v = clamp_index(map.values[r][c]) / 100.0;
      const auto channel = [v](int light, int dark) { return static_cast<int>(std::lround(light + (dark - light) * v)); };
      const double x = left + cell_w * static_cast<double>(c);
      fmt::format_to(o, "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#{:02x}{:02x}{:02x}\" stroke=\"#fff\"/>\n", x, y, cell_w,
                     cell_h, channel(247, 8), channel(251, 48), channel(255, 107));
      fmt::format_to(o, "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>\n", x + cell_w / 2, y + 14,
                     v > 0.55 ? "#fff" : "#000", html_text(map.texts[r][c]));
    }
  }
  fmt::format_to(o, "</svg>\n");
  return s;
}

std::string svg_rank_interval_chart(const std::string& title, const std::vector<RankInterval>& rows, std::size_t ranks,
                                    const std::string& dot_legend, const std::string& bar_legend) {
  constexpr double width = 760, left = 270, plot = 300, row = 20, top = 30;
  const double legend_top = top + row * static_cast<double>(rows.size()) + 12;
  const double height = legend_top + 22;
  const double last = static_cast<double>(std::max<std::size_t>(ranks, 2));
  // Rank 1 at the left edge, the last rank at the right: better ranks read first.
  auto x_of = [&](double r) { return left + plot * (std::clamp(r, 1.0, last) - 1.0) / (last - 1.0); };
  std::string s;
  Out o(s);
  open_svg(o, width, height, title);
  // Ticks at every rank when there are few, else at 1, the middle and the last.
  const std::size_t step = ranks <= 12 ? 1 : (ranks + 9) / 10;
  for (std::size_t r = 1; r <= std::max<std::size_t>(ranks, 1); r += step)
    fmt::format_to(o, "<text x=\"{:.2f}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555\" font-size=\"9\">{}</text>\n",
                   x_of(static_cast<double>(r)), top - 12, r);
  fmt::format_to(o, "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#999\"/>\n", left, top - 4, plot,
                 row * static_cast<double>(rows.size()) + 4);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const RankInterval& r = rows[i];
    const double y = top + row * static_cast<double>(i);
    fmt::format_to(o, "<text x=\"4\" y=\"{}\">{}</text>\n", y + 11, html_text(shorten(r.name, 42)));
    // The interval: a mid-grey bar with end caps (a zero-width interval still shows its caps).
    const double a = x_of(r.low), b = x_of(r.high);
    fmt::format_to(o, "<rect x=\"{:.2f}\" y=\"{}\" width=\"{:.2f}\" height=\"6\" fill=\"#9a9a9a\" stroke=\"#222\" stroke-width=\"0.6\"/>\n",
                   a, y + 4, b - a);
    fmt::format_to(o, "<path d=\"M{0:.2f},{2} v12 M{1:.2f},{2} v12\" stroke=\"#000\" stroke-width=\"1.2\"/>\n", a, b, y + 1);
    // The nominal rank: a black dot with a white ring, visible on the bar.
    fmt::format_to(o, "<circle cx=\"{:.2f}\" cy=\"{}\" r=\"4.5\" fill=\"#000\" stroke=\"#fff\" stroke-width=\"1.2\"/>\n", x_of(r.rank),
                   y + 7);
    fmt::format_to(o, "<text x=\"{}\" y=\"{}\">{}</text>\n", left + plot + 10, y + 11, html_text(r.text));
  }
  fmt::format_to(o, "<circle cx=\"10\" cy=\"{}\" r=\"4.5\" fill=\"#000\"/><text x=\"20\" y=\"{}\">{}</text>\n", legend_top + 6,
                 legend_top + 10, html_text(dot_legend));
  fmt::format_to(o, "<rect x=\"240\" y=\"{}\" width=\"24\" height=\"6\" fill=\"#9a9a9a\" stroke=\"#222\" stroke-width=\"0.6\"/>"
                    "<text x=\"270\" y=\"{}\">{}</text>\n",
                 legend_top + 3, legend_top + 10, html_text(bar_legend));
  fmt::format_to(o, "</svg>\n");
  return s;
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
