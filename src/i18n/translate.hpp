// Translated text through GNU gettext, in cchc's own text domain ("cchc"): the library binds
// it and looks messages up with dgettext, so it never changes the host program's domain or
// locale. The language follows the process (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) as for any
// gettext user; the cchc command sets it from --lang. English is the msgid itself.
#ifndef CCHC_SRC_I18N_TRANSLATE_HPP
#define CCHC_SRC_I18N_TRANSLATE_HPP

#include <string>

namespace cchc {
inline namespace v1 {
namespace detail {

/// `msgid` in the current language (msgid itself when no catalog has it).
const char* tr(const char* msgid);

/// `msgid` itself: marks an English message translated later, where it is used (a constant
/// array of headings), for tests/cli/check_catalog.py.
constexpr const char* tr_noop(const char* msgid) { return msgid; }

/// The language the catalogs answer in: "vi" or "en" (the HTML page's lang attribute, and
/// the decimal point a command picks for human formats).
std::string current_language();

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
