#include "output_file.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <iterator>
#include <limits.h>
#include <pthread.h>
#include <random>
#include <streambuf>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

#include "cchc/model/text.hpp"
#include "cchc/report/language.hpp"

namespace cchc_tool {
namespace {

std::string quote_value(std::string_view text) { return cchc::quote_for_message(text); }

// ---------------------------------------------------------------------------------------
// An ostream buffer over a file descriptor that remembers the first write error's errno,
// so a full disk is reported as "No space left on device", not as "write failed".
class FdBuffer : public std::streambuf {
 public:
  explicit FdBuffer(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }
  FdBuffer(const FdBuffer&) = delete;
  FdBuffer& operator=(const FdBuffer&) = delete;

  int error() const noexcept { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }

  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (n <= epptr() - pptr()) {
      std::memcpy(pptr(), s, static_cast<std::size_t>(n));
      pbump(static_cast<int>(n));
      return n;
    }
    if (!drain()) return 0;
    if (n < epptr() - pptr()) {  // after draining, a piece smaller than the buffer is kept
      std::memcpy(pptr(), s, static_cast<std::size_t>(n));
      pbump(static_cast<int>(n));
      return n;
    }
    return write_all(s, static_cast<std::size_t>(n)) ? n : 0;
  }

  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    const std::size_t n = static_cast<std::size_t>(pptr() - pbase());
    setp(buffer_, buffer_ + sizeof buffer_);
    return write_all(buffer_, n);
  }

  bool write_all(const char* s, std::size_t n) {
    if (error_ != 0) return false;
    while (n > 0) {
      const ssize_t w = ::write(fd_, s, n);
      if (w < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        return false;
      }
      s += w;
      n -= static_cast<std::size_t>(w);
    }
    return true;
  }

  int fd_;
  int error_ = 0;
  char buffer_[1 << 16];
};

// Runs `write` into `fd`; returns 0 or the errno of the first failed write.
int write_to_fd(int fd, const std::function<void(std::ostream&)>& write) {
  FdBuffer buffer(fd);
  std::ostream out(&buffer);
  write(out);
  out.flush();
  if (buffer.error() != 0) return buffer.error();
  return out ? 0 : EIO;
}

// ---------------------------------------------------------------------------------------
// Signals: the temporary file's name is kept where an async-signal-safe handler can reach it.
constexpr int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP};
char temp_name[PATH_MAX + 1];
volatile std::sig_atomic_t temp_exists = 0;

extern "C" void remove_temp_and_reraise(int sig) {
  if (temp_exists != 0) ::unlink(temp_name);
  ::signal(sig, SIG_DFL);
  ::raise(sig);  // blocked while the handler runs: delivered, with the default action, on return
}

// Installs the handler for the lifetime of one write, leaving an ignored signal ignored
// (a run under `nohup` keeps ignoring SIGHUP).
class SignalCleanup {
 public:
  SignalCleanup() {
    sigemptyset(&set_);
    for (std::size_t i = 0; i < std::size(cleanup_signals); ++i) {
      sigaddset(&set_, cleanup_signals[i]);
      ::sigaction(cleanup_signals[i], nullptr, &old_[i]);
      if (old_[i].sa_handler == SIG_IGN) continue;
      struct sigaction action {};
      action.sa_handler = remove_temp_and_reraise;
      sigfillset(&action.sa_mask);
      action.sa_flags = SA_RESTART;
      ::sigaction(cleanup_signals[i], &action, nullptr);
      installed_[i] = true;
    }
  }
  ~SignalCleanup() {
    for (std::size_t i = 0; i < std::size(cleanup_signals); ++i)
      if (installed_[i]) ::sigaction(cleanup_signals[i], &old_[i], nullptr);
  }
  SignalCleanup(const SignalCleanup&) = delete;
  SignalCleanup& operator=(const SignalCleanup&) = delete;

  // Blocks the signals for a scope, so the name and the file change together.
  class Hold {
   public:
    explicit Hold(const SignalCleanup& c) { ::pthread_sigmask(SIG_BLOCK, &c.set_, &old_); }
    ~Hold() { ::pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
    Hold(const Hold&) = delete;
    Hold& operator=(const Hold&) = delete;

   private:
    sigset_t old_;
  };

 private:
  sigset_t set_;
  struct sigaction old_[std::size(cleanup_signals)] {};
  bool installed_[std::size(cleanup_signals)] = {};
};

// ---------------------------------------------------------------------------------------
// Paths.
std::string directory_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

bool ends_with_slash(const std::string& path) { return !path.empty() && path.back() == '/'; }

// A path that names an already open descriptor (/dev/stdout, /dev/fd/N, /proc/self/fd/N):
// written where it points, never replaced, even when that is a regular file.
bool names_open_descriptor(const std::string& path) {
  if (path == "/dev/stdout" || path == "/dev/stderr" || path.rfind("/dev/fd/", 0) == 0) return true;
  return path.rfind("/proc/", 0) == 0 && path.find("/fd/") != std::string::npos;
}

struct Resolved {
  std::string path;         // the file to replace: `path` with every symbolic link followed
  bool via_descriptor = false;
  int error = 0;            // ELOOP, or a readlink failure
};

// Follows symbolic links one at a time, as far as they go, so a link to a file that does not
// exist yet still names where the file is to be created.
Resolved follow_links(std::string path) {
  Resolved r;
  for (int hops = 0;; ++hops) {
    if (names_open_descriptor(path)) r.via_descriptor = true;
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) break;
    if (hops == 40) {
      r.error = ELOOP;
      break;
    }
    std::string target(static_cast<std::size_t>(st.st_size > 0 ? st.st_size : PATH_MAX), '\0');
    const ssize_t n = ::readlink(path.c_str(), target.data(), target.size());
    if (n < 0) {
      r.error = errno;
      break;
    }
    target.resize(static_cast<std::size_t>(n));
    path = target.rfind('/', 0) == 0 ? target : directory_of(path) + "/" + target;
  }
  r.path = std::move(path);
  return r;
}

std::string is_a_directory(const std::string& path) {
  return "-o " + quote_value(path) + " is a directory: name the file to write";
}

// `what` is an English message of the catalog (cchc::translate), the same in every use.
std::string cannot(const std::string& path, const std::string& what, int error) {
  return quote_value(path) + ": " + what + ": " + std::strerror(error);
}

// Creates `target` + ".tmp-XXXXXX" with `mode` (less the umask), exclusively.
int create_temp(const std::string& target, mode_t mode, std::string& name, const SignalCleanup& cleanup) {
  static constexpr char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device device;
  std::mt19937 random(device());
  std::uniform_int_distribution<std::size_t> pick(0, sizeof letters - 2);
  for (int attempt = 0; attempt < 100; ++attempt) {
    name = target + ".tmp-";
    for (int i = 0; i < 6; ++i) name += letters[pick(random)];
    if (name.size() > PATH_MAX) {
      errno = ENAMETOOLONG;
      return -1;
    }
    SignalCleanup::Hold hold(cleanup);
    const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, mode);
    if (fd >= 0) {
      std::memcpy(temp_name, name.c_str(), name.size() + 1);
      temp_exists = 1;
      return fd;
    }
    if (errno != EEXIST) return -1;
  }
  errno = EEXIST;
  return -1;
}

std::string write_direct(const std::string& shown, const std::string& path, int flags,
                         const std::function<void(std::ostream&)>& write) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY | flags);
  if (fd < 0) return cannot(shown, cchc::translate("cannot open for writing"), errno);
  int error = 0;
  try {
    error = write_to_fd(fd, write);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0 && error == 0 && errno != EINTR) error = errno;
  return error == 0 ? std::string() : cannot(shown, cchc::translate("cannot write"), error);
}

std::string write_replacing(const std::string& shown, const std::string& target, const struct stat* existing,
                            const std::function<void(std::ostream&)>& write) {
  // A new file gets 0666 less the umask, and so does its temporary file. An existing file's
  // bits are set on the temporary file once written; until then it is at most owner-only.
  const mode_t create_mode = existing ? (existing->st_mode & 0600) : 0666;
  SignalCleanup cleanup;
  std::string temp;
  const int fd = create_temp(target, create_mode, temp, cleanup);
  if (fd < 0)
    return cannot(shown, cchc::translate("cannot create a temporary file in") + " " + quote_value(directory_of(target)), errno);
  const auto discard = [&] {
    SignalCleanup::Hold hold(cleanup);
    ::unlink(temp.c_str());
    temp_exists = 0;
  };
  int error = 0;
  try {
    error = write_to_fd(fd, write);
  } catch (...) {
    ::close(fd);
    discard();
    throw;
  }
  if (error == 0 && existing && ::fchmod(fd, existing->st_mode & 07777) != 0) error = errno;
  if (::close(fd) != 0 && error == 0 && errno != EINTR) error = errno;
  if (error != 0) {
    discard();
    return cannot(shown, cchc::translate("cannot write"), error);
  }
  SignalCleanup::Hold hold(cleanup);
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const int why = errno;
    ::unlink(temp.c_str());
    temp_exists = 0;
    if (why == EISDIR) return is_a_directory(shown);
    return cannot(shown, cchc::translate("cannot replace it with the new output"), why);
  }
  temp_exists = 0;
  return {};
}

}  // namespace

std::string check_output_path(const std::string& path, const std::vector<InputFile>& inputs) {
  if (path.empty() || path == "-") return {};
  if (ends_with_slash(path)) return is_a_directory(path);
  struct stat out {};
  if (::stat(path.c_str(), &out) != 0) return {};  // a new file: it cannot be an input
  if (S_ISDIR(out.st_mode)) return is_a_directory(path);
  for (const auto& input : inputs) {
    struct stat in {};
    if (input.path.empty() || ::stat(input.path.c_str(), &in) != 0) continue;
    if (in.st_dev == out.st_dev && in.st_ino == out.st_ino)
      return "-o " + quote_value(path) + " is the same file as " + input.option + " " + quote_value(input.path) +
             ": the output would replace an input; write to another file";
  }
  return {};
}

std::string write_output(const std::string& path, const std::function<void(std::ostream&)>& write) {
  if (path.empty() || path == "-") {
    std::cout.flush();
    const int error = write_to_fd(STDOUT_FILENO, write);
    return error == 0 ? std::string() : cchc::translate("cannot write to standard output") + ": " + std::strerror(error);
  }
  if (ends_with_slash(path)) return is_a_directory(path);
  struct stat st {};
  const bool exists = ::stat(path.c_str(), &st) == 0;  // follows links, /proc's too
  if (!exists && errno != ENOENT) return cannot(path, cchc::translate("cannot write"), errno);
  if (exists && S_ISDIR(st.st_mode)) return is_a_directory(path);
  // A device, a FIFO or a socket is written as it is.
  if (exists && !S_ISREG(st.st_mode)) return write_direct(path, path, 0, write);
  const Resolved resolved = follow_links(path);
  if (resolved.error != 0) return cannot(path, cchc::translate("cannot follow the link"), resolved.error);
  // So is a file reached through an open descriptor (/dev/stdout redirected to a file):
  // appended to, where the shell left it.
  if (resolved.via_descriptor) {
    if (!exists) return cannot(path, cchc::translate("cannot write"), ENOENT);
    return write_direct(path, path, O_APPEND, write);
  }
  return write_replacing(path, resolved.path, exists ? &st : nullptr, write);
}

}  // namespace cchc_tool
