// A second, deliberately plain scorer for the random sets: written from DESIGN.md with
// integer fractions, sharing no code with the library, so the two can be compared.
#ifndef CCHC_PROPERTY_REFERENCE_SCORER_HPP
#define CCHC_PROPERTY_REFERENCE_SCORER_HPP

#include <map>
#include <string>
#include <vector>

#include "random_set.hpp"

namespace cchc_property {

struct ReferenceCard {
  std::map<std::string, Millionths> points;  ///< every node by id
  std::map<std::string, Millionths> max;     ///< its applicable max
  Millionths tree_total = 0, total = 0, max_total = 0, index = 0;
};

ReferenceCard reference_score(const SetSpec& set, const UnitSpec& unit);

/// Competition ranks (1, 2, 2, 4) per group on the exact total / max; by unit code.
std::map<std::string, int> reference_ranks(const std::vector<UnitSpec>& units, const std::vector<ReferenceCard>& cards);

}  // namespace cchc_property

#endif
