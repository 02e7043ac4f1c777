// The analyses as Excel workbooks: a unit's plan (`cchc plan --format xlsx`) and the rank
// intervals (`cchc robustness --format xlsx`), with a native Excel chart of the intervals per
// group. Both blocks also go into the year's workbook (`cchc report --format xlsx`).
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <xlsxwriter.h>

#include "i18n/format.hpp"
#include "model/api_error.hpp"
#include "report/xlsx_book.hpp"
#include "report/xlsx_reports.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {
namespace {

using fmt::literals::operator""_a;  // NOLINT(misc-unused-using-decls): clang-tidy 14 misses uses in "name"_a

// A statistic over the runs to 4 decimals, as the other formats write it (a probability over
// 10^4 runs or fewer is exact there): the cell holds what the JSON says.
double stat(double x) { return std::round(x * 1e4) / 1e4 + 0.0; }

std::string band_shown(const std::string& label) { return label.empty() ? std::string(tr("no band")) : label; }

void check(lxw_error error, const std::string& what) {
  if (error != LXW_NO_ERROR) throw std::runtime_error("cannot write the workbook: " + what + ": " + lxw_strerror(error));
}

/// A statistic's number cell (a double: this is the sampling analysis, not the exact path).
void put(XlsxSheet& sheet, std::uint32_t row, lxw_col_t col, double value, lxw_format* format) {
  check(worksheet_write_number(sheet.raw(), row, col, value, format), "a number cell");
}

}  // namespace

// ---------------------------------------------------------------------------------------
// The plan: the same parts as the other formats (the unit and target, the verdict, where the
// unit stands now and after, the changes), in Vietnamese like the other workbooks.
std::uint32_t add_plan_rows(XlsxBook& book, XlsxSheet& sheet, const Evaluation& ev, const UnitPlan& plan, std::uint32_t row, bool freeze) {
  const CriteriaSet& set = ev.criteria();
  const Unit& u = ev.units()[checked_index(plan.unit(), ev.units().size(), "plan-mismatch", "plan unit")];
  const std::size_t n = plan.changes().size();
  sheet.text(row++, 0, trf("Plan: {name} ({code}) — target {target}", "name"_a = u.name(), "code"_a = u.code(), "target"_a = plan.target()),
             book.bold());
  std::string verdict;
  if (n == 0) verdict = tr(plan.reachable() ? "Target reached: nothing to change." : "Target out of reach, and nothing can change.");
  else if (plan.reachable()) verdict = trf("Target reached with {count} change(s).", "count"_a = n);
  else verdict = trf("Target out of reach; the best reachable takes {count} change(s).", "count"_a = n);
  sheet.text(row++, 0, verdict);

  const std::vector<std::string> standing_header = {"", tr("Total points"), tr("Max points"), tr("Index (%)"), tr("Rank"), tr("Band")};
  sheet.header(row++, standing_header, false);
  auto standing = [&](const char* when, const PlanStanding& s) {
    sheet.text(row, 0, when, book.bold());
    sheet.number(row, 1, s.total);
    sheet.number(row, 2, s.max);
    sheet.number(row, 3, s.index);
    if (s.rank) sheet.integer(row, 4, *s.rank);
    else sheet.text(row, 4, "-");
    sheet.text(row, 5, s.band);
    ++row;
  };
  standing(tr("Now"), plan.before());
  standing(tr("After the changes"), plan.after());
  if (n == 0) return row;

  ++row;
  // The criterion's id is a text cell ("1.1" must not become a date); the values to write are
  // text as a clerk writes them (an option's name, "91%", a count); the gain is a number.
  const std::vector<std::string> header = {tr("Field"), tr("Criterion"), tr("Content"), tr("Written now"), tr("To write"), tr("Points gained")};
  sheet.header(row++, header, freeze);
  for (const PlanChange& c : plan.changes()) {
    sheet.text(row, 0, set.node(c.field).id + " " + set.node(c.field).title);
    sheet.text(row, 1, set.node(c.node).id);
    sheet.text(row, 2, set.node(c.node).title, book.wrap());
    sheet.text(row, 3, c.from.empty() ? std::string(tr("(no evidence yet)")) : c.from);
    sheet.text(row, 4, c.to, book.bold());
    sheet.number(row, 5, c.gain, book.number_bold());
    ++row;
  }
  return row;
}

void write_plan_xlsx(std::ostream& out, const Evaluation& ev, const UnitPlan& plan) {
  XlsxBook book(ev.criteria());
  XlsxSheet sheet = book.add_sheet(tr("Plan"));
  sheet.title(ev.criteria(), tr("The unit's plan"), 5);
  add_plan_rows(book, sheet, ev, plan, 2, true);
  sheet.fit_columns(60);
  book.finish(out);
}

// ---------------------------------------------------------------------------------------
// Robustness.
void add_robustness_sheets(XlsxBook& book, const Evaluation& ev, const RobustnessResult& result) {
  const CriteriaSet& set = ev.criteria();
  lxw_format* percent = book.new_format();
  format_set_num_format(percent, "0.0%");
  lxw_format* rank_stat = book.new_format();
  format_set_num_format(rank_stat, "0.00");
  std::string sources;
  for (const std::string& s : result.sources()) sources += (sources.empty() ? "" : ", ") + s;
  if (sources.empty()) sources = tr("none");
  const std::string about =
      trf("{runs} runs, seed {seed}; sources: {sources}", "runs"_a = result.runs(), "seed"_a = result.seed(), "sources"_a = sources);

  // Band labels in the order met (groups may have their own bands), as the CSV's columns; a
  // unit's cell is empty under a band its group does not have.
  std::vector<std::string> labels;
  for (const UnitRobustness& u : result.units())
    for (const auto& [label, p] : u.band_probabilities())
      if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(label);

  XlsxSheet units = book.add_sheet(tr("Rank intervals"));
  std::vector<std::string> header = {tr("Unit code"), tr("Unit name"), tr("Group"), tr("Rank"), tr("Band"), tr("Mean rank"), tr("Median rank"),
                                     tr("Rank 5%"), tr("Rank 95%"), tr("P(rank 1)"), tr("P(keep band)")};
  constexpr std::uint16_t col_code = 0, col_rank = 3, col_q05 = 7, col_q95 = 8;
  for (const std::string& l : labels) header.push_back(trf("P({band})", "band"_a = band_shown(l)));
  units.title(set, trf("Robustness of the ranking: {about}", "about"_a = about), static_cast<std::uint16_t>(header.size() - 1));
  units.header(2, header);
  struct GroupRows {
    std::uint32_t first = 0, last = 0;  // the group's rows on the units sheet, inclusive
    int ranks = 1;                      // the highest rank its chart must show
  };
  std::vector<GroupRows> rows_of(result.groups().size());
  std::uint32_t row = 3;
  std::size_t next = 0;
  for (std::size_t g = 0; g < result.groups().size(); ++g) {
    const GroupRobustness& group = result.groups()[g];
    rows_of[g].first = row;
    for (; next < result.units().size() && result.units()[next].group() == group.key; ++next) {
      const UnitRobustness& u = result.units()[next];
      const Unit& who = ev.units()[u.unit()];
      units.text(row, 0, who.code());
      units.text(row, 1, who.name());
      units.text(row, 2, group.title.empty() || group.title == group.key ? group.key : group.key + " — " + group.title);
      units.integer(row, col_rank, u.rank());
      units.text(row, 4, u.band());
      put(units, row, 5, stat(u.rank_mean()), rank_stat);
      put(units, row, 6, stat(u.rank_median()), rank_stat);
      put(units, row, col_q05, stat(u.rank_q05()), rank_stat);
      put(units, row, col_q95, stat(u.rank_q95()), rank_stat);
      put(units, row, 9, stat(u.p_rank_1()), percent);
      put(units, row, 10, stat(u.p_keep_band()), percent);
      for (const auto& [label, p] : u.band_probabilities()) {
        const auto at = std::find(labels.begin(), labels.end(), label) - labels.begin();
        put(units, row, static_cast<lxw_col_t>(11 + at), stat(p), percent);
      }
      rows_of[g].ranks = std::max({rows_of[g].ranks, u.rank(), static_cast<int>(std::ceil(u.rank_q95()))});
      ++row;
    }
    rows_of[g].last = row;  // one past the group's last row
  }
  units.fit_columns(40);
  // The number columns hold short figures under long headings: wide enough for the heading.
  worksheet_set_column(units.raw(), 3, static_cast<lxw_col_t>(header.size() - 1), 12, nullptr);
  if (row > 3) worksheet_autofilter(units.raw(), 2, 0, row - 1, static_cast<lxw_col_t>(header.size() - 1));

  // A native chart per group: a line chart whose first and last series are the 5 % and 95 %
  // ranks and whose middle one is the nominal rank; Excel's up-down bars join the first and
  // last series, so each unit gets a bar over its 5–95 % interval and a dot at its nominal
  // rank. (libxlsxwriter 1.1 has no custom error bars; up-down bars read as the same
  // interval.) The rank axis runs downwards: rank 1 at the top, as in a ranking.
  XlsxSheet charts = book.add_sheet(tr("Rank interval charts"));
  charts.title(set, trf("Nominal rank and the 5–95 % interval of the rank over {runs} runs", "runs"_a = result.runs()), 10);
  std::uint32_t at = 2;
  for (std::size_t g = 0; g < result.groups().size(); ++g) {
    const GroupRows& r = rows_of[g];
    if (r.last == r.first) continue;  // no ranked unit
    const GroupRobustness& group = result.groups()[g];
    const std::string heading = group.title.empty() ? (group.key.empty() ? std::string(tr("Ranking")) : group.key) : group.title;
    charts.text(at, 0, heading, book.bold());
    lxw_chart* chart = workbook_add_chart(book.raw(), LXW_CHART_LINE);
    if (!chart) throw std::runtime_error("cannot write the workbook: a chart");
    const std::uint32_t last = r.last - 1;
    const struct {
      const char* name;
      std::uint16_t col;
      std::uint8_t marker;
    } series[] = {{tr("Rank 5%"), col_q05, LXW_CHART_MARKER_NONE}, {tr("Nominal rank"), col_rank, LXW_CHART_MARKER_CIRCLE},
                  {tr("Rank 95%"), col_q95, LXW_CHART_MARKER_NONE}};
    lxw_chart_line no_line{};
    no_line.none = LXW_TRUE;
    for (const auto& s : series) {
      lxw_chart_series* line = chart_add_series(chart, nullptr, nullptr);
      if (!line) throw std::runtime_error("cannot write the workbook: a chart series");
      chart_series_set_categories(line, units.name().c_str(), r.first, col_code, last, col_code);
      chart_series_set_values(line, units.name().c_str(), r.first, s.col, last, s.col);
      chart_series_set_name(line, s.name);
      chart_series_set_line(line, &no_line);
      chart_series_set_marker_type(line, s.marker);
      if (s.marker == LXW_CHART_MARKER_NONE) continue;
      chart_series_set_marker_size(line, 7);
      lxw_chart_fill dark{};
      dark.color = 0x333333;
      lxw_chart_line dark_line{};
      dark_line.color = 0x333333;
      chart_series_set_marker_fill(line, &dark);
      chart_series_set_marker_line(line, &dark_line);
    }
    lxw_chart_fill bar_fill{};
    bar_fill.color = 0xBBBBBB;  // grey: reads in grey-scale print
    lxw_chart_line bar_line{};
    bar_line.color = 0x888888;
    chart_set_up_down_bars_format(chart, &bar_line, &bar_fill, &bar_line, &bar_fill);
    const std::string title = trf("{group}: nominal rank and 5–95 % interval", "group"_a = heading);
    chart_title_set_name(chart, title.c_str());
    chart_axis_set_name(chart->x_axis, tr("Unit"));
    chart_axis_set_name(chart->y_axis, tr("Rank"));
    chart_axis_set_reverse(chart->y_axis);
    chart_axis_set_min(chart->y_axis, 1);
    chart_axis_set_max(chart->y_axis, std::max(2, r.ranks));
    chart_axis_set_major_unit(chart->y_axis, std::max(1, (r.ranks + 9) / 10));
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    // The 5 % and 95 % series draw nothing of their own (libxlsxwriter 1.1's dash markers
    // are not valid OOXML): the bars between them are the interval, named in the title.
    std::int16_t unlisted[] = {0, 2, -1};
    check(chart_legend_delete_series(chart, unlisted), "the chart's legend");
    // Wider with more units (a category each), within Excel's reach.
    lxw_chart_options place{};
    place.x_scale = std::clamp(static_cast<double>(last - r.first + 1) / 12.0, 1.5, 12.0);
    place.y_scale = 1.25;
    check(worksheet_insert_chart_opt(charts.raw(), at + 1, 0, chart, &place), "the chart of " + heading);
    at += 22;  // the chart's 360 pixels are 18 rows of 20
  }

  XlsxSheet pairs = book.add_sheet(tr("Adjacent pairs"));
  const std::vector<std::string> pair_header = {tr("Group"), tr("Upper unit code"), tr("Upper unit name"), tr("Lower unit code"),
                                                tr("Lower unit name"), tr("P(upper stays above)")};
  pairs.title(set, tr("Units adjacent in the nominal ranking: the share of runs where the upper one stays above"), 5);
  pairs.header(2, pair_header);
  row = 3;
  for (const GroupRobustness& group : result.groups())
    for (const AdjacentPair& p : group.pairs) {
      pairs.text(row, 0, group.key);
      pairs.text(row, 1, ev.units()[p.upper].code());
      pairs.text(row, 2, ev.units()[p.upper].name());
      pairs.text(row, 3, ev.units()[p.lower].code());
      pairs.text(row, 4, ev.units()[p.lower].name());
      put(pairs, row, 5, stat(p.p_upper_above), percent);
      ++row;
    }
  pairs.fit_columns(40);

  if (result.sobol().empty()) return;
  XlsxSheet sobol = book.add_sheet(tr("Sobol indices"));
  const std::vector<std::string> sobol_header = {tr("Source"), tr("First order"), tr("First order: 2.5%"), tr("First order: 97.5%"),
                                                 tr("Total order"), tr("Total order: 2.5%"), tr("Total order: 97.5%")};
  sobol.title(set, tr("Sobol' indices on the mean absolute rank shift (first order: Saltelli 2010; total: Jansen)"), 6);
  sobol.header(2, sobol_header);
  lxw_format* fraction = book.new_format();
  format_set_num_format(fraction, "0.0000");
  row = 3;
  for (const SobolIndex& x : result.sobol()) {
    sobol.text(row, 0, x.source);
    const double values[] = {x.first, x.first_low, x.first_high, x.total, x.total_low, x.total_high};
    for (std::size_t k = 0; k < 6; ++k) put(sobol, row, static_cast<lxw_col_t>(1 + k), stat(values[k]), fraction);
    ++row;
  }
  sobol.fit_columns(30);
}

void write_robustness_xlsx(std::ostream& out, const Evaluation& ev, const RobustnessResult& result) {
  XlsxBook book(ev.criteria());
  add_robustness_sheets(book, ev, result);
  book.finish(out);
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
