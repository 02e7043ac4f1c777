#!/usr/bin/env python3
"""Excel in: a clerk's year typed into two .xlsx workbooks (written here with openpyxl from the
shipped CSV sample) ranks exactly as the same year in CSV; the wide form, a chosen sheet,
percent cells and formulas with cached values; and workbooks refused with one message.

Usage: xlsx_input_test.py CCHC SOURCE_DIR WORK_DIR
"""
import csv
import decimal
import json
import os
import subprocess
import sys
import zipfile

import openpyxl

from checks import expect, finish


def cchc_run(cchc, *args):
    return subprocess.run([cchc, *args], capture_output=True, timeout=60)


def typed(value):
    """A value as a clerk types it into Excel: numbers become number cells (a percentage a
    number cell formatted as percent, holding the double nearest value/100), text stays text."""
    if value.endswith("%"):
        try:
            return float(decimal.Decimal(value[:-1]) / 100), "0.0%"
        except decimal.InvalidOperation:
            return value, None
    try:
        return float(value), None
    except ValueError:
        return value, None


def write_rows(ws, rows, type_columns):
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            if r > 1 and c in type_columns and value != "":
                cell.value, fmt = typed(value)
                if fmt:
                    cell.number_format = fmt
            else:
                cell.value = value  # text, ids included


def main() -> int:
    cchc, source, work = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(work, exist_ok=True)
    sample = f"{source}/data/sample-2025"
    criteria = f"{source}/criteria/so-ban-nganh-mau.yaml"

    # --- the sample year, long form, in two workbooks: the same ranking as from CSV.
    units_rows = list(csv.reader(open(f"{sample}/units.csv", encoding="utf-8")))
    evidence_rows = list(csv.reader(open(f"{sample}/evidence.csv", encoding="utf-8")))
    wb = openpyxl.Workbook()
    write_rows(wb.active, units_rows, type_columns=set())
    wb.active.title = "Đơn vị"
    wb.save(f"{work}/units.xlsx")
    wb = openpyxl.Workbook()
    wb.active.title = "Hướng dẫn"
    wb.active["A1"] = "Sheet of notes: the evidence is on the next sheet"
    ws = wb.create_sheet("Phiếu chấm điểm")
    write_rows(ws, evidence_rows, type_columns={3})
    wb.save(f"{work}/evidence.xlsx")
    from_csv = cchc_run(cchc, "rank", "--criteria", criteria, "--units", f"{sample}/units.csv", "--evidence",
                        f"{sample}/evidence.csv", "--format", "json")
    from_xlsx = cchc_run(cchc, "rank", "--criteria", criteria, "--units", f"{work}/units.xlsx", "--evidence",
                         f"{work}/evidence.xlsx", "--evidence-sheet", "Phiếu chấm điểm", "--format", "json")
    expect("csv run", from_csv.returncode, 0)
    expect("xlsx run", (from_xlsx.returncode, from_xlsx.stderr.decode()), (0, ""))
    expect("the same ranking from workbooks as from CSV", from_xlsx.stdout.decode(), from_csv.stdout.decode())
    # The first sheet holds no evidence header: named in the message with its cell.
    first = cchc_run(cchc, "rank", "--criteria", criteria, "--units", f"{work}/units.xlsx", "--evidence", f"{work}/evidence.xlsx")
    expect("first sheet read by default", (first.returncode, first.stderr.decode().splitlines()),
           (1, [f"{work}/evidence.xlsx:Hướng dẫn!A1: error: the header must have a 'unit' column: long form "
                "unit,criterion,value[,stage] or wide form unit,<criterion id>,<criterion id>,…"]))
    unknown = cchc_run(cchc, "rank", "--criteria", criteria, "--units", f"{work}/units.xlsx", "--evidence", f"{work}/evidence.xlsx",
                       "--evidence-sheet", "Phieu")
    expect("unknown sheet", (unknown.returncode, unknown.stderr.decode().splitlines()),
           (1, [f"{work}/evidence.xlsx: error: the workbook has no sheet 'Phieu'; its sheets are 'Hướng dẫn', 'Phiếu chấm điểm'"]))

    # --- the hand-worked set, wide form, in one sheet: S2's figures as worked by hand.
    hand = f"{source}/tests/data/hand-worked"
    long_rows = list(csv.reader(open(f"{hand}/evidence.csv", encoding="utf-8")))[1:]
    ids = []
    for _, criterion, _, _ in long_rows:
        if criterion not in ids:
            ids.append(criterion)
    # The wide form holds one stage: each unit's latest value (S2's 1.4 is 12 at appraisal2).
    latest = {}
    for unit, criterion, value, _ in long_rows:
        latest[(unit, criterion)] = value
    unit_codes = list(dict.fromkeys(r[0] for r in long_rows))
    wide = [["unit", *ids]] + [[u, *[latest.get((u, c), "") for c in ids]] for u in unit_codes]
    wb = openpyxl.Workbook()
    write_rows(wb.active, wide, type_columns=set(range(2, len(ids) + 2)))
    wb.save(f"{work}/wide.xlsx")
    wide_run = cchc_run(cchc, "rank", "--criteria", f"{hand}/criteria.yaml", "--units", f"{hand}/units.csv", "--evidence",
                        f"{work}/wide.xlsx", "--format", "json")
    expect("wide run", (wide_run.returncode, wide_run.stderr.decode()), (0, ""))
    if wide_run.returncode == 0:
        units = {u["code"]: u for u in json.loads(wide_run.stdout, parse_float=decimal.Decimal)["units"]}
        # S2 (tests/unit/hand_worked_test.cpp): 2 + 3 + 12 = 17 of 26; (3×9 + 1×10 + 1×7)/5 × 4 = 35.2 (2.2 typed
        # as 80% in a percent cell: 0.8 of target 0.8 = 10); survey 24.6; total 76.8 of 96, index 80.
        expect("S2 total", str(units["S2"]["total"]), "76.80")
        expect("S2 max", str(units["S2"]["max"]), "96.00")
        expect("S2 index", str(units["S2"]["index"]), "80.00")
        expect("S2 field 2", str(units["S2"]["fields"][1]["points"]), "35.20")
        expect("H3 total", str(units["H3"]["total"]), "88.54")

    # --- a formula with its cached value counts as the value (openpyxl writes none: added).
    wb = openpyxl.Workbook()
    write_rows(wb.active, [["unit", *ids]] + [[u, *[latest.get((u, c), "") for c in ids]] for u in unit_codes],
               type_columns=set(range(2, len(ids) + 2)))
    wb.active["E3"] = "=10+1"  # S2's 1.4 (column E: unit, 1.1, 1.2, 1.3, 1.4), 11 at the appraisal
    wb.save(f"{work}/formula.xlsx")
    with zipfile.ZipFile(f"{work}/formula.xlsx") as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b"<f>10+1</f><v></v>", b"<f>10+1</f><v>11</v>")
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b"<f>10+1</f></c>", b"<f>10+1</f><v>11</v></c>")
    with zipfile.ZipFile(f"{work}/formula.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    formula_run = cchc_run(cchc, "explain", "--unit", "S2", "--criteria", f"{hand}/criteria.yaml", "--units", f"{hand}/units.csv",
                           "--evidence", f"{work}/formula.xlsx", "--format", "json")
    expect("formula run", (formula_run.returncode, formula_run.stderr.decode()), (0, ""))
    if formula_run.returncode == 0:
        nodes = {n["id"]: n for n in json.loads(formula_run.stdout, parse_float=decimal.Decimal)["nodes"]}
        expect("1.4 from the cached value", str(nodes["1.4"]["points"]), "11.00")
        expect("1.4's evidence names the cell", nodes["1.4"]["evidence"], f"'11' (appraisal, {work}/formula.xlsx:Sheet!E3)")

    # --- refused, with one message: a sheet of a million empty rows, a cell of 100 MB.
    def workbook_with_sheet(path, sheet_xml, shared=None):
        wb = openpyxl.Workbook()
        wb.save(path)
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        parts["xl/worksheets/sheet1.xml"] = sheet_xml
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for n, data in parts.items():
                z.writestr(n, data)

    head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    rows = b"".join(b'<row r="%d"/>' % r for r in range(1, 1_000_001))
    workbook_with_sheet(f"{work}/million.xlsx", head + rows + b"</sheetData></worksheet>")
    million = cchc_run(cchc, "rank", "--criteria", f"{hand}/criteria.yaml", "--units", f"{hand}/units.csv",
                       "--evidence", f"{work}/million.xlsx")
    # 17 MiB of rows pack to 2.4 MiB (within the limits): read past, no cell kept, and the sheet has no header.
    expect("million empty rows", (million.returncode, million.stderr.decode().splitlines()),
           (1, [f"{work}/million.xlsx:Sheet: error: the file is empty: expected a header row"]))
    # 100 MiB of random letters: they pack to about 60 MiB, so only the size limit refuses them.
    big = os.urandom(100 << 20).translate(bytes(ord("a") + b % 26 for b in range(256)))
    workbook_with_sheet(f"{work}/bigcell.xlsx", head + b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + big +
                        b"</t></is></c></row></sheetData></worksheet>")
    del big
    bigcell = cchc_run(cchc, "rank", "--criteria", f"{hand}/criteria.yaml", "--units", f"{hand}/units.csv",
                       "--evidence", f"{work}/bigcell.xlsx")
    lines = bigcell.stderr.decode().splitlines()
    expect("100 MB cell: exit", bigcell.returncode, 1)
    expect("100 MB cell: one message", len(lines), 1)
    # 100 MiB of text and the XML around it: 101 MiB (rounded up); the packed size varies with the letters.
    expect("100 MB cell: the message", (lines[0].startswith(f"{work}/bigcell.xlsx: error: the workbook's part "
                                                            "'xl/worksheets/sheet1.xml' unpacks to 101 MiB from ") and
                                        lines[0].endswith(" MiB: more than cchc reads (64 MiB a part, at most 100 times its packed size; "
                                                          "a zip bomb, or a sheet of millions of empty rows?)")) if lines else False, True)

    return finish()


if __name__ == "__main__":
    sys.exit(main())
