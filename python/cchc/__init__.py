"""cchc: exact scoring, ranking and explanation of Vietnam's administrative reform index
(Chỉ số cải cách hành chính, Chỉ số CCHC), from Python.

Every function runs the same code as the ``cchc`` command and returns what
``cchc <command> --format json`` prints, as Python objects: dicts with the JSON's keys and
every number a :class:`decimal.Decimal` (exact, never a float)::

    import cchc
    ranking = cchc.rank(criteria="criteria.yaml", units="units.csv", evidence="evidence.csv")
    for unit in ranking:
        print(unit["rank"], unit["name"], unit["total"])      # 1 Sở Tài chính 92.93

Inputs (``criteria``, ``units``, ``evidence``) are each a path (``str`` or
:class:`os.PathLike`), or the file's text: a ``str`` holding a line break, or
``cchc.text(content, name)``. Options are the command line's long names
(``missing_as_zero=True``, ``unit="STP"``, ``units_sheet="Đơn vị"`` for a workbook). A
``format=`` other than json returns that format's text, or ``bytes`` for ``"xlsx"``. A set or a year loaded once with
:func:`load_criteria` / :func:`load_evaluation` can be scored many times.

Failures raise :class:`cchc.Error`, whose ``diagnostics`` list every problem (file, line,
column, code, message, unit, criterion) as dicts.
"""
from __future__ import annotations

import decimal
import json
import os
from typing import Any, Dict, List, Optional, Union

from . import _native

__all__ = ["Error", "Criteria", "Evaluation", "Report", "Rows", "text", "load_criteria", "load_evaluation",
           "validate", "rank", "explain", "gaps", "deviations", "plan", "robustness", "report", "template", "__version__"]

__version__: str = _native.version()


class Error(Exception):
    """A command or a load refused its input.

    ``status`` is the command line's exit status (1: invalid input, 2: a wrong request such
    as an unknown option or unit); ``diagnostics`` is a list of dicts with the keys
    ``severity, code, file, line, column, key, unit, criterion, stage, message``
    (docs/diagnostics.md lists the codes)."""

    def __init__(self, status: int, diagnostics: List[Dict[str, Any]]):
        self.status = status
        self.diagnostics = diagnostics
        lines = [_diagnostic_text(d) for d in diagnostics] or ["cchc: unknown error"]
        super().__init__("\n".join(lines))


def _diagnostic_text(d: Dict[str, Any]) -> str:
    where = d.get("file") or "<input>"
    if d.get("line"):
        where += f":{d['line']}"
        if d.get("column"):
            where += f":{d['column']}"
    return f"{where}: {d.get('severity', 'error')}: {d.get('message', '')}"


def _loads(text: str) -> Any:
    # Every number with a point as an exact Decimal ("92.93" stays 92.93, "100.00" keeps
    # its places); whole numbers (rank, year, line) stay int.
    return json.loads(text, parse_float=decimal.Decimal)


class text(str):
    """The content of a file given as text, with the name messages call it by:
    ``cchc.text(yaml_string, "criteria.yaml")``."""

    name: str

    def __new__(cls, content: str, name: Optional[str] = None) -> "text":
        self = super().__new__(cls, content)
        self.name = name or ""
        return self


Source = Union[str, "os.PathLike[str]", text, None]


def _source(value: Source, what: str) -> Optional[tuple]:
    if value is None:
        return None
    if isinstance(value, text):
        return ("text", str(value), value.name or f"<{what}>")
    if isinstance(value, os.PathLike):
        return ("path", os.fspath(value))
    if isinstance(value, bytes):
        return ("text", value.decode("utf-8"), f"<{what}>")
    if isinstance(value, str):
        if "\n" in value or "\r" in value:
            return ("text", value, f"<{what}>")
        return ("path", value)
    raise TypeError(f"{what}: expected a path, a text or cchc.text(...), got {type(value).__name__}")


def _option(value: Any) -> Union[bool, str]:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, decimal.Decimal)):
        return str(value)
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back as this float
    if isinstance(value, str):
        return value
    raise TypeError(f"option value {value!r}: expected a bool, a number or a text")


def _warnings(payload: str) -> List[Dict[str, Any]]:
    return _loads(payload)["diagnostics"]


class Criteria:
    """A criteria set loaded once (:func:`load_criteria`); pass it as ``criteria=``."""

    def __init__(self, native: Any, warnings: List[Dict[str, Any]]):
        self._native = native
        self.warnings = warnings

    @property
    def id(self) -> str:
        return self._native.id

    @property
    def title(self) -> str:
        return self._native.title

    def __repr__(self) -> str:
        return f"cchc.Criteria(id={self.id!r})"


class Evaluation:
    """A year's units and evidence loaded once against a set (:func:`load_evaluation`);
    pass it as ``evaluation=`` instead of criteria, units and evidence. Scoring and ranking
    happen at each call."""

    def __init__(self, native: Any, criteria: Criteria, warnings: List[Dict[str, Any]]):
        self._native = native
        self.criteria = criteria
        self.warnings = warnings

    def __len__(self) -> int:
        return self._native.unit_count

    def __repr__(self) -> str:
        return f"cchc.Evaluation(criteria={self.criteria.id!r}, units={len(self)})"


def load_criteria(criteria: Source) -> Criteria:
    """Loads and checks a criteria set (YAML, schema cchc/criteria@1) from a path or text.
    Raises :class:`Error` with every problem when the set is invalid."""
    status, native, payload = _native.load_criteria(_source(criteria, "criteria"))
    if status != 0:
        raise Error(status, _warnings(payload))
    return Criteria(native, _warnings(payload))


def load_evaluation(criteria: Union[Criteria, Source], units: Source, evidence: Source, *,
                    missing_as_zero: bool = False) -> Evaluation:
    """Loads a year's units and evidence (CSV, paths or texts) against a set (a
    :class:`Criteria` or a path/text). ``missing_as_zero`` scores an applicable leaf without
    evidence as 0 instead of refusing the unit."""
    if not isinstance(criteria, Criteria):
        criteria = load_criteria(criteria)
    status, native, payload = _native.load_evaluation(criteria._native, _source(units, "units"),
                                                      _source(evidence, "evidence"), bool(missing_as_zero))
    if status != 0:
        raise Error(status, _warnings(payload))
    return Evaluation(native, criteria, _warnings(payload))


class Report(dict):
    """A JSON report as a dict (numbers as Decimal). ``warnings`` are the run's warnings."""

    @property
    def warnings(self) -> List[Dict[str, Any]]:
        return self.get("warnings", [])

    def to_pandas(self, key: str = "nodes"):
        """The list under ``key`` (explain: ``nodes``) as a pandas DataFrame. Needs pandas."""
        return _data_frame(self.get(key, []))


class Rows(list):
    """The units of a report (rank, gaps, deviations) as a list of dicts, in the JSON's
    order. ``set`` and ``warnings`` are the report's; ``document`` is the whole report."""

    def __init__(self, document: Dict[str, Any]):
        super().__init__(document.get("units", []))
        self.document = document
        self.set = document.get("set")
        self.warnings = document.get("warnings", [])

    def to_pandas(self):
        """One row per unit, the JSON's keys as columns (nested lists stay Python objects).
        Numbers stay Decimal (dtype object): convert explicitly if a float is good enough."""
        return _data_frame(self)


def _data_frame(rows: List[Dict[str, Any]]):
    try:
        import pandas
    except ImportError as e:  # pandas is optional
        raise ImportError("to_pandas() needs pandas (pip install pandas, or apt install python3-pandas)") from e
    return pandas.DataFrame(list(rows))


def _run(command: str, criteria: Union[Criteria, Source], units: Source, evidence: Source,
         evaluation: Optional[Evaluation], options: Dict[str, Any]) -> Any:
    if evaluation is not None:
        if criteria is not None or units is not None or evidence is not None:
            raise TypeError("give either evaluation= or criteria=, units= and evidence=")
        native_criteria = None
        year = evaluation._native
    else:
        native_criteria = criteria._native if isinstance(criteria, Criteria) else _source(criteria, "criteria")
        year = None
    opts = [(key, _option(value)) for key, value in options.items() if value is not None]
    status, payload = _native.run(command, native_criteria, _source(units, "units"), _source(evidence, "evidence"),
                                  year, opts)
    if status != 0:
        raise Error(status, _loads(payload)["diagnostics"])
    if options.get("format", "json") != "json":
        return payload
    return _loads(payload)


def validate(criteria: Union[Criteria, Source], **options: Any) -> Report:
    """Checks a set: ``{"file", "set", "fields", "leaves", "warnings"}`` (docs/output-formats.md)."""
    return Report(_run("validate", criteria, None, None, None, dict(options, format=options.get("format", "json"))))


def rank(criteria: Union[Criteria, Source] = None, units: Source = None, evidence: Source = None, *,
         evaluation: Optional[Evaluation] = None, **options: Any) -> Rows:
    """Scores and ranks every unit: a list of dicts with ``code, name, group, total, max,
    index, rank, band, appraisal, survey, fields`` (and ``adjustments``), group by group in
    rank order, as ``cchc rank --format json`` lists them. ``format="csv"`` (or ``md``,
    ``table``) returns that text instead."""
    result = _run("rank", criteria, units, evidence, evaluation, options)
    return result if isinstance(result, (str, bytes)) else Rows(result)


def explain(criteria: Union[Criteria, Source] = None, units: Source = None, evidence: Source = None, *,
            evaluation: Optional[Evaluation] = None, unit: str, **options: Any) -> Report:
    """One unit's scorecard (``cchc explain --unit CODE``): every node with its max,
    points, rule and evidence, then the points lost."""
    result = _run("explain", criteria, units, evidence, evaluation, dict(options, unit=unit))
    return result if isinstance(result, (str, bytes)) else Report(result)


def gaps(criteria: Union[Criteria, Source] = None, units: Source = None, evidence: Source = None, *,
         evaluation: Optional[Evaluation] = None, **options: Any) -> Rows:
    """Where each unit (or only ``unit=``) lost points, largest loss first."""
    result = _run("gaps", criteria, units, evidence, evaluation, options)
    return result if isinstance(result, (str, bytes)) else Rows(result)


def plan(criteria: Union[Criteria, Source] = None, units: Source = None, evidence: Source = None, *,
         evaluation: Optional[Evaluation] = None, unit: str, target: str, **options: Any) -> Report:
    """The fewest changes to one unit's evidence that reach ``target`` (``"band:LABEL"``,
    ``"rank:N"`` or ``"index:X"``), as ``cchc plan``: ``reachable``, ``before``, ``after``
    and the ``changes`` (criterion, title, from, to, gain). ``include_survey=True`` lets
    survey leaves change too."""
    result = _run("plan", criteria, units, evidence, evaluation, dict(options, unit=unit, target=target))
    return result if isinstance(result, (str, bytes)) else Report(result)


def robustness(criteria: Union[Criteria, Source] = None, units: Source = None, evidence: Source = None, *,
               evaluation: Optional[Evaluation] = None, **options: Any) -> Report:
    """How sure each rank is (``cchc robustness``): the ranking replayed ``runs=`` times
    (default 1000, ``seed=``) under ``weights_noise=``, ``weights_file=``,
    ``survey_sampling=True`` (``survey_n=``), ``appraisal_noise=``; ``sobol=True`` adds
    Sobol' indices. Numbers are given as they would be on the command line."""
    options = {k: (v if isinstance(v, bool) or isinstance(v, str) else str(v)) for k, v in options.items()}
    result = _run("robustness", criteria, units, evidence, evaluation, options)
    return result if isinstance(result, (str, bytes)) else Report(result)


def deviations(criteria: Union[Criteria, Source] = None, units: Source = None, evidence: Source = None, *,
               evaluation: Optional[Evaluation] = None, **options: Any) -> Rows:
    """Where the appraisal changed each unit's (or only ``unit=``'s) self-assessment."""
    result = _run("deviations", criteria, units, evidence, evaluation, options)
    return result if isinstance(result, (str, bytes)) else Rows(result)


def report(criteria: Union[Criteria, Source] = None, units: Source = None, evidence: Source = None, *,
           evaluation: Optional[Evaluation] = None, format: str = "html", **options: Any) -> Union[str, bytes]:
    """The whole year in one file (``cchc report``): the HTML page as ``str``, or with
    ``format="xlsx"`` the workbook's ``bytes`` (write them to a ``.xlsx`` file)."""
    return _run("report", criteria, units, evidence, evaluation, dict(options, format=format))


def template(criteria: Union[Criteria, Source], units: Source, **options: Any) -> bytes:
    """The year's entry workbook (``cchc template``): a row per unit, a column per leaf, with
    drop-down lists and checks, as ``.xlsx`` bytes. ``units_sheet=`` picks a workbook's sheet."""
    return _run("template", criteria, units, None, None, dict(options, format="xlsx"))
