#include "io/file_text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n/format.hpp"
#include "support/parallel_for.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

namespace {

// Closes the descriptor on every way out.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

// Reads [offset, offset + size) of the file into `to`; false on an error or a short file.
bool read_range(int fd, char* to, std::size_t size, std::size_t offset, int& error) {
  while (size > 0) {
    const ssize_t got = ::pread(fd, to, size, static_cast<off_t>(offset));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      error = got < 0 ? errno : 0;
      return false;
    }
    to += got;
    offset += static_cast<std::size_t>(got);
    size -= static_cast<std::size_t>(got);
  }
  return true;
}

}  // namespace

std::optional<FileText> read_file_text(const std::string& path, std::size_t max_bytes, Diagnostic& problem) {
  problem = Diagnostic{SourceLocation{path, 0, 0}, Severity::error, {}, {}};
  // Non-blocking, so that opening a FIFO does not wait for a writer (it is refused below).
  const Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
  if (file.fd < 0) {
    problem.set_code("cannot-open").set_message(trf("cannot open the file: {reason}", fmt::arg("reason", std::strerror(errno))));
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) {
    problem.set_code("read-failed").set_message(trf("cannot read the file: {reason}", fmt::arg("reason", std::strerror(errno))));
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    problem.set_code("is-a-directory").set_message(tr("is a directory, not a file"));
    return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) {
    problem.set_code("not-a-regular-file").set_message(tr("is not a regular file"));
    return std::nullopt;
  }
  auto too_large = [&](const std::string& size) {
    problem.set_code("file-too-large")
        .set_message(trf("the file is too large ({size} bytes; the limit is {limit})", fmt::arg("size", size), fmt::arg("limit", max_bytes)));
  };
  if (static_cast<unsigned long long>(st.st_size) > max_bytes) {
    too_large(std::to_string(st.st_size));
    return std::nullopt;
  }
  FileText text;
  text.bytes.resize(static_cast<std::size_t>(st.st_size));
  // Pieces of 1 MiB on all cores: each thread copies, and first touches, its own pieces.
  constexpr std::size_t piece = std::size_t{1} << 20;
  const std::size_t pieces = (text.bytes.size() + piece - 1) / piece;
  std::vector<int> errors(pieces, -1);  // -1: read whole
  parallel_for(pieces, pieces < 4 ? 1 : worker_count(pieces), [&](std::size_t k) {
    const std::size_t offset = k * piece;
    const std::size_t size = std::min(piece, text.bytes.size() - offset);
    int error = 0;
    if (!read_range(file.fd, text.bytes.data() + offset, size, offset, error)) errors[k] = error;
  });
  for (const int error : errors) {
    if (error == -1) continue;
    problem.set_code("read-failed")
        .set_message(error != 0 ? trf("cannot read the file: {reason}", fmt::arg("reason", std::strerror(error)))
                                : std::string(tr("cannot read the whole file (did it change while being read?)")));
    return std::nullopt;
  }
  // The size fstat gives is not always the content's: files under /proc say 0, and a file
  // may grow. Read on to the end, within the limit.
  char more[4096];
  for (;;) {
    ssize_t got = 0;
    do got = ::pread(file.fd, more, sizeof more, static_cast<off_t>(text.bytes.size()));
    while (got < 0 && errno == EINTR);
    if (got < 0) {
      problem.set_code("read-failed").set_message(trf("cannot read the file: {reason}", fmt::arg("reason", std::strerror(errno))));
      return std::nullopt;
    }
    if (got == 0) break;
    if (text.bytes.size() + static_cast<std::size_t>(got) > max_bytes) {
      too_large(trf("over {limit}", fmt::arg("limit", max_bytes)));
      return std::nullopt;
    }
    text.bytes.insert(text.bytes.end(), more, more + got);
  }
  return text;
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
