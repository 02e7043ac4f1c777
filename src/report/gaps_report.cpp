// The points-lost report each unit writes up after the year.
#include <ostream>

#include "cchc/report/report.hpp"
#include <fmt/format.h>

#include "i18n/translate.hpp"
#include "report/html.hpp"
#include "report/table.hpp"
#include "report/xlsx_reports.hpp"

namespace cchc {
inline namespace v1 {

namespace {

// A unit's heading (total, loss and what the loss is made of), its field subtotals and its
// losses with next steps, as the table, Markdown and HTML outputs show them.
struct UnitTables {
  std::string heading;
  detail::Table fields, lost;
};

UnitTables unit_tables(const Evaluation& ev, const Scorecard& c, Format format, const ReportOptions& options) {
  const CriteriaSet& set = ev.criteria();
  const int places = set.rounding().places;
  const char point = detail::decimal_point(options, format);
  auto num = [&](Decimal d) { return d.to_string(places, point, set.rounding().mode); };
  auto F = [](const char* pattern, const auto&... args) { return fmt::format(fmt::runtime(detail::tr(pattern)), args...); };
  const Unit& u = ev.units()[c.unit()];
  const UnitGaps gaps = find_gaps(ev, c);
  std::string heading = F("{} ({}): {} of {}, lost {}", u.name(), u.code(), num(c.total()), num(c.max()), num(gaps.lost()));
  // lost = tree_lost − adjustments − clamp: each term shown when it is not zero.
  if (gaps.adjustments() != Decimal() || gaps.clamp() != Decimal()) {
    heading += F(" ({} in the criteria", num(gaps.tree_lost()));
    if (gaps.adjustments() > Decimal()) heading += F(", less a net bonus of {}", num(gaps.adjustments()));
    if (gaps.adjustments() < Decimal()) heading += F(", and a net penalty of {}", num(-gaps.adjustments()));
    if (gaps.clamp() < Decimal()) heading += F(", and {} of bonus above the max", num(-gaps.clamp()));
    if (gaps.clamp() > Decimal()) heading += F(", less {} of penalty below 0", num(gaps.clamp()));
    heading += ")";
  }
  detail::Table fields;
  fields.header = {"field", "title", "max", "points", "lost", "index %"};
  fields.numeric = {false, false, true, true, true, true};
  for (const FieldSummary& s : gaps.fields())
    fields.rows.push_back({set.node(s.field()).id, set.node(s.field()).title, num(s.max()), num(s.points()), num(s.lost()), num(s.index())});
  detail::Table lost;
  lost.header = {"field", "id", "title", "max", "points", "lost", "evidence", "next step"};
  lost.numeric = {false, false, false, true, true, true, false, false};
  for (const Gap& g : gaps.gaps())
    lost.rows.push_back({set.node(g.field()).id, set.node(g.node()).id, set.node(g.node()).title, num(g.max()), num(g.points()),
                         num(g.lost()), g.evidence(), g.next_step()});
  return {heading, fields, lost};
}

}  // namespace

void write_gaps(std::ostream& out, const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking,
                std::optional<std::size_t> unit, Format format, const ReportOptions& options) {
  if (format == Format::xlsx) {
    detail::write_gaps_xlsx(out, ev, cards, ranking, unit);
    return;
  }
  const CriteriaSet& set = ev.criteria();
  const int places = set.rounding().places;
  const char point = detail::decimal_point(options, format);
  auto num = [&](Decimal d) { return d.to_string(places, point, set.rounding().mode); };
  // Units in ranking order (rank within group), so the report reads like the ranking.
  std::vector<std::size_t> order;
  for (const GroupRanking& g : ranking.groups())
    for (const RankEntry& e : g.entries())
      if (!unit || cards[e.scorecard()].unit() == *unit) order.push_back(e.scorecard());

  if (format == Format::csv) {
    if (options.csv_bom()) out << "\xEF\xBB\xBF";
    detail::Table t;
    t.header = {"unit", "name", "field", "criterion", "title", "max", "points", "lost", "rule", "evidence", "next_step", "next_gain", "next_value"};
    t.numeric = {false, false, false, false, false, true, true, true, false, false, false, true, false};
    for (std::size_t k : order) {
      const Unit& u = ev.units()[cards[k].unit()];
      const UnitGaps found = find_gaps(ev, cards[k]);
      for (const Gap& g : found.gaps())
        t.rows.push_back({u.code(), u.name(), set.node(g.field()).id, set.node(g.node()).id, set.node(g.node()).title, num(g.max()),
                          num(g.points()), num(g.lost()), g.rule(), g.evidence(), g.next_step(), num(g.next_gain()),
                          detail::number_text(g.next_value(), options)});
    }
    detail::render_csv(out, t, options);
    return;
  }
  if (format == Format::json) {
    using detail::write_json_string;
    out << "{\"set\": {\"id\": ";
    write_json_string(out, set.id());
    out << "},\n \"units\": [";
    for (std::size_t i = 0; i < order.size(); ++i) {
      const Scorecard& c = cards[order[i]];
      const Unit& u = ev.units()[c.unit()];
      const UnitGaps gaps = find_gaps(ev, c);
      out << (i ? ",\n  " : "\n  ") << "{\"code\": ";
      write_json_string(out, u.code());
      out << ", \"name\": ";
      write_json_string(out, u.name());
      out << ", \"total\": " << num(c.total()) << ", \"max\": " << num(c.max()) << ", \"lost\": " << num(gaps.lost()) << ", \"tree_lost\": " << num(gaps.tree_lost())
          << ", \"adjustments\": " << num(gaps.adjustments()) << ", \"clamp\": " << num(gaps.clamp()) << ", \"fields\": [";
      for (std::size_t f = 0; f < gaps.fields().size(); ++f) {
        const FieldSummary& s = gaps.fields()[f];
        out << (f ? ", " : "") << "{\"id\": ";
        write_json_string(out, set.node(s.field()).id);
        out << ", \"points\": " << num(s.points()) << ", \"max\": " << num(s.max()) << ", \"lost\": " << num(s.lost())
            << ", \"index\": " << num(s.index()) << "}";
      }
      out << "], \"gaps\": [";
      for (std::size_t k = 0; k < gaps.gaps().size(); ++k) {
        const Gap& g = gaps.gaps()[k];
        out << (k ? ",\n    " : "\n    ") << "{\"field\": ";
        write_json_string(out, set.node(g.field()).id);
        out << ", \"id\": ";
        write_json_string(out, set.node(g.node()).id);
        out << ", \"title\": ";
        write_json_string(out, set.node(g.node()).title);
        out << ", \"max\": " << num(g.max()) << ", \"points\": " << num(g.points()) << ", \"lost\": " << num(g.lost()) << ", \"rule\": ";
        write_json_string(out, g.rule());
        out << ", \"evidence\": ";
        write_json_string(out, g.evidence());
        out << ", \"next_step\": ";
        write_json_string(out, g.next_step());
        out << ", \"next_gain\": " << num(g.next_gain()) << ", \"next_value\": ";
        if (g.next_value().empty()) out << "null";
        else write_json_string(out, g.next_value());
        out << "}";
      }
      out << "]}";
    }
    out << "\n ],\n " << detail::warnings_json(options.warnings()) << "}\n";
    return;
  }
  if (format == Format::html) {
    detail::html_page_begin(out, set.title());
    detail::html_set_identity(out, set, options);
    for (std::size_t k : order) detail::html_gaps_unit(out, ev, cards[k], options, 1);
    detail::html_page_end(out);
    return;
  }
  for (std::size_t k : order) {
    const auto [heading, fields, lost] = unit_tables(ev, cards[k], format, options);
    if (format == Format::markdown) {
      out << "## " << detail::markdown_line(heading) << "\n\n";
      detail::render_markdown(out, fields);
      detail::render_markdown(out, lost);
    } else {
      out << detail::text_safe(heading) << "\n\n";
      detail::render_text(out, fields);
      out << '\n';
      detail::render_text(out, lost);
      out << '\n';
    }
  }
}

namespace detail {

void html_gaps_unit(std::ostream& out, const Evaluation& ev, const Scorecard& card, const ReportOptions& options, int level) {
  UnitTables t = unit_tables(ev, card, Format::html, options);
  if (level <= 1) out << "<section class=\"gaps\">\n<h2>" << html_text(t.heading) << "</h2>\n";
  else out << "<h3>" << html_text(fmt::format(fmt::runtime(tr("Points lost: {}")), t.heading)) << "</h3>\n";
  t.fields.title = "Fields";
  render_html(out, t.fields);
  t.lost.title = "Points lost, largest first, with the next step";
  render_html(out, t.lost);
  if (level <= 1) out << "</section>\n";
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
