#include "model/utf8.hpp"

#include <cstring>

#include "i18n/translate.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

// The messages are English msgids: the readers translate them where they report them.

TextProblem check_text(std::string_view text) noexcept { return scan_text(text).problem; }

TextScan scan_text(std::string_view text) noexcept {
  std::uint32_t line = 1;
  std::size_t line_start = 0;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    // Fast path: eight ASCII bytes without NUL are fine; count the newlines among them.
    // (For ASCII bytes the has-zero-byte trick is exact.)
    if (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, s + i, 8);
      constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
      if ((w & highs) == 0 && (((w - ones) & ~w) & highs) == 0) {
        const std::uint64_t x = w ^ (ones * '\n');
        const std::uint64_t newlines = (x - ones) & ~x & highs;
        if (newlines != 0) {
          // One bit at most per byte, at its top: multiplying gathers the count into the top byte
          // (no popcount instruction needed on a baseline x86-64 build).
          line += static_cast<std::uint32_t>(((newlines >> 7) * ones) >> 56);
          line_start = i + static_cast<std::size_t>((63 - __builtin_clzll(newlines)) / 8) + 1;
        }
        i += 8;
        continue;
      }
    }
    const unsigned char c = s[i];
    const auto column = static_cast<std::uint32_t>(i - line_start + 1);
    if (c == 0) return {{line, column, tr_noop("NUL byte in text (is this a binary or UTF-16 file?)")}, 0};
    if (c == '\n') { ++line; line_start = i + 1; ++i; continue; }
    if (c < 0x80) { ++i; continue; }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1Fu; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0Fu; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07u; }
    else return {{line, column, tr_noop("invalid UTF-8 byte (save the file as UTF-8)")}, 0};
    if (i + len > n) return {{line, column, tr_noop("truncated UTF-8 sequence at the end of the file")}, 0};
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return {{line, column, tr_noop("invalid UTF-8 sequence (save the file as UTF-8)")}, 0};
      cp = (cp << 6) | (s[i + k] & 0x3Fu);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return {{line, column, tr_noop("invalid UTF-8 sequence (overlong or surrogate)")}, 0};
    i += len;
  }
  return {{}, line - 1};
}

std::uint32_t character_column(std::string_view text, std::uint32_t line, std::uint32_t byte_column) noexcept {
  std::size_t start = 0;
  for (std::uint32_t l = 1; l < line; ++l) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return byte_column;
    start = nl + 1;
  }
  std::uint32_t characters = 0;
  for (std::size_t i = start; i < text.size() && i < start + (byte_column == 0 ? 0 : byte_column - 1) && text[i] != '\n'; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0u) != 0x80u) ++characters;  // not a continuation byte
  return byte_column == 0 ? 0 : characters + 1;
}

std::size_t display_width(std::string_view text) noexcept {
  std::size_t width = 0;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = s[i];
    std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    std::uint32_t cp = c;
    if (len == 2 && i + 1 < text.size()) cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
    if (len == 3 && i + 2 < text.size()) cp = ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
    const bool combining = (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF);
    if (!combining) ++width;
    i += len;
  }
  return width;
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
