// The cchc command: a thin shell over the library.
//   cchc validate SET.yaml
//   cchc rank    --criteria C --units U --evidence E [--format F] [-o OUT]
//   cchc explain --criteria C --units U --evidence E --unit CODE [--format F] [-o OUT]
//   cchc gaps    --criteria C --units U --evidence E [--unit CODE] [--format F] [-o OUT]
//   cchc deviations --criteria C --units U --evidence E [--unit CODE] [--format F] [-o OUT]
//   cchc template --criteria C --units U [--format xlsx] -o phieu.xlsx
// Exit status: 0 success, 1 invalid input (nothing written), 2 wrong usage.
#include <iostream>
#include <functional>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "cchc/cchc.hpp"
#include "allocator_tuning.hpp"
#include "output_file.hpp"
#include "unit_option.hpp"

namespace {

constexpr int exit_invalid = 1;
constexpr int exit_usage = 2;

struct Inputs {
  std::string criteria, units, evidence;
  std::string units_sheet, evidence_sheet;  ///< a workbook's sheet; empty: the first
  bool missing_as_zero = false;
};

struct Output {
  std::string format = "table";
  std::string path;
  bool decimal_comma = false;
  bool bom = false;
};

void add_inputs(CLI::App* cmd, Inputs& in) {
  cmd->add_option("--criteria", in.criteria, "criteria set (YAML, schema cchc/criteria@1)")->required();
  cmd->add_option("--units", in.units, "units, CSV or Excel workbook (.xlsx): code,name[,group][,ranked]")->required();
  cmd->add_option("--evidence", in.evidence, "evidence, CSV or Excel workbook (.xlsx): unit,criterion,value[,stage] or wide")->required();
  cmd->add_option("--units-sheet", in.units_sheet, "the sheet of the units workbook to read (default: the first)");
  cmd->add_option("--evidence-sheet", in.evidence_sheet, "the sheet of the evidence workbook to read (default: the first)");
  cmd->add_flag("--missing-as-zero", in.missing_as_zero, "score an applicable leaf without evidence as 0");
}

void add_output(CLI::App* cmd, Output& out) {
  cmd->add_option("--format", out.format, "table | csv | json | md | xlsx (an Excel workbook: give -o FILE)")
      ->check(CLI::IsMember({"table", "csv", "json", "md", "markdown", "xlsx"}));
  cmd->add_option("-o,--output", out.path, "write to this file (default: standard output)");
  cmd->add_flag("--decimal-comma", out.decimal_comma, "Vietnamese number style (95,39) in table, Markdown and CSV output; CSV becomes ';'-separated (Excel in a Vietnamese locale)");
  cmd->add_flag("--bom", out.bom, "start CSV output with a UTF-8 BOM (for Excel)");
}

void print(const std::vector<cchc::Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) std::cerr << d.to_string() << '\n';
}

int validate(const std::string& path) {
  const auto set = cchc::try_load_criteria(path);
  print(set.diagnostics());
  if (!set) {
    std::size_t errors = 0;
    for (const auto& d : set.diagnostics()) errors += d.severity() == cchc::Severity::error ? 1 : 0;
    std::cerr << cchc::escape_invisible(path) << ": " << errors << (errors == 1 ? " error\n" : " errors\n");
    return exit_invalid;
  }
  const auto& s = set.value();
  std::size_t leaves = 0;
  for (const auto& n : s.nodes()) leaves += n.is_leaf() && &n != &s.root() ? 1 : 0;
  std::cout << cchc::escape_invisible(path) << ": valid: " << cchc::escape_invisible(s.id()) << ", " << s.fields().size() << " fields, " << leaves << " leaves, max "
            << s.max().to_string() << '\n';
  return 0;
}

struct Loaded {
  cchc::Evaluation evaluation;
  std::vector<cchc::Scorecard> cards;
  cchc::Ranking ranking;
  std::vector<cchc::Diagnostic> warnings;  ///< printed to stderr, and listed in JSON output
};

void keep_warnings(const std::vector<cchc::Diagnostic>& diagnostics, std::vector<cchc::Diagnostic>& warnings) {
  for (const auto& d : diagnostics)
    if (d.severity() == cchc::Severity::warning) warnings.push_back(d);
}

std::optional<Loaded> load(const Inputs& in) {
  const auto set = cchc::try_load_criteria(in.criteria);
  print(set.diagnostics());
  if (!set) return std::nullopt;
  cchc::EvaluationOptions options;
  options.missing_as_zero = in.missing_as_zero;
  const auto evaluation = cchc::try_load_evaluation(set.value(), cchc::TableFile{in.units, in.units_sheet},
                                                    cchc::TableFile{in.evidence, in.evidence_sheet}, options);
  print(evaluation.diagnostics());
  if (!evaluation) return std::nullopt;
  Loaded out;
  keep_warnings(set.diagnostics(), out.warnings);
  keep_warnings(evaluation.diagnostics(), out.warnings);
  out.evaluation = evaluation.value();
  out.cards = cchc::score(out.evaluation);
  out.ranking = cchc::rank(out.evaluation, out.cards);
  const std::vector<cchc::Diagnostic> scoring = cchc::scoring_warnings(out.evaluation, out.cards);
  print(scoring);
  out.warnings.insert(out.warnings.end(), scoring.begin(), scoring.end());
  return out;
}

cchc::ReportOptions report_options(const Output& o, const std::vector<cchc::Diagnostic>& warnings) {
  cchc::ReportOptions r;
  r.warnings = warnings;
  r.decimal_comma = o.decimal_comma;
  r.csv_bom = o.bom;
  return r;
}

int emit(const Output& o, const std::function<void(std::ostream&)>& write) {
  const std::string problem = cchc_tool::write_output(o.path, write);
  if (problem.empty()) return 0;
  std::cerr << "cchc: error: " << problem << '\n';
  return exit_invalid;
}

}  // namespace

int main(int argc, char** argv) {
  cchc_tool::tune_allocator_for_batch_run();
  CLI::App app{"cchc: exact scoring, ranking and explanation of the administrative reform index (Chỉ số CCHC)"};
  app.set_version_flag("--version", std::string("cchc ") + cchc::version());
  app.require_subcommand(1);

  std::string validate_path;
  auto* validate_cmd = app.add_subcommand("validate", "check a criteria set; print every problem as FILE:LINE:COL: error: …");
  validate_cmd->add_option("criteria", validate_path, "criteria set (YAML)")->required();

  Inputs rank_in;
  Output rank_out;
  auto* rank_cmd = app.add_subcommand("rank", "score and rank every unit, per rank group");
  add_inputs(rank_cmd, rank_in);
  add_output(rank_cmd, rank_out);

  // An empty --unit is a usage error before anything is read (it used to crash explain).
  const CLI::Validator unit_code_given(cchc_tool::unit_code_not_empty, "CODE");

  Inputs explain_in;
  Output explain_out;
  std::string explain_unit;
  auto* explain_cmd = app.add_subcommand("explain", "one unit's scorecard: every node, the rule and evidence, the points lost");
  add_inputs(explain_cmd, explain_in);
  add_output(explain_cmd, explain_out);
  explain_cmd->add_option("--unit", explain_unit, "unit code")->required()->check(unit_code_given);

  Inputs gaps_in;
  Output gaps_out;
  std::string gaps_unit;
  auto* gaps_cmd = app.add_subcommand("gaps", "where each unit lost points, largest loss first");
  add_inputs(gaps_cmd, gaps_in);
  add_output(gaps_cmd, gaps_out);
  gaps_cmd->add_option("--unit", gaps_unit, "only this unit")->check(unit_code_given);

  Inputs dev_in;
  Output dev_out;
  std::string dev_unit;
  auto* dev_cmd = app.add_subcommand("deviations", "where the appraisal changed each unit's self-assessment, per stage");
  add_inputs(dev_cmd, dev_in);
  add_output(dev_cmd, dev_out);
  dev_cmd->add_option("--unit", dev_unit, "only this unit")->check(unit_code_given);

  // cchc template: the entry workbook of a year (units × leaves, with drop-downs and checks).
  std::string template_criteria, template_units, template_units_sheet, template_format = "xlsx", template_path;
  auto* template_cmd = app.add_subcommand("template", "write the entry workbook of a year: a row per unit, a column per leaf, with drop-down lists and checks");
  template_cmd->add_option("--criteria", template_criteria, "criteria set (YAML)")->required();
  template_cmd->add_option("--units", template_units, "units, CSV or Excel workbook")->required();
  template_cmd->add_option("--units-sheet", template_units_sheet, "the sheet of the units workbook to read (default: the first)");
  template_cmd->add_option("--format", template_format, "xlsx")->check(CLI::IsMember({"xlsx"}));
  template_cmd->add_option("-o,--output", template_path, "the workbook to write")->required();

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

  try {
    if (*validate_cmd) return validate(validate_path);

    // `check` refuses a bad request (an unknown --unit) before any output is opened;
    // `body` writes the report straight into the output.
    auto run = [](const Inputs& in, const Output& o, auto&& check, auto&& body) -> int {
      // -o must not be a directory nor any input (also through a link): refused before reading.
      const std::string bad_output = cchc_tool::check_output_path(
          o.path, {{"--criteria", in.criteria}, {"--units", in.units}, {"--evidence", in.evidence}});
      if (!bad_output.empty()) {
        std::cerr << "cchc: error: " << bad_output << '\n';
        return exit_usage;
      }
      // A workbook is binary: written to a file or a pipe, never to a terminal.
      if (o.format == "xlsx" && (o.path.empty() || o.path == "-") && ::isatty(STDOUT_FILENO) != 0) {
        std::cerr << "cchc: error: --format xlsx writes a workbook: name the file with -o FILE.xlsx (or redirect standard output)\n";
        return exit_usage;
      }
      const auto loaded = load(in);
      if (!loaded) return exit_invalid;
      const int status = check(*loaded);
      if (status != 0) return status;
      return emit(o, [&](std::ostream& out) { body(*loaded, *cchc::parse_format(o.format), report_options(o, loaded->warnings), out); });
    };
    auto no_check = [](const Loaded&) { return 0; };
    // The unit named by --unit (given and not empty, or not given), checked against the
    // units file: an unknown code is a usage error, with the nearest code suggested.
    auto unit_check = [](const std::string& code, const std::string& units_file, std::optional<std::size_t>& found) {
      return [&code, &units_file, &found](const Loaded& l) {
        if (code.empty()) return 0;
        found = l.evaluation.find_unit(code);
        if (found) return 0;
        std::cerr << "cchc: error: " << cchc_tool::unknown_unit_message(code, units_file, l.evaluation.units()) << '\n';
        return exit_usage;
      };
    };

    if (*template_cmd) {
      const std::string bad_output = cchc_tool::check_output_path(
          template_path, {{"--criteria", template_criteria}, {"--units", template_units}});
      if (!bad_output.empty()) {
        std::cerr << "cchc: error: " << bad_output << '\n';
        return exit_usage;
      }
      if ((template_path.empty() || template_path == "-") && ::isatty(STDOUT_FILENO) != 0) {
        std::cerr << "cchc: error: --format xlsx writes a workbook: name the file with -o FILE.xlsx (or redirect standard output)\n";
        return exit_usage;
      }
      const auto set = cchc::try_load_criteria(template_criteria);
      print(set.diagnostics());
      if (!set) return exit_invalid;
      const auto units = cchc::try_load_units(set.value(), cchc::TableFile{template_units, template_units_sheet});
      print(units.diagnostics());
      if (!units) return exit_invalid;
      return emit(Output{"xlsx", template_path, false, false},
                  [&](std::ostream& out) { cchc::write_entry_template(out, set.value(), units.value()); });
    }

    std::optional<std::size_t> unit;
    if (*rank_cmd)
      return run(rank_in, rank_out, no_check, [](const Loaded& l, cchc::Format f, const cchc::ReportOptions& r, std::ostream& out) {
        cchc::write_ranking(out, l.evaluation, l.cards, l.ranking, f, r);
      });
    if (*explain_cmd)
      return run(explain_in, explain_out, unit_check(explain_unit, explain_in.units, unit),
                 [&](const Loaded& l, cchc::Format f, const cchc::ReportOptions& r, std::ostream& out) {
                   cchc::write_scorecard(out, l.evaluation, l.cards[*unit], l.ranking, f, r);
                 });
    if (*gaps_cmd)
      return run(gaps_in, gaps_out, unit_check(gaps_unit, gaps_in.units, unit),
                 [&](const Loaded& l, cchc::Format f, const cchc::ReportOptions& r, std::ostream& out) {
                   cchc::write_gaps(out, l.evaluation, l.cards, l.ranking, unit, f, r);
                 });
    if (*dev_cmd)
      return run(dev_in, dev_out, unit_check(dev_unit, dev_in.units, unit),
                 [&](const Loaded& l, cchc::Format f, const cchc::ReportOptions& r, std::ostream& out) {
                   cchc::write_deviations(out, l.evaluation, unit, f, r);
                 });
  } catch (const cchc::Error& e) {
    print(e.diagnostics());
    return exit_invalid;
  } catch (const std::exception& e) {
    std::cerr << "cchc: error: " << e.what() << '\n';
    return exit_invalid;
  }
  return exit_usage;
}
