// The command's language: --lang vi|en, else the environment, as gettext reads it.
#ifndef CCHC_TOOL_LANGUAGE_HPP
#define CCHC_TOOL_LANGUAGE_HPP

#include <string>

namespace cchc_tool {

/// "vi" or "en": `flag` (--lang) when given, else the first of LANGUAGE (its first entry),
/// LC_ALL, LC_MESSAGES and LANG that is set and not empty: "vi" when it names Vietnamese
/// ("vi", "vi_VN.UTF-8"), else "en".
std::string choose_language(const std::string& flag);

/// Makes cchc's catalogs answer in `language` for this process: LC_MESSAGES from the
/// environment (C.UTF-8 when no such locale is installed, as on most servers) and
/// LANGUAGE=`language`. The command owns its process; the library never does this.
void use_language(const std::string& language);

}  // namespace cchc_tool

#endif
