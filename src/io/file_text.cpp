#include "io/file_text.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sys/stat.h>

namespace cchc {
inline namespace v1 {
namespace detail {

std::optional<std::string> read_file_text(const std::string& path, std::size_t max_bytes, Diagnostic& problem) {
  problem = Diagnostic{SourceLocation{path, 0, 0}, Severity::error, {}, {}};
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    problem.message = std::string("cannot open the file: ") + std::strerror(errno);
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    problem.message = "is a directory, not a file";
    return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) {
    problem.message = "is not a regular file";
    return std::nullopt;
  }
  if (static_cast<unsigned long long>(st.st_size) > max_bytes) {
    problem.message = "the file is too large (" + std::to_string(st.st_size) + " bytes; the limit is " +
                      std::to_string(max_bytes) + ")";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problem.message = std::string("cannot read the file: ") + std::strerror(errno);
    return std::nullopt;
  }
  std::string text;
  text.resize(static_cast<std::size_t>(st.st_size));
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (static_cast<std::size_t>(in.gcount()) != text.size()) {
    problem.message = "cannot read the whole file";
    return std::nullopt;
  }
  return text;
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
