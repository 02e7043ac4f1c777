#include "io/csv_reader.hpp"

#include <cstring>

#include "i18n/format.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cchc {
inline namespace v1 {
namespace detail {

namespace {

// The first separator, newline, carriage return or quote in [p, end), or end. Every byte of
// a national evidence file passes through here, so 16 bytes are compared at a time where
// the target has SSE2 (every x86-64).
inline const char* find_delimiter(const char* p, const char* const end, const char sep) noexcept {
#if defined(__SSE2__)
  const __m128i seps = _mm_set1_epi8(sep), newlines = _mm_set1_epi8('\n'), returns = _mm_set1_epi8('\r'),
                quotes = _mm_set1_epi8('"');
  for (; end - p >= 16; p += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, seps), _mm_cmpeq_epi8(block, newlines)),
                                      _mm_or_si128(_mm_cmpeq_epi8(block, returns), _mm_cmpeq_epi8(block, quotes)));
    const int mask = _mm_movemask_epi8(hits);
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
  }
#endif
  for (; p != end; ++p) {
    const char c = *p;
    if (c == sep || c == '\n' || c == '\r' || c == '"') return p;
  }
  return end;
}

}  // namespace

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.size() >= 3 && text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
  std::size_t commas = 0, semicolons = 0;
  bool quoted = false;
  for (const char c : text_) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && (c == '\n' || c == '\r')) break;
    else if (!quoted && c == ',') ++commas;
    else if (!quoted && c == ';') ++semicolons;
  }
  separator_ = semicolons > commas ? ';' : ',';
}

CsvReader::CsvReader(std::string_view slice, char separator, std::uint32_t rows_before, std::uint32_t lines_before)
    : text_(slice), row_(rows_before), line_(lines_before + 1), separator_(separator) {}

bool CsvReader::next(CsvRecord& record) {
  while (pos_ < text_.size()) {
    record.fields.clear();
    scratch_.clear();
    ++row_;
    record.row = row_;
    record.line = line_;
    // Fast path, for almost every row: a line without quotes (nor a carriage return other
    // than before its newline) splits at the separators.
    {
      const char* const begin = text_.data() + pos_;
      const char* const end = text_.data() + text_.size();
      const char sep = separator_;
      const char* field = begin;
      const char* p = begin;
      bool plain = true;
      for (;;) {
        p = find_delimiter(p, end, sep);
        if (p == end) break;
        const char c = *p;
        if (c == sep) {
          record.fields.emplace_back(field, static_cast<std::size_t>(p - field));
          field = ++p;
          continue;
        }
        if (c == '\r') plain = p + 1 != end && p[1] == '\n';  // CRLF: the line ends here
        else plain = c == '\n';                                  // a quote: the careful path
        break;
      }
      if (plain) {
        record.fields.emplace_back(field, static_cast<std::size_t>(p - field));
        if (p != end && *p == '\r') ++p;  // the CR of a CRLF
        const bool newline = p != end;
        pos_ = static_cast<std::size_t>(p - text_.data()) + (newline ? 1 : 0);
        if (newline) ++line_;
        if (record.fields.size() == 1 && record.fields[0].empty()) continue;  // a blank line
        return true;
      }
      record.fields.clear();
    }
    auto& spans = spans_;
    auto& in_scratch = in_scratch_;
    spans.clear();
    in_scratch.clear();
    bool end_of_record = false;
    while (!end_of_record) {
      if (pos_ < text_.size() && text_[pos_] == '"') {
        const std::uint32_t start_line = line_;
        const std::size_t begin = scratch_.size();
        ++pos_;
        bool closed = false;
        while (pos_ < text_.size()) {
          const char c = text_[pos_];
          if (c == '"') {
            if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
              scratch_.push_back('"');
              pos_ += 2;
              continue;
            }
            ++pos_;
            closed = true;
            break;
          }
          if (c == '\n') ++line_;
          scratch_.push_back(c);
          ++pos_;
        }
        if (!closed) {
          error_ = trf("unclosed quote: a field opened with \" on line {line} is never closed", fmt::arg("line", start_line));
          error_row_ = row_;
          error_column_ = static_cast<std::uint32_t>(spans.size() + 1);
          return false;
        }
        spans.emplace_back(begin, scratch_.size());
        in_scratch.push_back(1);
        if (pos_ < text_.size() && text_[pos_] != separator_ && text_[pos_] != '\n' && text_[pos_] != '\r') {
          error_ = tr("unexpected text after a closing quote (write \"\" for a quote inside a quoted field)");
          error_row_ = row_;
          error_column_ = static_cast<std::uint32_t>(spans.size());
          return false;
        }
      } else {
        const std::size_t begin = pos_;
        // The hot loop of every load: scan with local pointers until a delimiter.
        const char* p = text_.data() + pos_;
        const char* const end = text_.data() + text_.size();
        const char sep = separator_;
        while (p != end && *p != sep && *p != '\n' && *p != '\r' && *p != '"') ++p;
        pos_ = static_cast<std::size_t>(p - text_.data());
        if (p != end && *p == '"') {
          error_ = tr("a quote inside an unquoted field (quote the whole field and double the quote)");
          error_row_ = row_;
          error_column_ = static_cast<std::uint32_t>(spans.size() + 1);
          return false;
        }
        spans.emplace_back(begin, pos_);
        in_scratch.push_back(0);
      }
      if (pos_ >= text_.size()) {
        end_of_record = true;
      } else if (text_[pos_] == separator_) {
        ++pos_;
      } else {
        if (text_[pos_] == '\r') ++pos_;
        if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
        ++line_;
        end_of_record = true;
      }
    }
    for (std::size_t i = 0; i < spans.size(); ++i) {
      const auto [b, e] = spans[i];
      record.fields.push_back(in_scratch[i] != 0 ? std::string_view(scratch_).substr(b, e - b) : text_.substr(b, e - b));
    }
    const bool empty = record.fields.size() == 1 && record.fields[0].empty() && in_scratch[0] == 0;
    if (empty) continue;  // a blank line is skipped (it still counts as a row, as in a spreadsheet)
    return true;
  }
  return false;
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
