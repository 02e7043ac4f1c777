// A plain table (title, header, rows of text) and its renderings: aligned text, Markdown, CSV;
// and the escaping each output needs so that no name, title or value can move a terminal's
// cursor, break a Markdown table or run as a formula in a spreadsheet.
#ifndef CCHC_SRC_REPORT_TABLE_HPP
#define CCHC_SRC_REPORT_TABLE_HPP

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "cchc/report/report.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

struct Table {
  std::string title;
  std::vector<std::string> header;
  /// Columns of numbers cchc wrote: right-aligned in text and Markdown, and left as they are
  /// in CSV (a text column's cell that starts like a formula gets an apostrophe there).
  std::vector<bool> numeric;
  std::vector<std::vector<std::string>> rows;
};

/// Text for a terminal or a text report: every invisible or control character (ESC, BEL, CR,
/// LF, NUL, bidi overrides, zero-width characters) shown as <U+XXXX>, invalid UTF-8 as <0xNN>.
std::string text_safe(std::string_view text);

/// Text inside a Markdown table cell or a heading, rendered literally and on one line:
/// invisible characters shown as text_safe does; `\ | ` * _ [ ] # ~` escaped with a
/// backslash; `< > &` written as entities (no raw HTML). Letters, digits, '.', '-', ',' and
/// spaces are untouched, so "Xã Đại Đồng" and "-0.50" read as they are.
std::string markdown_text(std::string_view text);
/// markdown_text, and a start that would open a block in a paragraph ("- ", "+ ", "1. ",
/// "2) ") escaped: for headings and lines of text.
std::string markdown_line(std::string_view text);

/// The separator and decimal point of CSV output: `,` and `.`, or with `decimal_comma`
/// (Excel in a Vietnamese locale) `;` and `,`.
char csv_separator(const ReportOptions& options) noexcept;
/// The decimal point for numbers in `format`: ',' with `decimal_comma` in every format but JSON.
char decimal_point(const ReportOptions& options, Format format) noexcept;

/// A number written as text by an analysis (a gap's next value: "52.5", "91%") with the
/// decimal point of `options` (as `decimal_point` gives for CSV); other text as it is.
std::string number_text(std::string_view text, const ReportOptions& options);

/// A text cell that Excel would run as a formula (it starts with '=', '+', '-', '@', TAB
/// or CR) with an apostrophe in front (OWASP's guidance on CSV injection); other text as is.
std::string csv_text(std::string_view text);

/// The header's cells in the current language (i18n/translate.hpp); the human renderers
/// (text, Markdown, HTML) show headers and titles translated, CSV keeps the identifiers.
std::vector<std::string> translated(const std::vector<std::string>& header);

void render_text(std::ostream& out, const Table& table);
void render_markdown(std::ostream& out, const Table& table);
/// CSV rows (header first unless `header` is false), RFC 4180 quoting, `,`-separated (or
/// `;` with `options.decimal_comma`); header and text cells pass through csv_text, cells of
/// numeric columns are written as they are.
void render_csv(std::ostream& out, const Table& table, const ReportOptions& options, bool header = true);
/// The same with `,` as separator.
void render_csv(std::ostream& out, const Table& table, bool header = true);
/// One field, quoted when it holds the separator, a quote, CR or LF.
void write_csv_field(std::ostream& out, std::string_view field, char separator = ',');
/// A JSON string: quotes, backslash and every C0 control escaped, and also DEL, C1 controls,
/// U+2028, U+2029, bidi controls and zero-width characters as \uXXXX (valid JSON either way,
/// but safe to print and to embed in JavaScript).
void write_json_string(std::ostream& out, std::string_view s);
void append_json_string(std::string& out, std::string_view s);
/// `"warnings": [...]`, one diagnostic_json object a line: the last key of every JSON report.
std::string warnings_json(const std::vector<Diagnostic>& warnings);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
