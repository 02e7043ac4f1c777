// The HTML page around a report: escaping, the inline style sheet (screen and A4 print),
// the set's identity, and tables. No script and no external resource: the file reads the
// same offline, printed, or archived with a decision.
#include <iterator>
#include <string>

#include <fmt/format.h>

#include "i18n/translate.hpp"
#include "model/unicode.hpp"
#include "report/html.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

std::string html_text(std::string_view text) {
  const std::string visible = escape_invisible(text);
  std::string out;
  out.reserve(visible.size() + 8);
  for (char ch : visible) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

namespace {

// Grey-scale safe: charts carry patterns and labels; the tables need no colour at all.
// A4 is 210 mm wide: with 12 mm margins a chart's 760-unit viewBox scales to 186 mm.
constexpr std::string_view style_sheet = R"css(
:root { color-scheme: light; }
body { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 11pt;
       line-height: 1.35; color: #111; background: #fff; max-width: 62em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
h2 { font-size: 1.3em; border-bottom: 2px solid #444; padding-bottom: .15em; margin-top: 1.8em; }
h3 { font-size: 1.1em; margin-top: 1.3em; }
p.identity, p.summary { margin: .3em 0 .8em; }
table { border-collapse: collapse; margin: .4em 0 1.2em; width: 100%; font-size: .9em; }
caption { text-align: left; font-weight: bold; padding: .3em 0; }
th, td { border: 1px solid #999; padding: .15em .4em; vertical-align: top; text-align: left; }
th { background: #e8e8e8; }
td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
figure { margin: .6em 0 1em; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-size: .85em; color: #333; }
nav.index ol { columns: 2; font-size: .9em; }
a { color: #0b4f8a; }
@page { size: A4; margin: 15mm 12mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
  section.unit { break-before: page; }
  h2, h3, caption { break-after: avoid; }
  tr, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  th { background: #e8e8e8; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";

}  // namespace

void html_page_begin(std::ostream& out, std::string_view title) {
  std::string s;
  fmt::format_to(std::back_inserter(s),
                 "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
                 current_language(), html_text(title), style_sheet);
  out << s;
}

void html_page_end(std::ostream& out) { out << "</body>\n</html>\n"; }

void html_set_identity(std::ostream& out, const CriteriaSet& set, const ReportOptions& options) {
  const char point = decimal_point(options, Format::table);
  const Rounding r = set.rounding();
  std::string s;
  fmt::format_to(std::back_inserter(s), "<h1>{}</h1>\n<p class=\"identity\">", html_text(set.title()));
  fmt::format_to(std::back_inserter(s), fmt::runtime(html_text(tr("set {}"))), fmt::format("<code>{}</code>", html_text(set.id())));
  if (set.year()) fmt::format_to(std::back_inserter(s), fmt::runtime(html_text(tr(", year {}"))), *set.year());
  fmt::format_to(std::back_inserter(s), fmt::runtime(html_text(tr(", max {}, {} decimal places, {}"))),
                 set.max().to_string(r.places, point, r.mode), r.places,
                 html_text(tr(r.mode == RoundingMode::half_up ? "half up" : "half even")));
  s += "</p>\n";
  out << s;
}

void render_html(std::ostream& out, const Table& t) {
  std::string s = "<table>\n";
  if (!t.title.empty()) fmt::format_to(std::back_inserter(s), "<caption>{}</caption>\n", html_text(tr(t.title.c_str())));
  const std::vector<std::string> header = translated(t.header);
  auto numeric = [&](std::size_t c) { return c < t.numeric.size() && t.numeric[c]; };
  s += "<thead><tr>";
  for (std::size_t c = 0; c < header.size(); ++c)
    fmt::format_to(std::back_inserter(s), "<th scope=\"col\"{}>{}</th>", numeric(c) ? " class=\"n\"" : "", html_text(header[c]));
  s += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    s += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      std::string_view cell = row[c];
      std::size_t indent = 0;
      if (c == 0)
        while (indent < cell.size() && cell[indent] == ' ') ++indent;
      cell.remove_prefix(indent);
      if (numeric(c)) s += "<td class=\"n\">";
      else if (indent > 0) fmt::format_to(std::back_inserter(s), "<td style=\"padding-left:{}em\">", 0.4 + 0.6 * static_cast<double>(indent));
      else s += "<td>";
      s += html_text(cell);
      s += "</td>";
    }
    s += "</tr>\n";
  }
  s += "</tbody>\n</table>\n";
  out << s;
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
