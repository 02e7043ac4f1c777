// cchc._native: the Python module's bridge to the library's command layer. It runs a
// command and answers with the command line's JSON (or a failure's diagnostics as JSON);
// python/cchc/__init__.py turns that into lists of dicts with decimal.Decimal numbers.
// Commands run without the GIL, so Python threads can rank years in parallel.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cchc/version.hpp"
#include "command/command.hpp"
#include "command/inputs.hpp"
#include "command/request_json.hpp"

namespace py = pybind11;
namespace command = cchc::command;

namespace {

/// A loaded set or year, as Python sees it (an opaque object).
struct Criteria {
  std::shared_ptr<const command::LoadedCriteria> loaded;
};
struct Year {
  std::shared_ptr<const command::LoadedYear> loaded;
};

/// ("path", p) or ("text", t, name) from the Python layer; None: not given.
command::Source source(const py::object& spec) {
  command::Source s;
  if (spec.is_none()) return s;
  const auto t = spec.cast<py::tuple>();
  const auto kind = t[0].cast<std::string>();
  if (kind == "path") {
    s.path = t[1].cast<std::string>();
  } else {
    s.text = t[1].cast<std::string>();
    s.name = t[2].cast<std::string>();
  }
  return s;
}

std::string diagnostics_json(const std::vector<cchc::Diagnostic>& diagnostics, int status) {
  return command::failure_json(status, diagnostics);
}

/// (status, report): the report (bytes for a workbook, else text), or the text
/// {"status", "diagnostics"} on failure.
std::pair<int, py::object> run(const std::string& name, const py::object& criteria, const py::object& units,
                                const py::object& evidence, const py::object& year,
                                const std::vector<std::pair<std::string, std::variant<bool, std::string>>>& options) {
  command::Request request;
  request.command = name;
  if (py::isinstance<Criteria>(criteria)) request.loaded_criteria = criteria.cast<const Criteria&>().loaded;
  else request.criteria = source(criteria);
  if (!year.is_none()) request.loaded_year = year.cast<const Year&>().loaded;
  request.units = source(units);
  request.evidence = source(evidence);
  for (const auto& [key, value] : options) request.options.emplace_back(key, value);
  command::Outcome outcome;
  {
    py::gil_scoped_release unlocked;
    outcome = command::run(request);
  }
  if (outcome.status != command::status_ok) return {outcome.status, py::str(diagnostics_json(outcome.diagnostics, outcome.status))};
  if (outcome.binary) return {outcome.status, py::bytes(outcome.output)};
  return {outcome.status, py::str(outcome.output)};
}

}  // namespace

PYBIND11_MODULE(_native, m) {
  m.doc() = "cchc's native part; use the cchc package instead.";
  m.def("version", [] { return std::string(cchc::version()); });

  py::class_<Criteria>(m, "Criteria", "A criteria set loaded once (cchc.load_criteria).")
      .def_property_readonly("id", [](const Criteria& c) { return c.loaded->set.id(); })
      .def_property_readonly("title", [](const Criteria& c) { return c.loaded->set.title(); })
      .def_property_readonly("warnings_json",
                             [](const Criteria& c) { return diagnostics_json(c.loaded->warnings, 0); });
  py::class_<Year>(m, "Year", "A year's units and evidence loaded once (cchc.load_evaluation).")
      .def_property_readonly("unit_count", [](const Year& y) { return y.loaded->evaluation.units().size(); })
      .def_property_readonly("criteria_id", [](const Year& y) { return y.loaded->evaluation.criteria().id(); })
      .def_property_readonly("warnings_json", [](const Year& y) { return diagnostics_json(y.loaded->warnings, 0); });

  m.def("run", &run, py::arg("command"), py::arg("criteria"), py::arg("units"), py::arg("evidence"), py::arg("year"),
        py::arg("options"));
  m.def("load_criteria", [](const py::object& spec) -> py::tuple {
    const command::Source s = source(spec);
    std::vector<cchc::Diagnostic> messages;
    std::shared_ptr<const command::LoadedCriteria> loaded;
    {
      py::gil_scoped_release unlocked;
      loaded = command::load_criteria(s, messages);
    }
    if (!loaded) return py::make_tuple(command::status_invalid_input, py::none(), diagnostics_json(messages, 1));
    return py::make_tuple(0, Criteria{loaded}, diagnostics_json(loaded->warnings, 0));
  });
  m.def("load_evaluation", [](const Criteria& criteria, const py::object& units, const py::object& evidence,
                              bool missing_as_zero) -> py::tuple {
    const command::Source u = source(units), e = source(evidence);
    std::vector<cchc::Diagnostic> messages;
    std::shared_ptr<const command::LoadedYear> loaded;
    {
      py::gil_scoped_release unlocked;
      loaded = command::load_year(*criteria.loaded, u, e, missing_as_zero, messages);
    }
    if (!loaded) return py::make_tuple(command::status_invalid_input, py::none(), diagnostics_json(messages, 1));
    return py::make_tuple(0, Year{loaded}, diagnostics_json(loaded->warnings, 0));
  });
}
