// Reading a whole input file, refusing directories, missing files and oversized ones.
#ifndef CCHC_SRC_IO_FILE_TEXT_HPP
#define CCHC_SRC_IO_FILE_TEXT_HPP

#include <optional>
#include <string>

#include "cchc/model/diagnostic.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

/// The file's bytes, or a diagnostic saying why it cannot be read.
std::optional<std::string> read_file_text(const std::string& path, std::size_t max_bytes, Diagnostic& problem);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
