// The weights file of `cchc robustness --weights-file`: run,node,weight rows that replay
// another tool's replications run by run.
#include <charconv>
#include <map>
#include <set>

#include "cchc/io/run_weights.hpp"
#include "io/csv_reader.hpp"
#include "i18n/format.hpp"
#include "io/file_text.hpp"
#include "model/unicode.hpp"

namespace cchc {
inline namespace v1 {

namespace {

constexpr std::size_t max_weights_bytes = std::size_t{1} << 30;
constexpr std::size_t max_messages = 500;

Diagnostic weights_error(const std::string& file, std::uint32_t row, std::uint32_t column, std::string key, std::string message) {
  Diagnostic d(SourceLocation{file, row, column}, Severity::error, std::move(key), std::move(message));
  d.set_code("bad-weights-file");
  return d;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<RunWeight> parse_run_weights(std::string_view csv, const std::string& name, const CriteriaSet& criteria, std::int64_t runs) {
  std::vector<Diagnostic> problems;
  std::size_t dropped = 0;
  auto report = [&](Diagnostic d) {
    if (problems.size() < max_messages) problems.push_back(std::move(d));
    else ++dropped;
  };
  std::vector<RunWeight> out;
  detail::CsvReader reader(csv);
  detail::CsvRecord record;
  int run_col = -1, node_col = -1, weight_col = -1;
  if (!reader.next(record)) {
    report(weights_error(name, reader.error().empty() ? 1 : reader.error_row(), reader.error().empty() ? 0 : reader.error_column(), "",
                         reader.error().empty() ? std::string(detail::tr("the weights file is empty: expected a header run,node,weight")) : reader.error()));
    throw Error(std::move(problems));
  }
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    const std::string_view h = trim(record.fields[i]);
    if (h == "run") run_col = static_cast<int>(i);
    else if (h == "node") node_col = static_cast<int>(i);
    else if (h == "weight") weight_col = static_cast<int>(i);
  }
  if (run_col < 0 || node_col < 0 || weight_col < 0) {
    std::string missing;
    for (auto [col, label] : {std::pair{run_col, "run"}, std::pair{node_col, "node"}, std::pair{weight_col, "weight"}})
      if (col < 0) missing += std::string(missing.empty() ? "" : ", ") + label;
    report(weights_error(name, 1, 0, "", detail::trf("the header lacks the column(s) {missing}: expected run,node,weight", fmt::arg("missing", missing))));
    throw Error(std::move(problems));
  }
  std::map<std::pair<std::int64_t, NodeIndex>, std::uint32_t> seen;
  std::vector<bool> run_seen(static_cast<std::size_t>(runs > 0 ? runs : 0) + 1, false);
  while (reader.next(record)) {
    const std::uint32_t row = record.row;
    auto field = [&](int col) { return static_cast<std::size_t>(col) < record.fields.size() ? trim(record.fields[static_cast<std::size_t>(col)]) : std::string_view(); };
    auto column = [](int col) { return static_cast<std::uint32_t>(col + 1); };
    bool ok = true;
    const std::string_view run_text = field(run_col), node_text = field(node_col), weight_text = field(weight_col);
    std::int64_t run = 0;
    const auto [run_end, run_ec] = std::from_chars(run_text.data(), run_text.data() + run_text.size(), run);
    if (run_ec != std::errc() || run_end != run_text.data() + run_text.size() || run < 1 || run > runs) {
      report(weights_error(name, row, column(run_col), "run",
                           detail::trf("run {run} is not a run number from 1 to {runs} (--runs)", fmt::arg("run", detail::quote_value(run_text)), fmt::arg("runs", runs))));
      ok = false;
    }
    // A plain index and a flag rather than an optional: GCC 12 at -O2 warns, falsely, that
    // the optional's value may be read uninitialised (-Wmaybe-uninitialized under -Werror).
    NodeIndex node_index = 0;
    if (!node_text.empty())
      if (const std::optional<NodeIndex> found = criteria.find(node_text)) node_index = *found;
    if (node_index == 0) {
      report(weights_error(name, row, column(node_col), "node",
                           detail::trf("unknown node {node}: expected a node id of {set}", fmt::arg("node", detail::quote_value(node_text)),
                                       fmt::arg("set", detail::quote_value(criteria.id())))));
      ok = false;
    }
    double weight = 0;
    const auto [w_end, w_ec] = std::from_chars(weight_text.data(), weight_text.data() + weight_text.size(), weight);
    if (w_ec != std::errc() || w_end != weight_text.data() + weight_text.size() || !(weight >= 0) || weight > 1e12) {
      const bool negative = w_ec == std::errc() && w_end == weight_text.data() + weight_text.size() && weight < 0;
      report(weights_error(name, row, column(weight_col), "weight",
                           negative ? detail::trf("weight {weight} is negative: expected a number >= 0 (a '.' decimal point)",
                                                  fmt::arg("weight", detail::quote_value(weight_text)))
                                    : detail::trf("weight {weight} is not a number: expected a number >= 0 (a '.' decimal point)",
                                                  fmt::arg("weight", detail::quote_value(weight_text)))));
      ok = false;
    }
    if (!ok) continue;
    const auto [it, inserted] = seen.emplace(std::pair{run, node_index}, row);
    if (!inserted) {
      report(weights_error(name, row, column(node_col), "node",
                           detail::trf("node {node} is given twice for run {run} (first at row {row})",
                                       fmt::arg("node", detail::quote_value(node_text)), fmt::arg("run", run), fmt::arg("row", it->second))));
      continue;
    }
    run_seen[static_cast<std::size_t>(run)] = true;
    out.push_back(RunWeight{run, node_index, weight});
  }
  if (!reader.error().empty()) report(weights_error(name, reader.error_row(), reader.error_column(), "", reader.error()));
  else if (problems.empty()) {
    std::string missing;
    std::size_t count = 0;
    for (std::int64_t r = 1; r <= runs; ++r)
      if (!run_seen[static_cast<std::size_t>(r)] && count++ < 10) missing += (missing.empty() ? "" : ", ") + std::to_string(r);
    if (count > 0)
      report(weights_error(name, 0, 0, "run",
                           detail::trf(count == 1 ? "{count} run is missing ({missing}): every run from 1 to {runs} (--runs) needs at least one row"
                                                  : "{count} runs are missing ({missing}): every run from 1 to {runs} (--runs) needs at least one row",
                                       fmt::arg("count", count), fmt::arg("missing", missing + (count > 10 ? ", …" : "")),
                                       fmt::arg("runs", runs))));
  }
  if (dropped > 0) report(weights_error(name, 0, 0, "", detail::trf("{count} more problems not shown", fmt::arg("count", dropped))));
  if (!problems.empty()) throw Error(std::move(problems));
  return out;
}

std::vector<RunWeight> load_run_weights(const std::string& path, const CriteriaSet& criteria, std::int64_t runs) {
  Diagnostic problem;
  const std::optional<detail::FileText> text = detail::read_file_text(path, max_weights_bytes, problem);
  if (!text) throw Error({problem});
  return parse_run_weights(text->view(), path, criteria, runs);
}

}  // namespace v1
}  // namespace cchc
