// The public result and option types are value classes over one private pointer, so that a
// later version can add facts to them without changing their size or layout (the ABI). This
// header gives the library, and only the library, direct access to their data: the scorer and
// the report writers fill and read the fields without a call per field.
#ifndef CCHC_SRC_MODEL_VALUE_CLASS_HPP
#define CCHC_SRC_MODEL_VALUE_CLASS_HPP

#include <memory>
#include <utility>

namespace cchc {
inline namespace v1 {
namespace detail {

struct ResultAccess {
  template <class T>
  static auto& data(T& value) {
    return value.data();
  }
  template <class T>
  static const auto& data(const T& value) noexcept {
    return value.data();
  }
};

/// The private data of a result or options value, to read or fill it field by field.
template <class T>
auto& data_of(T& value) {
  return ResultAccess::data(value);
}
template <class T>
const auto& data_of(const T& value) noexcept {
  return ResultAccess::data(value);
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc

// Types cannot be parenthesised: the macros below take type names.
// NOLINTBEGIN(bugprone-macro-parentheses)

/// Defines the special members and the data access of a value class `Type` whose
/// `struct Type::Data` is complete here. A moved-from value reads as a default one.
#define CCHC_DEFINE_VALUE_CLASS(Type)                                                          \
  Type::Type() : data_(std::make_unique<Data>()) {}                                            \
  Type::Type(const Type& other) : data_(std::make_unique<Data>(other.data())) {}               \
  Type::Type(Type&& other) noexcept = default;                                                 \
  Type& Type::operator=(const Type& other) {                                                   \
    if (this != &other) data_ = std::make_unique<Data>(other.data());                          \
    return *this;                                                                              \
  }                                                                                            \
  Type& Type::operator=(Type&& other) noexcept = default;                                      \
  Type::~Type() = default;                                                                     \
  const Type::Data& Type::data() const noexcept {                                              \
    static const Data empty{};                                                                 \
    return data_ ? *data_ : empty;                                                             \
  }                                                                                            \
  Type::Data& Type::data() {                                                                   \
    if (!data_) data_ = std::make_unique<Data>();                                              \
    return *data_;                                                                             \
  }

/// A field `name` of `Type::Data`: its getter (by value, or by const reference for the
/// _REF form) and its setter `set_name`, which returns the value for chaining.
#define CCHC_VALUE_FIELD(Type, FieldType, name)                                                \
  FieldType Type::name() const noexcept { return data().name; }                               \
  Type& Type::set_##name(FieldType value) {                                                    \
    data().name = std::move(value);                                                            \
    return *this;                                                                              \
  }
#define CCHC_VALUE_FIELD_REF(Type, FieldType, name)                                            \
  const FieldType& Type::name() const noexcept { return data().name; }                        \
  Type& Type::set_##name(FieldType value) {                                                    \
    data().name = std::move(value);                                                            \
    return *this;                                                                              \
  }

// NOLINTEND(bugprone-macro-parentheses)

#endif
