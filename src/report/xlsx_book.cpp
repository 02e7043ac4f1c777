#include "report/xlsx_book.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <unistd.h>

#include <xlsxwriter.h>

#include "i18n/format.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {
namespace {

// Excel's limit on a cell's text; longer text is cut at a character boundary.
constexpr std::size_t max_cell_text = 32767;

std::size_t characters(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

std::string cell_text(std::string_view s) {
  if (s.size() <= max_cell_text) return std::string(s);
  std::size_t cut = max_cell_text;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut));
}

void check(lxw_error error, const char* what) {
  if (error != LXW_NO_ERROR) throw std::runtime_error(std::string("cannot write the workbook: ") + what + ": " + lxw_strerror(error));
}

}  // namespace

std::string column_name(std::uint16_t col) {
  std::string name;
  for (unsigned c = col + 1u; c > 0; c = (c - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
  return name;
}

std::string cell_name(std::uint32_t row, std::uint16_t col) { return column_name(col) + std::to_string(row + 1); }

// ---------------------------------------------------------------------------------------
void XlsxSheet::seen(std::uint16_t col, std::size_t chars) {
  if (widths_.size() <= col) widths_.resize(col + 1u, 0);
  widths_[col] = std::max(widths_[col], chars);
}

void XlsxSheet::text(std::uint32_t row, std::uint16_t col, std::string_view value, lxw_format* format) {
  const std::string t = cell_text(value);
  check(worksheet_write_string(sheet_, row, col, t.c_str(), format), "a text cell");
  seen(col, characters(t));
}

void XlsxSheet::number(std::uint32_t row, std::uint16_t col, Decimal value, lxw_format* format) {
  // The double nearest the exact decimal: Excel shows it with the set's places exactly.
  check(worksheet_write_number(sheet_, row, col, value.to_double(), format ? format : book_->number()), "a number cell");
  seen(col, value.to_string().size());
}

void XlsxSheet::integer(std::uint32_t row, std::uint16_t col, std::int64_t value, lxw_format* format) {
  check(worksheet_write_number(sheet_, row, col, static_cast<double>(value), format), "a number cell");
  seen(col, std::to_string(value).size());
}

void XlsxSheet::formula(std::uint32_t row, std::uint16_t col, const std::string& formula, Decimal value, lxw_format* format) {
  check(worksheet_write_formula_num(sheet_, row, col, formula.c_str(), format ? format : book_->number(), value.to_double()),
        "a formula cell");
  seen(col, value.to_string().size());
}

void XlsxSheet::title(const CriteriaSet& set, std::string_view subtitle, std::uint16_t last_col) {
  std::string line = set.title();
  if (set.year()) line += trf(" — year {year}", fmt::arg("year", *set.year()));
  line += " (" + set.id() + ")";
  if (!subtitle.empty()) line += " — " + std::string(subtitle);
  const std::string t = cell_text(line);
  // The title spans the table's columns, so that it never widens the first one.
  if (last_col > 0) check(worksheet_merge_range(sheet_, 0, 0, 0, last_col, t.c_str(), book_->title()), "the title row");
  else check(worksheet_write_string(sheet_, 0, 0, t.c_str(), book_->title()), "the title row");
}

void XlsxSheet::header(std::uint32_t row, const std::vector<std::string>& names, bool freeze) {
  for (std::size_t c = 0; c < names.size(); ++c) text(row, static_cast<std::uint16_t>(c), names[c], book_->header());
  if (freeze) worksheet_freeze_panes(sheet_, row + 1, 0);
}

void XlsxSheet::fit_columns(double max_width) {
  for (std::size_t c = 0; c < widths_.size(); ++c) {
    // Vietnamese letters with two diacritics are no wider than plain ones: a character is a
    // character; a little room for the filter arrow and the padding.
    const double want = std::clamp(static_cast<double>(widths_[c]) * 1.1 + 2, 6.0, max_width);
    worksheet_set_column(sheet_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), want,
                         want >= max_width ? book_->wrap() : nullptr);
  }
}

// ---------------------------------------------------------------------------------------
XlsxBook::XlsxBook(const CriteriaSet& set) : places_(set.rounding().places) {
  const char* dir = std::getenv("TMPDIR");
  std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/cchc-xlsx-XXXXXX";
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for the workbook: " + std::string(std::strerror(errno)));
  ::close(fd);
  path_ = pattern;
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = nullptr;
  book_ = workbook_new_opt(path_.c_str(), &options);
  if (!book_) {
    ::unlink(path_.c_str());
    throw std::runtime_error("cannot create the workbook");
  }
  std::string places_format = places_ > 0 ? "0." + std::string(static_cast<std::size_t>(places_), '0') : "0";
  bold_ = new_format();
  format_set_bold(bold_);
  title_ = new_format();
  format_set_bold(title_);
  format_set_font_size(title_, 13);
  header_ = new_format();
  format_set_bold(header_);
  format_set_text_wrap(header_);
  format_set_align(header_, LXW_ALIGN_CENTER);
  format_set_align(header_, LXW_ALIGN_VERTICAL_CENTER);
  format_set_border(header_, LXW_BORDER_THIN);
  format_set_bg_color(header_, 0xDDEBF7);
  wrap_ = new_format();
  format_set_text_wrap(wrap_);
  format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
  number_ = new_format();
  format_set_num_format(number_, places_format.c_str());
  number_bold_ = new_format();
  format_set_num_format(number_bold_, places_format.c_str());
  format_set_bold(number_bold_);
}

XlsxBook::~XlsxBook() {
  if (book_) {
    // Not finished (an exception on the way): close to free it, and remove the file.
    workbook_close(book_);
  }
  if (!path_.empty()) ::unlink(path_.c_str());
}

lxw_format* XlsxBook::new_format() { return workbook_add_format(book_); }

lxw_format* XlsxBook::indented(int level, bool strong) {
  auto& f = indents_[{level, strong}];
  if (!f) {
    f = new_format();
    if (level > 0) format_set_indent(f, static_cast<std::uint8_t>(std::min(level, 15)));
    if (strong) format_set_bold(f);
    format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
  }
  return f;
}

XlsxSheet XlsxBook::add_sheet(std::string_view wanted) {
  std::string name;
  for (const char c : wanted) name += std::strchr("[]:*?/\\", c) ? '_' : c;
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  while (!name.empty() && name.back() == '\'') name.pop_back();
  if (name.empty()) name = "Sheet";
  // At most 31 characters, cut at a character boundary; a number added when taken.
  auto cut = [](std::string s, std::size_t chars) {
    std::size_t n = 0, i = 0;
    for (; i < s.size(); ++i)
      if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && n++ == chars) break;
    s.resize(i);
    return s;
  };
  std::string unique = cut(name, 31);
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  // "History" is reserved by Excel.
  for (int k = 2; sheet_names_.count(lower(unique)) != 0 || lower(unique) == "history"; ++k) {
    const std::string suffix = " (" + std::to_string(k) + ")";
    unique = cut(name, 31 - suffix.size()) + suffix;
  }
  sheet_names_.insert(lower(unique));
  lxw_worksheet* sheet = workbook_add_worksheet(book_, unique.c_str());
  if (!sheet) throw std::runtime_error("cannot add the sheet '" + unique + "' to the workbook");
  return XlsxSheet(sheet, *this, unique);
}

void XlsxBook::finish(std::ostream& out) {
  lxw_workbook* book = book_;
  book_ = nullptr;
  check(workbook_close(book), "closing it");
  std::FILE* f = std::fopen(path_.c_str(), "rb");
  if (!f) throw std::runtime_error("cannot read the workbook back: " + std::string(std::strerror(errno)));
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) out.write(buffer, static_cast<std::streamsize>(n));
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) throw std::runtime_error("cannot read the workbook back");
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
