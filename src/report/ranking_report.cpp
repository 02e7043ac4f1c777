// The ranking report in every format; JSON has the shape DESIGN.md fixes.
#include <ostream>

#include "cchc/report/report.hpp"
#include "model/exact.hpp"
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

// Built in a small buffer that is flushed whenever it fills: a nation's ranking is ~5 MB of
// JSON, and touching that much fresh memory costs more than formatting it.
void write_json(std::ostream& out, const Evaluation& ev, const std::vector<Scorecard>& cards, const Ranking& ranking) {
  using detail::append_decimal;
  using detail::append_json_string;
  const CriteriaSet& set = ev.criteria();
  const int places = set.rounding().places;
  constexpr std::size_t flush_at = std::size_t{64} * 1024;
  std::string j;
  j.reserve(2 * flush_at);
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
  j += "{\"set\": {\"id\": ";
  append_json_string(j, set.id());
  j += ", \"title\": ";
  append_json_string(j, set.title());
  j += ", \"year\": ";
  j += set.year() ? std::to_string(*set.year()) : std::string("null");
  j += ", \"max\": ";
  append_decimal(j, set.max(), places);
  j += "},\n \"units\": [";
  bool first = true;
  for (const GroupRanking& g : ranking.groups) {
    for (const RankEntry& e : g.entries) {
      const Scorecard& c = cards[e.scorecard];
      const Unit& u = ev.units()[c.unit];
      j += first ? "\n  {\"code\": " : ",\n  {\"code\": ";
      first = false;
      append_json_string(j, u.code);
      j += ", \"name\": ";
      append_json_string(j, u.name);
      j += ", \"group\": ";
      if (u.group.empty()) j += "null";
      else append_json_string(j, u.group);
      j += ", \"total\": ";
      append_decimal(j, c.total, places);
      j += ", \"max\": ";
      append_decimal(j, c.max, places);
      j += ", \"index\": ";
      append_decimal(j, c.index, places);
      j += ", \"rank\": ";
      j += e.rank ? std::to_string(*e.rank) : std::string("null");
      j += ", \"band\": ";
      if (e.band.empty()) j += "null";
      else append_json_string(j, e.band);
      j += ", \"appraisal\": ";
      append_decimal(j, c.appraisal, places);
      j += ", \"survey\": ";
      append_decimal(j, c.survey, places);
      j += ", \"fields\": [";
      for (std::size_t k = 0; k < set.fields().size(); ++k) {
        const NodeIndex f = set.fields()[k];
        j += field_heads[k];
        append_decimal(j, c.nodes[f].points, places);
        j += ", \"max\": ";
        append_decimal(j, c.nodes[f].max, places);
        j += "}";
      }
      j += "]";
      if (!set.adjustments().empty()) {
        j += ", \"adjustments\": [";
        for (std::size_t a = 0; a < set.adjustments().size(); ++a) {
          j += a ? ", {\"id\": " : "{\"id\": ";
          append_json_string(j, set.adjustments()[a].id);
          j += ", \"points\": ";
          append_decimal(j, c.adjustments[a], places);
          j += "}";
        }
        j += "]";
      }
      j += "}";
      if (j.size() >= flush_at) {
        out.write(j.data(), static_cast<std::streamsize>(j.size()));
        j.clear();
      }
    }
  }
  j += "\n ]}\n";
  out.write(j.data(), static_cast<std::streamsize>(j.size()));
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
