// The language of cchc's human-facing text: GNU gettext catalogs in cchc's own text domain
// ("cchc"), which the library binds itself, so that it changes neither the host program's
// domain nor its locale. As with any gettext user, the process chooses the language
// (LANGUAGE, then LC_ALL, LC_MESSAGES, LANG, with LC_MESSAGES set by setlocale); English is
// the text as written in the code. JSON keys and CSV column names never change.
#ifndef CCHC_REPORT_LANGUAGE_HPP
#define CCHC_REPORT_LANGUAGE_HPP

#include <string>
#include <string_view>

#include "cchc/export.hpp"

namespace cchc {
inline namespace v1 {

/// `english` in the current language ("rank" → "Hạng" under Vietnamese), or `english`
/// itself when the catalog has no translation: for programs that print cchc's words around
/// its reports.
CCHC_API std::string translate(std::string_view english);

/// The language the catalogs answer in: "vi" or "en".
CCHC_API std::string language();

}  // namespace v1
}  // namespace cchc

#endif
