// The C API (include/cchc/cchc.h) over the C++ library. Every entry point is noexcept in
// effect: it catches everything (std::bad_alloc included) and answers with a status.
#include "cchc/cchc.h"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include "cchc/version.hpp"
#include "cchc/report/report.hpp"
#include "cchc/scoring/scorecard.hpp"
#include "command/command.hpp"
#include "command/inputs.hpp"
#include "command/request_json.hpp"
#include "command/unit_option.hpp"
#include "i18n/format.hpp"
#include "model/exact.hpp"

using cchc::Diagnostic;
using cchc::command::Run;

struct cchc_diagnostics {
  std::vector<Diagnostic> items;
  std::vector<std::string> texts;  // to_string() of each, made once
};

// The handles hold what the command layer loads, so a set or year loaded here is checked,
// warned about and scored exactly as `cchc` and cchc_request_json do it.
struct cchc_criteria {
  std::shared_ptr<const cchc::command::LoadedCriteria> loaded;
};

struct cchc_evaluation {
  std::shared_ptr<const cchc::command::LoadedYear> loaded;
};

struct cchc_ranking {
  std::shared_ptr<const Run> run;
  std::string units_name;
  struct Row {
    std::size_t card;
    std::string total, max, index;
    int rank;
    std::string band;
  };
  std::vector<Row> rows;  // in the JSON's order
};

namespace {

constexpr std::size_t not_found = static_cast<std::size_t>(-1);

Diagnostic api_error(const char* code, std::string message) {
  Diagnostic d(cchc::SourceLocation{}, cchc::Severity::error, std::string(), std::move(message));
  d.set_code(code);
  return d;
}

/// Hands diagnostics to the caller when wanted. Never throws: out of memory leaves NULL.
void give(cchc_diagnostics** to, std::vector<Diagnostic> items) noexcept {
  if (to == nullptr) return;
  *to = nullptr;
  try {
    auto d = std::make_unique<cchc_diagnostics>();
    d->texts.reserve(items.size());
    for (const auto& item : items) d->texts.push_back(item.to_string());
    d->items = std::move(items);
    *to = d.release();
  } catch (...) {
  }
}

char* copy_out(const std::string& text) noexcept {
  auto* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out != nullptr) std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

/// Runs `f` (which returns a status and fills `problems`), turning any exception into one.
template <class F>
int guarded(cchc_diagnostics** diagnostics, F&& f) noexcept {
  std::vector<Diagnostic> problems;
  int status = CCHC_OK;
  try {
    status = f(problems);
  } catch (const cchc::Error& e) {
    status = CCHC_INVALID_INPUT;
    try {
      problems = e.diagnostics();
    } catch (...) {
      status = CCHC_NO_MEMORY;
    }
  } catch (const std::bad_alloc&) {
    status = CCHC_NO_MEMORY;
  } catch (const std::exception& e) {
    status = CCHC_INVALID_INPUT;
    try {
      problems.push_back(api_error("internal-error", e.what()));
    } catch (...) {
      status = CCHC_NO_MEMORY;
    }
  } catch (...) {
    status = CCHC_INVALID_INPUT;
  }
  if (status == CCHC_NO_MEMORY) {
    if (diagnostics != nullptr) *diagnostics = nullptr;
    return status;
  }
  give(diagnostics, std::move(problems));
  return status;
}

int null_argument(std::vector<Diagnostic>& problems, const char* function, const char* argument) {
  problems.push_back(api_error("null-argument", cchc::detail::trf("{function}: {argument} is NULL", fmt::arg("function", function),
                                                           fmt::arg("argument", argument))));
  return CCHC_USAGE;
}

std::string decimal_text(cchc::Decimal value, const cchc::CriteriaSet& set) {
  std::string out;
  cchc::detail::append_decimal(out, value, set.rounding().places, '.', set.rounding().mode);
  return out;
}

const Diagnostic* at(const cchc_diagnostics* d, std::size_t i) noexcept {
  return d != nullptr && i < d->items.size() ? &d->items[i] : nullptr;
}

const cchc_ranking::Row* row(const cchc_ranking* r, std::size_t position) noexcept {
  return r != nullptr && position < r->rows.size() ? &r->rows[position] : nullptr;
}

const cchc::Unit* unit_at(const cchc_ranking* r, std::size_t position) noexcept {
  const auto* w = row(r, position);
  if (w == nullptr) return nullptr;
  return &r->run->evaluation.units()[r->run->cards[w->card].unit()];
}

/// Writes a report of the ranking into a new string.
template <class W>
int report(const cchc_ranking* ranking, char** json, cchc_diagnostics** diagnostics, const char* function, W&& write) {
  if (json != nullptr) *json = nullptr;
  return guarded(diagnostics, [&](std::vector<Diagnostic>& problems) {
    if (ranking == nullptr) return null_argument(problems, function, "ranking");
    if (json == nullptr) return null_argument(problems, function, "json");
    cchc::ReportOptions options;
    options.set_warnings(ranking->run->warnings);
    std::ostringstream out;
    const int status = write(out, options, problems);
    if (status != CCHC_OK) return status;
    *json = copy_out(std::move(out).str());
    if (*json == nullptr) throw std::bad_alloc();
    return CCHC_OK;
  });
}

}  // namespace

extern "C" {

const char* cchc_version(void) { return cchc::version(); }

void cchc_string_free(char* text) { std::free(text); }

int cchc_request_json(const char* request, char** response) {
  if (response == nullptr) return CCHC_USAGE;
  *response = nullptr;
  if (request == nullptr) return CCHC_USAGE;
  cchc::command::Response answer = cchc::command::respond(request);
  if (answer.json.empty()) return CCHC_NO_MEMORY;
  *response = copy_out(answer.json);
  if (*response == nullptr) return CCHC_NO_MEMORY;
  return answer.status;
}

int cchc_request(const char* request, char** response, size_t* length) {
  if (response == nullptr || length == nullptr) return CCHC_USAGE;
  *response = nullptr;
  *length = 0;
  if (request == nullptr) return CCHC_USAGE;
  cchc::command::Response answer = cchc::command::respond(request, true);
  if (answer.json.empty()) return CCHC_NO_MEMORY;
  *response = copy_out(answer.json);
  if (*response == nullptr) return CCHC_NO_MEMORY;
  *length = answer.json.size();
  return answer.status;
}

// ---- diagnostics -------------------------------------------------------------------------

size_t cchc_diagnostics_count(const cchc_diagnostics* d) { return d == nullptr ? 0 : d->items.size(); }
int cchc_diagnostic_is_error(const cchc_diagnostics* d, size_t i) {
  const auto* x = at(d, i);
  return x != nullptr && x->severity() == cchc::Severity::error ? 1 : 0;
}
const char* cchc_diagnostic_code(const cchc_diagnostics* d, size_t i) { return at(d, i) ? at(d, i)->code().c_str() : nullptr; }
const char* cchc_diagnostic_file(const cchc_diagnostics* d, size_t i) {
  return at(d, i) ? at(d, i)->location().file.c_str() : nullptr;
}
unsigned long cchc_diagnostic_line(const cchc_diagnostics* d, size_t i) { return at(d, i) ? at(d, i)->location().line : 0; }
unsigned long cchc_diagnostic_column(const cchc_diagnostics* d, size_t i) {
  return at(d, i) ? at(d, i)->location().column : 0;
}
const char* cchc_diagnostic_key(const cchc_diagnostics* d, size_t i) { return at(d, i) ? at(d, i)->key().c_str() : nullptr; }
const char* cchc_diagnostic_unit(const cchc_diagnostics* d, size_t i) { return at(d, i) ? at(d, i)->unit().c_str() : nullptr; }
const char* cchc_diagnostic_criterion(const cchc_diagnostics* d, size_t i) {
  return at(d, i) ? at(d, i)->criterion().c_str() : nullptr;
}
const char* cchc_diagnostic_message(const cchc_diagnostics* d, size_t i) {
  return at(d, i) ? at(d, i)->message().c_str() : nullptr;
}
const char* cchc_diagnostic_text(const cchc_diagnostics* d, size_t i) {
  return at(d, i) ? d->texts[i].c_str() : nullptr;
}
char* cchc_diagnostics_json(const cchc_diagnostics* d) {
  try {
    std::string out = "[";
    for (std::size_t i = 0; i < cchc_diagnostics_count(d); ++i) {
      out += i ? ",\n " : "";
      out += cchc::diagnostic_json(d->items[i]);
    }
    out += "]";
    return copy_out(out);
  } catch (...) {
    return nullptr;
  }
}
void cchc_diagnostics_free(cchc_diagnostics* d) { delete d; }

// ---- criteria ------------------------------------------------------------------------------

namespace {
int make_criteria(const cchc::command::Source& source, cchc_criteria** criteria, cchc_diagnostics** diagnostics) {
  return guarded(diagnostics, [&](std::vector<Diagnostic>& problems) {
    std::vector<Diagnostic> messages;
    auto loaded = cchc::command::load_criteria(source, messages);
    if (!loaded) {
      problems = std::move(messages);
      return CCHC_INVALID_INPUT;
    }
    problems = loaded->warnings;
    *criteria = new cchc_criteria{std::move(loaded)};
    return CCHC_OK;
  });
}
}  // namespace

int cchc_criteria_load(const char* path, cchc_criteria** criteria, cchc_diagnostics** diagnostics) {
  if (criteria != nullptr) *criteria = nullptr;
  if (path == nullptr || criteria == nullptr)
    return guarded(diagnostics, [&](std::vector<Diagnostic>& p) { return null_argument(p, "cchc_criteria_load", path ? "criteria" : "path"); });
  cchc::command::Source source;
  try {
    source.path = path;
  } catch (...) {
    if (diagnostics != nullptr) *diagnostics = nullptr;
    return CCHC_NO_MEMORY;
  }
  if (source.path.empty())
    return guarded(diagnostics, [&](std::vector<Diagnostic>& p) { return null_argument(p, "cchc_criteria_load", "path (empty)"); });
  return make_criteria(source, criteria, diagnostics);
}

int cchc_criteria_parse(const char* text, size_t length, const char* name, cchc_criteria** criteria,
                        cchc_diagnostics** diagnostics) {
  if (criteria != nullptr) *criteria = nullptr;
  if ((text == nullptr && length > 0) || criteria == nullptr)
    return guarded(diagnostics, [&](std::vector<Diagnostic>& p) { return null_argument(p, "cchc_criteria_parse", criteria ? "text" : "criteria"); });
  cchc::command::Source source;
  try {
    source.text = std::string(text == nullptr ? "" : text, length);
    source.name = name == nullptr ? "<criteria>" : name;
  } catch (...) {
    if (diagnostics != nullptr) *diagnostics = nullptr;
    return CCHC_NO_MEMORY;
  }
  return make_criteria(source, criteria, diagnostics);
}

const char* cchc_criteria_id(const cchc_criteria* c) { return c == nullptr ? nullptr : c->loaded->set.id().c_str(); }
const char* cchc_criteria_title(const cchc_criteria* c) {
  return c == nullptr ? nullptr : c->loaded->set.title().c_str();
}
void cchc_criteria_free(cchc_criteria* c) { delete c; }

// ---- evaluation ---------------------------------------------------------------------------

namespace {
int make_evaluation(const cchc_criteria* criteria, const cchc::command::Source& units, const cchc::command::Source& evidence,
                    int missing_as_zero, cchc_evaluation** evaluation, cchc_diagnostics** diagnostics) {
  return guarded(diagnostics, [&](std::vector<Diagnostic>& problems) {
    std::vector<Diagnostic> messages;
    auto loaded = cchc::command::load_year(*criteria->loaded, units, evidence, missing_as_zero != 0, messages);
    if (!loaded) {
      problems = std::move(messages);
      return CCHC_INVALID_INPUT;
    }
    problems = loaded->warnings;
    *evaluation = new cchc_evaluation{std::move(loaded)};
    return CCHC_OK;
  });
}
}  // namespace

int cchc_evaluation_load(const cchc_criteria* criteria, const char* units_path, const char* evidence_path,
                         int missing_as_zero, cchc_evaluation** evaluation, cchc_diagnostics** diagnostics) {
  if (evaluation != nullptr) *evaluation = nullptr;
  if (criteria == nullptr || units_path == nullptr || evidence_path == nullptr || evaluation == nullptr)
    return guarded(diagnostics, [&](std::vector<Diagnostic>& p) {
      return null_argument(p, "cchc_evaluation_load",
                           !criteria ? "criteria" : !units_path ? "units_path" : !evidence_path ? "evidence_path" : "evaluation");
    });
  cchc::command::Source units, evidence;
  try {
    units.path = units_path;
    evidence.path = evidence_path;
  } catch (...) {
    if (diagnostics != nullptr) *diagnostics = nullptr;
    return CCHC_NO_MEMORY;
  }
  return make_evaluation(criteria, units, evidence, missing_as_zero, evaluation, diagnostics);
}

int cchc_evaluation_parse(const cchc_criteria* criteria, const char* units_text, size_t units_length, const char* units_name,
                          const char* evidence_text, size_t evidence_length, const char* evidence_name,
                          int missing_as_zero, cchc_evaluation** evaluation, cchc_diagnostics** diagnostics) {
  if (evaluation != nullptr) *evaluation = nullptr;
  if (criteria == nullptr || (units_text == nullptr && units_length > 0) ||
      (evidence_text == nullptr && evidence_length > 0) || evaluation == nullptr)
    return guarded(diagnostics, [&](std::vector<Diagnostic>& p) {
      return null_argument(p, "cchc_evaluation_parse",
                           !criteria ? "criteria" : !evaluation ? "evaluation" : !units_text ? "units_text" : "evidence_text");
    });
  cchc::command::Source units, evidence;
  try {
    units.text = std::string(units_text == nullptr ? "" : units_text, units_length);
    units.name = units_name == nullptr ? "<units>" : units_name;
    evidence.text = std::string(evidence_text == nullptr ? "" : evidence_text, evidence_length);
    evidence.name = evidence_name == nullptr ? "<evidence>" : evidence_name;
  } catch (...) {
    if (diagnostics != nullptr) *diagnostics = nullptr;
    return CCHC_NO_MEMORY;
  }
  return make_evaluation(criteria, units, evidence, missing_as_zero, evaluation, diagnostics);
}

size_t cchc_evaluation_unit_count(const cchc_evaluation* e) {
  return e == nullptr ? 0 : e->loaded->evaluation.units().size();
}
void cchc_evaluation_free(cchc_evaluation* e) { delete e; }

// ---- ranking ------------------------------------------------------------------------------

int cchc_rank(const cchc_evaluation* evaluation, cchc_ranking** ranking, cchc_diagnostics** diagnostics) {
  if (ranking != nullptr) *ranking = nullptr;
  return guarded(diagnostics, [&](std::vector<Diagnostic>& problems) {
    if (evaluation == nullptr || ranking == nullptr) return null_argument(problems, "cchc_rank", evaluation ? "ranking" : "evaluation");
    std::vector<Diagnostic> messages;  // the warnings again: cchc_rank gives them all
    auto run = std::make_shared<const Run>(
        cchc::command::scored(evaluation->loaded->evaluation, evaluation->loaded->warnings, messages));
    auto out = std::make_unique<cchc_ranking>();
    const cchc::CriteriaSet& set = run->evaluation.criteria();
    for (const auto& group : run->ranking.groups())
      for (const auto& entry : group.entries()) {
        const cchc::Scorecard& card = run->cards[entry.scorecard()];
        out->rows.push_back(cchc_ranking::Row{entry.scorecard(), decimal_text(card.total(), set), decimal_text(card.max(), set),
                                              decimal_text(card.index(), set), entry.rank() ? *entry.rank() : 0, entry.band()});
      }
    out->units_name = evaluation->loaded->units_label;
    out->run = std::move(run);
    problems = out->run->warnings;
    *ranking = out.release();
    return CCHC_OK;
  });
}

size_t cchc_ranking_count(const cchc_ranking* r) { return r == nullptr ? 0 : r->rows.size(); }
size_t cchc_ranking_find(const cchc_ranking* r, const char* code) {
  if (r == nullptr || code == nullptr) return not_found;
  for (std::size_t i = 0; i < r->rows.size(); ++i)
    if (unit_at(r, i)->code() == code) return i;
  return not_found;
}
const char* cchc_ranking_code(const cchc_ranking* r, size_t i) { return unit_at(r, i) ? unit_at(r, i)->code().c_str() : nullptr; }
const char* cchc_ranking_name(const cchc_ranking* r, size_t i) { return unit_at(r, i) ? unit_at(r, i)->name().c_str() : nullptr; }
const char* cchc_ranking_group(const cchc_ranking* r, size_t i) { return unit_at(r, i) ? unit_at(r, i)->group().c_str() : nullptr; }
const char* cchc_ranking_total(const cchc_ranking* r, size_t i) { return row(r, i) ? row(r, i)->total.c_str() : nullptr; }
const char* cchc_ranking_max(const cchc_ranking* r, size_t i) { return row(r, i) ? row(r, i)->max.c_str() : nullptr; }
const char* cchc_ranking_index(const cchc_ranking* r, size_t i) { return row(r, i) ? row(r, i)->index.c_str() : nullptr; }
int cchc_ranking_rank(const cchc_ranking* r, size_t i) { return row(r, i) ? row(r, i)->rank : 0; }
const char* cchc_ranking_band(const cchc_ranking* r, size_t i) { return row(r, i) ? row(r, i)->band.c_str() : nullptr; }

int cchc_ranking_json(const cchc_ranking* ranking, char** json, cchc_diagnostics** diagnostics) {
  return report(ranking, json, diagnostics, "cchc_ranking_json",
                [&](std::ostream& out, const cchc::ReportOptions& options, std::vector<Diagnostic>&) {
                  const Run& run = *ranking->run;
                  cchc::write_ranking(out, run.evaluation, run.cards, run.ranking, cchc::Format::json, options);
                  return CCHC_OK;
                });
}

int cchc_explain_json(const cchc_ranking* ranking, const char* code, char** json, cchc_diagnostics** diagnostics) {
  return report(ranking, json, diagnostics, "cchc_explain_json",
                [&](std::ostream& out, const cchc::ReportOptions& options, std::vector<Diagnostic>& problems) {
                  if (code == nullptr) return null_argument(problems, "cchc_explain_json", "code");
                  const Run& run = *ranking->run;
                  const auto unit = run.evaluation.find_unit(code);
                  if (!unit) {
                    problems.push_back(cchc::command::usage_error(
                        "unknown-unit-option",
                        cchc::command::unknown_unit_message(code, ranking->units_name, run.evaluation.units())));
                    return CCHC_USAGE;
                  }
                  cchc::write_scorecard(out, run.evaluation, run.cards[*unit], run.ranking, cchc::Format::json, options);
                  return CCHC_OK;
                });
}

void cchc_ranking_free(cchc_ranking* r) { delete r; }

}  // extern "C"
