// Reading a whole input file, refusing directories, missing files and oversized ones.
#ifndef CCHC_SRC_IO_FILE_TEXT_HPP
#define CCHC_SRC_IO_FILE_TEXT_HPP

#include <optional>
#include <string>
#include <string_view>

#include "cchc/model/diagnostic.hpp"
#include "support/uninitialized_vector.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

/// A file's bytes. Not a std::string: sizing a string writes every byte before the file is
/// read into it, on one thread, which for a national evidence file costs more than reading.
struct FileText {
  UninitializedVector<char> bytes;
  std::string_view view() const noexcept { return {bytes.data(), bytes.size()}; }
};

/// The file's bytes, or a diagnostic saying why it cannot be read. Large files are read in
/// pieces on several threads.
std::optional<FileText> read_file_text(const std::string& path, std::size_t max_bytes, Diagnostic& problem);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
