#include "language.hpp"

#include <clocale>
#include <libintl.h>
#include <cstdlib>
#include <string_view>

namespace cchc_tool {

std::string choose_language(const std::string& flag) {
  if (!flag.empty()) return flag;
  for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    std::string_view v(value);
    v = v.substr(0, v.find(':'));  // LANGUAGE is a list: its first entry leads
    if (v == "C" || v == "POSIX" || v.substr(0, 2) == "C.") return "en";
    return v.substr(0, 2) == "vi" && (v.size() == 2 || v[2] == '_' || v[2] == '.' || v[2] == '@') ? "vi" : "en";
  }
  return "en";
}

void use_language(const std::string& language) {
  // gettext ignores LANGUAGE under the "C" locale: C.UTF-8 is always there (glibc >= 2.35).
  if (std::setlocale(LC_MESSAGES, "") == nullptr || std::string_view(std::setlocale(LC_MESSAGES, nullptr)) == "C")
    std::setlocale(LC_MESSAGES, "C.UTF-8");
  ::setenv("LANGUAGE", language.c_str(), 1);
  // The system's reasons quoted in messages (strerror) come from glibc's own catalog, converted
  // to LC_CTYPE's charset, which is ASCII here ("Kh?ng c? t?p tin"): ask for UTF-8, as cchc's
  // own catalog is.
  ::bind_textdomain_codeset("libc", "UTF-8");
}

}  // namespace cchc_tool
