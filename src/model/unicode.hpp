// Unicode for clerks' text: NFC normalisation (ICU), matching without case or diacritics,
// trimming of no-break spaces, and quoting values in messages so that an invisible or
// control character can be seen. ICU stays private to this file's .cpp.
#ifndef CCHC_SRC_MODEL_UNICODE_HPP
#define CCHC_SRC_MODEL_UNICODE_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace cchc {
inline namespace v1 {
namespace detail {

/// True when every byte is ASCII: such text is already NFC and needs no ICU call.
bool is_ascii(std::string_view text) noexcept;

/// `text` (valid UTF-8) in Unicode Normalization Form C. Text typed on a Mac arrives
/// decomposed (NFD): "Chậm" as C h a + U+0323 + U+0302 m. All text is matched on NFC.
std::string to_nfc(std::string_view text);
/// Whether `text` (valid UTF-8) is already NFC (cheap: ASCII is checked without ICU).
bool is_nfc(std::string_view text);
/// Normalises `text` in place when it is not NFC; returns whether it changed.
bool normalize_nfc(std::string& text);

/// A key for loose matching: lower case, diacritics removed, đ as d, spaces trimmed and
/// runs of spaces folded ("Tên đơn vị" and "ten don vi" give "ten don vi").
std::string loose_key(std::string_view text);

/// True for a character a clerk cannot see or that moves the cursor: C0 and C1 controls,
/// DEL, bidi controls (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), zero-width
/// characters (U+200B..U+200D, U+2060, U+FEFF), line and paragraph separators.
bool is_invisible(char32_t c) noexcept;

/// `text` with each invisible character (see is_invisible) shown as <U+XXXX>, and invalid
/// UTF-8 bytes as <0xNN>: safe to print to a terminal or a report.
std::string escape_invisible(std::string_view text);

/// `text` escaped as escape_invisible does, between single quotes, and cut after
/// `max_chars` characters with "… (N more bytes)" so a 100 MB value cannot flood stderr.
std::string quote_value(std::string_view text, std::size_t max_chars = 200);

/// Spaces trimmed from both ends: ASCII blanks and the no-break spaces U+00A0, U+202F and
/// U+2007 that spreadsheets put after codes.
std::string_view trim_spaces(std::string_view text) noexcept;

/// A key that sorts Vietnamese text as a Vietnamese reader expects (ICU's `vi` collation):
/// compare two keys with `<` (byte order). "Đà Nẵng" sorts after every "D…" and before
/// "E…", "Ă" and "Â" after "A…", where byte order would put them after "Y". For listings
/// by name only: ranks never depend on it.
std::string vi_collation_key(std::string_view text);

/// The Levenshtein distance between two strings, in bytes; used to suggest the nearest
/// known name for an unknown one.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
