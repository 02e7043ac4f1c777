// The raw-text guard of a criteria file: what is checked before yaml-cpp sees the text.
// yaml-cpp 0.7's parser is recursive, so a deeply nested document exhausts a small thread
// stack; it also reads only the first of several documents. The guard refuses such text
// with a position, so that nothing else has to.
#ifndef CCHC_SRC_IO_YAML_GUARD_HPP
#define CCHC_SRC_IO_YAML_GUARD_HPP

#include <string>
#include <string_view>
#include <vector>

#include "cchc/model/diagnostic.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

/// Checks `text` (a criteria file without its BOM) in this order and reports the first
/// problem found: size over max_criteria_bytes (code `file-too-large`), a NUL byte
/// (`nul-byte`) or invalid UTF-8 (`invalid-utf8`), a tab in block indentation
/// (`tab-in-indentation`), nesting deeper than max_criteria_depth (`nesting-too-deep`), a
/// second YAML document (`multiple-documents`), and a file with nothing but comments
/// (`empty-file`). Positions are 1-based byte columns.
///
/// The depth is counted by following yaml-cpp's own scanner: its flow, quote, plain-scalar,
/// block-scalar, tag and indentation rules, and the collections its recursive parser opens
/// (block maps and sequences from its indentation stack, flow collections, and the compact
/// map a `key: value` opens inside a flow sequence). Where yaml-cpp would stop with a syntax
/// error the count stops too: yaml-cpp never parses past that point. Where the rules are
/// ambiguous the count takes the deeper reading, so it is never lower than the depth
/// yaml-cpp's parser reaches.
void check_yaml_text(std::string_view text, const std::string& file, std::vector<Diagnostic>& out);

/// The deepest nesting the depth pass of check_yaml_text counts in `text`, with no limit
/// (up to where yaml-cpp would stop with a syntax error); SIZE_MAX when the text is refused
/// for another reason (a tab, a second document). For tests.
std::size_t yaml_depth_estimate(std::string_view text);

}  // namespace detail
}  // namespace v1
}  // namespace cchc

#endif
