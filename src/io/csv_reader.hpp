// A small RFC 4180 reader: BOM, CRLF, quoted fields, ',' or ';' chosen from the header.
#ifndef CCHC_SRC_IO_CSV_READER_HPP
#define CCHC_SRC_IO_CSV_READER_HPP

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cchc {
inline namespace v1 {
namespace detail {

struct CsvRecord {
  std::vector<std::string_view> fields;  // valid until the next call to next()
  std::uint32_t row = 0;                 // 1-based record number; the header is row 1
  std::uint32_t line = 0;                // physical line where the record starts
};

class CsvReader {
 public:
  /// `text` must outlive the reader. The separator is the one of ',' and ';' that occurs
  /// more often outside quotes in the first record (',' on a tie).
  explicit CsvReader(std::string_view text);
  /// A reader for a slice of a file that starts at a record boundary: the separator is
  /// known, and rows are numbered on from `rows_before`.
  CsvReader(std::string_view slice, char separator, std::uint32_t rows_before, std::uint32_t lines_before);
  /// The offset in the text just after the last record read.
  std::size_t position() const noexcept { return pos_; }
  /// Rows read so far (the header is row 1; blank lines count).
  std::uint32_t rows() const noexcept { return row_; }
  /// Physical lines before the next record.
  std::uint32_t lines() const noexcept { return line_ - 1; }
  /// The text after the BOM (what positions refer to).
  std::string_view text() const noexcept { return text_; }

  char separator() const noexcept { return separator_; }
  /// The next non-empty record; false at the end or on a malformed record (see error()).
  bool next(CsvRecord& record);
  /// Non-empty after next() returned false on a malformed record: the message, with
  /// error_row()/error_column() (1-based field number) where it happened.
  const std::string& error() const noexcept { return error_; }
  std::uint32_t error_row() const noexcept { return error_row_; }
  std::uint32_t error_column() const noexcept { return error_column_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::uint32_t row_ = 0;
  std::uint32_t line_ = 1;
  char separator_ = ',';
  std::string scratch_;  // unescaped quoted fields of the current record
  // Field boundaries of the current record, into text_ or (quoted) into scratch_; kept
  // between records so that reading allocates nothing per row.
  std::vector<std::pair<std::size_t, std::size_t>> spans_;
  std::vector<char> in_scratch_;
  std::string error_;
  std::uint32_t error_row_ = 0;
  std::uint32_t error_column_ = 0;
};

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
