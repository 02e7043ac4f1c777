// The robustness report: each unit's nominal rank beside the distribution of its rank over
// the replications, its bands' probabilities, and per group how often each nominal
// neighbour stays above the next.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "cchc/report/report.hpp"
#include "report/html.hpp"
#include "report/svg_charts.hpp"
#include "report/table.hpp"
#include "report/xlsx_reports.hpp"
#include "i18n/format.hpp"

namespace cchc {
inline namespace v1 {

namespace {

using detail::tr;
using detail::trf;
using fmt::literals::operator""_a;  // NOLINT(misc-unused-using-decls): clang-tidy 14 misses uses in "name"_a

// A statistic to 4 decimals (a probability over 10^4 runs or fewer is exact there), trailing
// zeros dropped: "1", "0.25", "2.5", "0.0037".
std::string stat(double x, char point) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.4f", std::round(x * 1e4) / 1e4 + 0.0);
  std::string s(buffer);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  for (char& c : s)
    if (c == '.') c = point;
  return s;
}

std::string band_shown(const std::string& label) { return label.empty() ? std::string("(no band)") : label; }

double probability_of(const UnitRobustness& u, const std::string& label) {
  for (const auto& [l, p] : u.band_probabilities())
    if (l == label) return p;
  return 0.0;
}

/// One group's part of the report: its unit table, its pairs, and its rank-interval chart's
/// points (every ranked unit: an unranked one has no rank to place) with the same figures as
/// text for the chart's <title>.
struct GroupTables {
  std::string heading;
  detail::Table units, pairs;
  std::vector<detail::RankInterval> intervals;
  std::string interval_alt;
  std::size_t ranks = 0;
};

/// `next` is the first of the group's units in result.units() (they come group by group);
/// left at the next group's first.
GroupTables group_tables(const Evaluation& ev, const RobustnessResult& result, const GroupRobustness& group, std::size_t& next,
                         char point) {
  const CriteriaSet& set = ev.criteria();
  auto code_of = [&](std::size_t unit) -> const std::string& { return ev.units()[unit].code(); };
  GroupTables g;
  g.heading = group.title.empty() ? std::string(tr("Ranking")) : group.title;
  detail::Table& t = g.units;
  t.header = {tr("rank"), tr("code"), tr("name"), tr("band"), tr("mean"), tr("median"), "5%", "95%", tr("P(rank 1)"), tr("P(keep band)")};
  t.numeric = {true, false, false, false, true, true, true, true, true, true};
  std::vector<std::string> group_labels;
  for (const Band& b : set.bands_for(group.key)) group_labels.push_back(b.label);
  for (const std::string& l : group_labels) {
    t.header.push_back(trf("P({band})", "band"_a = l));
    t.numeric.push_back(true);
  }
  for (; next < result.units().size() && result.units()[next].group() == group.key; ++next) {
    const UnitRobustness& u = result.units()[next];
    if (u.rank() > 0) {
      detail::RankInterval r;
      r.name = code_of(u.unit()) + " " + ev.units()[u.unit()].name();
      r.rank = static_cast<double>(u.rank());
      r.low = u.rank_q05();
      r.high = u.rank_q95();
      r.text = std::to_string(u.rank()) + " (" + stat(u.rank_q05(), point) + " – " + stat(u.rank_q95(), point) + ")";
      g.interval_alt += (g.interval_alt.empty() ? "" : "; ") + trf("{code} rank {ranks}", "code"_a = code_of(u.unit()), "ranks"_a = r.text);
      g.ranks = std::max<std::size_t>(g.ranks, static_cast<std::size_t>(std::ceil(std::max<double>(r.rank, r.high))));
      g.intervals.push_back(std::move(r));
    }
    std::vector<std::string> row{std::to_string(u.rank()), code_of(u.unit()), ev.units()[u.unit()].name(), u.band(),
                                 stat(u.rank_mean(), point), stat(u.rank_median(), point), stat(u.rank_q05(), point),
                                 stat(u.rank_q95(), point), stat(u.p_rank_1(), point), stat(u.p_keep_band(), point)};
    for (const std::string& l : group_labels) row.push_back(stat(probability_of(u, l), point));
    t.rows.push_back(std::move(row));
  }
  g.pairs.header = {tr("upper"), tr("lower"), tr("P(upper stays above)")};
  g.pairs.numeric = {false, false, true};
  for (const AdjacentPair& p : group.pairs) g.pairs.rows.push_back({code_of(p.upper), code_of(p.lower), stat(p.p_upper_above, point)});
  return g;
}

std::string intro_line(const RobustnessResult& result, const std::string& sources) {
  return trf("Robustness of the ranking: {runs} runs, seed {seed}; sources: {sources}", "runs"_a = result.runs(),
             "seed"_a = result.seed(), "sources"_a = sources);
}

/// A group's section: heading at `level`, the rank-interval chart, the unit table, the pairs.
void html_group(std::ostream& out, const GroupTables& g, std::int64_t runs, int level) {
  out << "<section class=\"group\">\n<h" << level << ">" << detail::html_text(g.heading) << "</h" << level << ">\n";
  out << "<figure>\n"
      << detail::svg_rank_interval_chart(trf("{group}: nominal rank and 5–95 % rank interval over {runs} runs, {intervals}",
                                             "group"_a = g.heading, "runs"_a = runs, "intervals"_a = g.interval_alt),
                                         g.intervals, g.ranks, tr("nominal rank"), tr("5–95 % of the runs' ranks"))
      << "</figure>\n";
  detail::render_html(out, g.units);
  if (!g.pairs.rows.empty()) detail::render_html(out, g.pairs);
  out << "</section>\n";
}

}  // namespace

void write_robustness(std::ostream& out, const Evaluation& ev, const RobustnessResult& result, Format format,
                      const ReportOptions& options) {
  if (format == Format::xlsx) {
    detail::write_robustness_xlsx(out, ev, result);
    return;
  }
  const CriteriaSet& set = ev.criteria();
  const char point = detail::decimal_point(options, format);
  auto code_of = [&](std::size_t unit) -> const std::string& { return ev.units()[unit].code(); };
  std::string sources;
  for (const std::string& s : result.sources()) sources += (sources.empty() ? "" : ", ") + s;
  if (sources.empty()) sources = tr("none (every run is the official ranking)");

  if (format == Format::json) {
    using detail::write_json_string;
    out << "{\"set\": {\"id\": ";
    write_json_string(out, set.id());
    out << "},\n \"runs\": " << result.runs() << ", \"seed\": " << result.seed() << ", \"sources\": [";
    for (std::size_t i = 0; i < result.sources().size(); ++i) {
      out << (i ? ", " : "");
      write_json_string(out, result.sources()[i]);
    }
    out << "],\n \"units\": [";
    for (std::size_t i = 0; i < result.units().size(); ++i) {
      const UnitRobustness& u = result.units()[i];
      out << (i ? ",\n  " : "\n  ") << "{\"code\": ";
      write_json_string(out, code_of(u.unit()));
      out << ", \"name\": ";
      write_json_string(out, ev.units()[u.unit()].name());
      out << ", \"group\": ";
      write_json_string(out, u.group());
      out << ", \"rank\": " << u.rank() << ", \"band\": ";
      if (u.band().empty()) out << "null";
      else write_json_string(out, u.band());
      out << ", \"rank_mean\": " << stat(u.rank_mean(), '.') << ", \"rank_median\": " << stat(u.rank_median(), '.')
          << ", \"rank_q05\": " << stat(u.rank_q05(), '.') << ", \"rank_q95\": " << stat(u.rank_q95(), '.') << ", \"band_probabilities\": {";
      for (std::size_t b = 0; b < u.band_probabilities().size(); ++b) {
        out << (b ? ", " : "");
        write_json_string(out, u.band_probabilities()[b].first);
        out << ": " << stat(u.band_probabilities()[b].second, '.');
      }
      out << "}, \"p_rank_1\": " << stat(u.p_rank_1(), '.') << ", \"p_keep_band\": " << stat(u.p_keep_band(), '.') << "}";
    }
    out << "\n ],\n \"groups\": [";
    for (std::size_t g = 0; g < result.groups().size(); ++g) {
      const GroupRobustness& group = result.groups()[g];
      out << (g ? ",\n  " : "\n  ") << "{\"key\": ";
      write_json_string(out, group.key);
      out << ", \"title\": ";
      write_json_string(out, group.title);
      out << ", \"pairs\": [";
      for (std::size_t p = 0; p < group.pairs.size(); ++p) {
        out << (p ? ", " : "") << "{\"upper\": ";
        write_json_string(out, code_of(group.pairs[p].upper));
        out << ", \"lower\": ";
        write_json_string(out, code_of(group.pairs[p].lower));
        out << ", \"p_upper_above\": " << stat(group.pairs[p].p_upper_above, '.') << "}";
      }
      out << "]}";
    }
    out << "\n ],\n \"sobol\": [";
    for (std::size_t i = 0; i < result.sobol().size(); ++i) {
      const SobolIndex& x = result.sobol()[i];
      out << (i ? ",\n  " : "\n  ") << "{\"source\": ";
      write_json_string(out, x.source);
      out << ", \"first\": " << stat(x.first, '.') << ", \"first_ci\": [" << stat(x.first_low, '.') << ", " << stat(x.first_high, '.')
          << "], \"total\": " << stat(x.total, '.') << ", \"total_ci\": [" << stat(x.total_low, '.') << ", " << stat(x.total_high, '.') << "]}";
    }
    out << (result.sobol().empty() ? "],\n " : "\n ],\n ") << detail::warnings_json(options.warnings()) << "}\n";
    return;
  }

  // Band labels in the order met (groups may have their own bands): the CSV's columns.
  std::vector<std::string> labels;
  for (const UnitRobustness& u : result.units())
    for (const auto& [label, p] : u.band_probabilities())
      if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(label);

  if (format == Format::csv) {
    if (options.csv_bom()) out << "\xEF\xBB\xBF";
    detail::Table t;
    t.header = {"group", "code", "name", "rank", "band", "rank_mean", "rank_median", "rank_q05", "rank_q95", "p_rank_1", "p_keep_band"};
    t.numeric = {false, false, false, true, false, true, true, true, true, true, true};
    for (const std::string& l : labels) {
      t.header.push_back("p_band:" + band_shown(l));
      t.numeric.push_back(true);
    }
    for (const UnitRobustness& u : result.units()) {
      std::vector<std::string> row{u.group(), code_of(u.unit()), ev.units()[u.unit()].name(), std::to_string(u.rank()), u.band(),
                                   stat(u.rank_mean(), point), stat(u.rank_median(), point), stat(u.rank_q05(), point),
                                   stat(u.rank_q95(), point), stat(u.p_rank_1(), point), stat(u.p_keep_band(), point)};
      for (const std::string& l : labels) row.push_back(stat(probability_of(u, l), point));
      t.rows.push_back(std::move(row));
    }
    detail::render_csv(out, t, options);
    return;
  }

  const bool md = format == Format::markdown;
  const bool html = format == Format::html;
  const std::string intro = intro_line(result, sources);
  if (html) {
    // A self-contained page (inline style, no script, no external resource), as write_ranking's.
    detail::html_page_begin(out, set.title());
    detail::html_set_identity(out, set, options);
    out << "<p>" << detail::html_text(intro) << "</p>\n";
  } else if (md) out << "# " << detail::markdown_line(set.title()) << "\n\n" << detail::markdown_line(intro) << "\n\n";
  else out << detail::text_safe(set.title()) << "\n" << detail::text_safe(intro) << "\n\n";
  if (!result.sobol().empty()) {
    detail::Table t;
    t.header = {tr("source"), tr("first order"), tr("95% interval"), tr("total order"), tr("95% interval")};
    t.numeric = {false, true, false, true, false};
    for (const SobolIndex& x : result.sobol())
      t.rows.push_back({x.source, stat(x.first, point), stat(x.first_low, point) + " – " + stat(x.first_high, point), stat(x.total, point),
                        stat(x.total_low, point) + " – " + stat(x.total_high, point)});
    const std::string heading = tr("Sobol' indices on the mean absolute rank shift (first order: Saltelli 2010; total: Jansen)");
    if (html) {
      out << "<section>\n<h2>" << detail::html_text(heading) << "</h2>\n";
      detail::render_html(out, t);
      out << "</section>\n";
    } else if (md) {
      out << "## " << detail::markdown_line(heading) << "\n\n";
      detail::render_markdown(out, t);
      out << "\n";
    } else {
      out << detail::text_safe(heading) << "\n\n";
      detail::render_text(out, t);
      out << "\n";
    }
  }
  std::size_t next = 0;
  for (const GroupRobustness& group : result.groups()) {
    const GroupTables g = group_tables(ev, result, group, next, point);
    if (html) {
      html_group(out, g, result.runs(), 2);
    } else if (md) {
      out << "## " << detail::markdown_line(g.heading) << "\n\n";
      detail::render_markdown(out, g.units);
      if (!g.pairs.rows.empty()) {
        out << "\n";
        detail::render_markdown(out, g.pairs);
      }
      out << "\n";
    } else {
      out << detail::text_safe(g.heading) << "\n\n";
      detail::render_text(out, g.units);
      if (!g.pairs.rows.empty()) {
        out << "\n";
        detail::render_text(out, g.pairs);
      }
      out << "\n";
    }
  }
  if (html) detail::html_page_end(out);
}

namespace detail {
void html_robustness_section(std::ostream& out, const Evaluation& evaluation, const RobustnessResult& result,
                             const ReportOptions& options) {
  const char point = decimal_point(options, Format::html);
  std::string sources;
  for (const std::string& s : result.sources()) sources += (sources.empty() ? "" : ", ") + s;
  out << "<p>" << html_text(intro_line(result, sources)) << "</p>\n";
  std::size_t next = 0;
  for (const GroupRobustness& group : result.groups()) html_group(out, group_tables(evaluation, result, group, next, point), result.runs(), 3);
}
}  // namespace detail

}  // namespace v1
}  // namespace cchc
