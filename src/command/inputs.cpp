#include "command/inputs.hpp"

#include "cchc/io/load.hpp"
#include "io/file_text.hpp"

namespace cchc {
inline namespace v1 {
namespace command {

namespace {

void append(std::vector<Diagnostic>& to, const std::vector<Diagnostic>& from) { to.insert(to.end(), from.begin(), from.end()); }

std::string text_name(const Source& s, const char* fallback) { return s.name.empty() ? std::string(fallback) : s.name; }

/// Units and evidence: both files, both texts, or one of each (the file read the way the
/// loader reads it, so its messages are the same).
Loaded<Evaluation> load_evaluation(const CriteriaSet& set, const Source& units, const Source& evidence,
                                   const EvaluationOptions& options) {
  if (!units.text && !evidence.text)
    return try_load_evaluation(set, TableFile{units.path, units.sheet}, TableFile{evidence.path, evidence.sheet}, options);
  std::vector<Diagnostic> problems;
  Diagnostic why;
  std::optional<detail::FileText> units_file, evidence_file;
  if (!units.text) {
    units_file = detail::read_file_text(units.path, max_table_bytes, why);
    if (!units_file) problems.push_back(why);
  }
  if (!evidence.text) {
    evidence_file = detail::read_file_text(evidence.path, max_table_bytes, why);
    if (!evidence_file) problems.push_back(why);
  }
  if (!problems.empty()) return Loaded<Evaluation>(std::move(problems));
  const std::string_view units_text = units.text ? std::string_view(*units.text) : units_file->view();
  const std::string_view evidence_text = evidence.text ? std::string_view(*evidence.text) : evidence_file->view();
  return try_parse_evaluation(set, units_text, evidence_text, units.text ? text_name(units, "<units>") : units.path,
                              evidence.text ? text_name(evidence, "<evidence>") : evidence.path, options);
}

}  // namespace

std::vector<Diagnostic> warnings_of(const std::vector<Diagnostic>& diagnostics) {
  std::vector<Diagnostic> out;
  for (const auto& d : diagnostics)
    if (d.severity() == Severity::warning) out.push_back(d);
  return out;
}

std::optional<CriteriaSet> load_set(const Source& criteria, std::vector<Diagnostic>& messages) {
  const Loaded<CriteriaSet> set = criteria.text ? try_parse_criteria(*criteria.text, text_name(criteria, "<criteria>"))
                                                : try_load_criteria(criteria.path);
  append(messages, set.diagnostics());
  if (!set) return std::nullopt;
  return set.value();
}

std::shared_ptr<const std::vector<Unit>> load_units(const CriteriaSet& set, const Source& units, std::vector<Diagnostic>& messages) {
  const Loaded<std::vector<Unit>> list = units.text ? try_parse_units(set, *units.text, text_name(units, "<units>"))
                                                    : try_load_units(set, TableFile{units.path, units.sheet});
  append(messages, list.diagnostics());
  if (!list) return nullptr;
  return std::make_shared<const std::vector<Unit>>(list.value());
}

std::optional<Run> load_run(const CriteriaSet& set, const Source& units, const Source& evidence,
                            const EvaluationOptions& options, std::vector<Diagnostic>& messages) {
  const Loaded<Evaluation> evaluation = load_evaluation(set, units, evidence, options);
  append(messages, evaluation.diagnostics());
  if (!evaluation) return std::nullopt;
  // The set's warnings are already in `messages` (first): JSON lists them first too.
  return scored(evaluation.value(), warnings_of(messages), messages);
}

Run scored(Evaluation evaluation, std::vector<Diagnostic> warnings, std::vector<Diagnostic>& messages) {
  Run out;
  out.warnings = std::move(warnings);
  out.evaluation = std::move(evaluation);
  out.cards = score(out.evaluation);
  out.ranking = rank(out.evaluation, out.cards);
  const std::vector<Diagnostic> scoring = scoring_warnings(out.evaluation, out.cards);
  append(messages, scoring);
  append(out.warnings, scoring);
  return out;
}

std::optional<CriteriaSet> request_set(const Request& request, std::vector<Diagnostic>& messages) {
  if (request.loaded_year) {
    append(messages, request.loaded_year->warnings);
    return request.loaded_year->evaluation.criteria();
  }
  if (request.loaded_criteria) {
    append(messages, request.loaded_criteria->warnings);
    return request.loaded_criteria->set;
  }
  return load_set(request.criteria, messages);
}

std::shared_ptr<const LoadedCriteria> load_criteria(const Source& criteria, std::vector<Diagnostic>& messages) {
  std::optional<CriteriaSet> set = load_set(criteria, messages);
  if (!set) return nullptr;
  auto out = std::make_shared<LoadedCriteria>();
  out->set = std::move(*set);
  out->warnings = warnings_of(messages);
  return out;
}

std::shared_ptr<const LoadedYear> load_year(const LoadedCriteria& criteria, const Source& units, const Source& evidence,
                                            bool missing_as_zero, std::vector<Diagnostic>& messages) {
  EvaluationOptions options;
  options.set_missing_as_zero(missing_as_zero);
  append(messages, criteria.warnings);
  const Loaded<Evaluation> evaluation = load_evaluation(criteria.set, units, evidence, options);
  append(messages, evaluation.diagnostics());
  if (!evaluation) return nullptr;
  auto out = std::make_shared<LoadedYear>();
  out->evaluation = evaluation.value();
  out->units_label = units.label();
  out->warnings = warnings_of(messages);
  return out;
}

}  // namespace command
}  // namespace v1
}  // namespace cchc
