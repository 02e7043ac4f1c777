#include "reference_scorer.hpp"

#include <algorithm>
#include <numeric>

namespace cchc_property {

namespace {

// 128 bits hold every product below (maxima and weights are at most 10^7 millionths).
__extension__ typedef __int128 Wide;

Wide gcd(Wide a, Wide b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    const Wide t = a % b;
    a = b;
    b = t;
  }
  return a;
}

// A non-negative fraction kept in lowest terms.
struct Fraction {
  Wide num = 0, den = 1;
  Fraction plus(Wide n, Wide d) const {
    Fraction f{num * d + n * den, den * d};
    const Wide g = gcd(f.num, f.den);
    if (g > 1) { f.num /= g; f.den /= g; }
    return f;
  }
};

// num / den millionths rounded to `places` decimals (ties: half up, or to even).
Millionths round_to_places(Wide num, Wide den, const SetSpec& set) {
  Wide unit = 1;
  for (int i = set.places; i < 6; ++i) unit *= 10;
  const Wide whole = den * unit;
  Wide q = num / whole;
  const Wide twice_rest = 2 * (num % whole);
  if (twice_rest > whole || (twice_rest == whole && (!set.half_even || q % 2 != 0))) ++q;
  return static_cast<Millionths>(q * unit);
}

struct Scored { Millionths points = 0, max = 0; };

Scored score_leaf(const SetSpec& set, const NodeSpec& leaf, const LeafValue& v) {
  if (v.kind == LeafValue::Kind::na)
    return leaf.na == NaPolicy::full_points ? Scored{leaf.max, leaf.max} : Scored{0, 0};
  const Millionths x = v.number_value;
  switch (leaf.rule) {
    case LeafRule::points: return {round_to_places(x, 1, set), leaf.max};
    case LeafRule::options: return {leaf.option_points[v.option], leaf.max};
    case LeafRule::tiers:
      for (const TierSpec& t : leaf.tiers)
        if (t.bound_kind == 0 || (t.bound_kind == 1 ? x >= t.bound : x > t.bound)) return {t.points, leaf.max};
      return {0, leaf.max};
    case LeafRule::proportional:
      return {round_to_places(static_cast<Wide>(leaf.max) * std::min(x, leaf.target), leaf.target, set), leaf.max};
    case LeafRule::deduct: {
      const Millionths left = leaf.max - leaf.per * (x / one);
      return {left <= 0 ? 0 : round_to_places(left, 1, set), leaf.max};
    }
    case LeafRule::survey: {
      if (v.kind != LeafValue::Kind::answers) return {round_to_places(static_cast<Wide>(leaf.max) * x, one, set), leaf.max};
      Wide weighted = 0, answered = 0;
      for (std::size_t i = 0; i < v.counts.size(); ++i) {
        weighted += static_cast<Wide>(v.counts[i]) * leaf.answer_weights[i];
        answered += v.counts[i];
      }
      return {round_to_places(static_cast<Wide>(leaf.max) * weighted, answered * one, set), leaf.max};
    }
  }
  return {};
}

Scored score_node(const SetSpec& set, const NodeSpec& node, const UnitSpec& unit, ReferenceCard& card) {
  Scored s;
  if (node.is_leaf()) {
    s = score_leaf(set, node, unit.leaves.at(node.id));
  } else if (!node.weighted_mean) {
    for (const NodeSpec& c : node.children) {
      const Scored cs = score_node(set, c, unit, card);
      s.points += cs.points;
      s.max += cs.max;
    }
  } else {
    // max × Σ wᵢ·pᵢ/mᵢ / Σ wᵢ over the applicable children, rounded once.
    Fraction mean;
    Wide weights = 0;
    for (const NodeSpec& c : node.children) {
      const Scored cs = score_node(set, c, unit, card);
      if (cs.max == 0) continue;
      mean = mean.plus(static_cast<Wide>(c.weight) * cs.points, cs.max);
      weights += c.weight;
    }
    if (weights != 0) s = {round_to_places(mean.num * node.max, mean.den * weights, set), node.max};
  }
  card.points[node.id] = s.points;
  card.max[node.id] = s.max;
  return s;
}

}  // namespace

ReferenceCard reference_score(const SetSpec& set, const UnitSpec& unit) {
  ReferenceCard card;
  for (const NodeSpec& f : set.fields) {
    const Scored s = score_node(set, f, unit, card);
    card.tree_total += s.points;
    card.max_total += s.max;
  }
  card.total = std::clamp(card.tree_total + unit.bonus - unit.penalty, Millionths{0}, card.max_total);
  card.index = card.max_total == 0 ? 0 : round_to_places(static_cast<Wide>(card.total) * 100 * one, card.max_total, set);
  return card;
}

std::map<std::string, int> reference_ranks(const std::vector<UnitSpec>& units, const std::vector<ReferenceCard>& cards) {
  // a ranks above b when total_a / max_a > total_b / max_b (a unit with max 0 has index 0).
  const auto above = [&](std::size_t a, std::size_t b) {
    const Wide na = cards[a].max_total ? cards[a].total : 0, da = cards[a].max_total ? cards[a].max_total : 1;
    const Wide nb = cards[b].max_total ? cards[b].total : 0, db = cards[b].max_total ? cards[b].max_total : 1;
    return na * db > nb * da;
  };
  std::map<std::string, int> ranks;
  for (std::size_t i = 0; i < units.size(); ++i) {
    int better = 0;
    for (std::size_t j = 0; j < units.size(); ++j)
      if (units[j].group == units[i].group && above(j, i)) ++better;
    ranks[units[i].code] = better + 1;
  }
  return ranks;
}

}  // namespace cchc_property
