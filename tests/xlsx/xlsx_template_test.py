#!/usr/bin/env python3
"""`cchc template`: the entry workbook of the hand-worked set, checked (layout, drop-down lists,
validations), filled in with openpyxl as a clerk would, and read back with `cchc rank`: the
totals are the hand-worked ones of tests/unit/hand_worked_test.cpp.

Usage: xlsx_template_test.py CCHC SOURCE_DIR WORK_DIR
"""
import csv
import decimal
import json
import os
import subprocess
import sys

import openpyxl

from checks import expect, finish


def main() -> int:
    cchc, source, work = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(work, exist_ok=True)
    hand = f"{source}/tests/data/hand-worked"
    path = f"{work}/phieu.xlsx"
    run = subprocess.run([cchc, "template", "--criteria", f"{hand}/criteria.yaml", "--units", f"{hand}/units.csv",
                          "--format", "xlsx", "--lang", "vi", "-o", path], capture_output=True, timeout=60)
    expect("template exit", (run.returncode, run.stderr.decode()), (0, ""))
    wb = openpyxl.load_workbook(path)
    expect("sheets", wb.sheetnames, ["Phiếu nhập liệu", "Hướng dẫn"])
    # --lang en: the English msgids; the first line of the instructions names the entry sheet.
    path_en = f"{work}/entry-en.xlsx"
    run_en = subprocess.run([cchc, "template", "--criteria", f"{hand}/criteria.yaml", "--units", f"{hand}/units.csv",
                             "--format", "xlsx", "--lang", "en", "-o", path_en], capture_output=True, timeout=60)
    expect("template --lang en exit", (run_en.returncode, run_en.stderr.decode()), (0, ""))
    wb_en = openpyxl.load_workbook(path_en)
    expect("--lang en sheets", wb_en.sheetnames, ["Entry sheet", "Instructions"])
    expect("--lang en row labels", [wb_en["Entry sheet"].cell(row=r, column=1).value for r in range(2, 6)],
           ["Field", "Criterion", "Max points", "How to enter"])
    expect("--lang en instructions", wb_en["Instructions"]["A3"].value,
           "1. Each row of the sheet “Entry sheet” is a unit; each column is a criterion (its id in the header row).")
    ws = wb["Phiếu nhập liệu"]
    # Header row 6: unit, name, the nine leaves in set order, the bonus line.
    ids = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "3.1", "3.2", "thuong"]
    expect("header", [c.value for c in ws[6]], ["unit", "Tên đơn vị", *ids])
    expect("ids are text", {ws.cell(row=6, column=c).data_type for c in range(3, 13)}, {"s"})
    expect("titles", ws["C3"].value, "Ban hành kế hoạch CCHC năm")
    expect("maxima", [ws.cell(row=4, column=c).value for c in range(3, 13)], [4, 6, 4, 16, 10, 10, 10, 20, 10, 2])
    expect("units", [ws.cell(row=r, column=1).value for r in range(7, 14)], ["S1", "S2", "S3", "S4", "H1", "H2", "H3"])
    expect("unit names", ws["B8"].value, "Sở Nội vụ")
    validations = {str(dv.sqref): (dv.type, dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation}
    expect("1.1: drop-down of its options (na not allowed)", validations.get("C7:C13"), ("list", '"kip_thoi,cham,khong"', None))
    expect("1.2: a rate 0..1", validations.get("D7:D13"), ("custom", "AND(ISNUMBER(D7),D7>=0,D7<=1)", None))
    expect("1.3: a count, or na", validations.get("E7:E13"), ("custom", 'OR(E7="na",AND(ISNUMBER(E7),E7>=0,E7=INT(E7)))', None))
    expect("1.4: points 0..16 in steps of 0.5", validations.get("F7:F13"),
           ("custom", "AND(ISNUMBER(F7),F7>=0,F7<=16,ROUND(F7/0.5,6)=INT(ROUND(F7/0.5,6)))", None))
    expect("thuong: 0..2", validations.get("L7:L13"), ("decimal", "0", "2"))
    expect("rate cells are percent", ws["D7"].number_format, "0.0%")
    expect("instructions in Vietnamese", wb["Hướng dẫn"]["A3"].value.startswith("1. Mỗi dòng của sheet"), True)

    # Filled in as a clerk types: each unit's latest value of the hand-worked evidence;
    # rates as numbers in the percent cells (typing 95% stores 0.95), options and survey
    # counts as text, counts and points as numbers.
    latest = {}
    for unit, criterion, value, _ in list(csv.reader(open(f"{hand}/evidence.csv", encoding="utf-8")))[1:]:
        latest[(unit, criterion)] = value
    for r in range(7, 14):
        unit = ws.cell(row=r, column=1).value
        for c, criterion in enumerate(ids, start=3):
            value = latest.get((unit, criterion))
            if value is None:
                continue
            cell = ws.cell(row=r, column=c)
            if criterion in ("1.2", "2.1", "2.2"):
                cell.value = float(decimal.Decimal(value[:-1]) / 100) if value.endswith("%") else float(value)
            elif criterion in ("1.3", "1.4", "2.3", "thuong") and value != "na":
                cell.value = float(value)
            else:
                cell.value = value
    wb.save(f"{work}/filled.xlsx")
    rank = subprocess.run([cchc, "rank", "--criteria", f"{hand}/criteria.yaml", "--units", f"{hand}/units.csv",
                           "--evidence", f"{work}/filled.xlsx", "--format", "json"], capture_output=True, timeout=60)
    expect("rank of the filled template", (rank.returncode, rank.stderr.decode()), (0, ""))
    if rank.returncode == 0:
        units = {u["code"]: u for u in json.loads(rank.stdout, parse_float=decimal.Decimal)["units"]}
        # Hand-worked (tests/unit/hand_worked_test.cpp): the latest value of each leaf counts,
        # so S2's 1.4 is 12 and S3's 1.4 13.5, as in the CSV.
        wanted = {"S1": ("90.00", "100.00", 1), "S2": ("76.80", "96.00", 2), "S3": ("80.00", "100.00", 2),
                  "S4": ("95.00", "100.00", None), "H1": ("79.22", "96.00", 2), "H2": ("70.00", "100.00", 3),
                  "H3": ("88.54", "100.00", 1)}
        for code, (total, mx, rank_) in wanted.items():
            expect(f"{code} total", str(units[code]["total"]), total)
            expect(f"{code} max", str(units[code]["max"]), mx)
            expect(f"{code} rank", units[code]["rank"], rank_)

    return finish()


if __name__ == "__main__":
    sys.exit(main())
