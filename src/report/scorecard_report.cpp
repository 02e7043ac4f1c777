// One unit's scorecard: every node, its rule, evidence and reason, then the points lost.
#include <ostream>

#include "cchc/report/report.hpp"
#include <fmt/format.h>

#include "cchc/scoring/explain.hpp"
#include "i18n/translate.hpp"
#include "model/api_error.hpp"
#include "model/unicode.hpp"
#include "report/html.hpp"
#include "report/report_charts.hpp"
#include "report/table.hpp"
#include "report/xlsx_reports.hpp"

namespace cchc {
inline namespace v1 {

namespace {

// The scorecard in `format`. For HTML: the section alone; `all` (every unit's card) draws
// the unit beside its group's mean, and `id` anchors the section in the year's page, where
// the points lost come with their next steps (the gaps report) in place of the short list.
void write_card(std::ostream& out, const Evaluation& ev, const Scorecard& card, const Ranking& ranking, Format format,
                const ReportOptions& options, const std::vector<Scorecard>* all, const std::string& id) {
  const CriteriaSet& set = ev.criteria();
  const Unit& unit = ev.units()[detail::checked_index(card.unit(), ev.units().size(), "scorecard-mismatch", "scorecard unit")];
  const int places = set.rounding().places;
  const char point = detail::decimal_point(options, format);
  auto num = [&](Decimal d) { return d.to_string(places, point, set.rounding().mode); };
  // Words in the current language in the human formats; CSV and JSON keep English, which
  // scripts may match.
  const bool human = format != Format::csv && format != Format::json;
  auto T = [human](const char* text) { return std::string(human ? detail::tr(text) : text); };
  auto F = [&T](const char* pattern, const auto&... args) { return fmt::format(fmt::runtime(T(pattern)), args...); };
  // score() returns one card per unit in unit order, so a rank entry's scorecard index is
  // the unit's index.
  std::optional<int> rank;
  std::string band;
  for (const GroupRanking& g : ranking.groups())
    for (const RankEntry& e : g.entries())
      if (e.scorecard() == card.unit()) {
        rank = e.rank();
        band = e.band();
      }
  const std::vector<NodeExplanation> nodes = explain(ev, card);
  const std::vector<NodeExplanation> lost = points_lost(ev, card);
  // The lines of the total: the fields, every bonus and penalty line, and what keeping the
  // total within [0, max] changed; they add up to the total in every format.
  const TotalExplanation total = explain_total(ev, card);
  const auto& lines = set.adjustments();
  auto kind_of = [&](const AdjustmentExplanation& a) { return lines[a.adjustment()].kind == AdjustmentKind::bonus ? "bonus" : "penalty"; };
  const std::string clamp_rule = F("the total is kept within [0, {}]", num(card.max()));
  // "total 90.21 of 100.00 (appraisal 55.38 + survey 33.83 + bonus 'thuong' 1.00)": the terms add up.
  const std::string appraisal_survey = F("appraisal {} + survey {}", num(total.appraisal()), num(total.survey()));
  std::string terms = appraisal_survey;
  for (const AdjustmentExplanation& a : total.adjustments())
    if (a.points() != Decimal())
      terms += fmt::format(" {} {} {} {}", a.points() > Decimal() ? '+' : '-', T(kind_of(a)), detail::quote_value(lines[a.adjustment()].id),
                           num(a.points() > Decimal() ? a.points() : -a.points()));
  if (total.clamp() < Decimal()) terms += F(" - {} above the max", num(-total.clamp()));
  if (total.clamp() > Decimal()) terms += F(" + {} below 0", num(total.clamp()));
  const std::string clamp_reason = F("tree total and adjustments come to {}, kept at {}", num(card.total() - total.clamp()), num(card.total()));

  if (format == Format::json) {
    using detail::write_json_string;
    out << "{\"unit\": {\"code\": ";
    write_json_string(out, unit.code());
    out << ", \"name\": ";
    write_json_string(out, unit.name());
    out << ", \"group\": ";
    if (unit.group().empty()) out << "null";
    else write_json_string(out, unit.group());
    out << "}, \"total\": " << num(card.total()) << ", \"max\": " << num(card.max()) << ", \"index\": " << num(card.index())
        << ", \"rank\": " << (rank ? std::to_string(*rank) : "null") << ", \"band\": ";
    if (band.empty()) out << "null";
    else write_json_string(out, band);
    out << ",\n \"tree_total\": " << num(total.tree_total()) << ", \"appraisal\": " << num(total.appraisal())
        << ", \"survey\": " << num(total.survey()) << ", \"adjustments\": [";
    for (std::size_t i = 0; i < total.adjustments().size(); ++i) {
      const AdjustmentExplanation& a = total.adjustments()[i];
      out << (i ? ", " : "") << "{\"id\": ";
      write_json_string(out, lines[a.adjustment()].id);
      out << ", \"title\": ";
      write_json_string(out, lines[a.adjustment()].title);
      out << ", \"kind\": \"" << kind_of(a) << "\", \"max\": " << num(a.max()) << ", \"points\": " << num(a.points())
          << ", \"evidence\": ";
      if (a.evidence().empty()) out << "null";
      else write_json_string(out, a.evidence());
      out << ", \"reason\": ";
      write_json_string(out, a.reason());
      out << "}";
    }
    out << "], \"clamp\": " << num(total.clamp()) << ",\n \"nodes\": [";
    for (std::size_t i = 1; i < nodes.size(); ++i) {
      const NodeExplanation& e = nodes[i];
      const Criterion& c = set.node(e.node());
      out << (i > 1 ? ",\n  " : "\n  ") << "{\"id\": ";
      write_json_string(out, c.id);
      out << ", \"title\": ";
      write_json_string(out, c.title);
      out << ", \"depth\": " << c.depth << ", \"max\": " << num(e.max()) << ", \"points\": " << num(e.points())
          << ", \"lost\": " << num(e.lost()) << ", \"status\": ";
      write_json_string(out, to_string(e.status()));
      out << ", \"rule\": ";
      write_json_string(out, e.rule());
      out << ", \"evidence\": ";
      write_json_string(out, e.evidence());
      out << ", \"reason\": ";
      write_json_string(out, e.reason());
      out << "}";
    }
    out << "\n ],\n \"lost\": [";
    for (std::size_t i = 0; i < lost.size(); ++i) {
      out << (i ? ", " : "") << "{\"id\": ";
      write_json_string(out, set.node(lost[i].node()).id);
      out << ", \"lost\": " << num(lost[i].lost()) << "}";
    }
    out << "],\n " << detail::warnings_json(options.warnings()) << "}\n";
    return;
  }

  detail::Table tree;
  tree.header = {"id", "title", "max", "points", "lost", "rule", "evidence", "reason", "line"};
  tree.numeric = {false, false, true, true, true, false, false, false, false};
  for (std::size_t i = 1; i < nodes.size(); ++i) {
    const NodeExplanation& e = nodes[i];
    const Criterion& c = set.node(e.node());
    const std::string indent(static_cast<std::size_t>(2 * (c.depth - 1)), ' ');
    const bool leafish = c.is_leaf() || e.status() == NodeStatus::given;
    tree.rows.push_back({indent + c.id, c.title, num(e.max()), e.status() == NodeStatus::covered ? "" : num(e.points()),
                         e.status() == NodeStatus::covered ? "" : num(e.lost()), leafish ? e.rule() : "",
                         e.evidence(), e.status() == NodeStatus::scored && !c.is_leaf() ? "" : e.reason(),
                         c.depth == 1 ? "field" : "criterion"});
  }
  // The tree's total (the fields' sum, or their weighted mean), then the lines after it.
  const NodeScore& root = card.nodes()[0];
  tree.rows.push_back({"", T("criteria total"), num(root.max), num(total.tree_total()), num(root.max - total.tree_total()),
                       T(set.root().aggregate == Aggregate::sum ? "sum of the fields" : "weighted mean of the fields"), "",
                       appraisal_survey, "tree"});
  for (const AdjustmentExplanation& a : total.adjustments()) {
    const Adjustment& line = lines[a.adjustment()];
    tree.rows.push_back({line.id, line.title, num(a.max()), num(a.points()), "",
                         F(line.kind == AdjustmentKind::bonus ? "bonus: 0..{} points, added to the tree total"
                                                              : "penalty: 0..{} points, taken from the tree total",
                           line.max.to_string()),
                         a.evidence(), a.reason(), kind_of(a)});
  }
  if (total.clamp() != Decimal())
    tree.rows.push_back({"", T("kept within the max"), "", num(total.clamp()), "", clamp_rule, "", clamp_reason, "clamp"});
  tree.rows.push_back({"", T("total"), num(card.max()), num(card.total()), num(card.max() - card.total()), "", "",
                       terms, "total"});
  if (format != Format::csv) {  // the indent shows a row's level in text and Markdown
    tree.header.pop_back();
    tree.numeric.pop_back();
    for (auto& row : tree.rows) row.pop_back();
  }
  detail::Table losses;
  losses.title = format == Format::markdown ? "Points lost, largest first" : "Points lost, largest first:";
  losses.header = {"id", "title", "max", "points", "lost", "why"};
  losses.numeric = {false, false, true, true, true, false};
  for (const NodeExplanation& e : lost)
    losses.rows.push_back({set.node(e.node()).id, set.node(e.node()).title, num(e.max()), num(e.points()), num(e.lost()), e.reason()});

  if (format == Format::csv) {
    if (options.csv_bom()) out << "\xEF\xBB\xBF";
    for (auto& row : tree.rows) row[0].erase(0, row[0].find_first_not_of(' '));
    detail::render_csv(out, tree, options);
    return;
  }
  const std::string heading = unit.name() + " (" + unit.code() + ")";
  const std::string summary = F("total {} of {} ({}), index {}%", num(card.total()), num(card.max()), terms, num(card.index())) +
                              (rank ? F(", rank {}", *rank) : T(", not ranked")) + (band.empty() ? std::string() : F(", band {}", band)) +
                              (unit.group().empty() ? std::string() : F(", group {}", unit.group()));
  if (format == Format::html) {
    out << "<section class=\"unit\"";
    if (!id.empty()) out << " id=\"" << detail::html_text(id) << '"';
    out << ">\n<h2>" << detail::html_text(heading) << "</h2>\n<p class=\"summary\">" << detail::html_text(summary) << "</p>\n";
    if (all) out << "<figure>\n" << detail::unit_field_chart(ev, *all, ranking, card, options) << "</figure>\n";
    tree.title = "Scorecard";  // translated by render_html, as every title and header
    detail::render_html(out, tree);
    if (id.empty()) {
      losses.title = "Points lost, largest first";
      detail::render_html(out, losses);
    } else {
      detail::html_gaps_unit(out, ev, card, options, 2);
    }
    out << "</section>\n";
    return;
  }
  if (format == Format::markdown) {
    out << "## " << detail::markdown_line(heading) << "\n\n" << detail::markdown_line(summary) << "\n\n";
    detail::render_markdown(out, tree);
    detail::render_markdown(out, losses);
  } else {
    out << detail::text_safe(heading) << "\n" << detail::text_safe(summary) << "\n\n";
    detail::render_text(out, tree);
    out << '\n';
    detail::render_text(out, losses);
  }
}

}  // namespace

void write_scorecard(std::ostream& out, const Evaluation& ev, const Scorecard& card, const Ranking& ranking, Format format,
                     const ReportOptions& options) {
  if (format == Format::xlsx) {
    detail::write_scorecard_xlsx(out, ev, card, ranking);
    return;
  }
  if (format != Format::html) {
    write_card(out, ev, card, ranking, format, options, nullptr, std::string());
    return;
  }
  // The chart compares the unit with its group's mean: every unit's card is needed.
  const std::vector<Scorecard> all = score(ev);
  const Unit& unit = ev.units()[detail::checked_index(card.unit(), ev.units().size(), "scorecard-mismatch", "scorecard unit")];
  detail::html_page_begin(out, unit.name() + " (" + unit.code() + ")");
  detail::html_set_identity(out, ev.criteria(), options);
  write_card(out, ev, card, ranking, format, options, &all, std::string());
  detail::html_page_end(out);
}

namespace detail {

void html_scorecard_section(std::ostream& out, const Evaluation& ev, const std::vector<Scorecard>& cards, const Scorecard& card,
                            const Ranking& ranking, const ReportOptions& options, const std::string& id) {
  write_card(out, ev, card, ranking, Format::html, options, &cards, id);
}

}  // namespace detail

}  // namespace v1
}  // namespace cchc
