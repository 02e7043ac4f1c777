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
/// 1-based field number. line == 0 means "the whole file". In an Excel workbook `sheet`
/// names the sheet, `line` is the sheet's row and `column` its column (1 = A), and the
/// place reads as the cell: "evidence.xlsx:Phiếu chấm điểm!C14".
struct SourceLocation {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string sheet{};  ///< a workbook's sheet; empty for text files
};

/// "FILE:LINE:COL" (LINE and COL left out when unknown), or for a workbook's cell
/// "FILE:SHEET!C14" ("FILE:SHEET!14:14" for a whole row, "FILE:SHEET" for the sheet).
/// Characters are as they are: escape them before printing to a terminal.
CCHC_API std::string to_string(const SourceLocation& location);

enum class Severity : std::uint8_t { error, warning };

/// One problem found in an input, like a compiler message, with structured fields so that a
/// portal can attach it to a form cell without parsing text. The layout is private (one
/// pointer), so fields can be added in later versions without breaking the ABI; setters return
/// the diagnostic so that it can be built in one expression.
class CCHC_API Diagnostic {
 public:
  Diagnostic() noexcept;
  Diagnostic(SourceLocation location, Severity severity, std::string key, std::string message);
  Diagnostic(const Diagnostic& other);
  Diagnostic(Diagnostic&& other) noexcept;
  Diagnostic& operator=(const Diagnostic& other);
  Diagnostic& operator=(Diagnostic&& other) noexcept;
  ~Diagnostic();

  const SourceLocation& location() const noexcept;
  Severity severity() const noexcept;
  /// A stable short id of the kind of problem ("unknown-unit", "nesting-too-deep"); the
  /// list is in docs/diagnostics.md. Empty only for diagnostics made by a caller.
  const std::string& code() const noexcept;
  /// The key or column concerned ("fields[2].max", "value"); may be empty.
  const std::string& key() const noexcept;
  /// What is wrong and what was expected. Quoted values have control and invisible
  /// characters escaped (`U+200B`).
  const std::string& message() const noexcept;
  /// Where known: the unit code, the criterion id and the evidence stage concerned.
  const std::string& unit() const noexcept;
  const std::string& criterion() const noexcept;
  const std::string& stage() const noexcept;

  Diagnostic& set_location(SourceLocation location);
  Diagnostic& set_severity(Severity severity);
  Diagnostic& set_code(std::string code);
  Diagnostic& set_key(std::string key);
  Diagnostic& set_message(std::string message);
  Diagnostic& set_unit(std::string unit);
  Diagnostic& set_criterion(std::string criterion);
  Diagnostic& set_stage(std::string stage);

  /// "FILE:LINE:COL: error: message" (LINE and COL left out when unknown; a workbook's
  /// place as "FILE:SHEET!C14").
  std::string to_string() const;

 private:
  struct Data;
  Data& data();
  Data* data_;
};

/// The single root of the exceptions cchc throws. `diagnostics()` has every problem
/// found (at least one); what() is the first, formatted.
class CCHC_API Error : public std::runtime_error {
 public:
  explicit Error(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }
  const SourceLocation& location() const noexcept { return diagnostics_.front().location(); }

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
