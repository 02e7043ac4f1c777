// Running the library on generated text and keeping its results by unit code, so that
// runs on permuted or edited inputs can be compared.
#ifndef CCHC_PROPERTY_LIBRARY_RUN_HPP
#define CCHC_PROPERTY_LIBRARY_RUN_HPP

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cchc/cchc.hpp"
#include "random_set.hpp"

namespace cchc_property {

struct UnitResult {
  std::map<std::string, cchc::NodeScore> nodes;  ///< by node id
  cchc::Decimal total, max, index;
  std::optional<int> rank;
  bool operator==(const UnitResult& o) const;
};

struct LibraryRun {
  cchc::CriteriaSet set;
  std::map<std::string, UnitResult> units;  ///< by code
};

/// Loads, scores and ranks; a load failure fails the property with every diagnostic
/// (the generators only write valid input).
LibraryRun run_library(const std::string& yaml, const std::string& units_csv, const std::string& evidence_csv);

/// The usual inputs of one generated case.
LibraryRun run_library(const SetSpec& set, const std::vector<UnitSpec>& units);

std::string joined(const std::vector<std::string>& rows);

}  // namespace cchc_property

#endif
