// A plain table (title, header, rows of text) and its renderings: aligned text, Markdown, CSV.
#ifndef CCHC_SRC_REPORT_TABLE_HPP
#define CCHC_SRC_REPORT_TABLE_HPP

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace cchc {
inline namespace v1 {
namespace detail {

struct Table {
  std::string title;
  std::vector<std::string> header;
  std::vector<bool> numeric;  // right-aligned columns
  std::vector<std::vector<std::string>> rows;
};

void render_text(std::ostream& out, const Table& table);
void render_markdown(std::ostream& out, const Table& table);
/// CSV rows (header first unless `header` is false), RFC 4180 quoting.
void render_csv(std::ostream& out, const Table& table, bool header = true);
void write_csv_field(std::ostream& out, std::string_view field);
void write_json_string(std::ostream& out, std::string_view s);
void append_json_string(std::string& out, std::string_view s);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
