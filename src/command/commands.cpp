// The command table: one entry per command. An entry names the command, says whether it
// reads a year (units and evidence) or only the set, how it takes `unit`, which options of
// its own it accepts, and writes its report. Adding a command (plan, robustness) is adding
// one entry; loading, option checks, warnings and statuses are shared.
#include <algorithm>
#include <charconv>
#include <memory>
#include <new>
#include <optional>
#include <ostream>
#include <sstream>

#include "cchc/analysis/plan.hpp"
#include "cchc/analysis/robustness.hpp"
#include "cchc/io/load.hpp"
#include "cchc/io/run_weights.hpp"
#include "cchc/model/text.hpp"
#include "cchc/report/language.hpp"
#include "cchc/report/report.hpp"
#include "command/command.hpp"
#include "command/inputs.hpp"
#include "command/unit_option.hpp"
#include "command/validate_report.hpp"
#include "i18n/format.hpp"

namespace cchc {
inline namespace v1 {
namespace command {

namespace {

enum class OptionKind : std::uint8_t { flag, text };
struct OptionSpec {
  std::string_view name;  ///< with '_' (the request's spelling; the command line's uses '-')
  OptionKind kind;
};

/// The options as given, checked against the command's specs.
class Options {
 public:
  bool flag(std::string_view name) const {
    const auto* v = find(name);
    return v != nullptr && std::get<bool>(*v);
  }
  std::optional<std::string> text(std::string_view name) const {
    const auto* v = find(name);
    if (v == nullptr) return std::nullopt;
    return std::get<std::string>(*v);
  }
  void set(std::string name, OptionValue value) { values_.emplace_back(std::move(name), std::move(value)); }

 private:
  const OptionValue* find(std::string_view name) const {
    for (const auto& [n, v] : values_)
      if (n == name) return &v;
    return nullptr;
  }
  std::vector<std::pair<std::string, OptionValue>> values_;
};

enum class UnitUse : std::uint8_t { none, optional, required };

/// What a command's writer is given.
struct Context {
  const CriteriaSet& set;
  const Run* run;  ///< null for a command that reads only the set
  std::optional<std::size_t> unit;
  Format format;
  const ReportOptions& report;
  const Options& options;
  const std::vector<Unit>* units = nullptr;  ///< only for a command that reads units alone
};

struct CommandEntry {
  std::string_view name;
  bool reads_year;  ///< units and evidence, scored and ranked
  UnitUse unit;
  std::vector<OptionSpec> options;  ///< beyond the shared ones (format, missing_as_zero, …)
  std::vector<Format> formats;      ///< the formats it writes
  void (*write)(std::ostream& out, const Context& c);
  /// A problem with the request that only the loaded year shows (a plan's target names a
  /// band the unit's group does not have): a usage error, before any output. Empty: none.
  std::string (*check)(const Context& c) = nullptr;
  /// Reads the units but no evidence (the entry workbook); only when !reads_year.
  bool reads_units = false;
};

/// Every format: the reports that also have an HTML page and an Excel workbook.
const std::vector<Format> with_html{Format::table, Format::csv, Format::json, Format::markdown, Format::html, Format::xlsx};

/// A number option given as text (the command line's parser already checked its form; a
/// request's may be anything): the number, or none when it does not read as one.
template <class T>
std::optional<T> number_option(const Options& options, std::string_view name, T fallback) {
  const std::optional<std::string> text = options.text(name);
  if (!text) return fallback;
  T value{};
  const char* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

const std::vector<OptionSpec> robustness_options{
    {"runs", OptionKind::text},          {"seed", OptionKind::text},          {"weights_noise", OptionKind::text},
    {"weights_file", OptionKind::text},  {"survey_sampling", OptionKind::flag}, {"survey_n", OptionKind::text},
    {"appraisal_noise", OptionKind::text}, {"sobol", OptionKind::flag},       {"threads", OptionKind::text}};

/// The report's rank intervals: the robustness options but --sobol and --threads.
const std::vector<OptionSpec> report_robustness_options{
    {"runs", OptionKind::text},         {"seed", OptionKind::text},           {"weights_noise", OptionKind::text},
    {"weights_file", OptionKind::text}, {"survey_sampling", OptionKind::flag}, {"survey_n", OptionKind::text},
    {"appraisal_noise", OptionKind::text}};

std::string robustness_problem(const Context& c) {
  const char* names[] = {"runs", "seed", "weights_noise", "survey_n", "appraisal_noise", "threads"};
  for (const char* name : names) {
    if (!c.options.text(name)) continue;
    const bool ok = std::string_view(name) == "weights_noise" ? number_option<double>(c.options, name, 0).has_value()
                    : std::string_view(name) == "seed"        ? number_option<std::uint64_t>(c.options, name, 1).has_value()
                    : std::string_view(name) == "threads"     ? number_option<unsigned>(c.options, name, 0).has_value()
                                                              : number_option<std::int64_t>(c.options, name, 0).has_value();
    if (!ok)
      return detail::trf("option '{option}': {value} is not a number", fmt::arg("option", name),
                         fmt::arg("value", quote_for_message(*c.options.text(name))));
  }
  return {};
}

/// Whether the report is asked for its rank intervals: any source of uncertainty given.
bool report_has_sources(const Options& options) {
  return options.text("weights_noise") || options.text("weights_file") || options.flag("survey_sampling") ||
         options.text("appraisal_noise");
}

/// The report's robustness options: numbers, and none that sets up runs without a source of
/// uncertainty (the report would run them for nothing, or silently show no intervals).
std::string report_problem(const Context& c) {
  if (std::string problem = robustness_problem(c); !problem.empty()) return problem;
  if (!report_has_sources(c.options))
    for (const char* name : {"runs", "seed", "survey_n"})
      if (c.options.text(name))
        return "option '" + std::string(name) +
               "' sets up the report's rank intervals, which need a source of uncertainty: weights_noise, weights_file, "
               "survey_sampling or appraisal_noise";
  if (c.options.text("survey_n") && !c.options.flag("survey_sampling"))
    return "option 'survey_n' is the respondents behind a survey share for survey_sampling, which is not given";
  return {};
}

/// The robustness analysis the options ask for (a bad value is refused by the analysis, as
/// invalid input naming `cchc robustness`).
RobustnessResult robustness_of(const Context& c) {
  const std::int64_t runs = *number_option<std::int64_t>(c.options, "runs", 1000);
  RobustnessOptions options;
  options.set_runs(runs)
      .set_seed(*number_option<std::uint64_t>(c.options, "seed", 1))
      .set_weights_noise(*number_option<double>(c.options, "weights_noise", 0))
      .set_survey_sampling(c.options.flag("survey_sampling"))
      .set_survey_n(*number_option<std::int64_t>(c.options, "survey_n", 0))
      .set_appraisal_noise(*number_option<std::int64_t>(c.options, "appraisal_noise", 0))
      .set_threads(*number_option<unsigned>(c.options, "threads", 0))
      .set_sobol(c.options.flag("sobol"));
  // A bad run count is reported by the analysis; the weights file is read against a valid one.
  if (const auto weights = c.options.text("weights_file"); weights && runs >= 1 && runs <= 10'000'000)
    options.set_run_weights(load_run_weights(*weights, c.set, runs), *weights);
  return analyze_robustness(c.run->evaluation, c.run->cards, c.run->ranking, options);
}

const std::vector<CommandEntry>& commands() {
  static const std::vector<CommandEntry> table{
      {"validate", false, UnitUse::none, {}, {Format::table, Format::json},
       [](std::ostream& out, const Context& c) { write_validation(out, c.set, c.format, c.report.warnings()); }},
      {"rank", true, UnitUse::none, {}, with_html,
       [](std::ostream& out, const Context& c) {
         write_ranking(out, c.run->evaluation, c.run->cards, c.run->ranking, c.format, c.report);
       }},
      {"explain", true, UnitUse::required, {}, with_html,
       [](std::ostream& out, const Context& c) {
         write_scorecard(out, c.run->evaluation, c.run->cards[*c.unit], c.run->ranking, c.format, c.report);
       }},
      {"gaps", true, UnitUse::optional, {}, with_html,
       [](std::ostream& out, const Context& c) {
         write_gaps(out, c.run->evaluation, c.run->cards, c.run->ranking, c.unit, c.format, c.report);
       }},
      {"deviations", true, UnitUse::optional, {}, with_html,
       [](std::ostream& out, const Context& c) { write_deviations(out, c.run->evaluation, c.unit, c.format, c.report); }},
      {"plan", true, UnitUse::required, {{"target", OptionKind::text}, {"include_survey", OptionKind::flag}}, with_html,
       [](std::ostream& out, const Context& c) {
         const UnitPlan plan = plan_unit(c.run->evaluation, c.run->cards, c.run->ranking, *c.unit,
                                         c.options.text("target").value_or(""), c.options.flag("include_survey"));
         write_plan(out, c.run->evaluation, plan, c.format, c.report);
       },
       [](const Context& c) -> std::string {
         const std::optional<std::string> target = c.options.text("target");
         if (!target) return detail::tr("plan needs the option 'target' (band:LABEL, rank:N or index:X)");
         return plan_target_problem(c.run->evaluation, *c.unit, *target);
       }},
      {"report", true, UnitUse::none, report_robustness_options, {Format::html, Format::xlsx},
       [](std::ostream& out, const Context& c) {
         if (report_has_sources(c.options))
           write_report(out, c.run->evaluation, c.run->cards, c.run->ranking, robustness_of(c), c.format, c.report);
         else
           write_report(out, c.run->evaluation, c.run->cards, c.run->ranking, c.format, c.report);
       },
       report_problem},
      {"robustness", true, UnitUse::none, robustness_options, with_html,
       [](std::ostream& out, const Context& c) { write_robustness(out, c.run->evaluation, robustness_of(c), c.format, c.report); },
       robustness_problem},
      {"template", false, UnitUse::none, {}, {Format::xlsx},
       [](std::ostream& out, const Context& c) { write_entry_template(out, c.set, *c.units); }, nullptr, true},
  };
  return table;
}

/// Options every command takes (those that read a year also take `missing_as_zero`, and
/// `unit` when their entry says so).
const std::vector<OptionSpec> shared_options{{"format", OptionKind::text},
                                             {"decimal_comma", OptionKind::flag},
                                             {"decimal_point", OptionKind::flag},
                                             {"bom", OptionKind::flag}};

std::string normalised(std::string name) {
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

std::string format_names(const std::vector<Format>& formats) {
  static const char* const names[] = {"table", "csv", "json", "md", "html", "xlsx"};
  std::string out;
  for (const Format f : formats) {
    if (!out.empty()) out += ", ";
    out += names[static_cast<std::size_t>(f)];
  }
  return out;
}

Prepared refused(int status, std::vector<Diagnostic> diagnostics) {
  Prepared p;
  p.status = status;
  p.diagnostics = std::move(diagnostics);
  return p;
}

Prepared usage(std::string code, std::string message) {
  return refused(status_usage, {usage_error(std::move(code), std::move(message))});
}

/// The request's options against the entry's: every problem at once.
std::vector<Diagnostic> check_options(const Request& request, const CommandEntry& entry, Options& options) {
  std::vector<OptionSpec> accepted = shared_options;
  if (entry.reads_year) accepted.push_back({"missing_as_zero", OptionKind::flag});
  if (entry.reads_year || entry.reads_units) accepted.push_back({"units_sheet", OptionKind::text});
  if (entry.reads_year) accepted.push_back({"evidence_sheet", OptionKind::text});
  if (entry.unit != UnitUse::none) accepted.push_back({"unit", OptionKind::text});
  accepted.insert(accepted.end(), entry.options.begin(), entry.options.end());
  std::vector<Diagnostic> problems;
  std::vector<std::string> seen;
  for (const auto& [given, value] : request.options) {
    const std::string name = normalised(given);
    const auto spec = std::find_if(accepted.begin(), accepted.end(), [&](const OptionSpec& s) { return s.name == name; });
    if (spec == accepted.end()) {
      std::string names;
      for (const auto& s : accepted) names += (names.empty() ? "" : ", ") + std::string(s.name);
      problems.push_back(usage_error("unknown-option", detail::trf("option {option}: {command} takes none such; it takes {names}",
                                                                   fmt::arg("option", quote_for_message(given)),
                                                                   fmt::arg("command", entry.name), fmt::arg("names", names))));
      continue;
    }
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      problems.push_back(usage_error("bad-option-value", detail::trf("option {option} is given twice", fmt::arg("option", quote_for_message(given)))));
      continue;
    }
    seen.push_back(name);
    const bool is_flag = std::holds_alternative<bool>(value);
    if (is_flag != (spec->kind == OptionKind::flag)) {
      problems.push_back(usage_error("bad-option-value", detail::trf(spec->kind == OptionKind::flag ? "option {option}: expected true or false"
                                                                                                  : "option {option}: expected a text or a number",
                                                                     fmt::arg("option", quote_for_message(given)))));
      continue;
    }
    options.set(name, value);
  }
  return problems;
}

Prepared prepare_checked(const Request& request) {
  const auto& table = commands();
  const auto entry = std::find_if(table.begin(), table.end(), [&](const CommandEntry& e) { return e.name == request.command; });
  if (entry == table.end()) {
    std::string names;
    for (const auto& e : table) names += (names.empty() ? "" : ", ") + std::string(e.name);
    return usage("unknown-command", detail::trf("command {command}: expected one of {names}",
                                                fmt::arg("command", quote_for_message(request.command)), fmt::arg("names", names)));
  }
  auto options = std::make_shared<Options>();
  std::vector<Diagnostic> problems = check_options(request, *entry, *options);

  Format format = entry->name == "validate" ? Format::table : Format::json;
  if (std::find(entry->formats.begin(), entry->formats.end(), format) == entry->formats.end()) format = entry->formats.front();
  if (const auto name = options->text("format")) {
    const auto parsed = parse_format(*name);
    if (!parsed || std::find(entry->formats.begin(), entry->formats.end(), *parsed) == entry->formats.end())
      problems.push_back(usage_error("bad-option-value", detail::trf("option 'format': {format}: {command} writes {formats}",
                                                                     fmt::arg("format", quote_for_message(*name)),
                                                                     fmt::arg("command", entry->name),
                                                                     fmt::arg("formats", format_names(entry->formats)))));
    else
      format = *parsed;
  }
  const std::optional<std::string> unit_code = options->text("unit");
  if (entry->unit == UnitUse::required && !unit_code)
    problems.push_back(usage_error("missing-option", detail::trf("{command} needs the option 'unit' (a unit code)", fmt::arg("command", entry->name))));
  if (unit_code && unit_code->empty()) problems.push_back(usage_error("bad-option-value", "--unit: " + unit_code_not_empty("")));
  if (!request.criteria.given() && !request.loaded_criteria && !request.loaded_year)
    problems.push_back(usage_error("missing-input", detail::tr("the request names no criteria set")));
  if (entry->reads_year && !request.loaded_year) {
    if (!request.units.given()) problems.push_back(usage_error("missing-input", detail::tr("the request names no units")));
    if (!request.evidence.given()) problems.push_back(usage_error("missing-input", detail::tr("the request names no evidence")));
  }
  if (request.loaded_year && options->flag("missing_as_zero"))
    problems.push_back(usage_error("bad-option-value", detail::tr("missing_as_zero is chosen when the evaluation is loaded")));
  if (entry->reads_units && !request.units.given()) problems.push_back(usage_error("missing-input", detail::tr("the request names no units")));
  // A workbook's sheet goes with a file: a text is CSV, a loaded year is already read.
  Source units = request.units, evidence = request.evidence;
  for (auto [name, source] : {std::pair<const char*, Source*>{"units_sheet", &units}, {"evidence_sheet", &evidence}}) {
    const std::optional<std::string> sheet = options->text(name);
    if (!sheet) continue;
    if (request.loaded_year)
      problems.push_back(usage_error("bad-option-value", detail::trf("{option} is chosen when the evaluation is loaded", fmt::arg("option", name))));
    else if (source->text)
      problems.push_back(usage_error("bad-option-value", detail::trf("{option}: a sheet goes with a workbook's path, not with a text", fmt::arg("option", name))));
    else
      source->sheet = *sheet;
  }
  if (!problems.empty()) return refused(status_usage, std::move(problems));

  Prepared out;
  out.binary = format == Format::xlsx;
  const std::optional<CriteriaSet> set = request_set(request, out.diagnostics);
  if (!set) return refused(status_invalid_input, std::move(out.diagnostics));

  auto report = std::make_shared<ReportOptions>();
  // Under Vietnamese the human formats write the decimal comma, unless decimal_point.
  const bool human = format == Format::table || format == Format::markdown || format == Format::html;
  report->set_decimal_comma(options->flag("decimal_comma") || (human && !options->flag("decimal_point") && language() == "vi"));
  report->set_csv_bom(options->flag("bom"));
  const CommandEntry* e = &*entry;
  if (!entry->reads_year) {
    std::shared_ptr<const std::vector<Unit>> unit_list;
    if (entry->reads_units) {
      unit_list = load_units(*set, units, out.diagnostics);
      if (!unit_list) return refused(status_invalid_input, std::move(out.diagnostics));
    }
    report->set_warnings(warnings_of(out.diagnostics));
    auto kept = std::make_shared<CriteriaSet>(*set);
    out.write = [e, kept, unit_list, report, options, format](std::ostream& to) {
      e->write(to, Context{*kept, nullptr, std::nullopt, format, *report, *options, unit_list.get()});
    };
    return out;
  }

  EvaluationOptions evaluation_options;
  evaluation_options.set_missing_as_zero(options->flag("missing_as_zero"));
  std::optional<Run> loaded;
  if (request.loaded_year)
    loaded = scored(request.loaded_year->evaluation, request.loaded_year->warnings, out.diagnostics);
  else
    loaded = load_run(*set, units, evidence, evaluation_options, out.diagnostics);
  if (!loaded) return refused(status_invalid_input, std::move(out.diagnostics));
  auto run = std::make_shared<Run>(std::move(*loaded));

  std::optional<std::size_t> unit;
  if (unit_code) {
    unit = run->evaluation.find_unit(*unit_code);
    if (!unit) {
      // The messages so far (warnings) stay, as the command line has printed them.
      out.status = status_usage;
      out.diagnostics.push_back(
          usage_error("unknown-unit-option", unknown_unit_message(*unit_code, request.loaded_year ? request.loaded_year->units_label : request.units.label(),
                                                   run->evaluation.units())));
      return out;
    }
  }
  report->set_warnings(run->warnings);
  if (entry->check != nullptr) {
    const std::string problem = entry->check(Context{run->evaluation.criteria(), run.get(), unit, format, *report, *options});
    if (!problem.empty()) {
      out.status = status_usage;
      out.diagnostics.push_back(usage_error("bad-option-value", problem));
      return out;
    }
  }
  out.write = [e, run, report, options, format, unit](std::ostream& to) {
    e->write(to, Context{run->evaluation.criteria(), run.get(), unit, format, *report, *options});
  };
  return out;
}

Diagnostic failure(std::string code, std::string message) {
  Diagnostic d(SourceLocation{}, Severity::error, std::string(), std::move(message));
  d.set_code(std::move(code));
  return d;
}

/// Runs `f`, turning whatever it throws into a status and diagnostics.
template <class F>
bool guarded(F&& f, int& status, std::vector<Diagnostic>& diagnostics) noexcept {
  try {
    try {
      f();
      return true;
    } catch (const Error& e) {
      diagnostics.insert(diagnostics.end(), e.diagnostics().begin(), e.diagnostics().end());
    } catch (const std::bad_alloc&) {
      diagnostics.push_back(failure("out-of-memory", "out of memory"));
    } catch (const std::exception& e) {
      diagnostics.push_back(failure("internal-error", e.what()));
    } catch (...) {
      diagnostics.push_back(failure("internal-error", "unknown exception"));
    }
  } catch (...) {
    // Not even a diagnostic could be made (out of memory while reporting): the status says it.
  }
  status = status_invalid_input;
  return false;
}

}  // namespace

Diagnostic usage_error(std::string code, std::string message) { return failure(std::move(code), std::move(message)); }

std::vector<std::string> command_names() {
  std::vector<std::string> out;
  for (const auto& e : commands()) out.emplace_back(e.name);
  return out;
}

Prepared prepare(const Request& request) {
  Prepared out;
  guarded([&] { out = prepare_checked(request); }, out.status, out.diagnostics);
  return out;
}

Outcome run(const Request& request) {
  Outcome out;
  guarded(
      [&] {
        Prepared p = prepare(request);
        out.status = p.status;
        out.binary = p.binary;
        out.diagnostics = std::move(p.diagnostics);
        if (p.status != status_ok) return;
        std::ostringstream text;
        p.write(text);
        out.output = std::move(text).str();
      },
      out.status, out.diagnostics);
  if (out.status != status_ok) out.output.clear();
  return out;
}

}  // namespace command
}  // namespace v1
}  // namespace cchc
