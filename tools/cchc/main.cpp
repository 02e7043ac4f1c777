// The cchc command: a thin shell over the library.
//   cchc validate SET.yaml [--format table|json]
//   cchc rank    --criteria C --units U --evidence E [--format F] [-o OUT]
//   cchc explain --criteria C --units U --evidence E --unit CODE [--format F] [-o OUT]
//   cchc gaps    --criteria C --units U --evidence E [--unit CODE] [--format F] [-o OUT]
//   cchc deviations --criteria C --units U --evidence E [--unit CODE] [--format F] [-o OUT]
//   cchc robustness --criteria C --units U --evidence E [--runs N] [--seed S] [--weights-noise F]
//                   [--weights-file W.csv] [--survey-sampling] [--survey-n N] [--appraisal-noise K]
//                   [--sobol] [--threads T] [--format F] [-o OUT]
//   cchc report  --criteria C --units U --evidence E [--format html|xlsx] -o OUT
//                [--runs N] [--seed S] [--weights-noise F] [--weights-file W.csv] [--survey-sampling]
//                [--survey-n N] [--appraisal-noise K]   (rank intervals per group)
//   cchc template --criteria C --units U [--format xlsx] -o phieu.xlsx
//   cchc plan    --criteria C --units U --evidence E --unit CODE --target band:L|rank:N|index:X
//                [--include-survey] [--format F] [-o OUT]
// Exit status: 0 success, 1 invalid input (nothing written), 2 wrong usage.
#include <iostream>
#include <sstream>

#include <unistd.h>
#include <functional>

#include <CLI/CLI.hpp>

#include "cchc/cchc.hpp"
#include "allocator_tuning.hpp"
#include "help_formatter.hpp"
#include "language.hpp"
#include "usage_message.hpp"
#include "output_file.hpp"
#include "command/command.hpp"
#include "command/unit_option.hpp"

namespace {

constexpr int exit_invalid = 1;
constexpr int exit_usage = 2;

struct Inputs {
  std::string criteria, units, evidence;
  bool missing_as_zero = false;
  std::string units_sheet, evidence_sheet;  ///< a workbook's sheet; empty: the first
};

struct Output {
  std::string format = "table";
  std::string path;
  bool decimal_comma = false;
  bool decimal_point = false;  ///< keep '.' under Vietnamese
  bool bom = false;
};

/// A help text in the chosen language (the catalog's msgid is the English).
std::string T(const char* english) { return cchc::translate(english); }

// --lang, on every command.
std::string lang_flag;

/// --lang's value before CLI11 parses anything: the help is written in that language, so it
/// must be chosen before the options are declared ("" when absent; CLI11 checks the value).
std::string early_lang(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--lang" && i + 1 < argc) return argv[i + 1];
    if (a.substr(0, 7) == "--lang=") return std::string(a.substr(7));
  }
  return {};
}

/// CLI11's own words (Usage, OPTIONS, REQUIRED, group names, the help flag) in that language.
void translate_cli11(CLI::App& app) {
  const auto formatter = std::make_shared<cchc_tool::HelpFormatter>();
  app.formatter(formatter);
  // The value placeholders (TEXT, INT) stay: CLI11 pads its columns by bytes, and they read
  // as type names.
  for (const char* label : {"Usage", "OPTIONS", "SUBCOMMAND", "SUBCOMMANDS", "REQUIRED", "Positionals", "Needs", "Excludes"})
    formatter->label(label, T(label));
  app.option_defaults()->group(T("Options"));
  app.set_help_flag("-h,--help", T("Print this help message and exit"));
  app.failure_message(cchc_tool::usage_message);
}

void add_lang(CLI::App* cmd) {
  cmd->add_option("--lang", lang_flag, T("vi | en: language of headings and messages (default: LANGUAGE, LC_ALL, LC_MESSAGES, LANG)"))
      ->check(CLI::IsMember({"vi", "en"}));
}

void add_number_style(CLI::App* cmd, Output& out) {
  auto* comma = cmd->add_flag("--decimal-comma", out.decimal_comma, T("Vietnamese number style (95,39) in table, Markdown, HTML and CSV output; CSV becomes ';'-separated (Excel in a Vietnamese locale)"));
  cmd->add_flag("--decimal-point", out.decimal_point, T("keep the decimal point (95.39) under --lang vi"))->excludes(comma);
}

void add_inputs(CLI::App* cmd, Inputs& in) {
  cmd->add_option("--criteria", in.criteria, T("criteria set (YAML, schema cchc/criteria@1)"))->required();
  cmd->add_option("--units", in.units, T("units, CSV or Excel workbook (.xlsx): code,name[,group][,ranked]"))->required();
  cmd->add_option("--evidence", in.evidence, T("evidence, CSV or Excel workbook (.xlsx): unit,criterion,value[,stage] or wide"))->required();
  cmd->add_option("--units-sheet", in.units_sheet, T("the sheet of the units workbook to read (default: the first)"));
  cmd->add_option("--evidence-sheet", in.evidence_sheet, T("the sheet of the evidence workbook to read (default: the first)"));
  cmd->add_flag("--missing-as-zero", in.missing_as_zero, T("score an applicable leaf without evidence as 0"));
}

void add_output(CLI::App* cmd, Output& out) {
  cmd->add_option("--format", out.format, T("table | csv | json | md | html | xlsx (an Excel workbook: give -o FILE)"))
      ->check(CLI::IsMember({"table", "csv", "json", "md", "markdown", "html", "xlsx"}));
  cmd->add_option("-o,--output", out.path, T("write to this file (default: standard output)"));
  add_number_style(cmd, out);
  cmd->add_flag("--bom", out.bom, T("start CSV output with a UTF-8 BOM (for Excel)"));
  add_lang(cmd);
}

namespace command = cchc::command;

/// Messages on standard error: FILE:LINE:COL: … for the inputs' problems; a usage problem
/// (no file: an unknown --unit) as "cchc: error: …".
void print(const std::vector<cchc::Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) {
    if (d.location().file.empty() && d.severity() == cchc::Severity::error)
      std::cerr << "cchc: error: " << cchc::escape_invisible(d.message()) << '\n';
    else
      std::cerr << d.to_string() << '\n';
  }
}

command::Request request_for(const char* name, const Inputs& in, const Output& o) {
  command::Request r;
  r.command = name;
  r.criteria = command::Source::file(in.criteria);
  r.units = command::Source::file(in.units);
  r.evidence = command::Source::file(in.evidence);
  r.options = {{"format", o.format},         {"missing_as_zero", in.missing_as_zero}, {"decimal_comma", o.decimal_comma},
               {"decimal_point", o.decimal_point}, {"bom", o.bom}};
  if (!in.units_sheet.empty()) r.options.emplace_back("units_sheet", in.units_sheet);
  if (!in.evidence_sheet.empty()) r.options.emplace_back("evidence_sheet", in.evidence_sheet);
  return r;
}

int emit(const Output& o, const std::function<void(std::ostream&)>& write) {
  const std::string problem = cchc_tool::write_output(o.path, write);
  if (problem.empty()) return 0;
  std::cerr << "cchc: error: " << problem << '\n';
  return exit_invalid;
}

/// Runs a command on files: -o checked before anything is read, then the library's command
/// layer (load, score, rank, check --unit), then the report written into the output.
int run(const command::Request& request, const Output& o) {
  // -o must not be a directory nor any input (also through a link): refused before reading.
  std::vector<cchc_tool::InputFile> inputs{{"--criteria", request.criteria.path}};
  if (request.units.given()) inputs.push_back({"--units", request.units.path});
  if (request.evidence.given()) inputs.push_back({"--evidence", request.evidence.path});
  for (const auto& [name, value] : request.options)  // robustness reads a weights file too
    if (name == "weights_file" && std::holds_alternative<std::string>(value)) inputs.push_back({"--weights-file", std::get<std::string>(value)});
  const std::string bad_output = cchc_tool::check_output_path(o.path, inputs);
  if (!bad_output.empty()) {
    std::cerr << "cchc: error: " << bad_output << '\n';
    return exit_usage;
  }
  // A workbook is binary: written to a file or a pipe, never to a terminal.
  if (o.format == "xlsx" && (o.path.empty() || o.path == "-") && ::isatty(STDOUT_FILENO) != 0) {
    std::cerr << "cchc: error: "
              << cchc::translate("--format xlsx writes a workbook: name the file with -o FILE.xlsx (or redirect standard output)") << '\n';
    return exit_usage;
  }
  const command::Prepared prepared = command::prepare(request);
  print(prepared.diagnostics);
  if (prepared.status != command::status_ok) return prepared.status;
  return emit(o, prepared.write);
}

/// validate: the set's summary (a line, or JSON), or every problem and their count.
int validate(const std::string& path, const std::string& format) {
  command::Request r;
  r.command = "validate";
  r.criteria = command::Source::file(path);
  r.options = {{"format", format}};
  const command::Prepared prepared = command::prepare(r);
  print(prepared.diagnostics);
  if (prepared.status != command::status_ok) {
    std::size_t errors = 0;
    for (const auto& d : prepared.diagnostics) errors += d.severity() == cchc::Severity::error ? 1 : 0;
    std::cerr << cchc::escape_invisible(path) << ": " << errors << cchc::translate(errors == 1 ? " error" : " errors") << '\n';
    return prepared.status;
  }
  prepared.write(std::cout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  cchc_tool::tune_allocator_for_batch_run();
  cchc_tool::use_language(cchc_tool::choose_language(early_lang(argc, argv)));
  CLI::App app{T("cchc: exact scoring, ranking and explanation of the administrative reform index (Chỉ số CCHC)")};
  translate_cli11(app);
  app.set_version_flag("--version", std::string("cchc ") + cchc::version(), T("Display program version information and exit"));
  app.require_subcommand(1);

  std::string validate_path;
  auto* validate_cmd = app.add_subcommand("validate", T("check a criteria set; print every problem as FILE:LINE:COL: error: …"));
  validate_cmd->add_option("criteria", validate_path, T("criteria set (YAML)"))->required();
  std::string validate_format = "table";
  validate_cmd->add_option("--format", validate_format, T("table | json"))->check(CLI::IsMember({"table", "json"}));
  add_lang(validate_cmd);

  Inputs rank_in;
  Output rank_out;
  auto* rank_cmd = app.add_subcommand("rank", T("score and rank every unit, per rank group"));
  add_inputs(rank_cmd, rank_in);
  add_output(rank_cmd, rank_out);

  // An empty --unit is a usage error before anything is read (it used to crash explain).
  const CLI::Validator unit_code_given(command::unit_code_not_empty, "CODE");

  Inputs explain_in;
  Output explain_out;
  std::string explain_unit;
  auto* explain_cmd = app.add_subcommand("explain", T("one unit's scorecard: every node, the rule and evidence, the points lost"));
  add_inputs(explain_cmd, explain_in);
  add_output(explain_cmd, explain_out);
  explain_cmd->add_option("--unit", explain_unit, T("unit code"))->required()->check(unit_code_given);

  Inputs gaps_in;
  Output gaps_out;
  std::string gaps_unit;
  auto* gaps_cmd = app.add_subcommand("gaps", T("where each unit lost points, largest loss first"));
  add_inputs(gaps_cmd, gaps_in);
  add_output(gaps_cmd, gaps_out);
  gaps_cmd->add_option("--unit", gaps_unit, T("only this unit"))->check(unit_code_given);

  Inputs dev_in;
  Output dev_out;
  std::string dev_unit;
  auto* dev_cmd = app.add_subcommand("deviations", T("where the appraisal changed each unit's self-assessment, per stage"));
  add_inputs(dev_cmd, dev_in);
  add_output(dev_cmd, dev_out);
  dev_cmd->add_option("--unit", dev_unit, T("only this unit"))->check(unit_code_given);

  // plan: the cheapest changes to one unit's evidence that reach a band, a rank or an index.
  Inputs plan_in;
  Output plan_out;
  std::string plan_unit, plan_target;
  bool plan_survey = false;
  auto* plan_cmd = app.add_subcommand("plan", T("the fewest changes to a unit's evidence that reach a band, a rank or an index"));
  add_inputs(plan_cmd, plan_in);
  add_output(plan_cmd, plan_out);
  plan_cmd->add_option("--unit", plan_unit, T("unit code"))->required()->check(unit_code_given);
  plan_cmd->add_option("--target", plan_target, T("band:LABEL, rank:N (rank N or better) or index:X (0..100)"))->required();
  plan_cmd->add_flag("--include-survey", plan_survey, T("survey leaves may change too"));

  // robustness: how sure each rank is (the ranking replayed under perturbations).
  Inputs robust_in;
  Output robust_out;
  std::int64_t robust_runs = 1000, robust_survey_n = 0, robust_appraisal = 0;
  std::uint64_t robust_seed = 1;
  double robust_noise = 0;
  std::string robust_weights;
  bool robust_survey = false, robust_sobol = false;
  unsigned robust_threads = 0;
  auto* robust_cmd = app.add_subcommand("robustness", T("how sure each rank is: the ranking replayed under noisy weights, resampled surveys, noisy appraisal points"));
  add_inputs(robust_cmd, robust_in);
  add_output(robust_cmd, robust_out);
  robust_cmd->add_option("--runs", robust_runs, T("replications, 1..10000000 (default 1000)"));
  robust_cmd->add_option("--seed", robust_seed, T("seed of the replications (default 1): the same seed gives the same result"));
  robust_cmd->add_option("--weights-noise", robust_noise, T("F in [0, 1): each node's weight × (1 + U(-F, F)), per node and run"));
  robust_cmd->add_option("--weights-file", robust_weights, T("CSV run,node,weight: given weights replayed run by run"));
  robust_cmd->add_flag("--survey-sampling", robust_survey, T("resample each survey leaf's answers (multinomial bootstrap of its counts)"));
  robust_cmd->add_option("--survey-n", robust_survey_n, T("respondents behind a survey share given without counts"));
  robust_cmd->add_option("--appraisal-noise", robust_appraisal, T("K: each `points` leaf moves by a uniform whole number of steps in [-K, K]"));
  robust_cmd->add_flag("--sobol", robust_sobol, T("also Sobol' indices of each random source on the mean absolute rank shift (runs × (sources + 2) evaluations)"));
  robust_cmd->add_option("--threads", robust_threads, T("worker threads (default: every core); the result does not depend on it"));

  // cchc template: the entry workbook of a year (units × leaves, with drop-downs and checks).
  std::string template_criteria, template_units, template_units_sheet, template_format = "xlsx", template_path;
  auto* template_cmd = app.add_subcommand("template", T("write the entry workbook of a year: a row per unit, a column per leaf, with drop-down lists and checks"));
  template_cmd->add_option("--criteria", template_criteria, T("criteria set (YAML)"))->required();
  template_cmd->add_option("--units", template_units, T("units, CSV or Excel workbook"))->required();
  template_cmd->add_option("--units-sheet", template_units_sheet, T("the sheet of the units workbook to read (default: the first)"));
  template_cmd->add_option("--format", template_format, T("xlsx"))->check(CLI::IsMember({"xlsx"}));
  template_cmd->add_option("-o,--output", template_path, T("the workbook to write"))->required();
  add_lang(template_cmd);

  // The year in one file: an HTML page, or an Excel workbook (a sheet per group and per unit).
  Inputs report_in;
  Output report_out;
  report_out.format = "html";
  auto* report_cmd = app.add_subcommand("report", T("the whole year in one page: ranking with charts, every unit's scorecard, points lost and next steps, deviations, an index of units"));
  add_inputs(report_cmd, report_in);
  report_cmd->add_option("--format", report_out.format, T("html | xlsx (an Excel workbook)"))
      ->check(CLI::IsMember({"html", "xlsx"}));
  report_cmd->add_option("-o,--output", report_out.path, T("write to this file"))->required();
  add_number_style(report_cmd, report_out);
  add_lang(report_cmd);
  // The rank intervals (as robustness), only when a source of uncertainty is given; each
  // option is passed on only when given, so that without them the report is unchanged.
  std::int64_t report_runs = 1000, report_survey_n = 0, report_appraisal = 0;
  std::uint64_t report_seed = 1;
  double report_noise = 0;
  std::string report_weights;
  bool report_survey = false;
  auto* report_runs_opt = report_cmd->add_option("--runs", report_runs, T("rank intervals: replications, 1..10000000 (default 1000)"));
  auto* report_seed_opt = report_cmd->add_option("--seed", report_seed, T("rank intervals: seed of the replications (default 1)"));
  auto* report_noise_opt = report_cmd->add_option("--weights-noise", report_noise, T("rank intervals: F in [0, 1), each node's weight × (1 + U(-F, F))"));
  report_cmd->add_option("--weights-file", report_weights, T("rank intervals: CSV run,node,weight replayed run by run"));
  report_cmd->add_flag("--survey-sampling", report_survey, T("rank intervals: resample each survey leaf's answers"));
  auto* report_survey_n_opt = report_cmd->add_option("--survey-n", report_survey_n, T("rank intervals: respondents behind a survey share without counts"));
  auto* report_appraisal_opt = report_cmd->add_option("--appraisal-noise", report_appraisal, T("rank intervals: K, each `points` leaf moves by up to K steps"));

  for (CLI::App* sub : app.get_subcommands({})) {
    sub->group(T("Subcommands"));
    if (CLI::Option* help = sub->get_help_ptr()) help->group(T("Options"));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_usage;
  }

  cchc_tool::use_language(cchc_tool::choose_language(lang_flag));

  try {
    if (*validate_cmd) return validate(validate_path, validate_format);
    auto with_unit = [](command::Request r, const std::string& unit) {
      if (!unit.empty()) r.options.emplace_back("unit", unit);
      return r;
    };
    if (*rank_cmd) return run(request_for("rank", rank_in, rank_out), rank_out);
    if (*explain_cmd) return run(with_unit(request_for("explain", explain_in, explain_out), explain_unit), explain_out);
    if (*gaps_cmd) return run(with_unit(request_for("gaps", gaps_in, gaps_out), gaps_unit), gaps_out);
    if (*dev_cmd) return run(with_unit(request_for("deviations", dev_in, dev_out), dev_unit), dev_out);
    if (*robust_cmd) {
      command::Request r = request_for("robustness", robust_in, robust_out);
      r.options.emplace_back("runs", std::to_string(robust_runs));
      r.options.emplace_back("seed", std::to_string(robust_seed));
      std::ostringstream noise;  // the shortest text that reads back as the same double
      noise.precision(17);
      noise << robust_noise;
      r.options.emplace_back("weights_noise", noise.str());
      if (!robust_weights.empty()) r.options.emplace_back("weights_file", robust_weights);
      r.options.emplace_back("survey_sampling", robust_survey);
      r.options.emplace_back("survey_n", std::to_string(robust_survey_n));
      r.options.emplace_back("appraisal_noise", std::to_string(robust_appraisal));
      r.options.emplace_back("sobol", robust_sobol);
      r.options.emplace_back("threads", std::to_string(robust_threads));
      return run(r, robust_out);
    }
    if (*template_cmd) {
      command::Request r;
      r.command = "template";
      r.criteria = command::Source::file(template_criteria);
      r.units = command::Source::file(template_units);
      r.options = {{"format", template_format}};
      if (!template_units_sheet.empty()) r.options.emplace_back("units_sheet", template_units_sheet);
      Output workbook;
      workbook.format = template_format;
      workbook.path = template_path;
      return run(r, workbook);
    }
    if (*report_cmd) {
      command::Request r = request_for("report", report_in, report_out);
      if (report_runs_opt->count() > 0) r.options.emplace_back("runs", std::to_string(report_runs));
      if (report_seed_opt->count() > 0) r.options.emplace_back("seed", std::to_string(report_seed));
      if (report_noise_opt->count() > 0) {
        std::ostringstream noise;  // the shortest text that reads back as the same double
        noise.precision(17);
        noise << report_noise;
        r.options.emplace_back("weights_noise", noise.str());
      }
      if (!report_weights.empty()) r.options.emplace_back("weights_file", report_weights);
      if (report_survey) r.options.emplace_back("survey_sampling", true);
      if (report_survey_n_opt->count() > 0) r.options.emplace_back("survey_n", std::to_string(report_survey_n));
      if (report_appraisal_opt->count() > 0) r.options.emplace_back("appraisal_noise", std::to_string(report_appraisal));
      return run(r, report_out);
    }
    if (*plan_cmd) {
      command::Request r = with_unit(request_for("plan", plan_in, plan_out), plan_unit);
      r.options.emplace_back("target", plan_target);
      r.options.emplace_back("include_survey", plan_survey);
      return run(r, plan_out);
    }
  } catch (const cchc::Error& e) {
    print(e.diagnostics());
    return exit_invalid;
  } catch (const std::exception& e) {
    std::cerr << "cchc: error: " << e.what() << '\n';
    return exit_invalid;
  }
  return exit_usage;
}
