// The public face of model/unicode.hpp (ICU stays private).
#include "cchc/model/text.hpp"

#include "model/unicode.hpp"

namespace cchc {
inline namespace v1 {

std::string to_nfc(std::string_view text) { return detail::to_nfc(text); }
std::string escape_invisible(std::string_view text) { return detail::escape_invisible(text); }
std::string quote_for_message(std::string_view text, std::size_t max_chars) { return detail::quote_value(text, max_chars); }
std::string loose_key(std::string_view text) { return detail::loose_key(text); }
std::size_t edit_distance(std::string_view a, std::string_view b) { return detail::edit_distance(a, b); }

}  // namespace v1
}  // namespace cchc
