#include "random_set.hpp"

#include <rapidcheck.h>

#include <algorithm>

namespace cchc_property {

namespace {

std::int64_t pick(std::int64_t lo, std::int64_t hi) { return *rc::gen::inRange<std::int64_t>(lo, hi + 1); }
bool chance(int percent) { return pick(1, 100) <= percent; }

Millionths grid(int places) {
  Millionths unit = one;
  for (int i = 0; i < places; ++i) unit /= 10;
  return unit;
}

// A multiple of `unit` in [0, max].
Millionths on_grid(Millionths max, Millionths unit) { return pick(0, max / unit) * unit; }

void random_rule(NodeSpec& leaf, int places) {
  const Millionths unit = grid(places);
  leaf.rule = static_cast<LeafRule>(pick(0, 5));
  switch (leaf.rule) {
    case LeafRule::points:
      // A step the max is a multiple of, or none (then entered points are rounded).
      // A step the max is a multiple of and the set's places can write, or none.
      if (chance(50)) leaf.step = *rc::gen::element<Millionths>(Millionths{250000}, Millionths{500000}, Millionths{one});
      if (leaf.step != 0 && (leaf.max % leaf.step != 0 || leaf.step % unit != 0)) leaf.step = 0;
      break;
    case LeafRule::options: {
      const auto count = pick(2, 4);
      for (std::int64_t i = 0; i < count; ++i) leaf.option_points.push_back(on_grid(leaf.max, unit));
      break;
    }
    case LeafRule::tiers: {
      // Bounds from the top down (above a, then min b < a, then everything), points not increasing.
      const Millionths above = pick(2, 1000) * 1000, min = pick(0, above / 1000 - 1) * 1000;
      const Millionths p1 = on_grid(leaf.max, unit), p2 = on_grid(p1, unit), p3 = on_grid(p2, unit);
      leaf.tiers = {{2, above, p1}, {1, min, p2}, {0, 0, p3}};
      break;
    }
    case LeafRule::proportional: leaf.target = *rc::gen::element<Millionths>(Millionths{one}, Millionths{950000}, Millionths{900000}, Millionths{800000}); break;
    case LeafRule::deduct: leaf.per = *rc::gen::element<Millionths>(Millionths{250000}, Millionths{500000}, one, 2 * one); break;
    case LeafRule::survey: {
      const Millionths b = pick(0, 1000) * 1000, c = pick(0, b / 1000) * 1000;
      leaf.answer_weights = {one, b, c, 0};
      break;
    }
  }
}

NodeSpec random_node(const std::string& id, int depth, int places, bool weighted_parent) {
  NodeSpec node;
  node.id = id;
  if (weighted_parent) node.weight = pick(1, 5) * one;
  if (depth < 3 && chance(depth == 1 ? 70 : 35)) {
    node.weighted_mean = chance(30);
    const auto count = pick(1, 3);
    for (std::int64_t i = 1; i <= count; ++i)
      node.children.push_back(random_node(id + "." + std::to_string(i), depth + 1, places, node.weighted_mean));
    if (node.weighted_mean) {
      node.max = pick(1, 10) * one;
    } else {
      for (const NodeSpec& c : node.children) node.max += c.max;
    }
    return node;
  }
  node.max = pick(1, 10) * one;
  node.na = static_cast<NaPolicy>(pick(0, 2));
  random_rule(node, places);
  return node;
}

LeafValue random_leaf_value(const NodeSpec& leaf, int places, bool allow_na) {
  LeafValue v;
  if (allow_na && leaf.na != NaPolicy::not_allowed && chance(20)) {
    v.kind = LeafValue::Kind::na;
    return v;
  }
  v.as_percent = chance(30);
  switch (leaf.rule) {
    case LeafRule::points:
      // Entered points are refused, not rounded, beyond the set's places.
      v.number_value = on_grid(leaf.max, leaf.step != 0 ? leaf.step : grid(places));
      break;
    case LeafRule::options:
      v.kind = LeafValue::Kind::option;
      v.option = static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(leaf.option_points.size()) - 1));
      break;
    case LeafRule::tiers:
    case LeafRule::proportional: v.number_value = pick(0, 1000) * 1000; break;
    case LeafRule::deduct: v.number_value = pick(0, 12) * one; break;
    case LeafRule::survey:
      if (chance(30)) {
        v.number_value = pick(0, 1000) * 1000;
      } else {
        v.kind = LeafValue::Kind::answers;
        v.counts = {pick(0, 40), pick(0, 40), pick(0, 40), pick(0, 40)};
        if (v.counts[0] + v.counts[1] + v.counts[2] + v.counts[3] == 0) v.counts[3] = 1;
      }
      break;
  }
  return v;
}

void collect_leaves(const NodeSpec& n, std::vector<const NodeSpec*>& out) {
  if (n.is_leaf()) out.push_back(&n);
  for (const NodeSpec& c : n.children) collect_leaves(c, out);
}

std::string bound_key(int kind) { return kind == 1 ? "min" : "above"; }

void node_yaml(const NodeSpec& n, const std::string& indent, std::string& out) {
  out += indent + "- id: \"" + n.id + "\"\n";
  const std::string in = indent + "  ";
  out += in + "title: \"Tiêu chí " + n.id + " (đánh giá)\"\n";
  out += in + "max: " + decimal_text(n.max) + "\n";
  if (n.weight != 0) out += in + "weight: " + decimal_text(n.weight) + "\n";
  if (n.survey_source) out += in + "source: survey\n";
  if (!n.is_leaf()) {
    if (n.weighted_mean) out += in + "aggregate: weighted_mean\n";
    out += in + "criteria:\n";
    for (const NodeSpec& c : n.children) node_yaml(c, in, out);
    return;
  }
  if (n.na == NaPolicy::exclude) out += in + "na: exclude\n";
  if (n.na == NaPolicy::full_points) out += in + "na: full_points\n";
  out += in + "rule: ";
  switch (n.rule) {
    case LeafRule::points: out += n.step != 0 ? "{points: {step: " + decimal_text(n.step) + "}}\n" : "{points: {}}\n"; break;
    case LeafRule::options: {
      out += "{options: {";
      for (std::size_t i = 0; i < n.option_points.size(); ++i)
        out += (i ? ", " : "") + std::string("o") + std::to_string(i) + ": " + decimal_text(n.option_points[i]);
      out += "}}\n";
      break;
    }
    case LeafRule::tiers: {
      out += "{tiers: [";
      for (std::size_t i = 0; i < n.tiers.size(); ++i) {
        const TierSpec& t = n.tiers[i];
        out += i ? ", {" : "{";
        if (t.bound_kind != 0) out += bound_key(t.bound_kind) + ": " + decimal_text(t.bound) + ", ";
        out += "points: " + decimal_text(t.points) + "}";
      }
      out += "]}\n";
      break;
    }
    case LeafRule::proportional: out += "{proportional: {target: " + decimal_text(n.target) + "}}\n"; break;
    case LeafRule::deduct: out += "{deduct: {per: " + decimal_text(n.per) + "}}\n"; break;
    case LeafRule::survey: {
      out += "{survey: {answers: {";
      const char* names[] = {"A", "B", "C", "D"};
      for (std::size_t i = 0; i < n.answer_weights.size(); ++i)
        out += (i ? ", " : "") + std::string(names[i]) + ": " + decimal_text(n.answer_weights[i]);
      out += "}}}\n";
      break;
    }
  }
}

std::string value_text(const NodeSpec& leaf, const LeafValue& v) {
  switch (v.kind) {
    case LeafValue::Kind::na: return "na";
    case LeafValue::Kind::option: return "o" + std::to_string(v.option);
    case LeafValue::Kind::answers: {
      const char* names[] = {"A", "B", "C", "D"};
      std::string s;
      for (std::size_t i = 0; i < v.counts.size(); ++i)
        s += (i ? ";" : "") + std::string(names[i]) + "=" + std::to_string(v.counts[i]);
      return s;
    }
    case LeafValue::Kind::number: break;
  }
  const bool rate = leaf.rule == LeafRule::tiers || leaf.rule == LeafRule::proportional || leaf.rule == LeafRule::survey;
  if (rate && v.as_percent) return decimal_text(v.number_value * 100) + "%";
  return decimal_text(v.number_value);
}

}  // namespace

std::string decimal_text(Millionths value) {
  std::string s = value < 0 ? "-" : "";
  const Millionths a = value < 0 ? -value : value;
  s += std::to_string(a / one);
  std::string frac = std::to_string(a % one);
  frac.insert(0, 6 - frac.size(), '0');
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  if (!frac.empty()) s += "." + frac;
  return s;
}

SetSpec random_set() {
  SetSpec set;
  set.places = static_cast<int>(pick(0, 4));
  set.half_even = chance(50);
  const auto fields = pick(1, 4);
  for (std::int64_t i = 1; i <= fields; ++i) set.fields.push_back(random_node(std::to_string(i), 1, set.places, false));
  if (fields > 1 && chance(40)) set.fields.back().survey_source = true;
  for (const NodeSpec& f : set.fields) set.max += f.max;
  if (chance(30)) set.bonus_max = pick(1, 3) * one;
  if (chance(30)) set.penalty_max = pick(1, 3) * one;
  return set;
}

UnitSpec random_unit(const SetSpec& set, const std::string& code) {
  UnitSpec unit;
  unit.code = code;
  unit.group = chance(30) ? "xa" : "";
  for (const NodeSpec* leaf : leaves_of(set)) unit.leaves[leaf->id] = random_leaf_value(*leaf, set.places, true);
  const Millionths unit_grid = grid(set.places);
  if (set.bonus_max != 0) unit.bonus = on_grid(set.bonus_max, unit_grid);
  if (set.penalty_max != 0) unit.penalty = on_grid(set.penalty_max, unit_grid);
  return unit;
}

LeafValue improved_value(const NodeSpec& leaf, int places, const LeafValue& current) {
  LeafValue v = current;
  switch (leaf.rule) {
    case LeafRule::points: {
      const Millionths step = leaf.step != 0 ? leaf.step : grid(places);
      v.number_value += pick(0, (leaf.max - current.number_value) / step) * step;
      break;
    }
    case LeafRule::options: {
      std::vector<std::size_t> better;
      for (std::size_t i = 0; i < leaf.option_points.size(); ++i)
        if (leaf.option_points[i] >= leaf.option_points[current.option]) better.push_back(i);
      v.option = *rc::gen::elementOf(better);
      break;
    }
    case LeafRule::tiers:
    case LeafRule::proportional: v.number_value = pick(current.number_value / 1000, 1000) * 1000; break;
    case LeafRule::deduct: v.number_value = pick(0, current.number_value / one) * one; break;
    case LeafRule::survey:
      // Another answer of the top weight (1) cannot lower the mean; a share can only rise.
      if (v.kind == LeafValue::Kind::answers) {
        v.counts[0] += pick(1, 10);
      } else {
        v.number_value = pick(current.number_value / 1000, 1000) * 1000;
      }
      break;
  }
  return v;
}

std::vector<const NodeSpec*> leaves_of(const SetSpec& set) {
  std::vector<const NodeSpec*> out;
  for (const NodeSpec& f : set.fields) collect_leaves(f, out);
  return out;
}

std::string to_yaml(const SetSpec& set) {
  std::string out = "schema: cchc/criteria@1\nid: property-set\ntitle: \"Bộ tiêu chí ngẫu nhiên\"\n";
  out += "max: " + decimal_text(set.max) + "\n";
  out += "rounding: {places: " + std::to_string(set.places) + ", mode: " + (set.half_even ? "half_even" : "half_up") + "}\n";
  if (set.bonus_max != 0 || set.penalty_max != 0) {
    out += "adjustments:\n";
    if (set.bonus_max != 0) out += "  - {id: thuong, title: \"Điểm thưởng\", kind: bonus, max: " + decimal_text(set.bonus_max) + "}\n";
    if (set.penalty_max != 0) out += "  - {id: phat, title: \"Điểm trừ\", kind: penalty, max: " + decimal_text(set.penalty_max) + "}\n";
  }
  out += "fields:\n";
  for (const NodeSpec& f : set.fields) node_yaml(f, "  ", out);
  return out;
}

std::string units_csv(const std::vector<UnitSpec>& units) {
  std::string out = "code,name,group\n";
  for (const UnitSpec& u : units) out += u.code + ",Đơn vị " + u.code + "," + u.group + "\n";
  return out;
}

std::vector<std::string> evidence_rows(const SetSpec& set, const std::vector<UnitSpec>& units) {
  std::vector<std::string> rows;
  const std::vector<const NodeSpec*> leaves = leaves_of(set);
  for (const UnitSpec& u : units) {
    for (const NodeSpec* leaf : leaves) rows.push_back(u.code + "," + leaf->id + "," + value_text(*leaf, u.leaves.at(leaf->id)) + "\n");
    if (set.bonus_max != 0) rows.push_back(u.code + ",thuong," + decimal_text(u.bonus) + "\n");
    if (set.penalty_max != 0) rows.push_back(u.code + ",phat," + decimal_text(u.penalty) + "\n");
  }
  return rows;
}

}  // namespace cchc_property
