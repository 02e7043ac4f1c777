// A string-keyed hash map that can be searched with a string_view, without building a
// std::string per lookup (C++20 heterogeneous lookup): the evidence loader looks up a unit
// and a criterion for each of half a million rows.
#ifndef CCHC_SRC_MODEL_LOOKUP_HPP
#define CCHC_SRC_MODEL_LOOKUP_HPP

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cchc {
inline namespace v1 {
namespace detail {

struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

template <class Value>
using TextMap = std::unordered_map<std::string, Value, TextHash, std::equal_to<>>;

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
