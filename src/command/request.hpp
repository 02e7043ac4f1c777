// A command as data: what `cchc <command> …` is given on the command line, or what a
// portal sends through the C API (`cchc_request_json`). Private to the library and the tool.
#ifndef CCHC_SRC_COMMAND_REQUEST_HPP
#define CCHC_SRC_COMMAND_REQUEST_HPP

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace cchc {
inline namespace v1 {
namespace command {

/// One input: a file to read, or a text already in memory named `name` in messages.
struct Source {
  std::string path;
  std::optional<std::string> text;
  std::string name;  ///< for a text: the name messages give it (default "<criteria>", …)

  static Source file(std::string p) {
    Source s;
    s.path = std::move(p);
    return s;
  }
  bool given() const noexcept { return text.has_value() || !path.empty(); }
  /// How messages name it: the path, or the text's name.
  const std::string& label() const noexcept { return text ? name : path; }
};

/// An option's value: a flag (`"missing_as_zero": true`), or text (`"unit": "STP"`; a JSON
/// number arrives as its text, so `"target": 90.5` is read exactly).
using OptionValue = std::variant<bool, std::string>;

struct Request {
  std::string command;
  Source criteria, units, evidence;
  /// By the command line's long names; '-' and '_' are the same ("missing-as-zero").
  std::vector<std::pair<std::string, OptionValue>> options;
};

}  // namespace command
}  // namespace v1
}  // namespace cchc

#endif
