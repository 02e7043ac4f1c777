// The ranking report in every format; JSON has the shape DESIGN.md fixes.
#include <ostream>

#include "cchc/report/report.hpp"
#include <fmt/format.h>

#include "i18n/translate.hpp"
#include "model/exact.hpp"
#include "report/html.hpp"
#include "report/report_charts.hpp"
#include "report/table.hpp"
#include "report/xlsx_reports.hpp"
#include "support/parallel_for.hpp"

namespace cchc {
inline namespace v1 {

std::optional<Format> parse_format(std::string_view name) noexcept {
  if (name == "table" || name == "text") return Format::table;
  if (name == "csv") return Format::csv;
  if (name == "json") return Format::json;
  if (name == "md" || name == "markdown") return Format::markdown;
  if (name == "html") return Format::html;
  if (name == "xlsx") return Format::xlsx;
  return std::nullopt;
}

namespace {

std::string num(Decimal d, const CriteriaSet& set, const ReportOptions& o, Format f) {
  return d.to_string(set.rounding().places, detail::decimal_point(o, f), set.rounding().mode);
}

std::string group_heading(const GroupRanking& g) {
  if (g.key().empty()) return std::string();
  if (g.title() == g.key()) return fmt::format(fmt::runtime(detail::tr("Group {}")), g.key());
  return fmt::format(fmt::runtime(detail::tr("Group {}: {}")), g.key(), g.title());
}

// A group's ranking as the table, Markdown and HTML outputs show it.
detail::Table group_table(const Evaluation& ev, const std::vector<Scorecard>& cards, const GroupRanking& g, Format format,
                          const ReportOptions& options) {
  const CriteriaSet& set = ev.criteria();
  detail::Table t;
  t.title = group_heading(g);
  t.header = {"rank", "code", "name", "total", "max", "index %", "band"};
  t.numeric = {true, false, false, true, true, true, false};
  for (const RankEntry& e : g.entries()) {
    const Scorecard& c = cards[e.scorecard()];
    const Unit& u = ev.units()[c.unit()];
    t.rows.push_back({e.rank() ? std::to_string(*e.rank()) : "-", u.code(), u.name(), num(c.total(), set, options, format),
                      num(c.max(), set, options, format), num(c.index(), set, options, format), e.band()});
  }
  return t;
}

// A nation's ranking is ~5 MB of JSON: the units are formatted in chunks on all cores and
// each chunk is written as soon as it and those before it are ready, so that formatting
// overlaps the writing and no more than a few chunks are held at once.
void write_json(std::ostream& out, const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking,
                const std::vector<Diagnostic>& warnings) {
  using detail::append_decimal;
  using detail::append_json_string;
  const CriteriaSet& set = ev.criteria();
  const int places = set.rounding().places;
  const RoundingMode mode = set.rounding().mode;
  // Each field's `{"id": …, "title": …, "points": ` is the same for every unit: escape it once.
  std::vector<std::string> field_heads;
  for (std::size_t k = 0; k < set.fields().size(); ++k) {
    const NodeIndex f = set.fields()[k];
    std::string head = k ? ", {\"id\": " : "{\"id\": ";
    append_json_string(head, set.node(f).id);
    head += ", \"title\": ";
    append_json_string(head, set.node(f).title);
    head += ", \"points\": ";
    field_heads.push_back(std::move(head));
  }
  std::vector<std::string> adjustment_heads;
  for (std::size_t a = 0; a < set.adjustments().size(); ++a) {
    std::string head = a ? ", {\"id\": " : "{\"id\": ";
    append_json_string(head, set.adjustments()[a].id);
    head += ", \"points\": ";
    adjustment_heads.push_back(std::move(head));
  }
  auto write = [&out](const std::string& text) { out.write(text.data(), static_cast<std::streamsize>(text.size())); };

  std::string j = "{\"set\": {\"id\": ";
  append_json_string(j, set.id());
  j += ", \"title\": ";
  append_json_string(j, set.title());
  j += ", \"year\": ";
  j += set.year() ? std::to_string(*set.year()) : std::string("null");
  j += ", \"max\": ";
  append_decimal(j, set.max(), places, '.', mode);
  j += "},\n \"units\": [";
  write(j);

  std::vector<const RankEntry*> entries;  // in output order: group by group, in rank order
  for (const GroupRanking& g : ranking.groups())
    for (const RankEntry& e : g.entries()) entries.push_back(&e);
  auto format_entry = [&](std::string& to, std::size_t position) {
    const RankEntry& e = *entries[position];
    const Scorecard& c = cards[e.scorecard()];
    const Unit& u = ev.units()[c.unit()];
    to += position == 0 ? "\n  {\"code\": " : ",\n  {\"code\": ";
    append_json_string(to, u.code());
    to += ", \"name\": ";
    append_json_string(to, u.name());
    to += ", \"group\": ";
    if (u.group().empty()) to += "null";
    else append_json_string(to, u.group());
    to += ", \"total\": ";
    append_decimal(to, c.total(), places, '.', mode);
    to += ", \"max\": ";
    append_decimal(to, c.max(), places, '.', mode);
    to += ", \"index\": ";
    append_decimal(to, c.index(), places, '.', mode);
    to += ", \"rank\": ";
    to += e.rank() ? std::to_string(*e.rank()) : std::string("null");
    to += ", \"band\": ";
    if (e.band().empty()) to += "null";
    else append_json_string(to, e.band());
    to += ", \"appraisal\": ";
    append_decimal(to, c.appraisal(), places, '.', mode);
    to += ", \"survey\": ";
    append_decimal(to, c.survey(), places, '.', mode);
    to += ", \"fields\": [";
    for (std::size_t k = 0; k < set.fields().size(); ++k) {
      to += field_heads[k];
      append_decimal(to, c.nodes()[set.fields()[k]].points, places, '.', mode);
      to += ", \"max\": ";
      append_decimal(to, c.nodes()[set.fields()[k]].max, places, '.', mode);
      to += "}";
    }
    to += "]";
    if (!adjustment_heads.empty()) {
      to += ", \"adjustments\": [";
      for (std::size_t a = 0; a < adjustment_heads.size(); ++a) {
        to += adjustment_heads[a];
        append_decimal(to, c.adjustments()[a], places, '.', mode);
        to += "}";
      }
      to += "]";
    }
    to += "}";
  };
  constexpr std::size_t chunk_entries = 128;  // ~150 KB of a national ranking
  // Room for a unit's entry, so that a chunk grows once: its fixed text and generous room
  // for the numbers and names.
  std::size_t entry_bytes = 512;
  for (const std::string& h : field_heads) entry_bytes += h.size() + 64;
  for (const std::string& h : adjustment_heads) entry_bytes += h.size() + 32;
  const std::size_t chunks = (entries.size() + chunk_entries - 1) / chunk_entries;
  std::vector<std::string> chunk_text(chunks);
  // Small rankings are formatted on this thread alone: threads cost more than they save.
  const std::size_t threads = entries.size() < 2000 ? 1 : detail::worker_count(chunks);
  detail::parallel_in_order(
      chunks, threads,
      [&](std::size_t k) {
        std::string& text = chunk_text[k];
        text.reserve(chunk_entries * entry_bytes);
        const std::size_t end = std::min(entries.size(), (k + 1) * chunk_entries);
        for (std::size_t p = k * chunk_entries; p < end; ++p) format_entry(text, p);
      },
      [&](std::size_t k) {
        write(chunk_text[k]);
        std::string().swap(chunk_text[k]);
      });
  write("\n ],\n " + detail::warnings_json(warnings) + "}\n");
}

}  // namespace

void write_ranking(std::ostream& out, const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking,
                   Format format, const ReportOptions& options) {
  if (format == Format::xlsx) {
    detail::write_ranking_xlsx(out, ev, cards, ranking);
    return;
  }
  const CriteriaSet& set = ev.criteria();
  if (format == Format::json) {
    write_json(out, ev, cards, ranking, options.warnings());
    return;
  }
  if (format == Format::csv) {
    if (options.csv_bom()) out << "\xEF\xBB\xBF";
    detail::Table t;
    t.header = {"group", "rank", "code", "name", "total", "max", "index", "band", "appraisal", "survey"};
    for (NodeIndex f : set.fields()) t.header.push_back(set.node(f).id);
    for (const Adjustment& a : set.adjustments()) t.header.push_back(a.id);
    // Every column but group, code, name and band holds numbers cchc wrote.
    t.numeric.assign(t.header.size(), true);
    t.numeric[0] = t.numeric[2] = t.numeric[3] = t.numeric[7] = false;
    for (const GroupRanking& g : ranking.groups())
      for (const RankEntry& e : g.entries()) {
        const Scorecard& c = cards[e.scorecard()];
        const Unit& u = ev.units()[c.unit()];
        std::vector<std::string> row = {g.key(), e.rank() ? std::to_string(*e.rank()) : "", u.code(), u.name(),
                                        num(c.total(), set, options, format), num(c.max(), set, options, format),
                                        num(c.index(), set, options, format), e.band(), num(c.appraisal(), set, options, format),
                                        num(c.survey(), set, options, format)};
        for (NodeIndex f : set.fields()) row.push_back(num(c.nodes()[f].points, set, options, format));
        for (std::size_t a = 0; a < set.adjustments().size(); ++a) row.push_back(num(c.adjustments()[a], set, options, format));
        t.rows.push_back(std::move(row));
      }
    detail::render_csv(out, t, options);
    return;
  }
  if (format == Format::html) {
    detail::html_page_begin(out, set.title());
    detail::html_set_identity(out, set, options);
    detail::html_ranking_section(out, ev, cards, ranking, options);
    detail::html_page_end(out);
    return;
  }
  if (format == Format::markdown) out << "## " << detail::markdown_line(set.title()) << "\n\n";
  else out << detail::text_safe(set.title()) << " (" << detail::text_safe(set.id()) << ")\n\n";
  for (const GroupRanking& g : ranking.groups()) {
    const detail::Table t = group_table(ev, cards, g, format, options);
    if (format == Format::markdown) detail::render_markdown(out, t);
    else {
      detail::render_text(out, t);
      out << '\n';
    }
  }
}

namespace detail {

void html_ranking_section(std::ostream& out, const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking,
                          const ReportOptions& options) {
  for (std::size_t k = 0; k < ranking.groups().size(); ++k) {
    const GroupRanking& g = ranking.groups()[k];
    Table t = group_table(ev, cards, g, Format::html, options);
    const std::string heading = t.title.empty() ? std::string(tr("Ranking")) : fmt::format(fmt::runtime(tr("Ranking, {}")), t.title);
    out << "<section class=\"group\">\n<h2>" << html_text(heading) << "</h2>\n";
    t.title.clear();
    out << "<figure>\n" << group_ranking_chart(ev, cards, ranking, k, options) << "</figure>\n";
    render_html(out, t);
    out << "</section>\n";
  }
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
