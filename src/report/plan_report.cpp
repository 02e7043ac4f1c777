// A unit's plan, written like the report a unit makes of how it will recover its points.
#include <ostream>

#include "cchc/report/report.hpp"
#include "report/html.hpp"
#include "report/table.hpp"
#include "report/xlsx_reports.hpp"
#include "i18n/format.hpp"

namespace cchc {
inline namespace v1 {

namespace {

// Every format's plan; HTML as a section whose heading is at `level` (no page around it).
void plan_body(std::ostream& out, const Evaluation& ev, const UnitPlan& plan, Format format, const ReportOptions& options, int level) {
  const CriteriaSet& set = ev.criteria();
  const int places = set.rounding().places;
  const char point = detail::decimal_point(options, format);
  auto num = [&](Decimal d) { return d.to_string(places, point, set.rounding().mode); };
  auto rank_text = [](const PlanStanding& s) { return s.rank ? std::to_string(*s.rank) : std::string(); };
  const Unit& u = ev.units().at(plan.unit());

  if (format == Format::json) {
    using detail::write_json_string;
    auto standing = [&](const PlanStanding& s) {
      out << "{\"total\": " << num(s.total) << ", \"max\": " << num(s.max) << ", \"index\": " << num(s.index) << ", \"rank\": ";
      out << (s.rank ? std::to_string(*s.rank) : std::string("null")) << ", \"band\": ";
      if (s.band.empty()) out << "null";
      else write_json_string(out, s.band);
      out << "}";
    };
    out << "{\"unit\": ";
    write_json_string(out, u.code());
    out << ", \"target\": ";
    write_json_string(out, plan.target());
    out << ", \"reachable\": " << (plan.reachable() ? "true" : "false") << ",\n \"before\": ";
    standing(plan.before());
    out << ",\n \"after\": ";
    standing(plan.after());
    out << ",\n \"changes\": [";
    for (std::size_t i = 0; i < plan.changes().size(); ++i) {
      const PlanChange& c = plan.changes()[i];
      out << (i ? ",\n  " : "\n  ") << "{\"criterion\": ";
      write_json_string(out, set.node(c.node).id);
      out << ", \"title\": ";
      write_json_string(out, set.node(c.node).title);
      out << ", \"from\": ";
      if (c.from.empty()) out << "null";
      else write_json_string(out, c.from);
      out << ", \"to\": ";
      write_json_string(out, c.to);
      out << ", \"gain\": " << num(c.gain) << "}";
    }
    out << (plan.changes().empty() ? "],\n " : "\n ],\n ") << detail::warnings_json(options.warnings()) << "}\n";
    return;
  }

  if (format == Format::csv) {
    if (options.csv_bom()) out << "\xEF\xBB\xBF";
    detail::Table t;
    t.header = {"unit", "target", "reachable", "before_total", "before_index", "before_rank", "before_band", "after_total",
                "after_index", "after_rank", "after_band", "field", "criterion", "title", "from", "to", "gain"};
    t.numeric = {false, false, false, true, true, true, false, true, true, true, false, false, false, false, false, false, true};
    const PlanStanding& b = plan.before();
    const PlanStanding& a = plan.after();
    const std::vector<std::string> head = {u.code(), plan.target(), plan.reachable() ? "true" : "false", num(b.total), num(b.index),
                                           rank_text(b), b.band, num(a.total), num(a.index), rank_text(a), a.band};
    for (const PlanChange& c : plan.changes()) {
      std::vector<std::string> row = head;
      for (const std::string& cell : {set.node(c.field).id, set.node(c.node).id, set.node(c.node).title,
                                      detail::number_text(c.from, options), detail::number_text(c.to, options), num(c.gain)})
        row.push_back(cell);
      t.rows.push_back(std::move(row));
    }
    if (plan.changes().empty()) {  // one row, so that the standing is still there
      std::vector<std::string> row = head;
      row.resize(t.header.size());
      t.rows.push_back(std::move(row));
    }
    detail::render_csv(out, t, options);
    return;
  }

  // Table and Markdown: a heading, where the unit stands and where the plan takes it, then
  // the changes by field.
  using detail::tr;
  using detail::trf;
  using fmt::literals::operator""_a;
  auto standing_words = [&](const PlanStanding& s) {
    std::string w = trf("{total} of {max}, index {index}", "total"_a = num(s.total), "max"_a = num(s.max), "index"_a = num(s.index));
    if (s.rank) w += trf(", rank {rank}", "rank"_a = *s.rank);
    if (!s.band.empty()) w += trf(", band {band}", "band"_a = s.band);
    return w;
  };
  const std::string heading = trf("{name} ({code}): plan for {target}", "name"_a = u.name(), "code"_a = u.code(), "target"_a = plan.target());
  std::string verdict;
  const std::size_t count = plan.changes().size();
  if (count == 0)
    verdict = tr(plan.reachable() ? "already there: nothing to change" : "out of reach, and nothing can change");
  else if (plan.reachable())
    verdict = count == 1 ? tr("reachable with 1 change") : trf("reachable with {count} changes", "count"_a = count);
  else
    verdict = count == 1 ? tr("out of reach; the best reachable takes 1 change")
                         : trf("out of reach; the best reachable takes {count} changes", "count"_a = count);
  const std::vector<std::string> lines = {verdict, trf("now: {standing}", "standing"_a = standing_words(plan.before())),
                                          trf("after: {standing}", "standing"_a = standing_words(plan.after()))};
  detail::Table t;
  t.header = {tr("field"), tr("criterion"), tr("title"), tr("now"), tr("write"), tr("points gained")};
  t.numeric = {false, false, false, false, false, true};
  for (const PlanChange& c : plan.changes())
    t.rows.push_back({set.node(c.field).id + " " + set.node(c.field).title, set.node(c.node).id, set.node(c.node).title,
                      c.from.empty() ? std::string(tr("(no evidence)")) : detail::number_text(c.from, options),
                      detail::number_text(c.to, options), "+" + num(c.gain)});
  if (format == Format::html) {
    // Paragraphs, not a list: the page's only list is its index of units.
    out << "<h" << level << ">" << detail::html_text(heading) << "</h" << level << ">\n";
    for (const std::string& l : lines) out << "<p>" << detail::html_text(l) << "</p>\n";
    if (!t.rows.empty()) detail::render_html(out, t);
  } else if (format == Format::markdown) {
    out << "## " << detail::markdown_line(heading) << "\n\n";
    for (const std::string& l : lines) out << "- " << detail::markdown_text(l) << "\n";
    out << '\n';
    if (!t.rows.empty()) detail::render_markdown(out, t);
  } else {
    out << detail::text_safe(heading) << "\n";
    for (const std::string& l : lines) out << "  " << detail::text_safe(l) << "\n";
    out << '\n';
    if (!t.rows.empty()) detail::render_text(out, t);
  }
}

}  // namespace

void write_plan(std::ostream& out, const Evaluation& ev, const UnitPlan& plan, Format format, const ReportOptions& options) {
  if (format == Format::xlsx) {
    detail::write_plan_xlsx(out, ev, plan);
    return;
  }
  if (format != Format::html) {
    plan_body(out, ev, plan, format, options, 2);
    return;
  }
  detail::html_page_begin(out, ev.criteria().title());
  detail::html_set_identity(out, ev.criteria(), options);
  plan_body(out, ev, plan, format, options, 2);
  detail::html_page_end(out);
}

namespace detail {
void html_plan_section(std::ostream& out, const Evaluation& evaluation, const UnitPlan& plan, const ReportOptions& options, int level) {
  plan_body(out, evaluation, plan, Format::html, options, level);
}
}  // namespace detail

}  // namespace v1
}  // namespace cchc
