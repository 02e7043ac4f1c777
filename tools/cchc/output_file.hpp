// Writing a command's output (`-o`): to standard output, to a device or FIFO directly, or to
// a regular file through a temporary file in the file's own directory that is renamed into
// place only once complete, so that a failed or interrupted run leaves the old file as it was.
//
// - A symbolic link is followed: the file it points to is replaced, the link stays a link.
// - An existing file keeps its permission bits; a new one gets 0666 less the umask. The
//   temporary file is never more open than the file it becomes.
// - SIGINT, SIGTERM and SIGHUP while the temporary file exists remove it, then end the
//   process as the signal would have.
#ifndef CCHC_TOOLS_OUTPUT_FILE_HPP
#define CCHC_TOOLS_OUTPUT_FILE_HPP

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace cchc_tool {

/// A file the command reads, with the option that named it ("--evidence").
struct InputFile {
  std::string option;
  std::string path;
};

/// Checks an `-o` path before anything is read. Returns "" when it can be written, else why
/// not, naming the path: a directory (or a path ending in '/'), or the same file as one of
/// `inputs` (compared by device and inode, so also through a link or another spelling).
std::string check_output_path(const std::string& path, const std::vector<InputFile>& inputs);

/// Runs `write` on standard output ("" or "-"), directly on a non-regular target (a device,
/// a FIFO, /dev/stdout), or on a temporary file renamed to `path` (or to the file a link at
/// `path` points to). Returns "" on success, else what went wrong, naming the path and the
/// system's reason; a regular target is then untouched.
std::string write_output(const std::string& path, const std::function<void(std::ostream&)>& write);

}  // namespace cchc_tool

#endif
