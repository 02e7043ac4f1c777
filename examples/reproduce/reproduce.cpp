// Reproduces one published ranking with cchc and checks it against the published table.
//
//   reproduce CASE_DIR [--total-tolerance T]
//
// CASE_DIR is a folder of examples/published/: criteria.yaml, units.csv, evidence.csv (the
// inputs) and expected.csv (the published table). The program scores and ranks the units,
// prints the ranking per group, then compares every published row (group, rank, code, name,
// total, index, band) with the computed one. Totals and indices must be equal, or within T
// when the publisher computed in float32 (PCI, PAPI); ranks and bands must be equal.
// Exit status: 0 every row matches, 1 a mismatch or an unreadable input, 2 wrong usage.
#include <cchc/cchc.hpp>

#include <charconv>
#include <cstdint>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "published_table.hpp"

namespace {

constexpr int exit_mismatch = 1;
constexpr int exit_usage = 2;

struct Options {
  std::string case_dir;
  std::string case_name;        ///< the folder's name: "vinhphuc-2019"
  cchc::Decimal tolerance;      ///< 0: totals and indices exact
};

std::optional<Options> parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--total-tolerance" && i + 1 < argc) {
      const auto t = cchc::Decimal::parse(argv[++i]);
      if (!t || *t < cchc::Decimal()) return std::nullopt;
      options.tolerance = *t;
    } else if (options.case_dir.empty() && arg.rfind("--", 0) != 0) {
      options.case_dir = arg;
    } else {
      return std::nullopt;
    }
  }
  if (options.case_dir.empty()) return std::nullopt;
  while (options.case_dir.size() > 1 && options.case_dir.back() == '/') options.case_dir.pop_back();
  const auto slash = options.case_dir.find_last_of('/');
  options.case_name = slash == std::string::npos ? options.case_dir : options.case_dir.substr(slash + 1);
  return options;
}

// The criteria file's second comment line says what the source leaves out and what we chose
// in its place; YAML comments are not part of the loaded set, so read them as text.
std::vector<std::string> source_notes(const std::string& criteria_path) {
  static const std::string marker = "# left out / chosen: ";
  std::vector<std::string> notes;
  std::ifstream file(criteria_path);
  for (std::string line; std::getline(file, line);)
    if (line.rfind(marker, 0) == 0) notes.push_back(line.substr(marker.size()));
  return notes;
}

// Terminal columns of UTF-8 text: one per code point, none for continuation bytes and for
// combining marks U+0300..U+036F (a decomposed "ế" is e + U+0302 + U+0301).
std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0) == 0x80) continue;
    if ((byte == 0xCC || byte == 0xCD) && i + 1 < text.size()) continue;
    ++width;
  }
  return width;
}

std::string pad(const std::string& text, std::size_t width) {
  const auto w = display_width(text);
  return w >= width ? text : text + std::string(width - w, ' ');
}

std::string pad_left(const std::string& text, std::size_t width) {
  const auto w = display_width(text);
  return w >= width ? text : std::string(width - w, ' ') + text;
}

std::string rank_text(const std::optional<int>& rank) { return rank ? std::to_string(*rank) : "-"; }

void print_ranking(const cchc::Evaluation& evaluation, const std::vector<cchc::Scorecard>& cards,
                   const cchc::Ranking& ranking) {
  const auto& set = evaluation.criteria();
  const int places = set.rounding().places;
  for (const auto& group : ranking.groups()) {
    std::cout << '\n' << (group.key().empty() ? set.title() : "Group " + group.key() + ": " + group.title()) << '\n';
    std::size_t code_width = 4, name_width = 4, number_width = 5;
    for (const auto& entry : group.entries()) {
      const auto& card = cards[entry.scorecard()];
      const auto& unit = evaluation.units()[card.unit()];
      code_width = std::max(code_width, display_width(unit.code()));
      name_width = std::max(name_width, display_width(unit.name()));
      number_width = std::max(number_width, card.total().to_string(places).size());
    }
    std::cout << "rank  " << pad("code", code_width) << "  " << pad("name", name_width) << "  "
              << pad_left("total", number_width) << "  " << pad_left("index", number_width) << "  band\n";
    for (const auto& entry : group.entries()) {
      const auto& card = cards[entry.scorecard()];
      const auto& unit = evaluation.units()[card.unit()];
      std::string line = pad_left(rank_text(entry.rank()), 4) + "  " + pad(unit.code(), code_width) + "  " +
                         pad(unit.name(), name_width) + "  " + pad_left(card.total().to_string(places), number_width) +
                         "  " + pad_left(card.index().to_string(places), number_width) + "  " + entry.band();
      line.erase(line.find_last_not_of(' ') + 1);
      std::cout << line << '\n';
    }
  }
}

/// What the engine computed for one unit, looked up by code.
struct Computed {
  const cchc::Unit* unit = nullptr;
  const cchc::Scorecard* card = nullptr;
  std::string group;
  std::optional<int> rank;
  std::string band;
};

std::map<std::string, Computed> computed_by_code(const cchc::Evaluation& evaluation,
                                                 const std::vector<cchc::Scorecard>& cards,
                                                 const cchc::Ranking& ranking) {
  std::map<std::string, Computed> by_code;
  for (const auto& group : ranking.groups())
    for (const auto& entry : group.entries()) {
      const auto& card = cards[entry.scorecard()];
      const auto& unit = evaluation.units()[card.unit()];
      by_code[unit.code()] = {&unit, &card, group.key(), entry.rank(), entry.band()};
    }
  return by_code;
}

std::int64_t abs_difference(cchc::Decimal a, cchc::Decimal b) {
  const std::int64_t d = a.raw() - b.raw();
  return d < 0 ? -d : d;
}

/// The mean of `values` rounded half-up to `places`, in integers: with S the sum of the raw
/// values (millionths), n the count and u = 10^(6 − places) millionths per last place,
/// mean in units of u = floor((2S + n·u) / (2n·u)) for S >= 0. No floats.
cchc::Decimal mean_half_up(const std::vector<cchc::Decimal>& values, int places) {
  std::int64_t sum = 0;
  for (const auto v : values) sum += v.raw();
  std::int64_t unit = 1;
  for (int p = places; p < cchc::Decimal::digits; ++p) unit *= 10;
  const auto n = static_cast<std::int64_t>(values.size());
  const std::int64_t last_places = (2 * sum + n * unit) / (2 * n * unit);
  return cchc::Decimal::from_raw(last_places * unit);
}

/// Compares every published row with the computed ranking and counts what matched.
class Comparison {
 public:
  Comparison(const cchc::Evaluation& evaluation, const std::vector<cchc::Scorecard>& cards,
             const cchc::Ranking& ranking, cchc::Decimal tolerance, std::string expected_path)
      : evaluation_(evaluation),
        computed_(computed_by_code(evaluation, cards, ranking)),
        tolerance_(tolerance),
        expected_path_(std::move(expected_path)) {}

  void check(const std::vector<reproduce::PublishedRow>& rows) {
    std::map<std::string, int> published_codes;
    for (const auto& row : rows) {
      if (row.code.empty()) {
        check_mean(row);
        continue;
      }
      if (published_codes.count(row.code)) {
        mismatch(row, "code", "published twice (also line " + std::to_string(published_codes[row.code]) + ")");
        continue;
      }
      published_codes[row.code] = row.line;
      check_unit(row);
    }
    for (const auto& [code, computed] : computed_)
      if (!published_codes.count(code))
        report_mismatch(code + ": scored from units.csv but absent from the published table");
  }

  int units = 0, totals = 0, ranks = 0, indices = 0, bands = 0, names = 0, groups = 0, means = 0;
  int mismatches = 0;
  std::int64_t largest_total_difference = 0;  ///< millionths

 private:
  void check_unit(const reproduce::PublishedRow& row) {
    const auto found = computed_.find(row.code);
    if (found == computed_.end()) {
      mismatch(row, "code", "not among the units scored");
      return;
    }
    const auto& computed = found->second;
    ++units;

    if (row.group == computed.group) ++groups;
    else mismatch(row, "group", "computed '" + computed.group + "', published '" + row.group + "'");

    if (row.name == computed.unit->name()) ++names;
    else mismatch(row, "name", "units.csv '" + computed.unit->name() + "', published '" + row.name + "'");

    int published_rank = 0;
    const auto parsed = std::from_chars(row.rank.data(), row.rank.data() + row.rank.size(), published_rank);
    if (parsed.ec != std::errc() || parsed.ptr != row.rank.data() + row.rank.size())
      mismatch(row, "rank", "published rank '" + row.rank + "' is not a number");
    else if (computed.rank != published_rank)
      mismatch(row, "rank", "computed " + rank_text(computed.rank) + ", published " + row.rank);
    else ++ranks;

    if (check_number(row, "total", computed.card->total(), row.total, true)) ++totals;
    if (!row.index.empty() && check_number(row, "index", computed.card->index(), row.index, false)) ++indices;

    if (row.band == computed.band) {
      if (!row.band.empty()) ++bands;
    } else {
      mismatch(row, "band", "computed '" + computed.band + "', published '" + row.band + "'");
    }
  }

  bool check_number(const reproduce::PublishedRow& row, const char* what, cchc::Decimal computed,
                    const std::string& published_text, bool is_total) {
    const auto published = cchc::Decimal::parse(published_text);
    if (!published) {
      mismatch(row, what, "published '" + published_text + "' is not a decimal");
      return false;
    }
    const auto difference = abs_difference(computed, *published);
    if (is_total) largest_total_difference = std::max(largest_total_difference, difference);
    if (difference <= tolerance_.raw()) return true;
    mismatch(row, what,
             "computed " + computed.to_string() + ", published " + published_text + " (difference " +
                 cchc::Decimal::from_raw(difference).to_string() + ")");
    return false;
  }

  // A row without code is a summary line: the published mean index of a group's units.
  void check_mean(const reproduce::PublishedRow& row) {
    const auto published = cchc::Decimal::parse(row.index);
    if (!row.rank.empty() || !published) {
      mismatch(row, "row", "a row without code must be a mean index row (no rank, an index)");
      return;
    }
    std::vector<cchc::Decimal> indices_of_group;
    for (const auto& [code, computed] : computed_)
      if (computed.group == row.group && computed.rank) indices_of_group.push_back(computed.card->index());
    if (indices_of_group.empty()) {
      mismatch(row, "mean", "no ranked unit in group '" + row.group + "'");
      return;
    }
    const int places = evaluation_.criteria().rounding().places;
    const auto mean = mean_half_up(indices_of_group, places);
    std::cout << "  " << row.name << ": mean of the " << indices_of_group.size() << " computed indices, rounded half-up to "
              << places << " decimals = " << mean.to_string(places) << " (published " << row.index << ")\n";
    if (abs_difference(mean, *published) <= tolerance_.raw()) ++means;
    else mismatch(row, "mean index", "computed " + mean.to_string(places) + ", published " + row.index);
  }

  void mismatch(const reproduce::PublishedRow& row, const std::string& what, const std::string& detail) {
    report_mismatch(expected_path_ + ":" + std::to_string(row.line) + ": " +
                    (row.code.empty() ? row.name : row.code) + ": " + what + " differs: " + detail);
  }

  void report_mismatch(const std::string& message) {
    ++mismatches;
    std::cout << "  MISMATCH " << message << '\n';
  }

  const cchc::Evaluation& evaluation_;
  std::map<std::string, Computed> computed_;
  cchc::Decimal tolerance_;
  std::string expected_path_;
};

void print_diagnostics(const std::vector<cchc::Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) std::cerr << d.to_string() << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = parse_options(argc, argv);
  if (!options) {
    std::cerr << "usage: reproduce CASE_DIR [--total-tolerance T]\n";
    return exit_usage;
  }
  const std::string dir = options->case_dir + "/";

  const auto set = cchc::try_load_criteria(dir + "criteria.yaml");
  print_diagnostics(set.diagnostics());
  if (!set) return exit_mismatch;
  const auto evaluation = cchc::try_load_evaluation(set.value(), dir + "units.csv", dir + "evidence.csv");
  print_diagnostics(evaluation.diagnostics());
  if (!evaluation) return exit_mismatch;

  std::cout << options->case_name << ": " << set.value().title() << '\n';
  for (const auto& note : source_notes(dir + "criteria.yaml"))
    std::cout << "Left out by the source / chosen by us: " << note << '\n';

  const auto cards = cchc::score(evaluation.value());
  const auto ranking = cchc::rank(evaluation.value(), cards);
  print_ranking(evaluation.value(), cards, ranking);

  std::vector<reproduce::PublishedRow> rows;
  try {
    rows = reproduce::read_published_table(dir + "expected.csv");
  } catch (const std::exception& e) {
    std::cerr << e.what() << '\n';
    return exit_mismatch;
  }

  std::cout << "\nComparison with " << dir << "expected.csv (the published table):\n";
  if (options->tolerance == cchc::Decimal())
    std::cout << "  totals and indices compared exactly, to the published decimals; ranks and bands exactly\n";
  else
    std::cout << "  totals and indices compared within " << options->tolerance.to_string()
              << ": the publisher computed them in float32 from unrounded values, and the inputs here are\n"
                 "  those values copied at 6 decimals; |computed - published| is taken exactly on cchc::Decimal\n"
                 "  values (millionths), no floats; ranks and bands compared exactly\n";

  Comparison comparison(evaluation.value(), cards, ranking, options->tolerance, dir + "expected.csv");
  comparison.check(rows);
  std::cout << "  compared: " << comparison.units << " units, " << comparison.groups << " groups, " << comparison.names
            << " names, " << comparison.ranks << " ranks, " << comparison.totals << " totals, " << comparison.indices
            << " indices, " << comparison.bands << " bands, " << comparison.means << " mean index rows\n"
            << "  largest |computed - published| total: "
            << cchc::Decimal::from_raw(comparison.largest_total_difference).to_string(6) << '\n';

  const auto unit_count = evaluation.value().units().size();
  if (comparison.mismatches > 0) {
    std::cout << options->case_name << ": " << comparison.mismatches << " mismatches with the published table ("
              << comparison.totals << " of " << unit_count << " totals and " << comparison.ranks << " of " << unit_count
              << " ranks match)\n";
    return exit_mismatch;
  }
  std::cout << options->case_name << ": " << unit_count << " units, " << comparison.totals << " totals and "
            << comparison.ranks << " ranks match the published table";
  if (comparison.means > 0) std::cout << ", and its mean index";
  std::cout << '\n';
  return 0;
}
