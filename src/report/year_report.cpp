// The year's report: one self-contained HTML page a department publishes with its decision.
#include <algorithm>
#include <iterator>
#include <ostream>

#include <fmt/format.h>

#include "analysis/plan_budget.hpp"
#include "cchc/analysis/plan.hpp"
#include "cchc/report/report.hpp"
#include "i18n/format.hpp"
#include "model/api_error.hpp"
#include "model/unicode.hpp"
#include "report/html.hpp"
#include "report/report_charts.hpp"
#include "report/xlsx_reports.hpp"

namespace cchc {
inline namespace v1 {

namespace {

std::string unit_anchor(std::size_t unit) { return fmt::format("u-{}", unit); }

std::string T(const char* text) { return detail::html_text(detail::tr(text)); }

// The index of units: by name in Vietnamese order (ICU's vi collation), then by code; each
// entry links to the unit's section and gives its rank and band.
void write_index(std::ostream& out, const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking) {
  struct Entry {
    std::string key;
    std::size_t unit;
    const RankEntry* rank;
  };
  std::vector<Entry> entries;
  for (const GroupRanking& g : ranking.groups())
    for (const RankEntry& e : g.entries()) {
      const std::size_t u = cards[e.scorecard()].unit();
      entries.push_back({detail::vi_collation_key(ev.units()[u].name()), u, &e});
    }
  std::sort(entries.begin(), entries.end(), [&](const Entry& a, const Entry& b) {
    if (a.key != b.key) return a.key < b.key;
    return ev.units()[a.unit].code() < ev.units()[b.unit].code();
  });
  std::string s = fmt::format("<nav class=\"index\" id=\"index\">\n<h2>{}</h2>\n<ol>\n", T("Index of units"));
  auto o = std::back_inserter(s);
  for (const Entry& e : entries) {
    const Unit& u = ev.units()[e.unit];
    fmt::format_to(o, "<li><a href=\"#{}\">{}</a> ({})", unit_anchor(e.unit), detail::html_text(u.name()), detail::html_text(u.code()));
    if (e.rank->rank()) fmt::format_to(o, fmt::runtime(T(", rank {}")), *e.rank->rank());
    else s += T(", not ranked");
    if (!e.rank->band().empty()) fmt::format_to(o, ", {}", detail::html_text(e.rank->band()));
    s += "</li>\n";
  }
  s += "</ol>\n</nav>\n";
  out << s;
}

}  // namespace

namespace detail {

std::optional<std::string> next_band_up(const CriteriaSet& set, const GroupRanking& group, const RankEntry& entry) {
  // Bands run best first: none for an unranked unit or one already in the top band; a
  // ranked unit no band admits aims at the lowest band.
  const std::vector<Band>& bands = set.bands_for(group.key());
  if (!entry.rank() || bands.empty()) return std::nullopt;
  std::size_t at = bands.size();
  for (std::size_t b = 0; b < bands.size(); ++b)
    if (bands[b].label == entry.band()) at = b;
  if (at == 0) return std::nullopt;
  return "band:" + bands[at - 1].label;
}

std::optional<UnitPlan> report_plan(const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking,
                                    std::size_t unit, const std::string& target, std::size_t& budget, std::string& why) {
  const std::string& code = ev.units()[unit].code();
  try {
    return plan_unit_within(ev, cards, ranking, unit, target, false, budget);
  } catch (const Error& e) {
    for (const Diagnostic& d : e.diagnostics()) {
      if (d.code() == "plan-too-large") {
        why = trf("No plan to {target}: its search is too large for this set (cchc plan --unit {code} --target {target} says why).",
                  fmt::arg("target", target), fmt::arg("code", code));
        return std::nullopt;
      }
      if (d.code() == "plan-budget-spent") {
        why = trf("No plan to {target} here: the report's time for plans went to the units before it (cchc plan --unit {code} "
                  "--target {target} plans it).",
                  fmt::arg("target", target), fmt::arg("code", code));
        return std::nullopt;
      }
    }
    throw;
  }
}

}  // namespace detail

namespace {

void write_year(std::ostream& out, const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking, Format format,
                const ReportOptions& options, const RobustnessResult* robustness) {
  if (format != Format::html && format != Format::xlsx)
    detail::throw_api_error("report-format", "the year's report is written as HTML or as an Excel workbook (xlsx) only");
  for (const GroupRanking& g : ranking.groups())
    for (const RankEntry& e : g.entries())
      detail::checked_index(e.scorecard(), cards.size(), "scorecard-mismatch", "rank entry's scorecard");
  if (format == Format::xlsx) {
    detail::write_report_xlsx(out, ev, cards, ranking, robustness);
    return;
  }
  const CriteriaSet& set = ev.criteria();
  detail::html_page_begin(out, set.title());
  detail::html_set_identity(out, set, options);
  out << fmt::format("<nav class=\"contents\"><a href=\"#ranking\">{}</a> · {}<a href=\"#heatmap\">{}</a> · <a href=\"#index\">{}</a> · "
                     "<a href=\"#units\">{}</a> · <a href=\"#deviations\">{}</a></nav>\n",
                     T("Ranking"), robustness ? fmt::format("<a href=\"#robustness\">{}</a> · ", T("Rank intervals")) : std::string(),
                     T("Component indices"), T("Index of units"), T("Units"), T("Deviations"));
  out << "<div id=\"ranking\">\n";
  detail::html_ranking_section(out, ev, cards, ranking, options);
  out << "</div>\n";
  if (robustness) {
    // Only when asked for (the report's robustness options): the runs cost time.
    out << "<section id=\"robustness\">\n<h2>" << T("Rank intervals: how sure each rank is") << "</h2>\n";
    detail::html_robustness_section(out, ev, *robustness, options);
    out << "</section>\n";
  }
  out << "<section id=\"heatmap\">\n<h2>" << T("Component index by field") << "</h2>\n<figure>\n"
      << detail::field_heatmap(ev, cards, ranking, options) << "</figure>\n";
  detail::Table fields;
  fields.header = {detail::tr("field"), detail::tr("title"), detail::tr("max")};  // render_html escapes
  fields.numeric = {false, false, true};
  const char point = detail::decimal_point(options, Format::html);
  for (NodeIndex f : set.fields())
    fields.rows.push_back({set.node(f).id, set.node(f).title, set.node(f).max.to_string(set.rounding().places, point, set.rounding().mode)});
  detail::render_html(out, fields);
  out << "</section>\n";
  write_index(out, ev, cards, ranking);
  out << "<div id=\"units\">\n";
  std::size_t plan_budget = detail::report_plan_budget;  // shared by every unit's plan
  for (const GroupRanking& g : ranking.groups())
    for (const RankEntry& e : g.entries()) {
      const Scorecard& card = cards[e.scorecard()];
      detail::html_scorecard_section(out, ev, cards, card, ranking, options, unit_anchor(card.unit()));
      const std::optional<std::string> target = detail::next_band_up(set, g, e);
      if (!target) continue;
      std::string why;
      const std::optional<UnitPlan> plan = detail::report_plan(ev, cards, ranking, card.unit(), *target, plan_budget, why);
      out << "<section class=\"unit plan\">\n";
      if (plan) detail::html_plan_section(out, ev, *plan, options, 3);
      else out << "<p>" << detail::html_text(why) << "</p>\n";
      out << "</section>\n";
    }
  out << "</div>\n<section class=\"unit\" id=\"deviations\">\n<h2>" << T("Deviations between stages") << "</h2>\n";
  if (detail::html_deviations_section(out, ev, std::nullopt, options) == 0)
    out << "<p>" << T("No criterion's points changed between the self-assessment and the appraisals.") << "</p>\n";
  out << "</section>\n";
  detail::html_page_end(out);
}

}  // namespace

void write_report(std::ostream& out, const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking,
                  Format format, const ReportOptions& options) {
  write_year(out, ev, cards, ranking, format, options, nullptr);
}

void write_report(std::ostream& out, const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking,
                  const RobustnessResult& robustness, Format format, const ReportOptions& options) {
  write_year(out, ev, cards, ranking, format, options, &robustness);
}

}  // namespace v1
}  // namespace cchc
