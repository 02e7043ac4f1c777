// What the three harnesses share: splitting one input into several texts, the fixed set
// the tables harness loads against, and the invariants every result must keep.
#ifndef CCHC_FUZZ_SUPPORT_HPP
#define CCHC_FUZZ_SUPPORT_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "cchc/cchc.hpp"

namespace cchc_fuzz {

/// The line that separates the parts of one input ("criteria %% units %% evidence").
inline constexpr std::string_view part_separator = "\n%%\n";

/// Splits at the separator into at most `parts` pieces; missing pieces are empty.
std::vector<std::string_view> split_parts(const std::uint8_t* data, std::size_t size, std::size_t parts);

/// A small set with every rule kind, both `na` policies, a weighted_mean node, a survey
/// field, groups, bands, a tie-break and both adjustment kinds.
const cchc::CriteriaSet& fixed_set();

/// Aborts (so libFuzzer and the replay both report it) when a scorecard breaks a promise
/// of the library: every node within [0, its max], total within [0, max], index within
/// [0, 100], and the max never above the set's.
void check_scorecard(const cchc::Evaluation& evaluation, const cchc::Scorecard& card);

/// Aborts unless the ranking lists every scorecard exactly once with ranks that fit
/// the order (1-based, non-decreasing, a shared rank only for equal indices).
void check_ranking(const cchc::Evaluation& evaluation, const std::vector<cchc::Scorecard>& cards,
                   const cchc::Ranking& ranking);

/// Prints the message and aborts: a broken invariant is a finding, like a crash.
[[noreturn]] void fail(const char* what);

}  // namespace cchc_fuzz

#endif
