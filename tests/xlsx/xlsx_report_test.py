#!/usr/bin/env python3
"""`cchc report --format xlsx` read back with openpyxl: the whole year in one workbook — the
ranking sheets, a sheet per unit (its scorecard with SUM formulas and exact cached values, then
its points lost), the deviations, and an index of units linking to the unit sheets.

Usage: xlsx_report_test.py CCHC SOURCE_DIR WORK_DIR. The figures are the hand-worked ones of
tests/unit/hand_worked_test.cpp (tests/data/hand-worked), restated here with their working.
"""
import os
import subprocess
import sys

import openpyxl

from checks import expect, failures, finish


def number(ws, ref, wanted, what):
    cell = ws[ref]
    expect(f"{what} ({ws.title}!{ref}) type", cell.data_type, "n")
    expect(f"{what} ({ws.title}!{ref}) value", cell.value, wanted)
    expect(f"{what} ({ws.title}!{ref}) format", cell.number_format, "0.00")


def row_of(ws, column, value, start=1):
    for r in range(start, ws.max_row + 1):
        if ws.cell(row=r, column=column).value == value:
            return r
    failures.append(f"{ws.title}: no row with {value!r} in column {column}")
    return None


def main() -> int:
    cchc, source, work = sys.argv[1], sys.argv[2], sys.argv[3]
    data = f"{source}/tests/data/hand-worked"
    os.makedirs(work, exist_ok=True)
    out = f"{work}/report.xlsx"
    if os.path.exists(out):
        os.remove(out)
    r = subprocess.run([cchc, "report", "--criteria", f"{data}/criteria.yaml", "--units", f"{data}/units.csv",
                        "--evidence", f"{data}/evidence.csv", "--format", "xlsx", "--lang", "vi", "-o", out],
                       capture_output=True, timeout=60)
    expect("report exit", r.returncode, 0)
    expect("report stderr", r.stderr, b"")
    formulas = openpyxl.load_workbook(out)
    cached = openpyxl.load_workbook(out, data_only=True)

    # The summary and a sheet per group (as rank), then the units in ranking order: so is
    # S1 (90%), S2 and S3 (tied at 80%, by code), S4 (not ranked); huyen is H3 (88.54%),
    # H1 (82.52%), H2 (70%); then the deviations and the index.
    expect("sheets", formulas.sheetnames,
           ["Tổng hợp", "so", "huyen", "S1", "S2", "S3", "S4", "H3", "H1", "H2", "Chênh lệch", "Chỉ mục đơn vị"])
    number(cached["so"], "D5", 76.8, "S2 total on the group sheet")
    number(cached["huyen"], "D4", 88.54, "H3 total on the group sheet")

    # Each unit's TỔNG ĐIỂM on its own sheet: a formula whose cached value is the hand-worked total.
    totals = {"S1": 90, "S2": 76.8, "S3": 80, "S4": 95, "H1": 79.22, "H2": 70, "H3": 88.54}
    for code, total in totals.items():
        ws, wc = formulas[code], cached[code]
        r_ = row_of(ws, 2, "TỔNG ĐIỂM")
        if r_ is None:
            continue
        expect(f"{code} total is a formula", str(ws.cell(row=r_, column=7).value).startswith("="), True)
        number(wc, f"G{r_}", total, f"{code} total")
        expect(f"{code} named in row 2", code in str(ws["A2"].value), True)

    # S2's scorecard as explain lays it out: rows 4 field 1, 5..8 leaves 1.1..1.4, 9 field 2,
    # 10..12, 13 field 3, 14..15, 16 tree total, 17 bonus, 18 total.
    s2, s2c = formulas["S2"], cached["S2"]
    expect("S2 title", s2["A1"].value, "Bộ tiêu chí kiểm tra tính tay — năm 2025 (kiem-tra-tinh-tay) — Phiếu chấm điểm")
    expect("S2 row 2", s2["A2"].value, "Đơn vị: Sở Nội vụ (S2) — nhóm so — hạng 2 — xếp loại Khá")
    expect("S2 frozen below the header", s2.freeze_panes, "A4")
    expect("S2 field 1: SUM of its leaves", s2["G4"].value, "=SUM(G5,G6,G7,G8)")
    number(s2c, "G4", 17, "S2 field 1 (2 + 3 + 0 + 12)")
    expect("S2 tree total", s2["G16"].value, "=SUM(G4,G9,G13)")
    number(s2c, "G16", 76.8, "S2 tree total (17 + 35.2 + 24.6)")
    expect("S2 total formula", s2["G18"].value, "=G16+G17")
    number(s2c, "H18", 80, "S2 index (76.8 / 96)")
    # Then its points lost: 1.4 is 12 of 16, 4 lost; field 1 lost 26 − 17 = 9 in all (1.3 is
    # not applicable: 30 − 4 = 26), shared among its leaves with a loss.
    head = row_of(s2, 1, "Điểm bị mất, lớn nhất trước, và bước tiếp theo", 19)
    if head is not None:
        expect("S2 points-lost header", [c.value for c in s2[head + 1]][:6],
               ["Lĩnh vực", "Tiêu chí", "Nội dung", "Điểm tối đa", "Điểm đạt", "Điểm bị mất"])
        r14 = row_of(s2, 2, "1.4", head + 2)
        if r14 is not None:
            expect("S2 1.4 lost: field", s2.cell(row=r14, column=1).value, "1")
            number(s2, f"D{r14}", 16, "S2 1.4 max")
            number(s2, f"E{r14}", 12, "S2 1.4 points")
            number(s2, f"F{r14}", 4, "S2 1.4 lost")
        lost_field_1 = sum(s2.cell(row=r_, column=6).value for r_ in range(head + 2, s2.max_row + 1)
                           if s2.cell(row=r_, column=1).value == "1")
        expect("S2 field 1 lost in all", round(lost_field_1, 6), 9)

    # The deviations of every unit: S2's 1.4 went 11 (appraisal) → 12 (second appraisal).
    dev = formulas["Chênh lệch"]
    found = [r_ for r_ in range(4, dev.max_row + 1)
             if dev.cell(row=r_, column=1).value == "S2" and dev.cell(row=r_, column=3).value == "1.4"]
    expect("S2 1.4 deviation rows", len(found), 1)
    if found:
        number(dev, f"G{found[0]}", 11, "S2 1.4 at the appraisal")
        number(dev, f"H{found[0]}", 12, "S2 1.4 at the second appraisal")

    # The index: by name in Vietnamese order (S < U < V; "Nội" < "Tài" < "Tư" as a < ư;
    # "huyện" < "thành"; "Lập" < "Tam").
    index = formulas["Chỉ mục đơn vị"]
    expect("index header", [c.value for c in index[3]], ["Mã đơn vị", "Tên đơn vị", "Nhóm", "Hạng", "Xếp loại", "Trang tính"])
    rows = [[c.value for c in index[r_]] for r_ in range(4, index.max_row + 1)]
    expect("index rows", rows, [
        ["S2", "Sở Nội vụ", "so", 2, "Khá", "S2"],
        ["S3", "Sở Tài chính", "so", 2, "Khá", "S3"],
        ["S1", "Sở Tư pháp", "so", 1, "Xuất sắc", "S1"],
        ["H2", "UBND huyện Lập Thạch", "huyen", 3, "Nhóm III", "H2"],
        ["H1", "UBND huyện Tam Đảo", "huyen", 2, "Nhóm II", "H1"],
        ["H3", "UBND thành phố Vĩnh Yên", "huyen", 1, "Nhóm I", "H3"],
        ["S4", "Văn phòng UBND tỉnh", "so", "-", "Xuất sắc", "S4"],
    ])
    expect("index rank is a number cell", index["D4"].data_type, "n")
    link = index["F4"].hyperlink
    expect("index links to the unit sheet", link.location if link else None, "'S2'!A1")

    # Sheet names made from awkward codes: the same year with S1, S2, S3 and H1 renamed.
    # "S1/TP:[x]" has / : [ ] replaced by _ → "S1_TP__x_"; S2's code is that very name, so its
    # sheet is "S1_TP__x_ (2)"; "SO" equals the group sheet "so" ignoring case → "SO (2)"; the
    # 40-character code is cut to its first 31 characters.
    renamed = {"S1": "S1/TP:[x]", "S2": "S1_TP__x_", "S3": "SO", "H1": "UBND-HUYEN-TAM-DAO-TINH-VINH-PHUC-2025-AB"}
    for name in ("units.csv", "evidence.csv"):
        with open(f"{data}/{name}", encoding="utf-8") as src, open(f"{work}/{name}", "w", encoding="utf-8") as dst:
            for k, line in enumerate(src):
                code, rest = line.split(",", 1)
                dst.write((renamed.get(code, code) if k else code) + "," + rest)
    out = f"{work}/renamed.xlsx"
    r = subprocess.run([cchc, "report", "--criteria", f"{data}/criteria.yaml", "--units", f"{work}/units.csv",
                        "--evidence", f"{work}/evidence.csv", "--format", "xlsx", "--lang", "vi", "-o", out],
                       capture_output=True, timeout=60)
    expect("renamed report exit", r.returncode, 0)
    renamed_book = openpyxl.load_workbook(out, data_only=True)
    expect("renamed sheets", renamed_book.sheetnames,
           ["Tổng hợp", "so", "huyen", "S1_TP__x_", "S1_TP__x_ (2)", "SO (2)", "S4", "H3",
            "UBND-HUYEN-TAM-DAO-TINH-VINH-PH", "H2", "Chênh lệch", "Chỉ mục đơn vị"])
    for sheet, total in (("S1_TP__x_", 90), ("S1_TP__x_ (2)", 76.8), ("SO (2)", 80), ("UBND-HUYEN-TAM-DAO-TINH-VINH-PH", 79.22)):
        if sheet in renamed_book.sheetnames:
            ws = renamed_book[sheet]
            r_ = row_of(ws, 2, "TỔNG ĐIỂM")
            if r_ is not None:
                number(ws, f"G{r_}", total, f"{sheet} total")
    index = renamed_book["Chỉ mục đơn vị"]
    expect("renamed index: code and sheet", [(index.cell(row=r_, column=1).value, index.cell(row=r_, column=6).value)
                                             for r_ in range(4, index.max_row + 1)],
           [("S1_TP__x_", "S1_TP__x_ (2)"), ("SO", "SO (2)"), ("S1/TP:[x]", "S1_TP__x_"), ("H2", "H2"),
            ("UBND-HUYEN-TAM-DAO-TINH-VINH-PHUC-2025-AB", "UBND-HUYEN-TAM-DAO-TINH-VINH-PH"), ("H3", "H3"), ("S4", "S4")])

    return finish()


if __name__ == "__main__":
    sys.exit(main())
