// Reading a case's expected.csv: the published table, as printed, never computed.
#ifndef CCHC_EXAMPLES_PUBLISHED_TABLE_HPP
#define CCHC_EXAMPLES_PUBLISHED_TABLE_HPP

#include <string>
#include <vector>

namespace reproduce {

/// One row of `group,rank,code,name,total,index,band`, every cell the published string.
/// A row without code is a summary line of the table (Bình Dương's mean index).
struct PublishedRow {
  int line = 0;  ///< physical line of the row in expected.csv (the header is line 1)
  std::string group, rank, code, name, total, index, band;
};

/// The rows of expected.csv; throws std::runtime_error naming the file and line when the
/// file cannot be read, is not RFC 4180 CSV or lacks one of the seven columns.
std::vector<PublishedRow> read_published_table(const std::string& path);

}  // namespace reproduce

#endif
