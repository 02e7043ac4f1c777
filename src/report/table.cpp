#include "report/table.hpp"

#include <algorithm>

#include "i18n/translate.hpp"
#include "model/unicode.hpp"
#include "model/utf8.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

std::string text_safe(std::string_view text) { return escape_invisible(text); }

namespace {

// Appends `text` with Markdown's inline syntax escaped (only ASCII bytes change, so UTF-8 and
// invisible characters pass through for escape_invisible to show after);
// `hash` also escapes '#' (a heading's closing sequence would eat trailing ones).
void append_markdown(std::string& out, std::string_view text, bool hash) {
  for (char ch : text) {
    switch (ch) {
      case '\\': case '|': case '`': case '*': case '_': case '[': case ']': case '~':
        out += '\\';
        out += ch;
        break;
      case '#':
        if (hash) out += '\\';
        out += ch;
        break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      default: out += ch;
    }
  }
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

}  // namespace

// Markdown's syntax is escaped first, on the text as given, and invisible characters are
// shown as <U+XXXX> after, so that the marker reads the same as in a text table (CommonMark
// takes "<U+001B>" as text: it is neither a tag nor an autolink).
std::string markdown_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  append_markdown(out, text, false);
  return escape_invisible(out);
}

std::string markdown_line(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  // A list item ("- ", "+ ", "1. ", "1) ") or a setext underline ("=") would start a block.
  if (!text.empty() && (text[0] == '-' || text[0] == '+' || text[0] == '=')) {
    out += '\\';
    out += text[0];
    text.remove_prefix(1);
  } else {
    std::size_t digits = 0;
    while (digits < text.size() && is_digit(text[digits])) ++digits;
    if (digits > 0 && digits < text.size() && (text[digits] == '.' || text[digits] == ')')) {
      out.append(text.substr(0, digits));
      out += '\\';
      out += text[digits];
      text.remove_prefix(digits + 1);
    }
  }
  append_markdown(out, text, true);
  return escape_invisible(out);
}

char csv_separator(const ReportOptions& options) noexcept { return options.decimal_comma() ? ';' : ','; }

char decimal_point(const ReportOptions& options, Format format) noexcept {
  return options.decimal_comma() && format != Format::json ? ',' : '.';
}

namespace {
// A number as cchc writes it ("-0.50", "95,39", "12", or nothing): safe in a numeric column.
bool is_written_number(std::string_view s) noexcept {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  if (s.empty()) return true;
  std::size_t i = 0;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i == 0) return false;
  if (i == s.size()) return true;
  if (s[i] != '.' && s[i] != ',') return false;
  const std::size_t fraction = ++i;
  while (i < s.size() && is_digit(s[i])) ++i;
  return i == s.size() && i > fraction;
}
}  // namespace

std::string number_text(std::string_view text, const ReportOptions& options) {
  std::string out(text);
  if (!options.decimal_comma() || out.empty()) return out;
  std::string_view number = text;
  if (number.back() == '%') number.remove_suffix(1);
  if (number.empty() || !is_written_number(number)) return out;
  std::replace(out.begin(), out.end(), '.', ',');
  return out;
}

std::string csv_text(std::string_view text) {
  std::string out;
  if (!text.empty()) {
    const char c = text.front();
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') out += '\'';
  }
  out.append(text);
  return out;
}

std::vector<std::string> translated(const std::vector<std::string>& header) {
  std::vector<std::string> out;
  out.reserve(header.size());
  for (const std::string& h : header) out.emplace_back(h.empty() ? h : std::string(tr(h.c_str())));
  return out;
}

void render_text(std::ostream& out, const Table& t) {
  if (!t.title.empty()) out << text_safe(tr(t.title.c_str())) << '\n';
  auto safe_row = [](const std::vector<std::string>& cells) {
    std::vector<std::string> row;
    row.reserve(cells.size());
    for (const std::string& c : cells) row.push_back(text_safe(c));
    return row;
  };
  const std::vector<std::string> header = safe_row(translated(t.header));
  std::vector<std::vector<std::string>> rows;
  rows.reserve(t.rows.size());
  for (const auto& r : t.rows) rows.push_back(safe_row(r));
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) width[c] = display_width(header[c]);
  for (const auto& row : rows)
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
  line(header);
  std::string rule;
  for (std::size_t c = 0; c < width.size(); ++c) {
    if (c > 0) rule += "  ";
    rule.append(width[c], '-');
  }
  out << rule << '\n';
  for (const auto& row : rows) line(row);
}

void render_markdown(std::ostream& out, const Table& t) {
  if (!t.title.empty()) out << "### " << markdown_line(tr(t.title.c_str())) << "\n\n";
  out << '|';
  for (const auto& h : translated(t.header)) out << ' ' << markdown_text(h) << " |";
  out << "\n|";
  for (std::size_t c = 0; c < t.header.size(); ++c) out << (c < t.numeric.size() && t.numeric[c] ? "---:|" : "---|");
  out << '\n';
  for (const auto& row : t.rows) {
    out << '|';
    for (const auto& cell : row) out << ' ' << markdown_text(cell) << " |";
    out << '\n';
  }
  out << '\n';
}

void write_csv_field(std::ostream& out, std::string_view f, char separator) {
  // ',' and ';' are quoted with either separator, so that a file opened with the other
  // list separator still keeps its columns.
  const bool quote = f.find_first_of(",;\"\r\n") != std::string_view::npos || f.find(separator) != std::string_view::npos;
  if (!quote) {
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

void render_csv(std::ostream& out, const Table& t, const ReportOptions& options, bool header) {
  const char separator = csv_separator(options);
  auto row = [&](const std::vector<std::string>& cells, bool text_only) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) out << separator;
      // A number cchc wrote holds no quote, and no separator: "95,39" only with ';'.
      if (!text_only && c < t.numeric.size() && t.numeric[c] && is_written_number(cells[c])) out << cells[c];
      else write_csv_field(out, csv_text(cells[c]), separator);
    }
    out << "\r\n";
  };
  if (header) row(t.header, true);
  for (const auto& r : t.rows) row(r, false);
}

void render_csv(std::ostream& out, const Table& t, bool header) { render_csv(out, t, ReportOptions{}, header); }

namespace {
// The code point of the 2- or 3-byte UTF-8 sequence at s[i] (checked), or 0 if there is none.
char32_t decode_short(std::string_view s, std::size_t i, std::size_t& length) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) {
    return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0u) == 0x80u;
  };
  if (b0 >= 0xC2 && b0 <= 0xDF && cont(1)) {
    length = 2;
    return static_cast<char32_t>(((b0 & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu));
  }
  if (b0 >= 0xE0 && b0 <= 0xEF && cont(1) && cont(2)) {
    length = 3;
    return static_cast<char32_t>(((b0 & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
                                 (static_cast<unsigned char>(s[i + 2]) & 0x3Fu));
  }
  return 0;
}
}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // start of the current run of characters that need no escape
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') continue;
    char32_t code = c;
    std::size_t length = 1;
    if (c >= 0x80) {
      // Only C2 (C1 controls), D8 (U+061C), E2 (U+200B.., U+2028.., U+2060..) and EF
      // (U+FEFF) start an invisible character; the rest of UTF-8 is copied as it is.
      if (c != 0xC2 && c != 0xD8 && c != 0xE2 && c != 0xEF) continue;
      code = decode_short(s, i, length);
      if (code == 0 || !is_invisible(code)) continue;
    }
    out.append(s.data() + run, i - run);
    run = i + length;
    i += length - 1;
    switch (code) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u";
        out.push_back(hex[(code >> 12) & 15u]);
        out.push_back(hex[(code >> 8) & 15u]);
        out.push_back(hex[(code >> 4) & 15u]);
        out.push_back(hex[code & 15u]);
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
