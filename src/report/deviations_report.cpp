// The deviation report: self-assessment vs appraisal vs second appraisal.
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

// The report in `format`; for HTML the sections alone, and with `changed_only` (the year's
// page) only the units whose points changed between stages.
std::size_t write_dev(std::ostream& out, const Evaluation& ev, std::optional<std::size_t> unit, Format format,
                      const ReportOptions& options, bool changed_only) {
  std::size_t written = 0;  // HTML: the units shown
  const CriteriaSet& set = ev.criteria();
  const int places = set.rounding().places;
  const char point = detail::decimal_point(options, format);
  auto num = [&](const std::optional<Decimal>& d) { return d ? d->to_string(places, point, set.rounding().mode) : std::string(); };
  auto json_num = [&](const std::optional<Decimal>& d) { return d ? d->to_string(places, '.', set.rounding().mode) : std::string("null"); };
  std::vector<std::size_t> units;
  for (std::size_t u = 0; u < ev.units().size(); ++u)
    if (!unit || *unit == u) units.push_back(u);

  if (format == Format::json) {
    using detail::write_json_string;
    out << "{\"set\": {\"id\": ";
    write_json_string(out, set.id());
    out << "},\n \"units\": [";
    for (std::size_t k = 0; k < units.size(); ++k) {
      const UnitDeviations dv = find_deviations(ev, units[k]);
      const Unit& u = ev.units()[units[k]];
      out << (k ? ",\n  " : "\n  ") << "{\"code\": ";
      write_json_string(out, u.code());
      out << ", \"name\": ";
      write_json_string(out, u.name());
      out << ", \"max\": " << json_num(dv.max()) << ", \"maxima\": {\"self\": " << json_num(dv.maxima()[0]) << ", \"appraisal\": "
          << json_num(dv.maxima()[1]) << ", \"appraisal2\": " << json_num(dv.maxima()[2]) << "}";
      out << ", \"totals\": {\"self\": " << json_num(dv.totals()[0]) << ", \"appraisal\": " << json_num(dv.totals()[1])
          << ", \"appraisal2\": " << json_num(dv.totals()[2]) << "}, \"leaves\": [";
      for (std::size_t i = 0; i < dv.deviations().size(); ++i) {
        const Deviation& x = dv.deviations()[i];
        out << (i ? ", " : "") << "{\"id\": ";
        write_json_string(out, set.node(x.node()).id);
        out << ", \"max\": " << json_num(x.max()) << ", \"self\": " << json_num(x.points()[0]) << ", \"appraisal\": "
            << json_num(x.points()[1]) << ", \"appraisal2\": " << json_num(x.points()[2]) << ", \"final\": " << json_num(x.final_points())
            << ", \"change\": " << json_num(x.change()) << "}";
      }
      out << "]}";
    }
    out << "\n ],\n " << detail::warnings_json(options.warnings()) << "}\n";
    return 0;
  }
  detail::Table all;
  all.header = {"unit", "name", "criterion", "title", "max", "self", "appraisal", "appraisal2", "final", "change"};
  all.numeric = {false, false, false, false, true, true, true, true, true, true};
  if (format == Format::csv && options.csv_bom()) out << "\xEF\xBB\xBF";
  for (std::size_t u : units) {
    const UnitDeviations dv = find_deviations(ev, u);
    const Unit& unit_row = ev.units()[u];
    detail::Table t;
    t.header = {"id", "title", "max", "self", "appraisal", "appraisal2", "final", "change"};
    t.numeric = {false, false, true, true, true, true, true, true};
    for (const Deviation& x : dv.deviations()) {
      t.rows.push_back({set.node(x.node()).id, set.node(x.node()).title, num(x.max()), num(x.points()[0]), num(x.points()[1]),
                        num(x.points()[2]), num(x.final_points()), x.points()[0] ? num(x.change()) : std::string()});
      all.rows.push_back({unit_row.code(), unit_row.name(), set.node(x.node()).id, set.node(x.node()).title, num(x.max()), num(x.points()[0]),
                          num(x.points()[1]), num(x.points()[2]), num(x.final_points()), x.points()[0] ? num(x.change()) : std::string()});
    }
    const std::optional<Decimal> last = dv.totals()[2] ? dv.totals()[2] : dv.totals()[1] ? dv.totals()[1] : dv.totals()[0];
    // The total is out of the unit's applicable max (less its leaves marked na: exclude).
    t.rows.push_back({"", detail::tr("total"), num(dv.max()), num(dv.totals()[0]), num(dv.totals()[1]), num(dv.totals()[2]), num(last),
                      dv.totals()[0] && last ? num(*last - *dv.totals()[0]) : std::string()});
    all.rows.push_back({unit_row.code(), unit_row.name(), "", "total", num(dv.max()), num(dv.totals()[0]), num(dv.totals()[1]),
                        num(dv.totals()[2]), num(last), dv.totals()[0] && last ? num(*last - *dv.totals()[0]) : std::string()});
    if (format == Format::csv) continue;
    const std::string heading = fmt::format(fmt::runtime(detail::tr("{} ({}): {} criteria changed between stages")), unit_row.name(),
                                            unit_row.code(), dv.deviations().size());
    if (format == Format::html) {
      if (changed_only && dv.deviations().empty()) continue;
      out << "<section class=\"deviations\">\n<h3>" << detail::html_text(heading) << "</h3>\n";
      detail::render_html(out, t);
      out << "</section>\n";
      ++written;
      continue;
    }
    if (format == Format::markdown) {
      out << "## " << detail::markdown_line(heading) << "\n\n";
      detail::render_markdown(out, t);
    } else {
      out << detail::text_safe(heading) << "\n\n";
      detail::render_text(out, t);
      out << '\n';
    }
  }
  if (format == Format::csv) detail::render_csv(out, all, options);
  return written;
}

}  // namespace

void write_deviations(std::ostream& out, const Evaluation& ev, std::optional<std::size_t> unit, Format format,
                      const ReportOptions& options) {
  if (format == Format::xlsx) {
    detail::write_deviations_xlsx(out, ev, unit);
    return;
  }
  if (format != Format::html) {
    write_dev(out, ev, unit, format, options, false);
    return;
  }
  detail::html_page_begin(out, ev.criteria().title());
  detail::html_set_identity(out, ev.criteria(), options);
  out << "<h2>" << detail::html_text(detail::tr("Deviations between stages")) << "</h2>\n";
  write_dev(out, ev, unit, format, options, false);
  detail::html_page_end(out);
}

namespace detail {

std::size_t html_deviations_section(std::ostream& out, const Evaluation& ev, std::optional<std::size_t> unit,
                                    const ReportOptions& options) {
  return write_dev(out, ev, unit, Format::html, options, true);
}

}  // namespace detail

}  // namespace v1
}  // namespace cchc
