// Small helpers shared by the unit tests: load a set and tables from text, score, rank,
// and look results up by unit code and node id.
#ifndef CCHC_TESTS_SUPPORT_HPP
#define CCHC_TESTS_SUPPORT_HPP

#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "cchc/cchc.hpp"

// Lists of messages print one a line when a check fails.
namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& lines) {
    std::string out = "[";
    for (const auto& l : lines) out += "\n  " + l;
    out += "\n]";
    return String(out.c_str());
  }
};
}  // namespace doctest


namespace cchc_test {

/// Every diagnostic as "FILE:LINE:COL: error: message".
template <class T>
std::vector<std::string> messages(const cchc::Loaded<T>& loaded) {
  std::vector<std::string> out;
  for (const auto& d : loaded.diagnostics()) out.push_back(d.to_string());
  return out;
}

/// A set that must load; a failure prints every diagnostic.
inline cchc::CriteriaSet set_from(std::string_view yaml) {
  const auto loaded = cchc::try_parse_criteria(yaml);
  INFO(doctest::StringMaker<std::vector<std::string>>::convert(messages(loaded)));
  REQUIRE(loaded.ok());
  return loaded.value();
}

/// A set, its evaluation, every scorecard and the ranking.
struct Scored {
  cchc::Evaluation evaluation;
  std::vector<cchc::Scorecard> cards;
  cchc::Ranking ranking;

  const cchc::Scorecard& card(std::string_view code) const {
    const auto unit = evaluation.find_unit(code);
    REQUIRE(unit.has_value());
    return cards.at(*unit);
  }
  const cchc::NodeScore& node(std::string_view code, std::string_view id) const {
    const auto index = evaluation.criteria().find(id);
    REQUIRE(index.has_value());
    return card(code).nodes().at(*index);
  }
  const cchc::RankEntry& entry(std::string_view code) const {
    const auto unit = evaluation.find_unit(code);
    REQUIRE(unit.has_value());
    for (const auto& group : ranking.groups())
      for (const auto& e : group.entries())
        if (cards.at(e.scorecard()).unit() == *unit) return e;
    FAIL("unit not ranked: " << code);
    throw;  // unreachable: FAIL throws
  }
  /// The group a unit was ranked in.
  std::string group_of(std::string_view code) const {
    const auto unit = evaluation.find_unit(code);
    REQUIRE(unit.has_value());
    for (const auto& group : ranking.groups())
      for (const auto& e : group.entries())
        if (cards.at(e.scorecard()).unit() == *unit) return group.key();
    return "(none)";
  }
  /// The rank as text: "1", "2", or "-" for an unranked unit.
  std::string rank(std::string_view code) const {
    const auto& e = entry(code);
    return e.rank() ? std::to_string(*e.rank()) : std::string("-");
  }
  std::string band(std::string_view code) const { return entry(code).band(); }
  std::string total(std::string_view code) const { return card(code).total().to_string(); }
  std::string max(std::string_view code) const { return card(code).max().to_string(); }
  std::string index(std::string_view code) const { return card(code).index().to_string(); }
  std::string points(std::string_view code, std::string_view id) const { return node(code, id).points.to_string(); }
};

inline cchc::Evaluation evaluation_from(const cchc::CriteriaSet& set, std::string_view units, std::string_view evidence,
                                        cchc::EvaluationOptions options = {}) {
  const auto loaded = cchc::try_parse_evaluation(set, units, evidence, "units.csv", "evidence.csv", options);
  INFO(doctest::StringMaker<std::vector<std::string>>::convert(messages(loaded)));
  REQUIRE(loaded.ok());
  return loaded.value();
}

inline Scored score_all(const cchc::CriteriaSet& set, std::string_view units, std::string_view evidence) {
  Scored s;
  s.evaluation = evaluation_from(set, units, evidence);
  s.cards = cchc::score(s.evaluation);
  s.ranking = cchc::rank(s.evaluation, s.cards);
  return s;
}

/// Decimal from text; the text must be valid.
inline cchc::Decimal dec(std::string_view text) {
  const auto d = cchc::Decimal::parse(text);
  REQUIRE(d.has_value());
  return *d;
}

}  // namespace cchc_test

#endif
