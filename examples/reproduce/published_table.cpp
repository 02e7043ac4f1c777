#include "published_table.hpp"

#include <array>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace reproduce {
namespace {

struct CsvRecord {
  int line = 0;
  std::vector<std::string> cells;
};

// RFC 4180 as the published folders use it: comma separated, double quotes around a cell
// that holds a comma ("Ban Quản lý Khu Kinh tế, công nghiệp tỉnh"), "" for a quote inside.
std::vector<CsvRecord> parse_csv(const std::string& text, const std::string& path) {
  std::vector<CsvRecord> records;
  std::size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;  // Excel's BOM
  int line = 1;
  while (i < text.size()) {
    CsvRecord record{line, {}};
    std::string cell;
    bool quoted = false;
    bool record_done = false;
    while (!record_done) {
      if (i >= text.size()) {
        if (quoted) throw std::runtime_error(path + ":" + std::to_string(record.line) + ": unterminated quote");
        record.cells.push_back(cell);
        record_done = true;
        break;
      }
      const char c = text[i++];
      if (quoted) {
        if (c == '"' && i < text.size() && text[i] == '"') {
          cell += '"';
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') ++line;
          cell += c;
        }
      } else if (c == '"' && cell.empty()) {
        quoted = true;
      } else if (c == ',') {
        record.cells.push_back(cell);
        cell.clear();
      } else if (c == '\r' && i < text.size() && text[i] == '\n') {
        // CRLF: the '\n' ends the record on the next turn.
      } else if (c == '\n') {
        ++line;
        record.cells.push_back(cell);
        record_done = true;
      } else {
        cell += c;
      }
    }
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace

std::vector<PublishedRow> read_published_table(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error(path + ": cannot open");
  std::ostringstream text;
  text << file.rdbuf();
  const auto records = parse_csv(text.str(), path);
  if (records.empty()) throw std::runtime_error(path + ": empty file");

  static const std::array<const char*, 7> columns = {"group", "rank", "code", "name", "total", "index", "band"};
  std::array<std::size_t, 7> position{};
  const auto& header = records.front().cells;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    std::size_t found = header.size();
    for (std::size_t h = 0; h < header.size(); ++h)
      if (header[h] == columns[c]) found = h;
    if (found == header.size()) throw std::runtime_error(path + ":1: no column '" + columns[c] + "'");
    position[c] = found;
  }

  std::vector<PublishedRow> rows;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& cells = records[r].cells;
    if (cells.size() == 1 && cells[0].empty()) continue;  // a blank line
    if (cells.size() != header.size())
      throw std::runtime_error(path + ":" + std::to_string(records[r].line) + ": " + std::to_string(cells.size()) +
                               " cells, the header has " + std::to_string(header.size()));
    rows.push_back({records[r].line, cells[position[0]], cells[position[1]], cells[position[2]], cells[position[3]],
                    cells[position[4]], cells[position[5]], cells[position[6]]});
  }
  return rows;
}

}  // namespace reproduce
