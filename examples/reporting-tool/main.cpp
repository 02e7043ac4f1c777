// cchc-report: a provincial reporting tool in miniature, built against the installed cchc.
//
//   cchc-report --criteria C.yaml --units U.csv --evidence E.csv [--threads N] [-o REPORT.md]
//
// Loads the set and the year's evidence once, scores the units on N threads sharing that one
// cchc::Evaluation, checks the merged scorecards against cchc::score, ranks them and writes a
// Markdown report (standard output without -o).
// Exit status: 0 report written, 1 invalid input or a failed check, 2 wrong usage.
#include <cchc/cchc.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include "markdown_report.hpp"
#include "parallel_scoring.hpp"

namespace {

constexpr int exit_invalid = 1;
constexpr int exit_usage = 2;
constexpr std::size_t losses_per_unit = 3;

struct Arguments {
  std::string criteria, units, evidence, output;
  unsigned threads = 4;
};

std::optional<Arguments> parse_arguments(int argc, char** argv) {
  Arguments args;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    const std::string value = argv[i + 1];
    if (name == "--criteria") args.criteria = value;
    else if (name == "--units") args.units = value;
    else if (name == "--evidence") args.evidence = value;
    else if (name == "-o" || name == "--output") args.output = value;
    else if (name == "--threads" && value.find_first_not_of("0123456789") == std::string::npos && value.size() < 4)
      args.threads = static_cast<unsigned>(std::stoul(value));
    else return std::nullopt;
  }
  if (argc % 2 == 0 || args.criteria.empty() || args.units.empty() || args.evidence.empty() || args.threads == 0)
    return std::nullopt;
  return args;
}

// Written whole to a temporary file and renamed, so a failed run leaves no half report.
bool write_file(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    if (!(file << text) || !file.flush()) return false;
  }
  return std::rename(temporary.c_str(), path.c_str()) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  const auto args = parse_arguments(argc, argv);
  if (!args) {
    std::cerr << "usage: cchc-report --criteria C.yaml --units U.csv --evidence E.csv [--threads N] [-o REPORT.md]\n";
    return exit_usage;
  }
  try {
    // Loaded once; every thread below reads these same immutable objects.
    const cchc::CriteriaSet set = cchc::load_criteria(args->criteria);
    const cchc::Evaluation evaluation = cchc::load_evaluation(set, args->units, args->evidence);

    const auto cards = reporting::score_on_threads(evaluation, args->threads);
    if (!reporting::same_scores(cards, cchc::score(evaluation))) {
      std::cerr << "cchc-report: scorecards from " << args->threads << " threads differ from cchc::score\n";
      return exit_invalid;
    }
    const auto ranking = cchc::rank(evaluation, cards);

    std::ostringstream report;
    reporting::write_markdown_report(report, evaluation, cards, ranking, losses_per_unit);
    if (args->output.empty()) {
      std::cout << report.str();
    } else if (!write_file(args->output, report.str())) {
      std::cerr << "cchc-report: cannot write " << args->output << '\n';
      return exit_invalid;
    }
    std::cerr << "cchc-report: cchc " << cchc::version() << ", " << evaluation.units().size() << " units scored on "
              << args->threads << " threads, same as cchc::score; " << ranking.groups().size() << " rank groups\n";
    return 0;
  } catch (const cchc::Error& error) {
    for (const auto& d : error.diagnostics()) std::cerr << d.to_string() << '\n';
    return exit_invalid;
  }
}
