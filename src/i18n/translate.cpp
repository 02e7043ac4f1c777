#include "i18n/translate.hpp"

#include "cchc/report/language.hpp"

#include <libintl.h>

#include <cstdlib>
#include <mutex>
#include <sys/stat.h>

namespace cchc {
inline namespace v1 {
namespace detail {

namespace {

constexpr const char* domain = "cchc";

bool has_catalog(const std::string& dir) {
  struct stat info {};
  return ::stat((dir + "/vi/LC_MESSAGES/cchc.mo").c_str(), &info) == 0;
}

// The catalogs' directory: $CCHC_LOCALEDIR when set, else the build tree's when it is there
// (tests and examples run before anything is installed), else the installed one.
void bind_domain() {
  static std::once_flag once;
  std::call_once(once, [] {
    std::string dir;
    if (const char* env = std::getenv("CCHC_LOCALEDIR"); env != nullptr && *env != '\0') dir = env;
    else if (has_catalog(CCHC_BUILD_LOCALEDIR)) dir = CCHC_BUILD_LOCALEDIR;
    else dir = CCHC_INSTALL_LOCALEDIR;
    ::bindtextdomain(domain, dir.c_str());
    ::bind_textdomain_codeset(domain, "UTF-8");
  });
}

}  // namespace

const char* tr(const char* msgid) {
  bind_domain();
  return ::dgettext(domain, msgid);
}

std::string current_language() {
  // The catalog's translation of "en" is its own language code.
  const std::string code = tr("en");
  return code == "vi" ? code : std::string("en");
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc

namespace cchc {
inline namespace v1 {

std::string translate(std::string_view english) { return detail::tr(std::string(english).c_str()); }

std::string language() { return detail::current_language(); }

}  // namespace v1
}  // namespace cchc
