// Errors in how the API is called (an index out of range, scorecards of another evaluation):
// thrown as cchc::Error like every other failure, so a caller catches one type.
#ifndef CCHC_SRC_MODEL_API_ERROR_HPP
#define CCHC_SRC_MODEL_API_ERROR_HPP

#include <string>

#include "cchc/model/diagnostic.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

[[noreturn]] void throw_api_error(std::string code, std::string message);

/// `index` when it is below `size`; otherwise throws cchc::Error (code `code`) naming `what`.
std::size_t checked_index(std::size_t index, std::size_t size, const char* code, const char* what);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
