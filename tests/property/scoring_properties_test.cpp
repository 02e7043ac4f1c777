// Properties every scoring must have, checked on random valid sets and evidence.
// RapidCheck has no doctest adapter: each property runs in rc::check, whose result the
// TEST_CASE asserts (a failure prints the shrunk counterexample first).
#include <doctest/doctest.h>
#include <rapidcheck.h>

#include <algorithm>
#include <random>

#include "library_run.hpp"
#include "random_set.hpp"
#include "reference_scorer.hpp"

using namespace cchc_property;

namespace {

std::vector<UnitSpec> random_units(const SetSpec& set) {
  std::vector<UnitSpec> units;
  const int count = *rc::gen::inRange(1, 7);
  for (int i = 0; i < count; ++i) units.push_back(random_unit(set, "DV" + std::to_string(i)));
  return units;
}

std::vector<NodeSpec*> weighted_nodes(std::vector<NodeSpec>& nodes) {
  std::vector<NodeSpec*> out;
  for (NodeSpec& n : nodes) {
    if (n.weighted_mean) out.push_back(&n);
    for (NodeSpec* inner : weighted_nodes(n.children)) out.push_back(inner);
  }
  return out;
}

}  // namespace

TEST_CASE("scores, maxima, indices and ranks equal those of a plain reference scorer") {
  CHECK(rc::check("library == reference", [] {
    const SetSpec set = random_set();
    const std::vector<UnitSpec> units = random_units(set);
    const LibraryRun run = run_library(set, units);
    std::vector<ReferenceCard> expected;
    for (const UnitSpec& u : units) expected.push_back(reference_score(set, u));
    const std::map<std::string, int> ranks = reference_ranks(units, expected);
    for (std::size_t i = 0; i < units.size(); ++i) {
      const UnitResult& got = run.units.at(units[i].code);
      const ReferenceCard& want = expected[i];
      for (const auto& [id, points] : want.points) {
        RC_ASSERT(got.nodes.at(id).points.raw() == points);
        RC_ASSERT(got.nodes.at(id).max.raw() == want.max.at(id));
      }
      RC_ASSERT(got.total.raw() == want.total);
      RC_ASSERT(got.max.raw() == want.max_total);
      RC_ASSERT(got.index.raw() == want.index);
      RC_ASSERT(got.rank == std::optional<int>(ranks.at(units[i].code)));
    }
  }));
}

TEST_CASE("permuting the units or the evidence rows changes no score and no rank") {
  CHECK(rc::check("permutation invariance", [] {
    const SetSpec set = random_set();
    std::vector<UnitSpec> units = random_units(set);
    std::vector<std::string> rows = evidence_rows(set, units);
    const LibraryRun before = run_library(to_yaml(set), units_csv(units), evidence_header + joined(rows));
    std::mt19937_64 shuffle(*rc::gen::arbitrary<std::uint64_t>());
    std::shuffle(units.begin(), units.end(), shuffle);
    std::shuffle(rows.begin(), rows.end(), shuffle);
    const LibraryRun after = run_library(to_yaml(set), units_csv(units), evidence_header + joined(rows));
    for (const UnitSpec& u : units) RC_ASSERT(after.units.at(u.code) == before.units.at(u.code));
  }));
}

TEST_CASE("better evidence for one leaf never lowers that unit's total nor its rank") {
  CHECK(rc::check("monotone in evidence", [] {
    const SetSpec set = random_set();
    std::vector<UnitSpec> units = random_units(set);
    const LibraryRun before = run_library(set, units);
    UnitSpec& unit = units[static_cast<std::size_t>(*rc::gen::inRange<std::size_t>(0, units.size()))];
    std::vector<const NodeSpec*> applicable;
    for (const NodeSpec* leaf : leaves_of(set))
      if (unit.leaves.at(leaf->id).kind != LeafValue::Kind::na) applicable.push_back(leaf);
    RC_PRE(!applicable.empty());
    const NodeSpec& leaf = **rc::gen::elementOf(applicable);
    unit.leaves[leaf.id] = improved_value(leaf, set.places, unit.leaves.at(leaf.id));
    const LibraryRun after = run_library(set, units);
    const UnitResult& was = before.units.at(unit.code);
    const UnitResult& is = after.units.at(unit.code);
    RC_ASSERT(is.nodes.at(leaf.id).points >= was.nodes.at(leaf.id).points);
    RC_ASSERT(is.total >= was.total);
    RC_ASSERT(*is.rank <= *was.rank);  // a smaller number is a better rank
  }));
}

TEST_CASE("every node stays within its own max and the total within [0, max]") {
  CHECK(rc::check("bounds", [] {
    const SetSpec set = random_set();
    const LibraryRun run = run_library(set, random_units(set));
    const cchc::Decimal zero;
    for (const auto& [code, unit] : run.units) {
      for (const auto& [id, node] : unit.nodes) {
        RC_ASSERT(node.points >= zero);
        RC_ASSERT(node.points <= node.max);
        RC_ASSERT(node.max <= run.set.node(*run.set.find(id)).max);
      }
      RC_ASSERT(unit.total >= zero);
      RC_ASSERT(unit.total <= unit.max);
      RC_ASSERT(unit.max <= run.set.max());
      RC_ASSERT(unit.index <= cchc::Decimal::from_int(100));
    }
  }));
}

TEST_CASE("units with identical evidence in one group share a rank") {
  CHECK(rc::check("equal inputs, equal ranks", [] {
    const SetSpec set = random_set();
    std::vector<UnitSpec> units = random_units(set);
    UnitSpec twin = units[static_cast<std::size_t>(*rc::gen::inRange<std::size_t>(0, units.size()))];
    const std::string original = twin.code;
    twin.code = "TWIN";
    units.push_back(twin);
    const LibraryRun run = run_library(set, units);
    RC_ASSERT(run.units.at("TWIN").rank == run.units.at(original).rank);
    RC_ASSERT(run.units.at("TWIN").total == run.units.at(original).total);
  }));
}

TEST_CASE("scaling every weight of a weighted_mean node by k > 0 changes nothing") {
  CHECK(rc::check("weights are relative", [] {
    SetSpec set = random_set();
    std::vector<NodeSpec*> weighted = weighted_nodes(set.fields);
    RC_PRE(!weighted.empty());
    const std::vector<UnitSpec> units = random_units(set);
    const LibraryRun before = run_library(set, units);
    NodeSpec& node = **rc::gen::elementOf(weighted);
    // k in tenths (0.1 .. 20): weights are whole numbers 1..5, so k·w stays exact.
    const Millionths k_tenths = *rc::gen::inRange<Millionths>(1, 201);
    for (NodeSpec& child : node.children) child.weight = child.weight * k_tenths / 10;
    const LibraryRun after = run_library(set, units);
    for (const UnitSpec& u : units) RC_ASSERT(after.units.at(u.code) == before.units.at(u.code));
  }));
}
