#!/usr/bin/env python3
"""The analyses as workbooks, read back with openpyxl: `cchc plan --format xlsx`,
`cchc robustness --format xlsx` (with its native chart per group), and the year's workbook
(`cchc report --format xlsx`) with each unit's plan and, given robustness options, the rank
intervals. Every expected figure is worked out by hand below (or where named).

Usage: xlsx_analysis_test.py CCHC SOURCE_DIR WORK_DIR.
"""
import os
import re
import subprocess
import sys
import zipfile

import openpyxl

from checks import expect, failures, finish


def cell(ws, ref, kind, wanted, number_format, what):
    c = ws[ref]
    expect(f"{what} ({ws.title}!{ref}) type", c.data_type, kind)
    expect(f"{what} ({ws.title}!{ref}) value", c.value, wanted)
    if number_format is not None:
        expect(f"{what} ({ws.title}!{ref}) format", c.number_format, number_format)


def row_of(ws, column, value, start=1):
    for r in range(start, ws.max_row + 1):
        if ws.cell(row=r, column=column).value == value:
            return r
    failures.append(f"{ws.title}: no row with {value!r} in column {column}")
    return None


def run(cchc, *args):
    # The workbooks' headings and sheet names are checked in Vietnamese: --lang vi (before -o).
    r = subprocess.run([cchc, *args[:-2], "--lang", "vi", *args[-2:]], capture_output=True, timeout=60)
    expect(f"{args[0]} {args[-3:]} exit", r.returncode, 0)
    expect(f"{args[0]} {args[-3:]} stderr", r.stderr.decode("utf-8"), "")
    return r


def chart_parts(path):
    """The chart parts of a workbook: {name: xml text}."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8") for n in sorted(z.namelist()) if re.fullmatch(r"xl/charts/chart\d+\.xml", n)}


def main() -> int:
    cchc, source, work = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(work, exist_ok=True)
    hand = f"{source}/tests/data/hand-worked"
    tiny = f"{source}/tests/data/robustness"
    hand_in = ["--criteria", f"{hand}/criteria.yaml", "--units", f"{hand}/units.csv", "--evidence", f"{hand}/evidence.csv"]
    tiny_in = ["--criteria", f"{tiny}/criteria.yaml", "--units", f"{tiny}/units.csv", "--evidence", f"{tiny}/evidence.csv"]

    # --- plan: S2 (Sở Nội vụ) to band:Tốt, worked out in tests/unit/plan_test.cpp and
    # tests/cli/plan_cli_test.py: 76.8 of 96 = 80.00% is "Khá" (Tốt is above 80). One step of
    # 2.3 (7 → 7.25) raises field 2 from 40 × (27 + 10 + 7) / 50 = 35.2 to 40 × 44.25 / 50 =
    # 35.4: 77 of 96 = 80.2083…% → 80.21, Tốt; still rank 2 (below S1's 90, above S3's 80).
    out = f"{work}/plan.xlsx"
    run(cchc, "plan", *hand_in, "--unit", "S2", "--target", "band:Tốt", "--format", "xlsx", "-o", out)
    ws = openpyxl.load_workbook(out)["Kế hoạch"]
    expect("plan title", ws["A1"].value, "Bộ tiêu chí kiểm tra tính tay — năm 2025 (kiem-tra-tinh-tay) — Kế hoạch của đơn vị")
    expect("plan heading", ws["A3"].value, "Kế hoạch: Sở Nội vụ (S2) — mục tiêu band:Tốt")
    expect("plan verdict", ws["A4"].value, "Đạt được mục tiêu với 1 thay đổi.")
    expect("plan standing header", [c.value for c in ws[5]][:6], [None, "Tổng điểm", "Điểm tối đa", "Chỉ số (%)", "Hạng", "Xếp loại"])
    before, after = row_of(ws, 1, "Hiện nay"), row_of(ws, 1, "Sau khi thay đổi")
    if before and after:
        for r_, total, index, band in ((before, 76.8, 80, "Khá"), (after, 77, 80.21, "Tốt")):
            cell(ws, f"B{r_}", "n", total, "0.00", "total")
            cell(ws, f"C{r_}", "n", 96, "0.00", "max")
            cell(ws, f"D{r_}", "n", index, "0.00", "index")
            cell(ws, f"E{r_}", "n", 2, None, "rank")
            cell(ws, f"F{r_}", "s", band, None, "band")
    head = row_of(ws, 1, "Lĩnh vực")
    if head:
        expect("plan changes header", [c.value for c in ws[head]][:6],
               ["Lĩnh vực", "Tiêu chí", "Nội dung", "Hiện ghi", "Cần ghi", "Điểm tăng thêm"])
        expect("plan changes header frozen", ws.freeze_panes, f"A{head + 1}")
        r_ = head + 1
        cell(ws, f"B{r_}", "s", "2.3", None, "criterion id (text, not a number)")
        cell(ws, f"C{r_}", "s", "Vận hành bộ phận Một cửa", None, "title")
        cell(ws, f"D{r_}", "s", "7", None, "from")
        cell(ws, f"E{r_}", "s", "7.25", None, "to")
        cell(ws, f"F{r_}", "n", 0.25, "0.00", "gain")
        expect("plan: one change", ws.max_row, r_)

    # --- robustness on the tiny case with replayed weights (tests/unit/robustness_test.cpp
    # counts the ranks of each run by hand): R 1 2 2 2 2, P 2 1 3 3 1, Q 2 3 1 1 3.
    # Mean R 9/5 = 1.8, P and Q 10/5 = 2. Type-7 quantiles, h = 4p + 1: R sorted 1 2 2 2 2:
    # q05 at h = 1.2 → 1 + 0.2 × (2 − 1) = 1.2, q95 at h = 4.8 → 2; P, Q sorted 1 1 2 3 3:
    # q05 = 1, q95 = 3 + 0 = 3 (h = 4.8 between 3 and 3); medians 2. P(rank 1): R 1/5, P 2/5,
    # Q 2/5. R is in Tốt in runs 1, 3, 4: 3/5; P and Q each in Tốt in 2 of 5 (their rank-1 runs).
    out = f"{work}/robustness.xlsx"
    run(cchc, "robustness", *tiny_in, "--runs", "5", "--weights-file", f"{tiny}/weights.csv", "--format", "xlsx", "-o", out)
    book = openpyxl.load_workbook(out)
    expect("robustness sheets", book.sheetnames, ["Khoảng hạng", "Biểu đồ khoảng hạng", "Cặp liền kề"])
    ws = book["Khoảng hạng"]
    expect("units header", [c.value for c in ws[3]],
           ["Mã đơn vị", "Tên đơn vị", "Nhóm", "Hạng", "Xếp loại", "Hạng trung bình", "Hạng trung vị", "Hạng 5%", "Hạng 95%",
            "P(hạng 1)", "P(giữ xếp loại)", "P(Tốt)", "P(Khá)"])
    expect("units frozen header", ws.freeze_panes, "A4")
    want = {"R": (1, "Tốt", 1.8, 2, 1.2, 2, 0.2, 0.6, 0.6, 0.4),
            "P": (2, "Khá", 2, 2, 1, 3, 0.4, 0.6, 0.4, 0.6),
            "Q": (2, "Khá", 2, 2, 1, 3, 0.4, 0.6, 0.4, 0.6)}
    expect("units in rank order", [ws.cell(row=r_, column=1).value for r_ in range(4, ws.max_row + 1)], ["R", "P", "Q"])
    for r_ in range(4, ws.max_row + 1):
        code = ws.cell(row=r_, column=1).value
        if code not in want:
            continue
        rank, band, mean, median, q05, q95, p1, keep, tot, kha = want[code]
        cell(ws, f"A{r_}", "s", code, None, f"{code} code")
        cell(ws, f"B{r_}", "s", f"Đơn vị {code}", None, f"{code} name")
        cell(ws, f"D{r_}", "n", rank, None, f"{code} rank")
        cell(ws, f"E{r_}", "s", band, None, f"{code} band")
        for col, value, what in (("F", mean, "rank_mean"), ("G", median, "rank_median"), ("H", q05, "rank_q05"), ("I", q95, "rank_q95")):
            cell(ws, f"{col}{r_}", "n", value, "0.00", f"{code} {what}")
        for col, value, what in (("J", p1, "p_rank_1"), ("K", keep, "p_keep_band"), ("L", tot, "P(Tốt)"), ("M", kha, "P(Khá)")):
            cell(ws, f"{col}{r_}", "n", value, "0.0%", f"{code} {what}")
    pairs = book["Cặp liền kề"]
    # R above P in runs 1, 3, 4 (R 1 < P 2; R 2 < P 3 twice): 3/5; P above Q in runs 2 and 5: 2/5.
    expect("pairs", [[c.value for c in pairs[r_]] for r_ in range(4, pairs.max_row + 1)],
           [[None, "R", "Đơn vị R", "P", "Đơn vị P", 0.6], [None, "P", "Đơn vị P", "Q", "Đơn vị Q", 0.4]])
    expect("pairs percent", pairs["F4"].number_format, "0.0%")
    charts = chart_parts(out)
    expect("robustness: one chart (one group)", len(charts), 1)
    for xml in charts.values():
        for needle in ("Hạng 5%", "Hạng chính thức", "Hạng 95%", "<c:upDownBars>", "'Khoảng hạng'!$H$4:$H$6",
                       "'Khoảng hạng'!$D$4:$D$6", "'Khoảng hạng'!$I$4:$I$6", "'Khoảng hạng'!$A$4:$A$6"):
            if needle not in xml:
                failures.append(f"robustness chart: no {needle!r}")
    with zipfile.ZipFile(out) as z:
        drawing_rels = [n for n in z.namelist() if n.startswith("xl/worksheets/_rels/")]
        expect("the chart sits on the second sheet", drawing_rels, ["xl/worksheets/_rels/sheet2.xml.rels"])

    # --sobol adds the indices' sheet.
    out = f"{work}/sobol.xlsx"
    run(cchc, "robustness", *tiny_in, "--runs", "200", "--weights-noise", "0.3", "--sobol", "--format", "xlsx", "-o", out)
    book = openpyxl.load_workbook(out)
    expect("sobol sheets", book.sheetnames, ["Khoảng hạng", "Biểu đồ khoảng hạng", "Cặp liền kề", "Chỉ số Sobol"])
    sobol = book["Chỉ số Sobol"]
    expect("sobol source", sobol["A4"].value, "weights")
    lo, first, hi = sobol["C4"].value, sobol["B4"].value, sobol["D4"].value
    expect("sobol first-order within its interval", lo <= first <= hi, True)

    # --- the year's workbook on the tiny case: the plans to the next band up (worked by hand
    # in tests/cli/check_robustness_html.py): R (61, Tốt) is in the top band, no plan; P
    # (50 + 10): b 10 → 11, +1; Q (20 + 40): a 20 → 21, +1 (set order); each then 61, Tốt.
    out = f"{work}/year.xlsx"
    run(cchc, "report", *tiny_in, "--format", "xlsx", "-o", out)
    book = openpyxl.load_workbook(out)
    if any(name in book.sheetnames for name in ("Khoảng hạng", "Biểu đồ khoảng hạng")) or chart_parts(out):
        failures.append(f"report without robustness options has rank intervals: {book.sheetnames}")
    for code, leaf, title, frm, to in (("P", "b", "B", "10", "11"), ("Q", "a", "A", "20", "21")):
        ws = book[code]
        h = row_of(ws, 1, f"Kế hoạch: Đơn vị {code} ({code}) — mục tiêu band:Tốt")
        if h is None:
            continue
        expect(f"{code} plan verdict", ws.cell(row=h + 1, column=1).value, "Đạt được mục tiêu với 1 thay đổi.")
        after = row_of(ws, 1, "Sau khi thay đổi", h)
        if after:
            cell(ws, f"B{after}", "n", 61, "0.00", f"{code} total after")
            cell(ws, f"E{after}", "n", 1, None, f"{code} rank after (ties R at 61)")
            cell(ws, f"F{after}", "s", "Tốt", None, f"{code} band after")
        change = row_of(ws, 1, "Lĩnh vực", h)
        if change:
            r_ = change + 1
            expect(f"{code} change", [ws.cell(row=r_, column=k).value for k in range(2, 7)], [leaf, title, frm, to, 1])
            cell(ws, f"F{r_}", "n", 1, "0.00", f"{code} gain")
    if any(str(c.value).startswith("Kế hoạch") for row in book["R"].iter_rows() for c in row):
        failures.append("a plan on R's sheet, which is in the top band")

    # With robustness options: the same sheets as `robustness` after the ranking, the same
    # hand-counted intervals, the native chart.
    out = f"{work}/year-robust.xlsx"
    run(cchc, "report", *tiny_in, "--runs", "5", "--weights-file", f"{tiny}/weights.csv", "--format", "xlsx", "-o", out)
    book = openpyxl.load_workbook(out)
    names = book.sheetnames
    for name in ("Khoảng hạng", "Biểu đồ khoảng hạng", "Cặp liền kề"):
        if name not in names:
            failures.append(f"report with robustness: no sheet {name!r}: {names}")
    if "Khoảng hạng" in names:
        ws = book["Khoảng hạng"]
        r_ = row_of(ws, 1, "R")
        if r_:
            cell(ws, f"F{r_}", "n", 1.8, "0.00", "report R rank_mean")
            cell(ws, f"H{r_}", "n", 1.2, "0.00", "report R rank_q05")
            cell(ws, f"I{r_}", "n", 2, "0.00", "report R rank_q95")
    expect("report: one chart (one group)", len(chart_parts(out)), 1)

    # The hand-worked year has two groups (so, huyen): a chart per group.
    out = f"{work}/year-groups.xlsx"
    run(cchc, "report", *hand_in, "--runs", "20", "--weights-noise", "0.1", "--format", "xlsx", "-o", out)
    charts = chart_parts(out)
    expect("report: a chart per group", len(charts), 2)
    ws = openpyxl.load_workbook(out)["Khoảng hạng"]
    # so ranks S1, S2, S3 (S4 not ranked); huyen H3, H1, H2: rows 4..6 and 7..9.
    expect("report: units by group", [ws.cell(row=r_, column=1).value for r_ in range(4, ws.max_row + 1)],
           ["S1", "S2", "S3", "H3", "H1", "H2"])
    refs = sorted(re.search(r"'Khoảng hạng'!\$H\$(\d+):\$H\$(\d+)", xml).groups() for xml in charts.values())
    expect("report: each chart's rows", refs, [("4", "6"), ("7", "9")])

    return finish()


if __name__ == "__main__":
    sys.exit(main())
