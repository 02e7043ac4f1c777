// A workbook written with libxlsxwriter and streamed into an std::ostream, so that `.xlsx`
// output goes through the same path as every other format (the command's temporary file
// and rename: written whole or not at all). libxlsxwriter writes only to a file name: the
// book is written to a private temporary file (mkstemp, 0600, in $TMPDIR), copied to the
// stream and removed.
#ifndef CCHC_SRC_REPORT_XLSX_BOOK_HPP
#define CCHC_SRC_REPORT_XLSX_BOOK_HPP

#include <cstdint>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cchc/model/criteria_set.hpp"
#include "cchc/model/decimal.hpp"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace cchc {
inline namespace v1 {
namespace detail {

/// One sheet being written: cells by 0-based row and column.
class XlsxSheet {
 public:
  XlsxSheet(lxw_worksheet* sheet, class XlsxBook& book, std::string name) : sheet_(sheet), book_(&book), name_(std::move(name)) {}
  /// The sheet's name as written (made valid and unique by the book).
  const std::string& name() const noexcept { return name_; }
  /// Text, always a text cell (an id "1.1" stays text, never a date or a number).
  void text(std::uint32_t row, std::uint16_t col, std::string_view value, lxw_format* format = nullptr);
  /// A number cell shown with the set's places (never text).
  void number(std::uint32_t row, std::uint16_t col, Decimal value, lxw_format* format = nullptr);
  void integer(std::uint32_t row, std::uint16_t col, std::int64_t value, lxw_format* format = nullptr);
  /// A formula with its value cached: `value` is cchc's exact figure.
  void formula(std::uint32_t row, std::uint16_t col, const std::string& formula, Decimal value, lxw_format* format = nullptr);
  /// The title row (row 0): the set's title, year and id, bold.
  void title(const CriteriaSet& set, std::string_view subtitle, std::uint16_t last_col);
  /// A header row, bold and bordered, frozen with everything above it unless `freeze` is
  /// false (a second table further down the sheet).
  void header(std::uint32_t row, const std::vector<std::string>& names, bool freeze = true);
  /// Columns sized to their widest cell (in characters, not bytes), within [6, max_width];
  /// wider text wraps.
  void fit_columns(double max_width = 60);
  lxw_worksheet* raw() const noexcept { return sheet_; }

 private:
  void seen(std::uint16_t col, std::size_t chars);
  lxw_worksheet* sheet_;
  XlsxBook* book_;
  std::string name_;
  std::vector<std::size_t> widths_;
};

/// The workbook and its shared formats.
class XlsxBook {
 public:
  /// Opens the temporary file; throws std::runtime_error when it cannot.
  explicit XlsxBook(const CriteriaSet& set);
  ~XlsxBook();
  XlsxBook(const XlsxBook&) = delete;
  XlsxBook& operator=(const XlsxBook&) = delete;

  /// A new sheet; the name is made valid (at most 31 characters, none of []:*?/\) and unique.
  XlsxSheet add_sheet(std::string_view wanted);
  /// Closes the book and copies it to `out`; throws std::runtime_error on failure.
  void finish(std::ostream& out);

  lxw_workbook* raw() const noexcept { return book_; }
  lxw_format* bold() const noexcept { return bold_; }
  lxw_format* header() const noexcept { return header_; }
  lxw_format* title() const noexcept { return title_; }
  lxw_format* wrap() const noexcept { return wrap_; }
  /// Numbers with the set's places ("0.00").
  lxw_format* number() const noexcept { return number_; }
  lxw_format* number_bold() const noexcept { return number_bold_; }
  /// Text indented by `level` (0..), bold when `strong` (a field's row).
  lxw_format* indented(int level, bool strong);
  /// A format made here, owned by the book.
  lxw_format* new_format();

 private:
  lxw_workbook* book_ = nullptr;
  std::string path_;
  int places_;
  lxw_format* bold_ = nullptr;
  lxw_format* header_ = nullptr;
  lxw_format* title_ = nullptr;
  lxw_format* wrap_ = nullptr;
  lxw_format* number_ = nullptr;
  lxw_format* number_bold_ = nullptr;
  std::map<std::pair<int, bool>, lxw_format*> indents_;
  std::set<std::string> sheet_names_;
};

/// "A1" style reference of a 0-based cell.
std::string cell_name(std::uint32_t row, std::uint16_t col);
/// The column's letters ("A", "AB") of a 0-based column.
std::string column_name(std::uint16_t col);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
