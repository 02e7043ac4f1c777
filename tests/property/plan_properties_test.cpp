// `cchc plan` on random sets (every rule kind, weighted means, na, survey fields,
// adjustments): the plan's changes, written into the evidence and scored again by the
// library, reach the target and give the standing the plan announced; and by brute force
// over the subsets of changeable leaves (each at the best value its rule admits), no plan
// with fewer changes reaches it. An unreachable target's plan reaches what every
// changeable leaf at its best reaches, and that misses the target.
#include <doctest/doctest.h>
#include <rapidcheck.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cchc/cchc.hpp"
#include "library_run.hpp"
#include "random_set.hpp"

namespace {

using namespace cchc_property;

struct Outcome {
  cchc::Decimal total, max, index;
  std::optional<int> rank;
};

// The evidence with some (unit, criterion) values replaced, scored and ranked again.
Outcome rescore(const cchc::CriteriaSet& set, const std::string& units, const std::vector<std::string>& rows,
                const std::string& code, const std::map<std::string, std::string>& values) {
  std::string evidence = evidence_header;
  for (const std::string& row : rows) {
    const std::size_t a = row.find(','), b = row.find(',', a + 1);
    const auto it = row.substr(0, a) == code ? values.find(row.substr(a + 1, b - a - 1)) : values.end();
    evidence += it == values.end() ? row : row.substr(0, b + 1) + it->second + "\n";
  }
  const auto loaded = cchc::try_parse_evaluation(set, units, evidence);
  RC_ASSERT(loaded.ok());
  const cchc::Evaluation& e = loaded.value();
  const auto cards = cchc::score(e);
  const auto ranking = cchc::rank(e, cards);
  const std::size_t u = *e.find_unit(code);
  Outcome out{cards[u].total(), cards[u].max(), cards[u].index(), std::nullopt};
  for (const auto& g : ranking.groups())
    for (const auto& entry : g.entries())
      if (cards[entry.scorecard()].unit() == u) out.rank = entry.rank();
  return out;
}

// The value that earns a leaf the most its rule gives, written from the generator's rule
// (not from the library's choices): the largest points on the step, the best option, the
// best rate on a tiers rule (first match from the top, every 0.1%), the target rate, none
// counted.
std::string best_value(const NodeSpec& leaf, int places) {
  switch (leaf.rule) {
    case LeafRule::points: {
      Millionths step = leaf.step;
      if (step == 0) {
        step = one;
        for (int i = 0; i < places; ++i) step /= 10;
      }
      return decimal_text(leaf.max / step * step);
    }
    case LeafRule::options: {
      std::size_t best = 0;
      for (std::size_t i = 1; i < leaf.option_points.size(); ++i)
        if (leaf.option_points[i] > leaf.option_points[best]) best = i;
      return "o" + std::to_string(best);
    }
    case LeafRule::tiers: {
      Millionths best_rate = 0, best_points = -1;
      for (Millionths rate = 0; rate <= one; rate += 1000)
        for (const TierSpec& t : leaf.tiers)
          if (t.bound_kind == 0 || (t.bound_kind == 1 ? rate >= t.bound : rate > t.bound)) {
            if (t.points > best_points) {
              best_points = t.points;
              best_rate = rate;
            }
            break;
          }
      return decimal_text(best_rate);
    }
    case LeafRule::proportional: return decimal_text(leaf.target);
    case LeafRule::deduct: return "0";
    case LeafRule::survey: break;
  }
  return "";
}

bool meets(const Outcome& o, bool by_rank, int target) {
  if (by_rank) return o.rank && *o.rank <= target;
  // index >= X  <=>  100 · total >= X · max (a unit with nothing applicable has index 0)
  if (o.max.raw() <= 0) return target == 0;
  return o.total.raw() * 100 >= static_cast<std::int64_t>(target) * o.max.raw();
}

}  // namespace

TEST_CASE("property: a plan's changes reach its target, and no fewer changes do") {
  const bool ok = rc::check("plan", [] {
    const SetSpec spec = random_set();
    const int count = *rc::gen::inRange(2, 5);
    std::vector<UnitSpec> units;
    for (int i = 0; i < count; ++i) units.push_back(random_unit(spec, "U" + std::to_string(i)));
    const std::string yaml = to_yaml(spec), units_text = units_csv(units);
    const std::vector<std::string> rows = evidence_rows(spec, units);
    const auto set_loaded = cchc::try_parse_criteria(yaml);
    RC_ASSERT(set_loaded.ok());
    const cchc::CriteriaSet& set = set_loaded.value();
    const auto loaded = cchc::try_parse_evaluation(set, units_text, std::string(evidence_header) + joined(rows));
    RC_ASSERT(loaded.ok());
    const cchc::Evaluation& ev = loaded.value();
    const auto cards = cchc::score(ev);
    const auto ranking = cchc::rank(ev, cards);

    const std::size_t unit = static_cast<std::size_t>(*rc::gen::inRange(0, count));
    const UnitSpec& me = units[unit];
    int group_size = 0;
    for (const UnitSpec& u : units) group_size += u.group == me.group ? 1 : 0;
    // Targets near where the unit stands, so that most need a change or several.
    const bool by_rank = *rc::gen::arbitrary<bool>();
    const int now = static_cast<int>(cards[unit].index().raw() / cchc::Decimal::scale);
    const int target = by_rank ? *rc::gen::inRange(1, group_size + 1) : std::min(100, now + *rc::gen::inRange(0, 40));
    const std::string target_text = (by_rank ? "rank:" : "index:") + std::to_string(target);
    std::optional<cchc::UnitPlan> found;
    try {
      found = cchc::plan_unit(ev, cards, ranking, unit, target_text);
    } catch (const cchc::Error& e) {
      // Points leaves without a step at 3 or 4 places offer thousands of values each; the
      // search's bound of work refuses such cases rather than run long.
      RC_ASSERT(e.diagnostics().front().code() == "plan-too-large");
      RC_DISCARD("plan-too-large");
    }
    const cchc::UnitPlan& plan = *found;

    RC_CLASSIFY(!plan.reachable(), "unreachable");
    RC_CLASSIFY(plan.changes().size() >= 2, "two or more changes");
    RC_CLASSIFY(by_rank, "rank target");
    // The plan's changes, written into the evidence and scored again.
    std::map<std::string, std::string> written;
    for (const cchc::PlanChange& c : plan.changes()) written[set.node(c.node).id] = c.to;
    const Outcome after = rescore(set, units_text, rows, me.code, written);
    RC_ASSERT(after.total == plan.after().total);
    RC_ASSERT(after.index == plan.after().index);
    RC_ASSERT(after.rank == plan.after().rank);
    RC_ASSERT(meets(after, by_rank, target) == plan.reachable());

    // The leaves that may change, and the best value of each.
    std::map<std::string, const NodeSpec*> specs;
    for (const NodeSpec* leaf : leaves_of(spec)) specs[leaf->id] = leaf;
    std::vector<std::pair<std::string, std::string>> changeable;
    for (cchc::NodeIndex i = 1; i < set.nodes().size(); ++i) {
      const cchc::Criterion& c = set.node(i);
      const cchc::NodeScore& s = cards[unit].nodes()[i];
      if (!c.is_leaf() || c.source == cchc::PointSource::survey || c.rule.kind == cchc::RuleKind::survey) continue;
      if ((s.status != cchc::NodeStatus::scored && s.status != cchc::NodeStatus::missing) || s.points >= s.max) continue;
      changeable.emplace_back(c.id, best_value(*specs.at(c.id), spec.places));
    }
    for (const cchc::PlanChange& c : plan.changes()) {
      bool listed = false;
      for (const auto& [id, value] : changeable) listed = listed || id == set.node(c.node).id;
      RC_ASSERT(listed);  // only leaves that lost points, not na, not survey
      RC_ASSERT(c.gain > cchc::Decimal());
    }

    if (!plan.reachable()) {
      // Every changeable leaf at its best: the plan reaches the same total, and it misses.
      std::map<std::string, std::string> all(changeable.begin(), changeable.end());
      const Outcome best = rescore(set, units_text, rows, me.code, all);
      RC_ASSERT(best.total == plan.after().total);
      RC_ASSERT(!meets(best, by_rank, target));
      return;
    }
    // No subset of one change fewer reaches the target, even with each leaf at its best
    // (points never fall as a leaf's rise, so smaller subsets are covered too). Up to 256
    // subsets are tried.
    const std::size_t k = plan.changes().size();
    if (k == 0) return;
    const std::size_t n = changeable.size();
    std::vector<std::size_t> pick(k - 1);
    for (std::size_t i = 0; i + 1 < k; ++i) pick[i] = i;
    for (int tried = 0; tried < 256; ++tried) {
      std::map<std::string, std::string> values;
      for (std::size_t i : pick) values.insert(changeable[i]);
      RC_ASSERT(!meets(rescore(set, units_text, rows, me.code, values), by_rank, target));
      // The next combination of k − 1 of n, in lexicographic order.
      std::size_t i = pick.size();
      while (i > 0 && pick[i - 1] == n - pick.size() + i - 1) --i;
      if (i == 0) break;
      ++pick[i - 1];
      for (std::size_t j = i; j < pick.size(); ++j) pick[j] = pick[j - 1] + 1;
    }
  });
  CHECK(ok);
}
