// Where a problem is, what it is, and the exception that carries it.
#ifndef CCHC_MODEL_DIAGNOSTIC_HPP
#define CCHC_MODEL_DIAGNOSTIC_HPP

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "cchc/export.hpp"

namespace cchc {
inline namespace v1 {

/// A 1-based position in a file. For CSV files `line` is the row as a spreadsheet shows it
/// (the header is row 1; a quoted field spanning lines stays in one row) and `column` the
/// 1-based field number. line == 0 means "the whole file".
struct SourceLocation {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

enum class Severity : std::uint8_t { error, warning };

/// One problem found in an input, like a compiler message.
struct Diagnostic {
  SourceLocation location;
  Severity severity = Severity::error;
  std::string key;      ///< the key or column concerned ("fields[2].max", "value"); may be empty
  std::string message;  ///< what is wrong and what was expected

  /// "FILE:LINE:COL: error: message" (LINE and COL left out when unknown).
  CCHC_API std::string to_string() const;
};

/// The single root of the exceptions cchc throws. `diagnostics()` has every problem
/// found (at least one); what() is the first, formatted.
class CCHC_API Error : public std::runtime_error {
 public:
  explicit Error(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }
  const SourceLocation& location() const noexcept { return diagnostics_.front().location; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// The result of a non-throwing load: a value, or every diagnostic that prevented it.
/// Warnings may accompany a value.
template <class T>
class Loaded {
 public:
  Loaded(T value, std::vector<Diagnostic> diagnostics)
      : value_(std::move(value)), has_value_(true), diagnostics_(std::move(diagnostics)) {}
  explicit Loaded(std::vector<Diagnostic> diagnostics)
      : value_(), has_value_(false), diagnostics_(std::move(diagnostics)) {}

  bool ok() const noexcept { return has_value_; }
  explicit operator bool() const noexcept { return has_value_; }
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }
  /// The value; throws cchc::Error with the diagnostics when the load failed.
  const T& value() const& {
    if (!has_value_) throw Error(diagnostics_);
    return value_;
  }
  T value() && {
    if (!has_value_) throw Error(diagnostics_);
    return std::move(value_);
  }

 private:
  T value_;
  bool has_value_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace v1
}  // namespace cchc

#endif
