// A command as data: what `cchc <command> …` is given on the command line, or what a
// portal sends through the C API (`cchc_request_json`). Private to the library and the tool.
#ifndef CCHC_SRC_COMMAND_REQUEST_HPP
#define CCHC_SRC_COMMAND_REQUEST_HPP

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "cchc/model/criteria_set.hpp"
#include "cchc/model/diagnostic.hpp"
#include "cchc/model/evaluation.hpp"

namespace cchc {
inline namespace v1 {
namespace command {

/// One input: a file to read, or a text already in memory named `name` in messages.
struct Source {
  std::string path;
  std::optional<std::string> text;
  std::string name;  ///< for a text: the name messages give it (default "<criteria>", …)
  std::string sheet;  ///< units and evidence read from an Excel workbook: its sheet (empty: the first)

  static Source file(std::string p) {
    Source s;
    s.path = std::move(p);
    return s;
  }
  bool given() const noexcept { return text.has_value() || !path.empty(); }
  /// How messages name it: the path, or the text's name.
  const std::string& label() const noexcept { return text ? name : path; }
};

/// A set loaded once and used for many commands (the Python module's load_criteria).
struct LoadedCriteria {
  CriteriaSet set;
  std::vector<Diagnostic> warnings;
};

/// A year loaded once (load_evaluation): its set, units and evidence, not yet scored.
struct LoadedYear {
  Evaluation evaluation;
  std::string units_label;           ///< how messages name the units (an unknown `unit`)
  std::vector<Diagnostic> warnings;  ///< the set's, then the tables'
};

/// An option's value: a flag (`"missing_as_zero": true`), or text (`"unit": "STP"`; a JSON
/// number arrives as its text, so `"target": 90.5` is read exactly).
using OptionValue = std::variant<bool, std::string>;

struct Request {
  std::string command;
  Source criteria, units, evidence;
  /// Instead of the sources: a set already loaded, or a whole year (which brings its set).
  std::shared_ptr<const LoadedCriteria> loaded_criteria;
  std::shared_ptr<const LoadedYear> loaded_year;
  /// By the command line's long names; '-' and '_' are the same ("missing-as-zero").
  std::vector<std::pair<std::string, OptionValue>> options;
};

}  // namespace command
}  // namespace v1
}  // namespace cchc

#endif
