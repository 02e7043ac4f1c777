// The criteria loader: YAML text -> validated CriteriaSet. The only file that includes
// yaml-cpp. yaml-cpp 0.7 is guarded here (see docs/architecture.md): only Load, size and
// nesting capped before parsing, a budget on nodes visited (alias bombs), every scalar
// parsed by cchc itself (no locale, no octal, no YAML 1.1 booleans), duplicate and
// unknown keys refused, 1-based positions, missing keys reported at their parent.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "cchc/io/load.hpp"
#include "io/criteria_checks.hpp"
#include "io/file_text.hpp"
#include "i18n/format.hpp"
#include "io/yaml_guard.hpp"
#include "model/criteria_set_data.hpp"
#include "model/number_text.hpp"
#include "model/unicode.hpp"
#include "model/utf8.hpp"

namespace cchc {
inline namespace v1 {
namespace {

using detail::CriteriaSetData;
using detail::ParsedNumber;

constexpr std::size_t max_nodes_visited = 200000;
constexpr std::size_t max_diagnostics = 500;
constexpr int max_tree_depth = 12;

using detail::tr;
using detail::trf;
using fmt::literals::operator""_a;  // NOLINT(misc-unused-using-decls): clang-tidy 14 misses uses in "name"_a

std::string quoted(const std::string& s) { return detail::quote_value(s); }

// ----------------------------------------------------------------------------------------
// The YAML tree -> CriteriaSetData, reporting every problem.

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  std::vector<Diagnostic>& diagnostics() { return diags_; }
  std::shared_ptr<CriteriaSetData> read(const YAML::Node& doc);

 private:
  struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
  };
  // A map's entries with duplicate and unknown keys already reported.
  struct Map {
    std::vector<Entry> entries;
    SourceLocation where;
    const Entry* find(const std::string& key) const {
      for (const Entry& e : entries)
        if (e.key == key) return &e;
      return nullptr;
    }
  };

  SourceLocation where(const YAML::Node& n, const SourceLocation& fallback) const {
    const YAML::Mark m = n.Mark();
    if (m.is_null() || m.line < 0) return fallback;
    return SourceLocation{file_, static_cast<std::uint32_t>(m.line + 1), static_cast<std::uint32_t>(m.column + 1)};
  }
  void error(const SourceLocation& at, const char* code, const std::string& key, std::string message) {
    add(Diagnostic{at, Severity::error, key, std::move(message)}.set_code(code));
  }
  void add(Diagnostic d) {
    if (diags_.size() >= max_diagnostics) { ++dropped_; return; }
    if (!criterion_.empty() && d.criterion().empty()) d.set_criterion(criterion_);
    diags_.push_back(std::move(d));
  }
  // Text as cchc keeps it: valid UTF-8 once yaml-cpp has read its escapes ("\N" and "\_"
  // give the raw bytes 0x85 and 0xA0 in yaml-cpp 0.7), in NFC so that a set typed on a Mac
  // matches evidence typed elsewhere. Reports and returns nothing when it is not UTF-8.
  std::optional<std::string> clean_text(std::string s, const SourceLocation& at, const std::string& key,
                                        const std::string& what) {
    if (detail::check_text(s).line != 0) {
      error(at, "invalid-utf8-escape", key,
            trf("{what}: {key}: {value} is not valid UTF-8 once its escapes are read; write the character itself "
                "instead of an escape such as \\N, \\_ or \\x85",
                "what"_a = what, "key"_a = key, "value"_a = detail::quote_value(s)));
      return std::nullopt;
    }
    detail::normalize_nfc(s);
    return s;
  }
  // An id (node, adjustment, group key, option or answer name) is printed in reports and
  // typed by clerks: a control character in it is a mistake, and one that hides.
  bool check_id(const std::string& id, const SourceLocation& at, const std::string& key, const std::string& what) {
    for (std::size_t i = 0; i < id.size(); ++i) {
      const auto c = static_cast<unsigned char>(id[i]);
      const bool c1 = c == 0xC2 && i + 1 < id.size() && static_cast<unsigned char>(id[i + 1]) >= 0x80 &&
                      static_cast<unsigned char>(id[i + 1]) <= 0x9F;
      if (c < 0x20 || c == 0x7F || c1) {
        error(at, "control-character-in-id", key,
              trf("{what}: {key} {value} contains a control character; ids are typed by clerks and printed in reports",
                  "what"_a = what, "key"_a = key, "value"_a = detail::quote_value(id)));
        return false;
      }
    }
    return true;
  }
  bool visit() {
    if (++visited_ > max_nodes_visited) {
      if (!budget_reported_) {  // always kept, even past the message limit: it explains the rest
        diags_.push_back(Diagnostic{SourceLocation{file_, 0, 0}, Severity::error, "",
                                    trf("the document expands to more than {count} nodes (an alias bomb, or far too "
                                        "large for a criteria set)",
                                        "count"_a = max_nodes_visited)}
                             .set_code("too-many-nodes"));
        budget_reported_ = true;
      }
      return false;
    }
    return true;
  }
  static const char* kind_name(const YAML::Node& n) {
    switch (n.Type()) {
      case YAML::NodeType::Map: return tr("a map");
      case YAML::NodeType::Sequence: return tr("a list");
      case YAML::NodeType::Scalar: return tr("a scalar");
      case YAML::NodeType::Null: return tr("nothing");
      default: return tr("an undefined value");
    }
  }

  std::optional<Map> map(const YAML::Node& n, const SourceLocation& fallback, const std::string& what,
                         std::initializer_list<const char*> allowed) {
    if (!visit()) return std::nullopt;
    const SourceLocation at = where(n, fallback);
    if (!n.IsMap()) {
      error(at, "expected-map", what, trf("{what}: expected a map of keys, found {found}", "what"_a = what, "found"_a = kind_name(n)));
      return std::nullopt;
    }
    Map m;
    m.where = at;
    std::map<std::string, SourceLocation> seen;
    for (auto it = n.begin(); it != n.end(); ++it) {
      if (!visit()) return std::nullopt;
      // By value: yaml-cpp's iterator hands out a temporary pair, so a reference would dangle.
      const YAML::Node k = it->first;
      const SourceLocation kat = where(k, at);
      if (!k.IsScalar()) {
        error(kat, "key-not-scalar", what, trf("{what}: a key must be a plain name, found {found}", "what"_a = what, "found"_a = kind_name(k)));
        continue;
      }
      const auto cleaned = clean_text(k.Scalar(), kat, "key", what);
      if (!cleaned) continue;
      const std::string& key = *cleaned;
      if (allowed.size() == 0 && !check_id(key, kat, "key", what)) continue;
      const auto [prev, fresh] = seen.emplace(key, kat);
      if (!fresh) {
        error(kat, "duplicate-key", key,
              trf("{what}: duplicate key {key} (first at line {line})", "what"_a = what, "key"_a = quoted(key), "line"_a = prev->second.line));
        continue;
      }
      bool known = allowed.size() == 0;
      for (const char* a : allowed)
        if (key == a) known = true;
      if (!known) {
        std::string list;
        for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        error(kat, "unknown-key", key,
              trf("{what}: unknown key {key}; expected one of: {expected}", "what"_a = what, "key"_a = quoted(key), "expected"_a = list));
        continue;
      }
      m.entries.push_back(Entry{key, k, YAML::Node(it->second)});
    }
    return m;
  }

  static std::string missing_key(const std::string& what, const std::string& key) {
    return trf("{what}: missing required key {key}", "what"_a = what, "key"_a = quoted(key));
  }
  SourceLocation value_at(const Entry& e, const Map& m) const { return where(e.value, where(e.key_node, m.where)); }

  std::optional<std::string> text(const Map& m, const std::string& key, const std::string& what, bool required) {
    const Entry* e = m.find(key);
    if (e == nullptr) {
      if (required) error(m.where, "missing-key", key, missing_key(what, key));
      return std::nullopt;
    }
    if (!visit()) return std::nullopt;
    if (!e->value.IsScalar()) {
      error(value_at(*e, m), "expected-text", key,
            trf("{what}: {key}: expected text, found {found}", "what"_a = what, "key"_a = key, "found"_a = kind_name(e->value)));
      return std::nullopt;
    }
    const auto cleaned = clean_text(e->value.Scalar(), value_at(*e, m), key, what);
    if (!cleaned) return std::nullopt;
    std::string s = *cleaned;
    if (required && detail::trim(s).empty()) {
      error(value_at(*e, m), "empty-text", key, trf("{what}: {key} is empty", "what"_a = what, "key"_a = key));
      return std::nullopt;
    }
    return s;
  }

  struct NumberSpec {
    bool allow_negative = false;
    bool positive = false;   // > 0
    bool allow_percent = false;
  };
  std::optional<Decimal> number_at(const YAML::Node& n, const SourceLocation& at, const std::string& key,
                                   const std::string& what, NumberSpec spec, bool* percent = nullptr) {
    if (!visit()) return std::nullopt;
    if (!n.IsScalar()) {
      error(at, "expected-number", key,
            trf("{what}: {key}: expected a number, found {found}", "what"_a = what, "key"_a = key, "found"_a = kind_name(n)));
      return std::nullopt;
    }
    const std::string& s = n.Scalar();
    const ParsedNumber p = detail::parse_number(s, false, spec.allow_percent);
    if (!p.ok()) {
      error(at, "invalid-number", key,
            trf("{what}: {key}: expected {expected}, found {found}", "what"_a = what, "key"_a = key,
                "expected"_a = detail::describe(p.error), "found"_a = quoted(s)));
      return std::nullopt;
    }
    if (!spec.allow_negative && p.value < Decimal()) {
      error(at, "negative-number", key,
            trf("{what}: {key}: expected a number >= 0, found {found}", "what"_a = what, "key"_a = key, "found"_a = quoted(s)));
      return std::nullopt;
    }
    if (spec.positive && p.value <= Decimal()) {
      error(at, "number-not-positive", key,
            trf("{what}: {key}: expected a number > 0, found {found}", "what"_a = what, "key"_a = key, "found"_a = quoted(s)));
      return std::nullopt;
    }
    if (percent != nullptr) *percent = p.percent;
    return p.value;
  }
  std::optional<Decimal> number(const Map& m, const std::string& key, const std::string& what, bool required,
                                NumberSpec spec, bool* percent = nullptr) {
    const Entry* e = m.find(key);
    if (e == nullptr) {
      if (required) error(m.where, "missing-key", key, missing_key(what, key));
      return std::nullopt;
    }
    return number_at(e->value, value_at(*e, m), key, what, spec, percent);
  }

  template <class Enum>
  std::optional<Enum> choice(const Map& m, const std::string& key, const std::string& what,
                             std::initializer_list<std::pair<const char*, Enum>> options) {
    const Entry* e = m.find(key);
    if (e == nullptr) return std::nullopt;
    if (!visit()) return std::nullopt;
    std::string list;
    for (const auto& o : options) {
      if (e->value.IsScalar() && e->value.Scalar() == o.first) return o.second;
      list += (list.empty() ? "" : " | ") + std::string(o.first);
    }
    error(value_at(*e, m), "invalid-choice", key,
          trf("{what}: {key}: expected {expected}, found {found}", "what"_a = what, "key"_a = key, "expected"_a = list,
              "found"_a = e->value.IsScalar() ? quoted(e->value.Scalar()) : std::string(kind_name(e->value))));
    return std::nullopt;
  }

  void read_rounding(const Map& root, CriteriaSetData& d);
  std::vector<Band> read_bands(const YAML::Node& n, const SourceLocation& at, const std::string& what);
  void read_groups(const Map& root, CriteriaSetData& d);
  void read_adjustments(const Map& root, CriteriaSetData& d);
  void read_ranking(const Map& root, CriteriaSetData& d, std::vector<std::pair<std::string, SourceLocation>>& tie_ids);
  void read_children(const YAML::Node& list, const SourceLocation& at, NodeIndex parent, CriteriaSetData& d,
                     const std::string& what);
  void read_node(const YAML::Node& n, const SourceLocation& fallback, NodeIndex parent, CriteriaSetData& d);
  void read_rule(const Entry& e, const Map& owner, Criterion& node, const CriteriaSetData& d);

  std::string file_;
  std::vector<Diagnostic> diags_;
  std::size_t visited_ = 0;
  std::size_t dropped_ = 0;
  bool budget_reported_ = false;
  std::map<std::string, SourceLocation> ids_;
  std::string criterion_;  // the node or adjustment being read: set on its diagnostics
};

std::string node_what(const Criterion& c) {
  return c.depth == 1 ? trf("field {id}", "id"_a = quoted(c.id)) : trf("criterion {id}", "id"_a = quoted(c.id));
}

void Reader::read_rounding(const Map& root, CriteriaSetData& d) {
  const Entry* e = root.find("rounding");
  if (e == nullptr) return;
  const auto m = map(e->value, value_at(*e, root), "rounding", {"places", "mode"});
  if (!m) return;
  if (const auto places = number(*m, "places", "rounding", false, {})) {
    if (!places->is_integer() || *places > Decimal::from_int(6))
      error(value_at(*m->find("places"), *m), "invalid-places", "places", trf("rounding: places: expected a whole number 0..6, found {found}", "found"_a = places->to_string()));
    else
      d.rounding.places = static_cast<int>(places->raw() / Decimal::scale);
  }
  if (const auto mode = choice<RoundingMode>(*m, "mode", "rounding",
                                             {{"half_up", RoundingMode::half_up}, {"half_even", RoundingMode::half_even}}))
    d.rounding.mode = *mode;
}

std::vector<Band> Reader::read_bands(const YAML::Node& n, const SourceLocation& at, const std::string& what) {
  std::vector<Band> bands;
  if (!visit()) return bands;
  if (!n.IsSequence()) {
    error(at, "expected-list", "bands", trf("{what}: expected a list of bands, found {found}", "what"_a = what, "found"_a = kind_name(n)));
    return bands;
  }
  std::vector<SourceLocation> places;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string bw = trf("{what} band {number}", "what"_a = what, "number"_a = i + 1);
    const auto m = map(n[i], at, bw, {"min", "above", "label"});
    if (!m) continue;
    Band b;
    if (const auto label = text(*m, "label", bw, true)) b.label = *label;
    const bool has_min = m->find("min") != nullptr, has_above = m->find("above") != nullptr;
    if (has_min && has_above) {
      error(m->where, "bound-min-and-above", "min", trf("{what}: give either 'min' (inclusive) or 'above' (strict), not both", "what"_a = bw));
      continue;
    }
    if (has_min || has_above) {
      const std::string key = has_min ? "min" : "above";
      bool percent = false;
      auto v = number(*m, key, bw, true, {false, false, true}, &percent);
      if (!v) continue;
      if (percent) v = Decimal::from_raw(v->raw() * 100);  // a band bound is an index in %: "90%" is 90
      if (*v > Decimal::from_int(100)) {
        error(value_at(*m->find(key), *m), "band-bound-out-of-range", key,
              trf("{what}: {key}: a band bound is an index in %, 0..100, found {found}", "what"_a = bw, "key"_a = key,
                  "found"_a = v->to_string()));
        continue;
      }
      b.bound = Bound{has_min ? BoundKind::min : BoundKind::above, *v};
    }
    bands.push_back(b);
    places.push_back(m->where);
  }
  // First match from the top: each band must admit something the ones above it do not.
  for (std::size_t i = 1; i < bands.size(); ++i) {
    const Bound& up = bands[i - 1].bound;
    const Bound& lo = bands[i].bound;
    if (up.kind == BoundKind::none) {
      error(places[i], "band-never-applies", "bands",
            trf("{what}: band {band} can never apply: the band above it ({above}) has no bound and takes every index", "what"_a = what,
                "band"_a = quoted(bands[i].label), "above"_a = quoted(bands[i - 1].label)));
      continue;
    }
    if (lo.kind == BoundKind::none) continue;
    const bool lower = lo.value < up.value || (lo.value == up.value && up.kind == BoundKind::above && lo.kind == BoundKind::min);
    if (!lower)
      error(places[i], "bands-out-of-order", "bands",
            trf("{what}: bands out of order: {band} ({bound}) must have a lower bound than {above} above it ({above_bound})",
                "what"_a = what, "band"_a = quoted(bands[i].label),
                "bound"_a = (lo.kind == BoundKind::min ? "min " : "above ") + lo.value.to_string(), "above"_a = quoted(bands[i - 1].label),
                "above_bound"_a = (up.kind == BoundKind::min ? "min " : "above ") + up.value.to_string()));
  }
  return bands;
}

void Reader::read_groups(const Map& root, CriteriaSetData& d) {
  const Entry* e = root.find("groups");
  if (e == nullptr) return;
  const auto m = map(e->value, value_at(*e, root), "groups", {});
  if (!m) return;
  for (const Entry& g : m->entries) {
    const std::string what = trf("group {key}", "key"_a = quoted(g.key));
    const auto gm = map(g.value, value_at(g, *m), what, {"title", "bands"});
    if (!gm) continue;
    RankGroup group;
    group.key = g.key;
    if (detail::trim(g.key).empty()) error(gm->where, "empty-group-key", "groups", tr("a group key is empty"));
    group.title = text(*gm, "title", what, false).value_or(g.key);
    if (const Entry* b = gm->find("bands")) group.bands = read_bands(b->value, value_at(*b, *gm), what);
    d.groups.push_back(std::move(group));
  }
}

void Reader::read_adjustments(const Map& root, CriteriaSetData& d) {
  const Entry* e = root.find("adjustments");
  if (e == nullptr) return;
  const SourceLocation at = value_at(*e, root);
  if (!visit()) return;
  if (!e->value.IsSequence()) {
    error(at, "expected-list", "adjustments", trf("adjustments: expected a list, found {found}", "found"_a = kind_name(e->value)));
    return;
  }
  for (std::size_t i = 0; i < e->value.size(); ++i) {
    const std::string what = trf("adjustment {number}", "number"_a = i + 1);
    const auto m = map(e->value[i], at, what, {"id", "title", "kind", "max", "description"});
    if (!m) continue;
    Adjustment a;
    a.location = m->where;
    a.id = text(*m, "id", what, true).value_or("");
    if (!check_id(a.id, m->where, "id", what)) a.id.clear();
    criterion_ = a.id;
    a.title = text(*m, "title", what, true).value_or("");
    (void)text(*m, "description", what, false);
    const auto kind = choice<AdjustmentKind>(*m, "kind", what, {{"bonus", AdjustmentKind::bonus}, {"penalty", AdjustmentKind::penalty}});
    if (m->find("kind") == nullptr) error(m->where, "missing-key", "kind", trf("{what}: missing required key 'kind' (bonus | penalty)", "what"_a = what));
    a.kind = kind.value_or(AdjustmentKind::bonus);
    a.max = number(*m, "max", what, true, {false, true, false}).value_or(Decimal());
    if (!a.id.empty()) {
      const auto [prev, fresh] = ids_.emplace(a.id, a.location);
      if (!fresh)
        error(a.location, "duplicate-id", "id",
              trf("{what}: duplicate id {id} (first at line {line})", "what"_a = what, "id"_a = quoted(a.id), "line"_a = prev->second.line));
    }
    d.adjustments.push_back(std::move(a));
  }
  criterion_.clear();
}

void Reader::read_ranking(const Map& root, CriteriaSetData& d, std::vector<std::pair<std::string, SourceLocation>>& tie_ids) {
  const Entry* e = root.find("ranking");
  if (e == nullptr) return;
  const auto m = map(e->value, value_at(*e, root), "ranking", {"on", "tie_break"});
  if (!m) return;
  if (const auto on = choice<RankOn>(*m, "on", "ranking", {{"exact", RankOn::exact}, {"rounded", RankOn::rounded}}))
    d.ranking.on = *on;
  if (const Entry* t = m->find("tie_break")) {
    const SourceLocation at = value_at(*t, *m);
    if (!visit()) return;
    if (!t->value.IsSequence()) {
      error(at, "expected-list", "tie_break", trf("ranking: tie_break: expected a list of node ids, found {found}", "found"_a = kind_name(t->value)));
      return;
    }
    for (std::size_t i = 0; i < t->value.size(); ++i) {
      if (!visit()) return;
      const YAML::Node& id = t->value[i];
      if (!id.IsScalar()) {
        error(where(id, at), "expected-text", "tie_break", trf("ranking: tie_break: expected a node id, found {found}", "found"_a = kind_name(id)));
        continue;
      }
      if (auto text = clean_text(id.Scalar(), where(id, at), "tie_break", "ranking")) tie_ids.emplace_back(std::move(*text), where(id, at));
    }
  }
}

void Reader::read_rule(const Entry& e, const Map& owner, Criterion& node, const CriteriaSetData& d) {
  const std::string what = trf("{node} rule", "node"_a = node_what(node));
  const auto m = map(e.value, value_at(e, owner), what,
                     {"points", "options", "tiers", "proportional", "deduct", "survey", "value"});
  if (!m) return;
  const Entry* kind = nullptr;
  for (const Entry& k : m->entries) {
    if (k.key == "value") continue;
    if (kind != nullptr) {
      error(where(k.key_node, m->where), "two-rule-kinds", k.key, trf("{what}: one rule kind per leaf, found both {first} and {second}", "what"_a = what, "first"_a = quoted(kind->key),
                "second"_a = quoted(k.key)));
      return;
    }
    kind = &k;
  }
  if (kind == nullptr) {
    error(m->where, "missing-rule-kind", "rule", trf("{what}: missing the rule kind (points | options | tiers | proportional | deduct | survey)", "what"_a = what));
    return;
  }
  if (m->find("value") != nullptr && kind->key != "tiers")
    error(value_at(*m->find("value"), *m), "value-not-for-kind", "value", trf("{what}: 'value' applies only to tiers", "what"_a = what));
  Rule& r = node.rule;
  const SourceLocation at = value_at(*kind, *m);
  const Decimal zero;
  auto check_points = [&](Decimal p, const SourceLocation& where_, const std::string& label) {
    if (p > node.max && node.max > zero)  // a missing or bad max is reported already
      error(where_, "points-above-max", "points", trf("{what}: {label} gives {points} points, above the leaf's max {max}", "what"_a = what, "label"_a = label,
                "points"_a = p.to_string(), "max"_a = node.max.to_string()));
    if (p.fractional_digits() > d.rounding.places)
      error(where_, "points-finer-than-places", "points", trf("{what}: {label} gives {points} points, with more decimals than rounding.places ({places})", "what"_a = what,
                "label"_a = label, "points"_a = p.to_string(), fmt::arg("places", d.rounding.places)));
  };
  if (kind->key == "points") {
    r.kind = RuleKind::points;
    if (kind->value.IsNull()) return;
    const auto pm = map(kind->value, at, what + " points", {"step"});
    if (!pm) return;
    r.step = number(*pm, "step", what + " points", false, {false, true, false});
    if (r.step && r.step->fractional_digits() > d.rounding.places)
      error(value_at(*pm->find("step"), *pm), "step-finer-than-places", "step",
            trf("{what}: points: step {step} has more decimals than rounding.places ({places}): its multiples could not be entered",
                "what"_a = what, "step"_a = r.step->to_string(), fmt::arg("places", d.rounding.places)));
  } else if (kind->key == "options") {
    r.kind = RuleKind::options;
    const auto om = map(kind->value, at, what + " options", {});
    if (!om) return;
    if (om->entries.empty()) error(at, "empty-options", "options", trf("{what}: options: expected at least one option", "what"_a = what));
    for (const Entry& o : om->entries) {
      const auto p = number_at(o.value, value_at(o, *om), o.key, trf("{what} option {option}", "what"_a = what, "option"_a = quoted(o.key)), {});
      if (!p) continue;
      check_points(*p, value_at(o, *om), trf("option {option}", "option"_a = quoted(o.key)));
      if (detail::trim(o.key).empty() || o.key == "na") error(value_at(o, *om), "invalid-option-name", o.key, trf("{what}: an option name must not be empty or 'na'", "what"_a = what));
      r.options.push_back(Option{o.key, *p});
    }
  } else if (kind->key == "tiers") {
    r.kind = RuleKind::tiers;
    if (!visit()) return;
    if (!kind->value.IsSequence() || kind->value.size() == 0) {
      error(at, "empty-tiers", "tiers", trf("{what}: tiers: expected a non-empty list of {{min|above, points}}", "what"_a = what));
      return;
    }
    bool any_percent = false;
    Decimal largest;
    for (std::size_t i = 0; i < kind->value.size(); ++i) {
      const std::string tw = trf("{what} tier {number}", "what"_a = what, "number"_a = i + 1);
      const auto tm = map(kind->value[i], at, tw, {"min", "above", "points"});
      if (!tm) continue;
      Tier t;
      const bool has_min = tm->find("min") != nullptr, has_above = tm->find("above") != nullptr;
      if (has_min && has_above) {
        error(tm->where, "bound-min-and-above", "min", trf("{what}: give either 'min' (inclusive) or 'above' (strict), not both", "what"_a = tw));
        continue;
      }
      if (has_min || has_above) {
        bool percent = false;
        const auto v = number(*tm, has_min ? "min" : "above", tw, true, {false, false, true}, &percent);
        if (!v) continue;
        any_percent = any_percent || percent;
        largest = std::max(largest, *v);
        t.bound = Bound{has_min ? BoundKind::min : BoundKind::above, *v};
      }
      const auto p = number(*tm, "points", tw, true, {});
      if (!p) continue;
      check_points(*p, tm->where, trf("tier {number}", "number"_a = i + 1));
      t.points = *p;
      if (!r.tiers.empty()) {
        const Bound& up = r.tiers.back().bound;
        const bool reachable = up.kind != BoundKind::none &&
                               (t.bound.kind == BoundKind::none || t.bound.value < up.value ||
                                (t.bound.value == up.value && up.kind == BoundKind::above && t.bound.kind == BoundKind::min));
        if (!reachable) error(tm->where, "tier-never-met", "tiers", trf("{what}: can never be met: the tier above it already takes every value this one would", "what"_a = tw));
      }
      r.tiers.push_back(t);
    }
    const auto scale = choice<TierScale>(*m, "value", what,
                                         {{"rate", TierScale::rate}, {"count", TierScale::count}, {"number", TierScale::number}});
    r.tier_scale = scale ? *scale : (any_percent || largest <= Decimal::from_int(1) ? TierScale::rate : TierScale::number);
    r.tier_scale_inferred = !scale;
    if (r.tier_scale == TierScale::rate && largest > Decimal::from_int(1))
      error(at, "tier-rate-above-one", "tiers", trf("{what}: a tier bound above 1 on a rate (write rates as 0..1 or as a percentage such as 90%)", "what"_a = what));
  } else if (kind->key == "proportional") {
    r.kind = RuleKind::proportional;
    if (kind->value.IsNull()) return;
    const auto pm = map(kind->value, at, what + " proportional", {"target"});
    if (!pm) return;
    bool percent = false;
    if (const auto t = number(*pm, "target", what + " proportional", false, {false, true, true}, &percent)) {
      if (*t > Decimal::from_int(1))
        error(value_at(*pm->find("target"), *pm), "target-above-one", "target", trf("{what}: proportional: target is a rate in (0, 1], found {found}", "what"_a = what, "found"_a = t->to_string()));
      else
        r.target = *t;
    }
  } else if (kind->key == "deduct") {
    r.kind = RuleKind::deduct;
    const auto dm = map(kind->value, at, what + " deduct", {"per"});
    if (!dm) return;
    r.per = number(*dm, "per", what + " deduct", true, {false, true, false}).value_or(Decimal());
  } else if (kind->key == "survey") {
    r.kind = RuleKind::survey;
    const auto sm = map(kind->value, at, what + " survey", {"answers"});
    if (!sm) return;
    const Entry* a = sm->find("answers");
    if (a == nullptr) {
      error(sm->where, "missing-key", "answers", trf("{what}: survey: missing required key 'answers' (e.g. {{A: 1, B: 0.6, C: 0.2, D: 0}})", "what"_a = what));
      return;
    }
    const auto am = map(a->value, value_at(*a, *sm), what + " survey answers", {});
    if (!am) return;
    if (am->entries.empty()) error(am->where, "empty-answers", "answers", trf("{what}: survey: expected at least one answer", "what"_a = what));
    for (const Entry& ans : am->entries) {
      const auto w = number_at(ans.value, value_at(ans, *am), ans.key, trf("{what} answer {answer}", "what"_a = what, "answer"_a = quoted(ans.key)), {});
      if (!w) continue;
      if (*w > Decimal::from_int(1)) {
        error(value_at(ans, *am), "answer-weight-above-one", ans.key, trf("{what}: answer {answer} has weight {weight}; a weight is 0..1", "what"_a = what, "answer"_a = quoted(ans.key),
                  "weight"_a = w->to_string()));
        continue;
      }
      r.answers.push_back(AnswerWeight{ans.key, *w});
    }
  }
}

void Reader::read_children(const YAML::Node& list, const SourceLocation& at, NodeIndex parent, CriteriaSetData& d,
                           const std::string& what) {
  if (!visit()) return;
  if (!list.IsSequence()) {
    error(at, "expected-list", "criteria", trf("{what}: expected a list, found {found}", "what"_a = what, "found"_a = kind_name(list)));
    return;
  }
  if (list.size() == 0)
    error(at, "empty-criteria", "criteria", parent == 0 ? trf("{what}: the list is empty: a set needs at least one field", "what"_a = what)
                                      : trf("{what}: the list is empty (leave the key out to make a leaf)", "what"_a = what));
  for (std::size_t i = 0; i < list.size(); ++i) read_node(list[i], at, parent, d);
}

void Reader::read_node(const YAML::Node& n, const SourceLocation& fallback, NodeIndex parent, CriteriaSetData& d) {
  const int depth = d.nodes[parent].depth + 1;
  criterion_.clear();
  const std::string what = parent == 0 ? std::string(depth == 1 ? tr("field under the set") : tr("criterion under the set"))
                           : depth == 1 ? trf("field under {parent}", "parent"_a = quoted(d.nodes[parent].id))
                                        : trf("criterion under {parent}", "parent"_a = quoted(d.nodes[parent].id));
  const auto m = map(n, fallback, what,
                     {"id", "title", "max", "weight", "aggregate", "source", "na", "rule", "criteria", "description"});
  if (!m) return;
  if (depth > max_tree_depth) {
    error(m->where, "tree-too-deep", "criteria", trf("{what}: the tree is deeper than {depth} levels", "what"_a = what, fmt::arg("depth", max_tree_depth)));
    return;
  }
  const auto index = static_cast<NodeIndex>(d.nodes.size());
  d.nodes.emplace_back();
  d.nodes[parent].children.push_back(index);
  {
    Criterion& c = d.nodes[index];
    c.parent = parent;
    c.depth = depth;
    c.location = m->where;
    c.source = d.nodes[parent].source;
    if (const auto id = text(*m, "id", what, true)) {
      c.id = std::string(detail::trim(*id));
      if (!check_id(c.id, where(m->find("id")->value, m->where), "id", what)) c.id.clear();
      criterion_ = c.id;
      const auto [prev, fresh] = ids_.emplace(c.id, m->where);
      if (!fresh)
        error(where(m->find("id")->value, m->where), "duplicate-id", "id",
              trf("{what}: duplicate id {id} (first at line {line})", "what"_a = what, "id"_a = quoted(c.id), "line"_a = prev->second.line));
    }
    const std::string self = c.id.empty() ? what : node_what(c);
    c.title = text(*m, "title", self, true).value_or("");
    (void)text(*m, "description", self, false);
    c.max = number(*m, "max", self, true, {false, true, false}).value_or(Decimal());
    // A weight that is present but wrong is reported here; keep a placeholder so that the
    // parent's check does not also call it missing.
    if (m->find("weight") != nullptr) c.weight = number(*m, "weight", self, true, {false, true, false}).value_or(Decimal::from_int(1));
    if (const auto a = choice<Aggregate>(*m, "aggregate", self, {{"sum", Aggregate::sum}, {"weighted_mean", Aggregate::weighted_mean}}))
      c.aggregate = *a;
    if (const auto s = choice<PointSource>(*m, "source", self, {{"appraisal", PointSource::appraisal}, {"survey", PointSource::survey}})) {
      if (*s == PointSource::appraisal && d.nodes[parent].source == PointSource::survey)
        error(value_at(*m->find("source"), *m), "appraisal-inside-survey", "source", trf("{what}: source: appraisal inside a survey node", "what"_a = self));
      c.source = *s;
    }
    if (const auto na = choice<NotApplicable>(*m, "na", self, {{"exclude", NotApplicable::exclude}, {"full_points", NotApplicable::full_points}}))
      c.na = *na;
  }
  const Entry* children = m->find("criteria");
  const Entry* rule = m->find("rule");
  if (children != nullptr && rule != nullptr)
    error(where(rule->key_node, m->where), "rule-with-criteria", "rule", trf("{what}: a node with criteria has no rule (its points come from its children)", "what"_a = node_what(d.nodes[index])));
  if (children != nullptr) {
    read_children(children->value, value_at(*children, *m), index, d, trf("{node} criteria", "node"_a = node_what(d.nodes[index])));
    criterion_ = d.nodes[index].id;
  } else if (rule != nullptr) {
    Criterion c = d.nodes[index];
    read_rule(*rule, *m, c, d);
    d.nodes[index].rule = std::move(c.rule);
  } else if (m->find("aggregate") != nullptr) {
    error(where(m->find("aggregate")->key_node, m->where), "aggregate-without-criteria", "aggregate", trf("{what}: 'aggregate' needs criteria to aggregate", "what"_a = node_what(d.nodes[index])));
  }
}

std::shared_ptr<CriteriaSetData> Reader::read(const YAML::Node& doc) {
  const SourceLocation top{file_, 1, 1};
  const std::string the_set = tr("the set");
  if (!doc.IsMap()) {
    error(where(doc, top), "root-not-a-map", "", trf("the document must be a map of keys (schema, id, title, max, fields, …), found {found}", "found"_a = kind_name(doc)));
    return nullptr;
  }
  const auto root = map(doc, top, the_set,
                        {"schema", "id", "title", "year", "max", "rounding", "aggregate", "bands", "groups", "ranking",
                         "adjustments", "fields", "description"});
  if (!root) return nullptr;
  (void)text(*root, "description", the_set, false);
  auto d = std::make_shared<CriteriaSetData>();
  d->source_name = file_;
  d->nodes.emplace_back();
  Criterion& r = d->nodes.front();
  r.location = root->where;
  if (const auto schema = text(*root, "schema", the_set, true)) {
    if (*schema != "cchc/criteria@1")
      error(value_at(*root->find("schema"), *root), "unknown-schema", "schema", trf("unknown schema {schema}; expected 'cchc/criteria@1'", "schema"_a = quoted(*schema)));
  }
  d->id = text(*root, "id", the_set, true).value_or("");
  d->title = text(*root, "title", the_set, true).value_or("");
  r.title = d->title;
  if (const auto y = number(*root, "year", the_set, false, {})) {
    if (!y->is_integer() || *y < Decimal::from_int(1900) || *y > Decimal::from_int(2200))
      error(value_at(*root->find("year"), *root), "invalid-year", "year", trf("year: expected a year such as 2025, found {found}", "found"_a = y->to_string()));
    else
      d->year = static_cast<int>(y->raw() / Decimal::scale);
  }
  r.max = number(*root, "max", the_set, true, {false, true, false}).value_or(Decimal());
  if (const auto a = choice<Aggregate>(*root, "aggregate", the_set, {{"sum", Aggregate::sum}, {"weighted_mean", Aggregate::weighted_mean}}))
    d->nodes.front().aggregate = *a;
  read_rounding(*root, *d);
  if (const Entry* b = root->find("bands")) d->bands = read_bands(b->value, value_at(*b, *root), "bands");
  read_groups(*root, *d);
  std::vector<std::pair<std::string, SourceLocation>> tie_ids;
  read_ranking(*root, *d, tie_ids);
  if (const Entry* f = root->find("fields"))
    read_children(f->value, value_at(*f, *root), 0, *d, "fields");
  else
    error(root->where, "missing-key", "fields", missing_key(the_set, "fields"));
  read_adjustments(*root, *d);
  criterion_.clear();
  {
    std::vector<Diagnostic> checks;
    detail::check_criteria(*d, checks);
    for (Diagnostic& x : checks) add(std::move(x));
  }
  for (NodeIndex i = 1; i < d->nodes.size(); ++i)
    if (!d->nodes[i].id.empty()) d->node_by_id.emplace(d->nodes[i].id, i);
  for (const auto& [id, at] : tie_ids) {
    const auto it = d->node_by_id.find(id);
    if (it == d->node_by_id.end())
      error(at, "unknown-tie-break", "tie_break", trf("ranking: tie_break: unknown node id {id}", "id"_a = quoted(id)));
    else
      d->ranking.tie_break.push_back(it->second);
  }
  if (budget_reported_) {
    // Everything else an expanding document produced is a consequence of the expansion.
    diags_.erase(std::remove_if(diags_.begin(), diags_.end(),
                                [](const Diagnostic& x) { return x.code() != "too-many-nodes"; }),
                 diags_.end());
    dropped_ = 0;
  }
  if (dropped_ > 0)
    diags_.push_back(Diagnostic{SourceLocation{file_, 0, 0}, Severity::error, "", trf("{count} more errors not shown", "count"_a = dropped_)}
                         .set_code("more-errors"));
  return d;
}

// yaml-cpp and the raw-text checks count columns in bytes; a clerk's editor counts
// characters, and a Vietnamese letter is 2 or 3 bytes. Every position is turned into a
// character column before it is shown.
void to_character_columns(std::vector<Diagnostic>& diagnostics, std::string_view text) {
  std::vector<std::size_t> line_starts{0};  // so that each diagnostic does not search for its line
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts.push_back(i + 1);
  for (Diagnostic& d : diagnostics) {
    SourceLocation at = d.location();
    if (at.line == 0 || at.column <= 1 || at.line > line_starts.size()) continue;
    at.column = detail::character_column(text.substr(line_starts[at.line - 1]), 1, at.column);
    d.set_location(std::move(at));
  }
}

Loaded<CriteriaSet> parse_criteria_text(std::string_view yaml, const std::string& name) {
  std::vector<Diagnostic> problems;
  detail::check_yaml_text(yaml, name, problems);
  if (!problems.empty()) return Loaded<CriteriaSet>(std::move(problems));
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    const YAML::Mark& m = e.mark;
    SourceLocation at{name, 0, 0};
    if (!m.is_null() && m.line >= 0) at = SourceLocation{name, static_cast<std::uint32_t>(m.line + 1), static_cast<std::uint32_t>(m.column + 1)};
    problems.push_back(Diagnostic{at, Severity::error, {}, trf("YAML syntax: {problem}", "problem"_a = e.msg)}.set_code("yaml-syntax"));
    return Loaded<CriteriaSet>(std::move(problems));
  } catch (const std::exception& e) {
    problems.push_back(Diagnostic{SourceLocation{name, 0, 0}, Severity::error, {}, trf("YAML: {problem}", "problem"_a = e.what())}.set_code("yaml-error"));
    return Loaded<CriteriaSet>(std::move(problems));
  }
  Reader reader(name);
  std::shared_ptr<CriteriaSetData> data;
  try {
    data = reader.read(doc);
  } catch (const YAML::Exception& e) {
    reader.diagnostics().push_back(Diagnostic{SourceLocation{name, 0, 0}, Severity::error, {}, trf("YAML: {problem}", "problem"_a = e.msg)}.set_code("yaml-error"));
  }
  std::vector<Diagnostic> out = std::move(reader.diagnostics());
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.location().line != b.location().line ? a.location().line < b.location().line : a.location().column < b.location().column;
  });
  // Warnings alone do not refuse the set: it is returned with them.
  const bool refused = !data || std::any_of(out.begin(), out.end(), [](const Diagnostic& x) { return x.severity() == Severity::error; });
  if (refused) return Loaded<CriteriaSet>(std::move(out));
  return Loaded<CriteriaSet>(CriteriaSet(std::move(data)), std::move(out));
}

}  // namespace

Loaded<CriteriaSet> try_parse_criteria(std::string_view yaml, const std::string& name) {
  // A UTF-8 byte order mark is tolerated (and is not a column).
  if (yaml.size() >= 3 && yaml.substr(0, 3) == "\xEF\xBB\xBF") yaml.remove_prefix(3);
  Loaded<CriteriaSet> loaded = parse_criteria_text(yaml, name);
  if (loaded.diagnostics().empty()) return loaded;
  std::vector<Diagnostic> problems = loaded.diagnostics();
  to_character_columns(problems, yaml);
  if (!loaded) return Loaded<CriteriaSet>(std::move(problems));
  return Loaded<CriteriaSet>(std::move(loaded).value(), std::move(problems));
}

Loaded<CriteriaSet> try_load_criteria(const std::string& path) {
  Diagnostic problem;
  const std::optional<detail::FileText> text = detail::read_file_text(path, max_criteria_bytes, problem);
  if (!text) return Loaded<CriteriaSet>(std::vector<Diagnostic>{problem});
  return try_parse_criteria(text->view(), path);
}

CriteriaSet load_criteria(const std::string& path) { return try_load_criteria(path).value(); }
CriteriaSet parse_criteria(std::string_view yaml, const std::string& name) { return try_parse_criteria(yaml, name).value(); }

}  // namespace v1
}  // namespace cchc
