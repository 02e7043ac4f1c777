#include "cchc/model/diagnostic.hpp"

#include "cchc/version.hpp"
#include "i18n/format.hpp"
#include "model/api_error.hpp"
#include "model/unicode.hpp"

namespace cchc {
inline namespace v1 {

struct Diagnostic::Data {
  SourceLocation location;
  Severity severity = Severity::error;
  std::string code, key, message, unit, criterion, stage;
};

namespace {
const SourceLocation no_location{};
const std::string no_text;
}  // namespace

Diagnostic::Diagnostic() noexcept : data_(nullptr) {}
Diagnostic::Diagnostic(SourceLocation location, Severity severity, std::string key, std::string message)
    : data_(new Data{std::move(location), severity, {}, std::move(key), std::move(message), {}, {}, {}}) {}
Diagnostic::Diagnostic(const Diagnostic& other) : data_(other.data_ ? new Data(*other.data_) : nullptr) {}
Diagnostic::Diagnostic(Diagnostic&& other) noexcept : data_(other.data_) { other.data_ = nullptr; }
Diagnostic& Diagnostic::operator=(const Diagnostic& other) {
  if (this != &other) {
    Data* copy = other.data_ ? new Data(*other.data_) : nullptr;
    delete data_;
    data_ = copy;
  }
  return *this;
}
Diagnostic& Diagnostic::operator=(Diagnostic&& other) noexcept {
  if (this != &other) {
    delete data_;
    data_ = other.data_;
    other.data_ = nullptr;
  }
  return *this;
}
Diagnostic::~Diagnostic() { delete data_; }

Diagnostic::Data& Diagnostic::data() {
  if (!data_) data_ = new Data();
  return *data_;
}

const SourceLocation& Diagnostic::location() const noexcept { return data_ ? data_->location : no_location; }
Severity Diagnostic::severity() const noexcept { return data_ ? data_->severity : Severity::error; }
const std::string& Diagnostic::code() const noexcept { return data_ ? data_->code : no_text; }
const std::string& Diagnostic::key() const noexcept { return data_ ? data_->key : no_text; }
const std::string& Diagnostic::message() const noexcept { return data_ ? data_->message : no_text; }
const std::string& Diagnostic::unit() const noexcept { return data_ ? data_->unit : no_text; }
const std::string& Diagnostic::criterion() const noexcept { return data_ ? data_->criterion : no_text; }
const std::string& Diagnostic::stage() const noexcept { return data_ ? data_->stage : no_text; }

Diagnostic& Diagnostic::set_location(SourceLocation location) { data().location = std::move(location); return *this; }
Diagnostic& Diagnostic::set_severity(Severity severity) { data().severity = severity; return *this; }
Diagnostic& Diagnostic::set_code(std::string code) { data().code = std::move(code); return *this; }
Diagnostic& Diagnostic::set_key(std::string key) { data().key = std::move(key); return *this; }
Diagnostic& Diagnostic::set_message(std::string message) { data().message = std::move(message); return *this; }
Diagnostic& Diagnostic::set_unit(std::string unit) { data().unit = std::move(unit); return *this; }
Diagnostic& Diagnostic::set_criterion(std::string criterion) { data().criterion = std::move(criterion); return *this; }
Diagnostic& Diagnostic::set_stage(std::string stage) { data().stage = std::move(stage); return *this; }

std::string to_string(const SourceLocation& at) {
  std::string out = at.file;
  if (!at.sheet.empty()) {
    out += ':';
    out += at.sheet;
    if (at.line == 0) return out;
    out += '!';
    // Appended piecewise: GCC 12 warns falsely (-Wrestrict) on `a + std::to_string(n)`.
    const std::string row = std::to_string(at.line);
    if (at.column == 0) {  // the whole row, as Excel writes it
      out += row;
      out += ':';
      out += row;
      return out;
    }
    std::string letters;
    for (std::uint32_t c = at.column; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    out += letters;
    out += row;
    return out;
  }
  if (at.line > 0) {
    out += ':';
    out += std::to_string(at.line);
    if (at.column > 0) {
      out += ':';
      out += std::to_string(at.column);
    }
  }
  return out;
}

std::string Diagnostic::to_string() const {
  // The file name and the message are shown with every control and invisible character
  // escaped (<U+000A>, <U+001B>), so that no value quoted in a message can move the cursor
  // or forge a second diagnostic line.
  SourceLocation at = location();
  if (at.file.empty()) at.file = "<input>";
  std::string out = detail::escape_invisible(cchc::to_string(at));
  out += severity() == Severity::error ? ": error: " : ": warning: ";
  out += detail::escape_invisible(message());
  return out;
}

namespace {
std::string first_message(const std::vector<Diagnostic>& d) {
  return d.empty() ? std::string("cchc: unknown error") : d.front().to_string();
}
std::vector<Diagnostic> at_least_one(std::vector<Diagnostic> d) {
  if (d.empty()) d.push_back(Diagnostic{SourceLocation{}, Severity::error, std::string(), detail::tr("unknown error")});
  return d;
}
}  // namespace

Error::Error(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(first_message(diagnostics)), diagnostics_(at_least_one(std::move(diagnostics))) {}

namespace detail {
void throw_api_error(std::string code, std::string message) {
  Diagnostic d(SourceLocation{}, Severity::error, std::string(), std::move(message));
  d.set_code(std::move(code));
  throw Error({std::move(d)});
}
std::size_t checked_index(std::size_t index, std::size_t size, const char* code, const char* what) {
  if (index >= size)
    throw_api_error(code, trf("{what} {index} is out of range (there are {size})", fmt::arg("what", what), fmt::arg("index", index),
                              fmt::arg("size", size)));
  return index;
}
}  // namespace detail

const char* version() noexcept { return CCHC_VERSION_STRING; }

}  // namespace v1
}  // namespace cchc
