// cchc version: the one place the version lives (CMake reads it from here).
#ifndef CCHC_VERSION_HPP
#define CCHC_VERSION_HPP

// major * 10000 + minor * 100 + patch. The major is the ABI: it names the inline
// namespace and the SOVERSION, so mixing majors fails at link time.
#define CCHC_VERSION 10000

#include "cchc/export.hpp"

namespace cchc {
inline namespace v1 {

/// The library's version as "major.minor.patch" (of the library linked, not the headers).
CCHC_API const char* version() noexcept;

}  // namespace v1
}  // namespace cchc

#endif
