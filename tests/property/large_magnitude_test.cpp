// Exactness at the magnitudes the formats admit: weighted means over 12–40 children of
// distinct maxima (their lcm passes 128 bits at once), maxima and points up to 10^12, weights
// up to 10^12, every number of places, both rounding modes, and up to ten bonus and penalty
// lines at the largest caps the format admits. The reference is written from docs/criteria-format.md alone, in
// GMP rationals: it shares no code and no integer width with the library.
#include <doctest/doctest.h>
#include <gmpxx.h>
#include <rapidcheck.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "cchc/cchc.hpp"

namespace {

using Raw = std::int64_t;  // millionths, as the files are written
constexpr Raw one = 1000000;

struct Child {
  Raw max = 0, weight = 0, points = 0;
  bool not_applicable = false;
};
struct Adjustment {
  bool bonus = true;
  Raw cap = 0, given = 0;
};
struct Case {
  int places = 2;
  bool half_even = false;
  Raw root_max = 0;
  std::vector<Child> children;
  std::vector<Adjustment> adjustments;
};

Raw pow10(int n) {
  Raw p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

// A positive number below 10^12 with at most `places` decimals, of a random magnitude.
Raw random_amount(int places, int max_exponent = 11) {
  const int exponent = *rc::gen::inRange(0, max_exponent + 1);       // 10^exponent .. 10^(exponent+1)
  const Raw grid = pow10(6 - places);
  const Raw top = pow10(exponent) * one;                                // below 10^(exponent) … scaled
  const Raw low = std::max<Raw>(grid, top / 10);
  const Raw value = *rc::gen::inRange<Raw>(low, top * 10 < 1000000000000 * one ? top * 10 : 1000000000000 * one - 1);
  return std::max(grid, value / grid * grid);
}

Raw random_on_grid(Raw max, int places) {
  const Raw grid = pow10(6 - places);
  return *rc::gen::inRange<Raw>(0, max / grid + 1) * grid;
}

std::string text(Raw raw) {
  std::string whole = std::to_string(raw / one);
  Raw fraction = raw % one;
  if (fraction == 0) return whole;
  std::string digits = std::to_string(fraction);
  digits.insert(0, 6 - digits.size(), '0');
  while (digits.back() == '0') digits.pop_back();
  return whole + "." + digits;
}

Case random_case() {
  Case c;
  c.places = *rc::gen::inRange(0, 7);
  c.half_even = *rc::gen::arbitrary<bool>();
  c.root_max = random_amount(c.places);
  const int count = *rc::gen::inRange(12, 41);
  std::set<Raw> seen;
  const Raw grid = pow10(6 - c.places);
  while (static_cast<int>(c.children.size()) < count) {
    Child k;
    k.max = random_amount(c.places);
    // Distinct maxima: step up on the grid past those taken (no retry loop, which
    // RapidCheck's shrinking could make endless).
    while (!seen.insert(k.max).second) k.max += grid;
    k.weight = *rc::gen::element<Raw>(1, 1000000) == 1 ? random_amount(6, 5)   // weights to 10^6, six decimals
                                                        : random_amount(0, 11);  // or whole, to 10^12
    k.points = random_on_grid(k.max, c.places);
    k.not_applicable = *rc::gen::inRange(0, 10) == 0;
    c.children.push_back(k);
  }
  // Caps as large as the format admits: the set's max plus the bonus caps, and the penalty
  // caps, stay below 10^12 (criteria-format.md); one line in three takes all that is left.
  const Raw limit = 1000000000000 * one - grid;
  Raw bonus_room = limit - c.root_max, penalty_room = limit;
  const int adjustments = *rc::gen::inRange(0, 11);
  for (int i = 0; i < adjustments; ++i) {
    Adjustment a;
    a.bonus = *rc::gen::arbitrary<bool>();
    Raw& room = a.bonus ? bonus_room : penalty_room;
    if (room < grid) continue;
    a.cap = *rc::gen::inRange(0, 3) == 0 ? room / grid * grid : std::min(random_amount(c.places), room / grid * grid);
    room -= a.cap;
    a.given = random_on_grid(a.cap, c.places);
    c.adjustments.push_back(a);
  }
  return c;
}

std::string yaml(const Case& c) {
  std::string s = "schema: cchc/criteria@1\nid: lon\ntitle: \"Độ lớn\"\nmax: " + text(c.root_max) +
                  "\naggregate: weighted_mean\nrounding: {places: " + std::to_string(c.places) +
                  ", mode: " + (c.half_even ? "half_even" : "half_up") + "}\n";
  if (!c.adjustments.empty()) s += "adjustments:\n";
  for (std::size_t i = 0; i < c.adjustments.size(); ++i)
    s += "  - {id: a" + std::to_string(i) + ", title: \"Điều chỉnh\", kind: " +
         (c.adjustments[i].bonus ? "bonus" : "penalty") + ", max: " + text(c.adjustments[i].cap) + "}\n";
  s += "fields:\n";
  for (std::size_t i = 0; i < c.children.size(); ++i)
    s += "  - {id: f" + std::to_string(i) + ", title: \"Lĩnh vực\", max: " + text(c.children[i].max) +
         ", weight: " + text(c.children[i].weight) + ", na: exclude}\n";
  return s;
}

std::string evidence(const Case& c) {
  std::string s = "unit,criterion,value\n";
  for (std::size_t i = 0; i < c.children.size(); ++i)
    s += "U,f" + std::to_string(i) + "," + (c.children[i].not_applicable ? std::string("na") : text(c.children[i].points)) + "\n";
  for (std::size_t i = 0; i < c.adjustments.size(); ++i) s += "U,a" + std::to_string(i) + "," + text(c.adjustments[i].given) + "\n";
  return s;
}

mpz_class big(Raw v) { return mpz_class(std::to_string(v)); }

// q millionths rounded to `places` decimals, ties by the mode; returned in millionths.
mpz_class rounded(const mpq_class& q, const Case& c) {
  const mpz_class unit = big(pow10(6 - c.places));
  const mpz_class num = q.get_num(), den = q.get_den() * unit;  // q ≥ 0 here
  mpz_class quotient = num / den;
  const mpz_class twice = 2 * (num - quotient * den);
  if (twice > den || (twice == den && (!c.half_even || quotient % 2 != 0))) ++quotient;
  return quotient * unit;
}

struct Expected {
  mpz_class tree, total, max, index;
};

Expected reference(const Case& c) {
  // max × Σ wᵢ·pᵢ/mᵢ / Σ wᵢ over the applicable children, rounded once.
  mpq_class shares = 0, weights = 0;
  for (const Child& k : c.children) {
    if (k.not_applicable) continue;
    shares += mpq_class(big(k.weight) * big(k.points), big(k.max));
    weights += big(k.weight);
  }
  Expected e;
  if (weights == 0) return e;  // nothing applicable: points 0 of 0
  e.max = big(c.root_max);
  e.tree = rounded(mpq_class(shares * big(c.root_max) / weights), c);
  mpz_class total = e.tree;
  for (const Adjustment& a : c.adjustments) total += a.bonus ? big(a.given) : mpz_class(-big(a.given));
  e.total = total < 0 ? mpz_class(0) : (total > e.max ? e.max : total);
  e.index = rounded(mpq_class(e.total * 100 * one, e.max), c);
  return e;
}

}  // namespace

TEST_CASE("weighted means and adjustments are exact at every admitted magnitude") {
  CHECK(rc::check("library == GMP rational reference", [] {
    const Case c = random_case();
    const auto set = cchc::try_parse_criteria(yaml(c));
    if (!set.ok()) RC_FAIL(set.diagnostics().front().to_string());
    const auto evaluation = cchc::try_parse_evaluation(set.value(), "code,name\nU,Đơn vị\n", evidence(c));
    if (!evaluation.ok()) RC_FAIL(evaluation.diagnostics().front().to_string());
    const cchc::Scorecard card = cchc::score(evaluation.value()).at(0);
    const Expected want = reference(c);
    RC_ASSERT(big(card.tree_total().raw()) == want.tree);
    RC_ASSERT(big(card.total().raw()) == want.total);
    RC_ASSERT(big(card.max().raw()) == want.max);
    RC_ASSERT(big(card.index().raw()) == want.index);
  }));
}
