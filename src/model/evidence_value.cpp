#include "model/evidence_value.hpp"

#include <cctype>

#include "i18n/format.hpp"
#include "model/number_text.hpp"
#include "model/rule_kinds.hpp"
#include "model/unicode.hpp"

namespace cchc {
inline namespace v1 {
namespace detail {

namespace {

using fmt::literals::operator""_a;  // NOLINT(misc-unused-using-decls): clang-tidy 14 misses uses in "name"_a

std::string quoted(std::string_view s) { return quote_value(s); }

bool is_na(std::string_view s) {
  return s == "na" || s == "NA" || s == "Na" || s == "n/a" || s == "N/A";
}

// The clerks' words for "not applicable": KPS, không phát sinh (case and diacritics aside).
// Looked at only once a value is known not to be an option name: options start with k often.
bool is_na_word(std::string_view s) {
  if (s.size() == 3)
    return (s[0] == 'k' || s[0] == 'K') && (s[1] == 'p' || s[1] == 'P') && (s[2] == 's' || s[2] == 'S');
  if (s.size() < 15 || s.size() > 64 || (s[0] != 'k' && s[0] != 'K')) return false;
  return loose_key(s) == "khong phat sinh";
}

InterpretedValue refuse(const char* code, std::string message) {
  InterpretedValue v;
  v.error = std::move(message);
  v.code = code;
  return v;
}

InterpretedValue number_value(Decimal d) {
  InterpretedValue v;
  v.kind = ValueKind::number;
  v.number = d.raw();
  return v;
}

InterpretedValue not_a_number(const char* expected, const ParsedNumber& n, std::string_view text) {
  return refuse(number_code(n.error), trf("{expected}: {problem}", "expected"_a = expected, "problem"_a = number_problem(n, text)));
}

// A rate 0..1, written as a decimal or a percentage.
InterpretedValue rate(std::string_view text, bool decimal_comma) {
  const ParsedNumber n = parse_number(text, decimal_comma, true);
  if (!n.ok()) return not_a_number(tr("expected a rate (0..1, or a percentage such as 97,5%)"), n, text);
  // n.negative, not n.value < 0: "-0" and "-0%" are refused like every other negative.
  if (n.negative) return refuse("value-negative", trf("rate {value} is negative; a rate is 0..1 or 0%..100%", "value"_a = quoted(text)));
  if (n.value > Decimal::from_int(1))
    return refuse("rate-above-one", n.percent ? trf("rate {value} is above 100%", "value"_a = quoted(text))
                                              : trf("rate {value} is above 1: write a rate as 0..1 (0.95) or as a percentage (95%)",
                                                    "value"_a = quoted(text)));
  return number_value(n.value);
}

InterpretedValue count(std::string_view text, bool decimal_comma) {
  const ParsedNumber n = parse_number(text, decimal_comma, false);
  if (!n.ok()) return not_a_number(tr("expected a count (a whole number >= 0)"), n, text);
  if (n.negative) return refuse("value-negative", trf("count {value} is negative; expected a whole number >= 0", "value"_a = quoted(text)));
  if (!n.value.is_integer()) return refuse("count-not-whole", trf("count {value} is not a whole number", "value"_a = quoted(text)));
  return number_value(n.value);
}

InterpretedValue points(std::string_view text, bool decimal_comma, Decimal max, std::optional<Decimal> step, int places) {
  const ParsedNumber n = parse_number(text, decimal_comma, false);
  if (!n.ok()) return not_a_number(trf("expected points (a number 0..{max})", "max"_a = max.to_string()).c_str(), n, text);
  if (n.negative) return refuse("value-negative", trf("points {value} are negative; expected 0..{max}", "value"_a = quoted(text), "max"_a = max.to_string()));
  if (n.value > max) return refuse("points-above-max", trf("points {value} are above the maximum {max}", "value"_a = quoted(text), "max"_a = max.to_string()));
  if (step && step->raw() > 0 && n.value.raw() % step->raw() != 0)
    return refuse("points-off-step", trf("points {value} are not a multiple of the step {step}", "value"_a = quoted(text), "step"_a = step->to_string()));
  // Refused rather than rounded: a council's figure is never silently changed.
  if (n.value.fractional_digits() > places)
    return refuse("points-too-precise", trf("points {value} have more decimal places than the set's rounding.places ({places})",
                                            "value"_a = quoted(text), fmt::arg("places", places)));
  return number_value(n.value);
}

// A tiers rule whose scale was inferred as a number from bounds that are all whole numbers
// >= 1 ("min: 100", "min: 80"): a value strictly between 0 and 1 there is most likely a
// rate written as a fraction (0.85 for 85%), which would silently meet only the last tier.
bool whole_number_bounds(const Rule& rule) {
  if (rule.tier_scale != TierScale::number || !rule.tier_scale_inferred) return false;
  bool any = false;
  for (const Tier& t : rule.tiers) {
    if (t.bound.kind == BoundKind::none) continue;
    if (!t.bound.value.is_integer() || t.bound.value < Decimal::from_int(1)) return false;
    any = true;
  }
  return any;
}

const Tier* tier_met(const Rule& rule, Decimal x) {
  for (const Tier& t : rule.tiers)
    if (t.bound.admits(x)) return &t;
  return nullptr;
}

InterpretedValue two_readings(const Criterion& leaf, std::string_view text, Decimal x, bool decimal_comma) {
  const char point = decimal_comma ? ',' : '.';
  const Decimal scaled = Decimal::from_raw(x.raw() * 100);  // x < 1: no overflow
  auto meets = [&](const Tier* t) {
    return t == nullptr ? std::string(tr("meet none of them"))
                        : trf("meet '{bound}' → {points}", "bound"_a = bound_text(t->bound, TierScale::number), "points"_a = t->points.to_string());
  };
  const std::string as_number = x.to_string(-1, point), as_bounds = scaled.to_string(-1, point);
  return refuse("tiers-ambiguous-scale",
                trf("value {value} under the tiers of {id} reads two ways: as the number {number} it would {as_number}; as the rate "
                    "{rate}%, written on the bounds' whole-number scale as {rate}, it would {as_rate}. Write {rate} for {rate}%; if the "
                    "number {number} is meant, the set must say 'value: number' at {id}",
                    "value"_a = quoted(text), "id"_a = quoted(leaf.id), "number"_a = as_number, "rate"_a = as_bounds,
                    "as_number"_a = meets(tier_met(leaf.rule, x)), "as_rate"_a = meets(tier_met(leaf.rule, scaled))));
}

InterpretedValue survey(const Criterion& leaf, std::string_view text, bool decimal_comma) {
  const auto& answers = leaf.rule.answers;
  if (text.find('=') == std::string_view::npos) {
    InterpretedValue v = rate(text, decimal_comma);
    if (!v.error.empty()) v.error = trf("expected answer counts such as \"A=12;B=5\" or a share 0..1: {problem}", "problem"_a = v.error);
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
    if (eq == std::string_view::npos) return refuse("survey-malformed", trf("answer count {value} is not of the form ANSWER=COUNT", "value"_a = quoted(part)));
    eq -= static_cast<std::size_t>(part.data() - text.data());  // now an offset in `part`
    const std::string_view name = trim(part.substr(0, eq));
    const std::string_view number = trim(part.substr(eq + 1));
    std::size_t which = answers.size();
    for (std::size_t i = 0; i < answers.size(); ++i)
      if (answers[i].answer.size() == name.size() && answers[i].answer == name) which = i;
    if (which == answers.size()) {
      std::string known;
      for (const auto& a : answers) known += (known.empty() ? "" : ", ") + a.answer;
      return refuse("survey-unknown-answer", trf("unknown answer {answer}; the rule's answers are {known}", "answer"_a = quoted(name), "known"_a = known));
    }
    if (v.answers[which] >= 0) return refuse("survey-answer-repeated", trf("answer {answer} is counted twice", "answer"_a = quoted(name)));
    // A count is plain digits; read them directly (half a million survey values a year).
    // At most 10 digits are read, so the count cannot overflow.
    std::int64_t c = 0;
    bool digits = !number.empty() && number.size() <= 10 && !(number.size() > 1 && number[0] == '0');
    for (std::size_t k = 0; digits && k < number.size(); ++k) {
      const char ch = number[k];
      if (ch < '0' || ch > '9') digits = false;
      else c = c * 10 + (ch - '0');
    }
    if (!digits) return refuse("survey-count-invalid", trf("count of answer {answer} must be a whole number >= 0, found {found}", "answer"_a = quoted(name),
                                                 "found"_a = quoted(number)));
    if (c > 1000000000) return refuse("survey-count-too-large", trf("count of answer {answer} is implausibly large", "answer"_a = quoted(name)));
    v.answers[which] = c;
    total += c;
  }
  for (auto& c : v.answers)
    if (c < 0) c = 0;
  if (total == 0) return refuse("survey-no-answers", tr("survey answers add up to zero: no one answered"));
  return v;
}

// `na`, or a clerk's word for it, at `node`: allowed only where the set gives it `na:`.
InterpretedValue not_applicable(const Criterion& node, std::string_view text, bool word) {
  if (node.na == NotApplicable::not_allowed)
    return refuse("na-not-allowed",
                  word ? trf("{value} means not applicable (na), but criterion {id} cannot be marked not applicable (the set gives it no 'na:')",
                             "value"_a = quoted(text), "id"_a = quoted(node.id))
                       : trf("criterion {id} cannot be marked not applicable (the set gives it no 'na:')", "id"_a = quoted(node.id)));
  InterpretedValue v;
  v.kind = ValueKind::not_applicable;
  return v;
}

}  // namespace

InterpretedValue interpret_value(const Criterion& node, Rounding rounding, std::string_view raw_text, bool decimal_comma) {
  const std::string_view text = trim(raw_text);
  if (is_na(text)) return not_applicable(node, text, false);
  if (text.empty()) return refuse("value-empty", tr("the value is empty"));
  const Rule& rule = node.rule;
  if (node.is_leaf() && rule.kind == RuleKind::options) {  // an option named "KPS" is the option
    for (std::size_t i = 0; i < rule.options.size(); ++i)
      if (rule.options[i].name == text) {
        InterpretedValue v;
        v.kind = ValueKind::option;
        v.number = static_cast<std::int64_t>(i);
        return v;
      }
  }
  if (is_na_word(text)) return not_applicable(node, text, true);
  if (!node.is_leaf()) {
    InterpretedValue v = points(text, decimal_comma, node.max, std::nullopt, rounding.places);
    if (!v.error.empty()) v.error = trf("a value at {id} gives its points: {problem}", "id"_a = quoted(node.id), "problem"_a = v.error);
    return v;
  }
  switch (rule.kind) {
    case RuleKind::points: return points(text, decimal_comma, node.max, rule.step, rounding.places);
    case RuleKind::options: {
      std::string known;
      for (const auto& o : rule.options) known += (known.empty() ? "" : ", ") + o.name;
      if (node.na != NotApplicable::not_allowed) known += ", na";
      return refuse("option-unknown", trf("unknown option {value} for {id}; expected one of: {known}", "value"_a = quoted(text), "id"_a = quoted(node.id),
                                          "known"_a = known));
    }
    case RuleKind::tiers: {
      InterpretedValue v;
      if (rule.tier_scale == TierScale::rate) {
        v = rate(text, decimal_comma);
      } else if (rule.tier_scale == TierScale::count) {
        v = count(text, decimal_comma);
      } else {
        const ParsedNumber n = parse_number(text, decimal_comma, false);
        if (!n.ok()) return not_a_number(tr("expected a number"), n, text);
        if (n.negative) return refuse("value-negative", trf("value {value} is negative", "value"_a = quoted(text)));
        if (whole_number_bounds(rule) && n.value > Decimal() && n.value < Decimal::from_int(1))
          return two_readings(node, text, n.value, decimal_comma);
        v = number_value(n.value);
      }
      if (!v.error.empty()) return v;
      if (tier_met(rule, Decimal::from_raw(v.number)) != nullptr) return v;
      return refuse("tiers-none-met", trf("value {value} meets none of the tiers of {id}", "value"_a = quoted(text), "id"_a = quoted(node.id)));
    }
    case RuleKind::proportional: return rate(text, decimal_comma);
    case RuleKind::deduct: return count(text, decimal_comma);
    case RuleKind::survey: return survey(node, text, decimal_comma);
  }
  return refuse("rule-unknown", tr("unknown rule"));
}

InterpretedValue interpret_adjustment(const Adjustment& adjustment, Rounding rounding, std::string_view raw_text, bool decimal_comma) {
  const std::string_view text = trim(raw_text);
  if (text.empty()) return refuse("value-empty", tr("the value is empty"));
  InterpretedValue v = points(text, decimal_comma, adjustment.max, std::nullopt, rounding.places);
  if (!v.error.empty())
    v.error = adjustment.kind == AdjustmentKind::bonus ? trf("bonus {id}: {problem}", "id"_a = quoted(adjustment.id), "problem"_a = v.error)
                                                       : trf("penalty {id}: {problem}", "id"_a = quoted(adjustment.id), "problem"_a = v.error);
  return v;
}

}  // namespace detail
}  // namespace v1
}  // namespace cchc
