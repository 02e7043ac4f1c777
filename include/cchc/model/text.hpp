// Text helpers a reporting tool needs to show clerks' text safely and match it loosely, the
// same way cchc does in its own messages and reports.
#ifndef CCHC_MODEL_TEXT_HPP
#define CCHC_MODEL_TEXT_HPP

#include <cstddef>
#include <string>
#include <string_view>

#include "cchc/export.hpp"

namespace cchc {
inline namespace v1 {

/// `text` (UTF-8) in Unicode Normalization Form C, as cchc stores every name, id and value.
CCHC_API std::string to_nfc(std::string_view text);

/// `text` with each control, bidi, zero-width or other invisible character shown as
/// `<U+XXXX>` (and invalid UTF-8 bytes as `<0xNN>`): safe to print to a terminal.
CCHC_API std::string escape_invisible(std::string_view text);

/// `text` escaped as escape_invisible does, between single quotes, cut after `max_chars`
/// characters with "… (N more bytes)": how cchc quotes a value in a message.
CCHC_API std::string quote_for_message(std::string_view text, std::size_t max_chars = 200);

/// A key for loose matching: lower case, diacritics removed, đ as d, spaces trimmed and
/// folded ("Tên đơn vị" and "ten don vi" give the same key).
CCHC_API std::string loose_key(std::string_view text);

/// The edit (Levenshtein) distance between two strings, in bytes: to suggest the nearest
/// known code or id for an unknown one.
CCHC_API std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace v1
}  // namespace cchc

#endif
