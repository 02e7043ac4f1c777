#include "report/table.hpp"

#include <algorithm>

#include "model/utf8.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

void render_text(std::ostream& out, const Table& t) {
  if (!t.title.empty()) out << t.title << '\n';
  std::vector<std::size_t> width(t.header.size());
  for (std::size_t c = 0; c < t.header.size(); ++c) width[c] = display_width(t.header[c]);
  for (const auto& row : t.rows)
    for (std::size_t c = 0; c < row.size() && c < width.size(); ++c) width[c] = std::max(width[c], display_width(row[c]));
  auto line = [&](const std::vector<std::string>& cells) {
    std::string s;
    for (std::size_t c = 0; c < cells.size() && c < width.size(); ++c) {
      const std::size_t pad = width[c] - display_width(cells[c]);
      const bool right = c < t.numeric.size() && t.numeric[c];
      if (c > 0) s += "  ";
      if (right) s.append(pad, ' ');
      s += cells[c];
      if (!right && c + 1 < cells.size()) s.append(pad, ' ');
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    out << s << '\n';
  };
  line(t.header);
  std::string rule;
  for (std::size_t c = 0; c < width.size(); ++c) {
    if (c > 0) rule += "  ";
    rule.append(width[c], '-');
  }
  out << rule << '\n';
  for (const auto& row : t.rows) line(row);
}

namespace {
std::string markdown_cell(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '|') out += "\\|";
    else if (ch == '\n') out += ' ';
    else out += ch;
  }
  return out;
}
}  // namespace

void render_markdown(std::ostream& out, const Table& t) {
  if (!t.title.empty()) out << "### " << markdown_cell(t.title) << "\n\n";
  out << '|';
  for (const auto& h : t.header) out << ' ' << markdown_cell(h) << " |";
  out << "\n|";
  for (std::size_t c = 0; c < t.header.size(); ++c) out << (c < t.numeric.size() && t.numeric[c] ? "---:|" : "---|");
  out << '\n';
  for (const auto& row : t.rows) {
    out << '|';
    for (const auto& cell : row) out << ' ' << markdown_cell(cell) << " |";
    out << '\n';
  }
  out << '\n';
}

void write_csv_field(std::ostream& out, std::string_view f) {
  if (f.find_first_of(",;\"\r\n") == std::string_view::npos) {
    out << f;
    return;
  }
  out << '"';
  for (char ch : f) {
    if (ch == '"') out << '"';
    out << ch;
  }
  out << '"';
}

void render_csv(std::ostream& out, const Table& t, bool header) {
  auto row = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) out << ',';
      write_csv_field(out, cells[c]);
    }
    out << "\r\n";
  };
  if (header) row(t.header);
  for (const auto& r : t.rows) row(r);
}

void append_json_string(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // start of the current run of characters that need no escape
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out.push_back(hex[(c >> 4) & 15u]);
        out.push_back(hex[c & 15u]);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

void write_json_string(std::ostream& out, std::string_view s) {
  std::string text;
  append_json_string(text, s);
  out << text;
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
