#include "model/unicode.hpp"

#include <unicode/coll.h>
#include <unicode/normalizer2.h>
#include <unicode/sortkey.h>
#include <unicode/unistr.h>
#include <unicode/bytestream.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace cchc {
inline namespace v1 {
namespace detail {

namespace {

const icu::Normalizer2& nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || n == nullptr) throw std::runtime_error("ICU: no NFC normaliser");
  return *n;
}

const icu::Normalizer2& nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status) || n == nullptr) throw std::runtime_error("ICU: no NFD normaliser");
  return *n;
}

icu::StringPiece piece(std::string_view text) {
  return icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size()));
}

void append_utf8(std::string& out, char32_t c) {
  char buffer[4];
  std::int32_t length = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<std::uint8_t*>(buffer), length, 4, static_cast<UChar32>(c), error);
  if (!error) out.append(buffer, static_cast<std::size_t>(length));
}

void append_code(std::string& out, char32_t c) {
  static const char hex[] = "0123456789ABCDEF";
  out += "<U+";
  int digits = c > 0xFFFF ? (c > 0xFFFFF ? 6 : 5) : 4;
  for (int i = digits - 1; i >= 0; --i) out += hex[(c >> (4 * i)) & 0xF];
  out += '>';
}

}  // namespace

bool is_ascii(std::string_view text) noexcept {
  for (const char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

bool is_nfc(std::string_view text) {
  if (is_ascii(text)) return true;
  UErrorCode status = U_ZERO_ERROR;
  const bool yes = nfc().isNormalizedUTF8(piece(text), status);
  return U_SUCCESS(status) && yes;
}

std::string to_nfc(std::string_view text) {
  if (is_nfc(text)) return std::string(text);
  std::string out;
  icu::StringByteSink<std::string> sink(&out, static_cast<std::int32_t>(text.size()));
  UErrorCode status = U_ZERO_ERROR;
  nfc().normalizeUTF8(0, piece(text), sink, nullptr, status);
  if (U_FAILURE(status)) return std::string(text);  // invalid UTF-8 is refused elsewhere, with its position
  return out;
}

bool normalize_nfc(std::string& text) {
  if (is_nfc(text)) return false;
  text = to_nfc(text);
  return true;
}

std::string loose_key(std::string_view text) {
  text = trim_spaces(text);
  std::string decomposed;
  if (is_ascii(text)) {
    decomposed.assign(text);
  } else {
    icu::StringByteSink<std::string> sink(&decomposed, static_cast<std::int32_t>(text.size()));
    UErrorCode status = U_ZERO_ERROR;
    nfd().normalizeUTF8(0, piece(text), sink, nullptr, status);
    if (U_FAILURE(status)) decomposed.assign(text);
  }
  std::string out;
  out.reserve(decomposed.size());
  bool pending_space = false;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(decomposed.data());
  const auto length = static_cast<std::int32_t>(decomposed.size());
  for (std::int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) continue;
    if (u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY) == U_NON_SPACING_MARK) continue;
    if (u_isUWhiteSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (c == 0x0110 || c == 0x0111) c = 'd';  // Đ đ
    c = u_tolower(c);
    if (pending_space) out += ' ';
    pending_space = false;
    append_utf8(out, static_cast<char32_t>(c));
  }
  return out;
}

bool is_invisible(char32_t c) noexcept {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x061C || (c >= 0x200B && c <= 0x200F) ||
         (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0xFEFF;
}

std::string escape_invisible(std::string_view text) {
  bool clean = true;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c >= 0x7F) { clean = false; break; }
  }
  if (clean) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < length;) {
    const std::int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      static const char hex[] = "0123456789ABCDEF";
      for (std::int32_t k = start; k < i; ++k) {
        out += "<0x";
        out += hex[bytes[k] >> 4];
        out += hex[bytes[k] & 0xF];
        out += '>';
      }
      continue;
    }
    if (is_invisible(static_cast<char32_t>(c)))
      append_code(out, static_cast<char32_t>(c));
    else
      out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
  }
  return out;
}

std::string quote_value(std::string_view text, std::size_t max_chars) {
  std::size_t cut = text.size();
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (chars == max_chars) { cut = i; break; }
    ++chars;
  }
  std::string out;
  out += '\'';
  out += escape_invisible(text.substr(0, cut));
  out += '\'';
  if (cut < text.size()) {
    out += "\u2026 (";
    out += std::to_string(text.size() - cut);
    out += " more bytes)";
  }
  return out;
}

std::string_view trim_spaces(std::string_view text) noexcept {
  auto space_at_start = [](std::string_view t) -> std::size_t {
    if (t.empty()) return 0;
    const auto c = static_cast<unsigned char>(t[0]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') return 1;
    if (t.size() >= 2 && c == 0xC2 && static_cast<unsigned char>(t[1]) == 0xA0) return 2;  // U+00A0
    if (t.size() >= 3 && c == 0xE2 && static_cast<unsigned char>(t[1]) == 0x80 &&
        (static_cast<unsigned char>(t[2]) == 0xAF || static_cast<unsigned char>(t[2]) == 0x87))
      return 3;  // U+202F, U+2007
    return 0;
  };
  auto space_at_end = [](std::string_view t) -> std::size_t {
    if (t.empty()) return 0;
    const auto c = static_cast<unsigned char>(t.back());
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') return 1;
    const std::size_t n = t.size();
    if (n >= 2 && static_cast<unsigned char>(t[n - 2]) == 0xC2 && c == 0xA0) return 2;
    if (n >= 3 && static_cast<unsigned char>(t[n - 3]) == 0xE2 && static_cast<unsigned char>(t[n - 2]) == 0x80 &&
        (c == 0xAF || c == 0x87))
      return 3;
    return 0;
  };
  for (std::size_t k; (k = space_at_start(text)) != 0;) text.remove_prefix(k);
  for (std::size_t k; (k = space_at_end(text)) != 0;) text.remove_suffix(k);
  return text;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc

namespace cchc {
inline namespace v1 {
namespace detail {

namespace {
// One collator for the process: ICU's const methods (getSortKey) are safe from many
// threads, and opening a collator is far dearer than using it.
const icu::Collator& vi_collator() {
  static const std::unique_ptr<icu::Collator> collator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("vi"), status));
    if (U_FAILURE(status) || !c) throw std::runtime_error("ICU: no Vietnamese collation");
    return c;
  }();
  return *collator;
}
}  // namespace

std::string vi_collation_key(std::string_view text) {
  const icu::UnicodeString s = icu::UnicodeString::fromUTF8(piece(text));
  const icu::Collator& c = vi_collator();
  std::vector<std::uint8_t> key(static_cast<std::size_t>(s.length()) * 4 + 16);
  std::int32_t length = c.getSortKey(s, key.data(), static_cast<std::int32_t>(key.size()));
  if (static_cast<std::size_t>(length) > key.size()) {
    key.resize(static_cast<std::size_t>(length));
    length = c.getSortKey(s, key.data(), length);
  }
  // The key ends with a NUL byte; it is dropped so that keys compare as plain strings.
  if (length > 0) --length;
  return std::string(key.begin(), key.begin() + length);
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
