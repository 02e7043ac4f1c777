// The ranking report in every format; JSON has the shape DESIGN.md fixes.
#include <ostream>

#include "cchc/report/report.hpp"
#include "report/table.hpp"

namespace cchc {
inline namespace v1 {

std::optional<Format> parse_format(std::string_view name) noexcept {
  if (name == "table" || name == "text") return Format::table;
  if (name == "csv") return Format::csv;
  if (name == "json") return Format::json;
  if (name == "md" || name == "markdown") return Format::markdown;
  return std::nullopt;
}

namespace {

std::string num(Decimal d, const CriteriaSet& set, const ReportOptions& o, Format f) {
  const bool comma = o.decimal_comma && (f == Format::table || f == Format::markdown);
  return d.to_string(set.rounding().places, comma ? ',' : '.');
}

std::string group_heading(const GroupRanking& g) {
  return g.key.empty() ? std::string() : "Group " + g.key + (g.title != g.key ? ": " + g.title : std::string());
}

void write_json(std::ostream& out, const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking) {
  using detail::write_json_string;
  const CriteriaSet& set = ev.criteria();
  const int places = set.rounding().places;
  out << "{\"set\": {\"id\": ";
  write_json_string(out, set.id());
  out << ", \"title\": ";
  write_json_string(out, set.title());
  out << ", \"year\": " << (set.year() ? std::to_string(*set.year()) : std::string("null"));
  out << ", \"max\": " << set.max().to_string(places) << "},\n \"units\": [";
  bool first = true;
  for (const GroupRanking& g : ranking.groups) {
    for (const RankEntry& e : g.entries) {
      const Scorecard& c = cards[e.scorecard];
      const Unit& u = ev.units()[c.unit];
      out << (first ? "\n  " : ",\n  ") << "{\"code\": ";
      first = false;
      write_json_string(out, u.code);
      out << ", \"name\": ";
      write_json_string(out, u.name);
      out << ", \"group\": ";
      if (u.group.empty()) out << "null";
      else write_json_string(out, u.group);
      out << ", \"total\": " << c.total.to_string(places) << ", \"max\": " << c.max.to_string(places)
          << ", \"index\": " << c.index.to_string(places) << ", \"rank\": " << (e.rank ? std::to_string(*e.rank) : "null")
          << ", \"band\": ";
      if (e.band.empty()) out << "null";
      else write_json_string(out, e.band);
      out << ", \"appraisal\": " << c.appraisal.to_string(places) << ", \"survey\": " << c.survey.to_string(places);
      out << ", \"fields\": [";
      for (std::size_t k = 0; k < set.fields().size(); ++k) {
        const NodeIndex f = set.fields()[k];
        out << (k ? ", " : "") << "{\"id\": ";
        write_json_string(out, set.node(f).id);
        out << ", \"title\": ";
        write_json_string(out, set.node(f).title);
        out << ", \"points\": " << c.nodes[f].points.to_string(places) << ", \"max\": " << c.nodes[f].max.to_string(places) << "}";
      }
      out << "]";
      if (!set.adjustments().empty()) {
        out << ", \"adjustments\": [";
        for (std::size_t a = 0; a < set.adjustments().size(); ++a) {
          out << (a ? ", " : "") << "{\"id\": ";
          write_json_string(out, set.adjustments()[a].id);
          out << ", \"points\": " << c.adjustments[a].to_string(places) << "}";
        }
        out << "]";
      }
      out << "}";
    }
  }
  out << "\n ]}\n";
}

}  // namespace

void write_ranking(std::ostream& out, const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking,
                   Format format, const ReportOptions& options) {
  const CriteriaSet& set = ev.criteria();
  if (format == Format::json) {
    write_json(out, ev, cards, ranking);
    return;
  }
  if (format == Format::csv) {
    if (options.csv_bom) out << "\xEF\xBB\xBF";
    detail::Table t;
    t.header = {"group", "rank", "code", "name", "total", "max", "index", "band", "appraisal", "survey"};
    for (NodeIndex f : set.fields()) t.header.push_back(set.node(f).id);
    for (const Adjustment& a : set.adjustments()) t.header.push_back(a.id);
    for (const GroupRanking& g : ranking.groups)
      for (const RankEntry& e : g.entries) {
        const Scorecard& c = cards[e.scorecard];
        const Unit& u = ev.units()[c.unit];
        std::vector<std::string> row = {g.key, e.rank ? std::to_string(*e.rank) : "", u.code, u.name,
                                        num(c.total, set, options, format), num(c.max, set, options, format),
                                        num(c.index, set, options, format), e.band, num(c.appraisal, set, options, format),
                                        num(c.survey, set, options, format)};
        for (NodeIndex f : set.fields()) row.push_back(num(c.nodes[f].points, set, options, format));
        for (std::size_t a = 0; a < set.adjustments().size(); ++a) row.push_back(num(c.adjustments[a], set, options, format));
        t.rows.push_back(std::move(row));
      }
    detail::render_csv(out, t);
    return;
  }
  if (format == Format::markdown) out << "## " << set.title() << "\n\n";
  else out << set.title() << " (" << set.id() << ")\n\n";
  for (const GroupRanking& g : ranking.groups) {
    detail::Table t;
    t.title = group_heading(g);
    t.header = {"rank", "code", "name", "total", "max", "index %", "band"};
    t.numeric = {true, false, false, true, true, true, false};
    for (const RankEntry& e : g.entries) {
      const Scorecard& c = cards[e.scorecard];
      const Unit& u = ev.units()[c.unit];
      t.rows.push_back({e.rank ? std::to_string(*e.rank) : "-", u.code, u.name, num(c.total, set, options, format),
                        num(c.max, set, options, format), num(c.index, set, options, format), e.band});
    }
    if (format == Format::markdown) detail::render_markdown(out, t);
    else {
      detail::render_text(out, t);
      out << '\n';
    }
  }
}

}  // namespace v1
}  // namespace cchc
