// Reading one sheet of an Excel workbook (.xlsx) as the table the CSV readers take: a CSV
// record per sheet row (blank rows kept, so that a record's row is the sheet's row) and a
// field per column from A, so that a CSV location (row, field) is the cell (row, column).
// liborcus parses the workbook; before it unpacks anything, the zip's central directory is
// checked against the limits below (a zip bomb is refused without being inflated).
#ifndef CCHC_SRC_IO_WORKBOOK_READER_HPP
#define CCHC_SRC_IO_WORKBOOK_READER_HPP

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cchc/model/diagnostic.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

/// Limits on a workbook, so that a hostile or mistaken file costs a bounded time and memory.
inline constexpr std::size_t max_workbook_part_bytes = std::size_t{64} << 20;   ///< one part, unpacked
inline constexpr std::size_t max_workbook_bytes = std::size_t{128} << 20;       ///< all parts, unpacked
inline constexpr std::size_t max_workbook_ratio = 100;  ///< unpacked / packed, for parts over 1 MiB
inline constexpr std::size_t max_workbook_parts = 10000;
inline constexpr std::size_t max_workbook_cells = std::size_t{4} << 20;          ///< cells of one sheet
inline constexpr std::size_t max_cell_characters = 32767;                        ///< Excel's own limit

/// A zip archive (a workbook, or another Office file): the bytes start "PK\3\4".
bool looks_like_zip(std::string_view bytes) noexcept;
/// An OLE compound document: an encrypted workbook or an Excel 97-2003 .xls.
bool looks_like_ole(std::string_view bytes) noexcept;
/// Whether the file name ends in .xlsx/.xlsm/.xls (any case): named as a workbook.
bool named_as_workbook(std::string_view path) noexcept;

struct SheetTable {
  std::string sheet;  ///< the sheet read
  std::string csv;    ///< its cells as CSV text, ',' separated, every field quoted
};

/// The sheet `wanted` (empty: the first) of the workbook in `bytes` as CSV, or the problems
/// (at least one) that keep it from being read, located at `file` and the sheet and cell.
std::optional<SheetTable> read_workbook_sheet(std::string_view bytes, const std::string& file, const std::string& wanted,
                                              std::vector<Diagnostic>& problems);

/// The shortest decimal text that reads back as `value` ("0.1", "12", "-3.25"), in fixed
/// notation; with `percent`, the same number × 100 followed by '%' ("91.6%"), the decimal
/// point moved in the text, so no rounding is added.
std::string shortest_decimal(double value, bool percent = false);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
