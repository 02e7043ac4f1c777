// Translated messages with values: ONE translatable pattern with named fmt placeholders
// ("{key}"), so that a translator can reorder them, formatted with the values given as
// fmt::arg or "name"_a. A message must never fail because of its catalog: a translation that
// is not a valid pattern for these arguments (a misspelt placeholder, a stray brace) falls
// back to the English msgid, and a msgid that is itself bad comes out verbatim.
// po/vi.po marks these entries `#, python-brace-format`, so `msgfmt --check` (the build)
// refuses a translation whose placeholders differ from its msgid's.
#ifndef CCHC_SRC_I18N_FORMAT_HPP
#define CCHC_SRC_I18N_FORMAT_HPP

#include "i18n/translate.hpp"

#include <fmt/format.h>

#include <string>

namespace cchc {
inline namespace v1 {
namespace detail {

/// `translated` formatted with `args`; if it is not a valid pattern for them, `english`
/// formatted; if neither is, `english` as it stands. Throws only std::bad_alloc.
inline std::string format_with_fallback(const char* translated, const char* english, fmt::format_args args) {
  if (translated != nullptr && translated != english) {
    try {
      return fmt::vformat(translated, args);
    } catch (const fmt::format_error&) {
      // fall through to the English pattern
    }
  }
  try {
    return fmt::vformat(english, args);
  } catch (const fmt::format_error&) {
    return english;
  }
}

/// `msgid` in the current language, formatted with named arguments:
/// `trf("{what}: duplicate key {key} (first at line {line})", "what"_a = w, "key"_a = k, "line"_a = n)`.
template <typename... Args>
std::string trf(const char* msgid, const Args&... args) {
  return format_with_fallback(tr(msgid), msgid, fmt::make_format_args(args...));
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
