"""The Python module against published and hand-worked values (never its own output)."""
import csv
import decimal
import re
import threading
from decimal import Decimal

import pytest

import cchc


def no_floats(value, where="result"):
    """Every number in a result is an int or a Decimal, never a float."""
    if isinstance(value, float):
        raise AssertionError(f"{where} is a float: {value!r}")
    if isinstance(value, dict):
        for k, v in value.items():
            no_floats(v, f"{where}[{k!r}]")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            no_floats(v, f"{where}[{i}]")


def published(folder):
    with open(folder / "expected.csv", encoding="utf-8", newline="") as f:
        return {row["code"]: row for row in csv.DictReader(f)}


def check_published(ranking, folder):
    table = published(folder)
    assert len(ranking) == len(table) == 22
    for unit in ranking:
        want = table[unit["code"]]
        assert unit["name"] == want["name"]
        assert unit["group"] == want["group"]
        assert unit["rank"] == int(want["rank"])
        assert isinstance(unit["total"], Decimal)
        # Compared as text: 90.10 must keep its places, not only its value.
        assert str(unit["total"]) == want["total"], unit["code"]
        assert str(unit["index"]) == want["index"], unit["code"]
        assert unit["band"] is None and want["band"] == ""


def test_version_is_the_headers(root):
    text = (root / "include" / "cchc" / "version.hpp").read_text(encoding="utf-8")
    number = int(re.search(r"#define CCHC_VERSION (\d+)", text).group(1))
    assert cchc.__version__ == f"{number // 10000}.{number // 100 % 100}.{number % 100}"


def test_rank_by_paths_reproduces_vinhphuc_2019(vinhphuc):
    ranking = cchc.rank(criteria=vinhphuc / "criteria.yaml", units=vinhphuc / "units.csv",
                        evidence=vinhphuc / "evidence.csv")
    check_published(ranking, vinhphuc)
    no_floats(ranking.document)
    assert ranking.set["id"] == "vinhphuc-2019"
    assert ranking.set["max"] == Decimal("100.00") and str(ranking.set["max"]) == "100.00"
    assert ranking.warnings == []


def test_rank_by_texts_equals_by_paths(vinhphuc):
    texts = {k: cchc.text((vinhphuc / f).read_text(encoding="utf-8"), f) for k, f in
             (("criteria", "criteria.yaml"), ("units", "units.csv"), ("evidence", "evidence.csv"))}
    by_text = cchc.rank(**texts)
    check_published(by_text, vinhphuc)
    by_path = cchc.rank(criteria=str(vinhphuc / "criteria.yaml"), units=str(vinhphuc / "units.csv"),
                        evidence=str(vinhphuc / "evidence.csv"))
    assert list(by_text) == list(by_path)
    # A plain str with a line break is a text too.
    plain = cchc.rank(criteria=str(texts["criteria"]), units=str(texts["units"]), evidence=str(texts["evidence"]))
    assert list(plain) == list(by_path)


def test_loaded_once_scored_many_times(vinhphuc):
    criteria = cchc.load_criteria(vinhphuc / "criteria.yaml")
    assert criteria.id == "vinhphuc-2019"
    year = cchc.load_evaluation(criteria, vinhphuc / "units.csv", vinhphuc / "evidence.csv")
    assert len(year) == 22
    check_published(cchc.rank(evaluation=year), vinhphuc)
    # The same year from several threads at once (the native part runs without the GIL).
    results = [None] * 4

    def work(i):
        results[i] = list(cchc.rank(evaluation=year))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert all(r == results[0] for r in results) and results[0] is not None
    # A loaded set with other tables.
    check_published(cchc.rank(criteria=criteria, units=vinhphuc / "units.csv", evidence=vinhphuc / "evidence.csv"),
                    vinhphuc)


def test_explain_one_unit(vinhphuc):
    year = cchc.load_evaluation(vinhphuc / "criteria.yaml", vinhphuc / "units.csv", vinhphuc / "evidence.csv")
    card = cchc.explain(evaluation=year, unit="so-y-te")
    # expected.csv: so,12,so-y-te,Sở Y tế,85.47,85.47; evidence.csv: 1 → 52.75, 2 → 32.72 (52.75 + 32.72 = 85.47).
    assert card["unit"]["code"] == "so-y-te"
    assert card["total"] == Decimal("85.47") and card["rank"] == 12
    leaves = {n["id"]: n["points"] for n in card["nodes"] if n["id"] in ("1", "2")}
    assert leaves == {"1": Decimal("52.75"), "2": Decimal("32.72")}
    no_floats(dict(card))


def test_unknown_unit_is_an_error_with_a_suggestion(vinhphuc):
    year = cchc.load_evaluation(vinhphuc / "criteria.yaml", vinhphuc / "units.csv", vinhphuc / "evidence.csv")
    with pytest.raises(cchc.Error) as e:
        cchc.explain(evaluation=year, unit="so-y-t")
    assert e.value.status == 2
    assert e.value.diagnostics[0]["code"] == "unknown-unit-option"
    assert "did you mean 'so-y-te'?" in e.value.diagnostics[0]["message"]


def test_gaps_and_deviations_hand_worked(hand_worked):
    paths = dict(criteria=hand_worked / "criteria.yaml", units=hand_worked / "units.csv",
                 evidence=hand_worked / "evidence.csv")
    lost = {u["code"]: u for u in cchc.gaps(**paths)}
    # By hand (tests/cli/check_hand_worked_json.py): S1 has 90.00 of 100.00, so 10.00 lost;
    # S2 has 76.80 of 96.00, so 19.20 lost.
    assert lost["S1"]["lost"] == Decimal("10.00")
    assert lost["S2"]["lost"] == Decimal("19.20")
    only = cchc.gaps(**paths, unit="S1")
    assert [u["code"] for u in only] == ["S1"]
    changed = cchc.deviations(**paths)
    assert sorted(u["code"] for u in changed) == ["H1", "H2", "H3", "S1", "S2", "S3", "S4"]
    no_floats(changed.document)


def test_bad_set_text_raises_with_diagnostics():
    bad = ("schema: cchc/criteria@1\nid: x\ntitle: \"T\"\nmax: 10\nmaxx: 3\nfields:\n"
           "  - {id: \"1\", title: \"A\", max: 10, rule: {points: {}}}\n")
    with pytest.raises(cchc.Error) as e:
        cchc.load_criteria(cchc.text(bad, "bộ-tiêu-chí.yaml"))
    assert e.value.status == 1
    (d,) = e.value.diagnostics
    # 'maxx' is the fifth line's first character.
    assert (d["code"], d["file"], d["line"], d["column"], d["severity"]) == ("unknown-key", "bộ-tiêu-chí.yaml", 5, 1, "error")
    assert "bộ-tiêu-chí.yaml:5:1: error: the set: unknown key 'maxx'" in str(e.value)


def test_bad_requests(vinhphuc):
    paths = dict(criteria=vinhphuc / "criteria.yaml", units=vinhphuc / "units.csv", evidence=vinhphuc / "evidence.csv")
    with pytest.raises(cchc.Error) as e:
        cchc.rank(**paths, colour="red")
    assert e.value.status == 2 and e.value.diagnostics[0]["code"] == "unknown-option"
    with pytest.raises(cchc.Error) as e:
        cchc.rank(criteria=vinhphuc / "criteria.yaml", units=vinhphuc / "units.csv", evidence=vinhphuc / "missing.csv")
    assert e.value.status == 1 and e.value.diagnostics[0]["code"] == "cannot-open"
    with pytest.raises(TypeError):
        cchc.rank(criteria=42, units=None, evidence=None)


def test_other_formats_are_text(vinhphuc):
    csv_text = cchc.rank(criteria=vinhphuc / "criteria.yaml", units=vinhphuc / "units.csv",
                         evidence=vinhphuc / "evidence.csv", format="csv", decimal_comma=True)
    # --decimal-comma: ';'-separated, 92,93 (expected.csv: so-tai-chinh 92.93).
    line = next(l for l in csv_text.splitlines() if "so-tai-chinh" in l)
    assert line.startswith("so;1;so-tai-chinh;Sở Tài chính;92,93;")


def test_validate(vinhphuc):
    report = cchc.validate(vinhphuc / "criteria.yaml")
    # criteria.yaml: two fields, 65 appraisal + 35 survey, one leaf each.
    assert report["leaves"] == 2
    assert [(f["id"], f["max"]) for f in report["fields"]] == [("1", Decimal("65.00")), ("2", Decimal("35.00"))]


def test_to_pandas(vinhphuc):
    ranking = cchc.rank(criteria=vinhphuc / "criteria.yaml", units=vinhphuc / "units.csv",
                        evidence=vinhphuc / "evidence.csv")
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(ImportError, match="needs pandas"):
            ranking.to_pandas()
        return
    frame = ranking.to_pandas()
    assert frame.shape[0] == 22
    assert frame.loc[frame["code"] == "so-tai-chinh", "total"].iloc[0] == Decimal("92.93")


def test_plan_hand_worked(hand_worked):
    paths = dict(criteria=hand_worked / "criteria.yaml", units=hand_worked / "units.csv",
                 evidence=hand_worked / "evidence.csv")
    # By hand (tests/cli/plan_cli_test.py): S2 has 76.8 of 96 = 80.00%, "Khá" (not above 80).
    # One step of leaf 2.3 (7 → 7.25) under its weighted mean gives 77.00 of 96 = 80.21%, "Tốt".
    plan = cchc.plan(**paths, unit="S2", target="band:Tốt")
    assert plan["reachable"] is True
    assert plan["before"]["index"] == Decimal("80.00") and plan["after"]["index"] == Decimal("80.21")
    assert plan["after"]["band"] == "Tốt"
    assert len(plan["changes"]) == 1
    no_floats(dict(plan))


def test_robustness_hand_counted(root):
    data = root / "tests" / "data" / "robustness"
    # Counted by hand in tests/unit/robustness_test.cpp: the five replayed runs of weights.csv
    # rank R 1 2 2 2 2 (mean 1.8, 5th percentile 1.2 by R's type 7), R in "Tốt" in 3 of 5.
    result = cchc.robustness(criteria=data / "criteria.yaml", units=data / "units.csv", evidence=data / "evidence.csv",
                             runs=5, weights_file=str(data / "weights.csv"))
    r = {u["code"]: u for u in result["units"]}["R"]
    assert r["rank"] == 1 and r["rank_mean"] == Decimal("1.8") and r["rank_q05"] == Decimal("1.2")
    assert r["band_probabilities"] == {"Tốt": Decimal("0.6"), "Khá": Decimal("0.4")}
    no_floats(dict(result))


def test_workbooks_are_bytes_and_sheets_are_options(hand_worked, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    import io
    # The entry workbook of the hand-worked set: bytes of a zip (xlsx), whose data sheet lists
    # the seven units of units.csv in file order, with their names.
    book = cchc.template(criteria=hand_worked / "criteria.yaml", units=hand_worked / "units.csv")
    assert isinstance(book, bytes) and book[:2] == b"PK"
    ws = openpyxl.load_workbook(io.BytesIO(book)).worksheets[0]  # its name follows the language
    assert [ws.cell(row=r, column=1).value for r in range(7, 14)] == ["S1", "S2", "S3", "S4", "H1", "H2", "H3"]
    assert ws["B8"].value == "Sở Nội vụ"
    # The units given as CSV text work too (a portal holds them in memory).
    text_units = (hand_worked / "units.csv").read_text(encoding="utf-8")
    assert cchc.template(criteria=hand_worked / "criteria.yaml", units=cchc.text(text_units, "units.csv"))[:2] == b"PK"
    # The year's report: HTML text by default, workbook bytes with format="xlsx".
    paths = dict(criteria=hand_worked / "criteria.yaml", units=hand_worked / "units.csv", evidence=hand_worked / "evidence.csv")
    assert cchc.report(**paths).startswith("<!DOCTYPE html>")
    assert cchc.report(**paths, format="xlsx")[:2] == b"PK"
    # Units read from a named sheet of a workbook rank as the CSV does: S1 90.00 of 100.00
    # by hand (tests/cli/check_hand_worked_json.py).
    wb = openpyxl.Workbook()
    wb.active.title = "Trang bìa"
    sheet = wb.create_sheet("Đơn vị")
    with open(hand_worked / "units.csv", encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            sheet.append(row)
    wb.save(tmp_path / "units.xlsx")
    ranked = {u["code"]: u for u in cchc.rank(criteria=paths["criteria"], units=tmp_path / "units.xlsx",
                                              evidence=paths["evidence"], units_sheet="Đơn vị")}
    assert ranked["S1"]["total"] == Decimal("90.00")
    # A sheet goes with a workbook's path, not with a text.
    with pytest.raises(cchc.Error) as e:
        cchc.rank(criteria=paths["criteria"], units=cchc.text(text_units, "units.csv"), evidence=paths["evidence"],
                  units_sheet="Đơn vị")
    assert e.value.status == 2
    assert e.value.diagnostics[0]["message"] == "units_sheet: a sheet goes with a workbook's path, not with a text"
