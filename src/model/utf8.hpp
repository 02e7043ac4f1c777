// Checks that input text is UTF-8 without NUL bytes, and says where it is not.
#ifndef CCHC_SRC_MODEL_UTF8_HPP
#define CCHC_SRC_MODEL_UTF8_HPP

#include <cstdint>
#include <string>
#include <string_view>

namespace cchc {
inline namespace v1 {
namespace detail {

struct TextProblem {
  std::uint32_t line = 0;    // 1-based; 0 = no problem
  std::uint32_t column = 0;  // 1-based byte column
  std::string message;
};

/// The first NUL byte or invalid UTF-8 sequence (overlong, surrogate, truncated) in `text`.
TextProblem check_text(std::string_view text) noexcept;

struct TextScan {
  TextProblem problem;       // line 0: none
  std::uint32_t newlines = 0;  // in the whole text (when there is no problem)
};
/// check_text, also counting the newlines: one pass for the loader's slices of a file.
TextScan scan_text(std::string_view text) noexcept;

/// The character column (1-based) of byte column `byte_column` on line `line` of `text`: what an
/// editor shows, where a Vietnamese letter is one column but 2 or 3 bytes.
std::uint32_t character_column(std::string_view text, std::uint32_t line, std::uint32_t byte_column) noexcept;

/// How many characters a terminal shows for a UTF-8 string (combining marks count zero).
std::size_t display_width(std::string_view text) noexcept;

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
