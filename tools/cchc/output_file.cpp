#include "output_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

namespace cchc_tool {

std::string write_output(const std::string& path, const std::function<void(std::ostream&)>& write) {
  if (path.empty() || path == "-") {
    write(std::cout);
    std::cout.flush();
    return std::cout ? std::string() : std::string("cannot write to standard output");
  }
  std::string temp = path + ".tmp-XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return path + ": cannot create the output file: " + std::strerror(errno);
  ::fchmod(fd, 0644);
  ::close(fd);
  bool ok = false;
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (out) {
      try {
        write(out);
      } catch (...) {
        out.close();
        ::unlink(temp.c_str());
        throw;
      }
      out.flush();
      ok = static_cast<bool>(out);
    }
  }
  if (!ok || std::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string why = ok ? std::strerror(errno) : "write failed";
    ::unlink(temp.c_str());
    return path + ": cannot write: " + why;
  }
  return {};
}

}  // namespace cchc_tool
