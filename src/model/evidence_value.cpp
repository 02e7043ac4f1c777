#include "model/evidence_value.hpp"

#include <cctype>

#include "model/number_text.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

namespace {

// Built by appending: GCC 12 warns falsely (-Wrestrict, bug 105329) on "'" + std::string(s).
std::string quoted(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '\'';
  out += s;
  out += '\'';
  return out;
}

bool is_na(std::string_view s) {
  return s == "na" || s == "NA" || s == "Na" || s == "n/a" || s == "N/A";
}

InterpretedValue refuse(std::string message) {
  InterpretedValue v;
  v.error = std::move(message);
  return v;
}

InterpretedValue number_value(Decimal d) {
  InterpretedValue v;
  v.kind = ValueKind::number;
  v.number = d.raw();
  return v;
}

// A rate 0..1, written as a decimal or a percentage.
InterpretedValue rate(std::string_view text, bool decimal_comma) {
  const ParsedNumber n = parse_number(text, decimal_comma, true);
  if (!n.ok()) return refuse("expected a rate (0..1, or a percentage such as 97,5%): " + describe(n.error) + ", found " + quoted(text));
  if (n.value < Decimal()) return refuse("rate " + quoted(text) + " is negative; a rate is 0..1 or 0%..100%");
  if (n.value > Decimal::from_int(1))
    return refuse("rate " + quoted(text) + (n.percent ? " is above 100%" : " is above 1: write a rate as 0..1 (0.95) or as a percentage (95%)"));
  return number_value(n.value);
}

InterpretedValue count(std::string_view text, bool decimal_comma) {
  const ParsedNumber n = parse_number(text, decimal_comma, false);
  if (!n.ok()) return refuse("expected a count (a whole number >= 0): " + describe(n.error) + ", found " + quoted(text));
  if (n.value < Decimal()) return refuse("count " + quoted(text) + " is negative; expected a whole number >= 0");
  if (!n.value.is_integer()) return refuse("count " + quoted(text) + " is not a whole number");
  return number_value(n.value);
}

InterpretedValue points(std::string_view text, bool decimal_comma, Decimal max, std::optional<Decimal> step, int places) {
  const ParsedNumber n = parse_number(text, decimal_comma, false);
  if (!n.ok()) return refuse("expected points (a number 0.." + max.to_string() + "): " + describe(n.error) + ", found " + quoted(text));
  if (n.value < Decimal()) return refuse("points " + quoted(text) + " are negative; expected 0.." + max.to_string());
  if (n.value > max) return refuse("points " + quoted(text) + " are above the maximum " + max.to_string());
  if (step && step->raw() > 0 && n.value.raw() % step->raw() != 0)
    return refuse("points " + quoted(text) + " are not a multiple of the step " + step->to_string());
  // Refused rather than rounded: a council's figure is never silently changed.
  if (n.value.fractional_digits() > places)
    return refuse("points " + quoted(text) + " have more decimal places than the set's rounding.places (" +
                  std::to_string(places) + ")");
  return number_value(n.value);
}

InterpretedValue survey(const Criterion& leaf, std::string_view text, bool decimal_comma) {
  const auto& answers = leaf.rule.answers;
  if (text.find('=') == std::string_view::npos) {
    InterpretedValue v = rate(text, decimal_comma);
    if (!v.error.empty()) v.error = "expected answer counts such as \"A=12;B=5\" or a share 0..1: " + v.error;
    return v;
  }
  InterpretedValue v;
  v.kind = ValueKind::answers;
  v.answers.assign(answers.size(), -1);
  std::int64_t total = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    // One pass over the part (find_first_of would search the set for every character).
    std::size_t end = pos, eq = std::string_view::npos;
    for (; end < text.size() && text[end] != ';' && text[end] != ','; ++end)
      if (text[end] == '=' && eq == std::string_view::npos) eq = end;
    const std::string_view raw_part = text.substr(pos, end - pos);
    const std::string_view part = trim(raw_part);
    pos = end + 1;
    if (part.empty()) continue;
    if (eq == std::string_view::npos) return refuse("answer count " + quoted(part) + " is not of the form ANSWER=COUNT");
    eq -= static_cast<std::size_t>(part.data() - text.data());  // now an offset in `part`
    const std::string_view name = trim(part.substr(0, eq));
    const std::string_view number = trim(part.substr(eq + 1));
    std::size_t which = answers.size();
    for (std::size_t i = 0; i < answers.size(); ++i)
      if (answers[i].answer.size() == name.size() && answers[i].answer == name) which = i;
    if (which == answers.size()) {
      std::string known;
      for (const auto& a : answers) known += (known.empty() ? "" : ", ") + a.answer;
      return refuse("unknown answer " + quoted(name) + "; the rule's answers are " + known);
    }
    if (v.answers[which] >= 0) return refuse("answer " + quoted(name) + " is counted twice");
    // A count is plain digits; read them directly (half a million survey values a year).
    // At most 10 digits are read, so the count cannot overflow.
    std::int64_t c = 0;
    bool digits = !number.empty() && number.size() <= 10 && !(number.size() > 1 && number[0] == '0');
    for (std::size_t k = 0; digits && k < number.size(); ++k) {
      const char ch = number[k];
      if (ch < '0' || ch > '9') digits = false;
      else c = c * 10 + (ch - '0');
    }
    if (!digits) return refuse("count of answer " + quoted(name) + " must be a whole number >= 0, found " + quoted(number));
    if (c > 1000000000) return refuse("count of answer " + quoted(name) + " is implausibly large");
    v.answers[which] = c;
    total += c;
  }
  for (auto& c : v.answers)
    if (c < 0) c = 0;
  if (total == 0) return refuse("survey answers add up to zero: no one answered");
  return v;
}

}  // namespace

InterpretedValue interpret_value(const Criterion& node, Rounding rounding, std::string_view raw_text, bool decimal_comma) {
  const std::string_view text = trim(raw_text);
  if (is_na(text)) {
    if (node.na == NotApplicable::not_allowed)
      return refuse("criterion '" + node.id + "' cannot be marked not applicable (the set gives it no 'na:')");
    InterpretedValue v;
    v.kind = ValueKind::not_applicable;
    return v;
  }
  if (text.empty()) return refuse("the value is empty");
  if (!node.is_leaf()) {
    InterpretedValue v = points(text, decimal_comma, node.max, std::nullopt, rounding.places);
    if (!v.error.empty()) v.error = "a value at '" + node.id + "' gives its points: " + v.error;
    return v;
  }
  const Rule& rule = node.rule;
  switch (rule.kind) {
    case RuleKind::points: return points(text, decimal_comma, node.max, rule.step, rounding.places);
    case RuleKind::options: {
      for (std::size_t i = 0; i < rule.options.size(); ++i)
        if (rule.options[i].name == text) {
          InterpretedValue v;
          v.kind = ValueKind::option;
          v.number = static_cast<std::int64_t>(i);
          return v;
        }
      std::string known;
      for (const auto& o : rule.options) known += (known.empty() ? "" : ", ") + o.name;
      return refuse("unknown option " + quoted(text) + " for '" + node.id + "'; expected one of: " + known);
    }
    case RuleKind::tiers: {
      InterpretedValue v;
      if (rule.tier_scale == TierScale::rate) {
        v = rate(text, decimal_comma);
      } else if (rule.tier_scale == TierScale::count) {
        v = count(text, decimal_comma);
      } else {
        const ParsedNumber n = parse_number(text, decimal_comma, false);
        if (!n.ok()) return refuse("expected a number: " + describe(n.error) + ", found " + quoted(text));
        if (n.value < Decimal()) return refuse("value " + quoted(text) + " is negative");
        v = number_value(n.value);
      }
      if (!v.error.empty()) return v;
      const Decimal x = Decimal::from_raw(v.number);
      for (const Tier& t : rule.tiers)
        if (t.bound.admits(x)) return v;
      return refuse("value " + quoted(text) + " meets none of the tiers of '" + node.id + "'");
    }
    case RuleKind::proportional: return rate(text, decimal_comma);
    case RuleKind::deduct: return count(text, decimal_comma);
    case RuleKind::survey: return survey(node, text, decimal_comma);
  }
  return refuse("unknown rule");
}

InterpretedValue interpret_adjustment(const Adjustment& adjustment, Rounding rounding, std::string_view raw_text, bool decimal_comma) {
  const std::string_view text = trim(raw_text);
  if (text.empty()) return refuse("the value is empty");
  InterpretedValue v = points(text, decimal_comma, adjustment.max, std::nullopt, rounding.places);
  if (!v.error.empty()) v.error = (adjustment.kind == AdjustmentKind::bonus ? "bonus '" : "penalty '") + adjustment.id + "': " + v.error;
  return v;
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
