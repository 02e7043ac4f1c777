// Bytes as a criteria file: the loader must return a set or diagnostics, never crash,
// hang or leak, and a set it accepts must be a well-formed tree.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cchc/cchc.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view yaml(reinterpret_cast<const char*>(data), size);
  const cchc::Loaded<cchc::CriteriaSet> loaded = cchc::try_parse_criteria(yaml, "fuzz.yaml");
  for (const cchc::Diagnostic& d : loaded.diagnostics()) (void)d.to_string();
  if (!loaded.ok()) {
    if (loaded.diagnostics().empty()) cchc_fuzz::fail("a refused set with no diagnostic");
    return 0;
  }
  const cchc::CriteriaSet& set = loaded.value();
  const auto& nodes = set.nodes();
  if (nodes.empty()) cchc_fuzz::fail("an accepted set without a root");
  for (std::size_t i = 1; i < nodes.size(); ++i) {
    const cchc::Criterion& c = nodes[i];
    if (c.parent >= i) cchc_fuzz::fail("a node before its parent (not pre-order)");
    if (set.find(c.id) != static_cast<cchc::NodeIndex>(i)) cchc_fuzz::fail("find(id) misses a node");
    if (c.is_leaf()) (void)cchc::describe_rule(c, set.rounding());
  }
  return 0;
}
