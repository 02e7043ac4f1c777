// What a value written for a node means under the node's rule, or why it is refused.
#ifndef CCHC_SRC_MODEL_EVIDENCE_VALUE_HPP
#define CCHC_SRC_MODEL_EVIDENCE_VALUE_HPP

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cchc/model/criteria_set.hpp"
#include "cchc/model/evaluation.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

struct InterpretedValue {
  ValueKind kind = ValueKind::number;
  std::int64_t number = 0;            // raw decimal, or option index
  std::vector<std::int64_t> answers;  // survey counts in the rule's answer order
  std::string error;                  // non-empty: the value is refused, and why
  const char* code = "";              // with an error: its stable diagnostic code (docs/diagnostics.md)
};

/// Interprets `text` for `node` (a leaf under its rule; an interior node's text is its points).
/// `decimal_comma`: the text comes from a ';'-separated file (',' is a decimal point too,
/// and "1.000" is refused as ambiguous). Where the node allows `na`, the clerks' "KPS" and
/// "không phát sinh" (any case, with or without diacritics) mean `na` as well.
InterpretedValue interpret_value(const Criterion& node, Rounding rounding, std::string_view text, bool decimal_comma);

/// Interprets `text` for an adjustment line: points 0..max.
InterpretedValue interpret_adjustment(const Adjustment& adjustment, Rounding rounding, std::string_view text, bool decimal_comma);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
