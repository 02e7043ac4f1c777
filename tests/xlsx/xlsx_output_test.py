#!/usr/bin/env python3
"""`--format xlsx` read back with openpyxl: number cells with the set's number format, ids as
text, diacritics intact, a title row and a frozen header, SUM formulas whose cached values are
the exact figures, and nothing written on refusal.

Usage: xlsx_output_test.py CCHC SOURCE_DIR WORK_DIR. The figures are the hand-worked ones of
tests/unit/hand_worked_test.cpp (tests/data/hand-worked), restated here with their working.
"""
import os
import pty
import subprocess
import sys

import openpyxl

from checks import expect, finish


def run(cchc, data, *args, stdout=None, lang="vi"):
    # The workbooks' headings are checked in Vietnamese (po/vi.po), and once in English below.
    return subprocess.run([cchc, *args, "--lang", lang, "--criteria", f"{data}/criteria.yaml", "--units", f"{data}/units.csv",
                           "--evidence", f"{data}/evidence.csv"], stdout=stdout or subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=60)


def number(ws, ref, wanted, what):
    cell = ws[ref]
    expect(f"{what} ({ws.title}!{ref}) type", cell.data_type, "n")
    expect(f"{what} ({ws.title}!{ref}) value", cell.value, wanted)
    expect(f"{what} ({ws.title}!{ref}) format", cell.number_format, "0.00")


def text(ws, ref, wanted, what):
    cell = ws[ref]
    expect(f"{what} ({ws.title}!{ref}) type", cell.data_type, "s")
    expect(f"{what} ({ws.title}!{ref}) value", cell.value, wanted)


def main() -> int:
    cchc, source, work = sys.argv[1], sys.argv[2], sys.argv[3]
    data = f"{source}/tests/data/hand-worked"
    os.makedirs(work, exist_ok=True)
    title = "Bộ tiêu chí kiểm tra tính tay — năm 2025 (kiem-tra-tinh-tay)"

    # --- rank: a summary, then a sheet per group (so, huyen) in set order.
    out = f"{work}/rank.xlsx"
    r = run(cchc, data, "rank", "--format", "xlsx", "-o", out)
    expect("rank exit", r.returncode, 0)
    wb = openpyxl.load_workbook(out)
    expect("rank sheets", wb.sheetnames, ["Tổng hợp", "so", "huyen"])
    so = wb["so"]
    expect("so title", so["A1"].value, title + " — so — Sở, ban, ngành")
    expect("so frozen below the header", so.freeze_panes, "A4")
    expect("so header", [c.value for c in so[3]][:7],
           ["Hạng", "Mã đơn vị", "Tên đơn vị", "Tổng điểm", "Điểm tối đa", "Chỉ số (%)", "Xếp loại"])
    # --lang en: the same workbook with the English msgids as headings (names and titles of
    # the set and its groups are data, kept as they are).
    out_en = f"{work}/rank-en.xlsx"
    r = run(cchc, data, "rank", "--format", "xlsx", "-o", out_en, lang="en")
    expect("rank --lang en exit", r.returncode, 0)
    wb_en = openpyxl.load_workbook(out_en)
    expect("rank --lang en sheets", wb_en.sheetnames, ["Summary", "so", "huyen"])
    expect("rank --lang en title", wb_en["so"]["A1"].value,
           "Bộ tiêu chí kiểm tra tính tay — year 2025 (kiem-tra-tinh-tay) — so — Sở, ban, ngành")
    expect("rank --lang en header", [c.value for c in wb_en["so"][3]][:9],
           ["Rank", "Unit code", "Unit name", "Total", "Max points", "Index (%)", "Band", "Appraisal", "Survey"])
    expect("rank --lang en summary header", [c.value for c in wb_en["Summary"][3]],
           ["Group", "Group name", "Number of units", "Ranked", "Highest index (%)", "Lowest index (%)"])
    # Rank order in 'so': S1 90.00; S2 and S3 tie at exactly 80% (76.8 of 96 and 80 of 100);
    # S2 before S3 by code; S4 scored (95) but not ranked, last.
    expect("so codes", [so.cell(row=r_, column=2).value for r_ in range(4, 8)], ["S1", "S2", "S3", "S4"])
    expect("so ranks", [so.cell(row=r_, column=1).value for r_ in range(4, 8)], [1, 2, 2, "-"])
    text(so, "C5", "Sở Nội vụ", "S2 name")
    # S2: 1.1 cham 2 + 1.2 0.9 (not above 0.9, from 0.7) 3 + 1.3 na excluded + 1.4 12 (appraisal2) = 17;
    # field 2 weighted mean (3×9 + 1×10 + 1×7)/5 × 4 = 35.2; field 3 survey 24.6; total 76.8 of 96.
    number(so, "D5", 76.8, "S2 total")
    number(so, "E5", 96, "S2 max")
    number(so, "F5", 80, "S2 index")
    text(so, "G5", "Khá", "S2 band")
    number(so, "J5", 17, "S2 field 1")
    number(so, "K5", 35.2, "S2 field 2")
    number(so, "L5", 24.6, "S2 field 3")
    huyen = wb["huyen"]
    text(huyen, "C4", "UBND thành phố Vĩnh Yên", "H3 name (diacritics)")
    number(huyen, "D4", 88.54, "H3 total")
    summary = wb["Tổng hợp"]
    expect("summary groups", [summary.cell(row=r_, column=1).value for r_ in (4, 5)], ["so", "huyen"])
    expect("summary units in so", summary["C4"].value, 4)
    expect("summary ranked in so", summary["D4"].value, 3)
    number(summary, "E4", 90, "best index in so (S1)")
    number(summary, "F4", 80, "worst ranked index in so (S2, S3)")

    # --- explain S2: the scoring sheet; interior sums are formulas with exact cached values.
    out = f"{work}/explain.xlsx"
    r = run(cchc, data, "explain", "--unit", "S2", "--format", "xlsx", "-o", out)
    expect("explain exit", r.returncode, 0)
    formulas = openpyxl.load_workbook(out)["Phiếu chấm điểm"]
    cached = openpyxl.load_workbook(out, data_only=True)["Phiếu chấm điểm"]
    expect("explain header", [c.value for c in formulas[3]],
           ["STT", "Lĩnh vực / Tiêu chí / Tiêu chí thành phần", "Điểm tối đa", "Tự đánh giá", "Thẩm định",
            "Thẩm định lần 2", "Điểm đạt", "Chỉ số (%)", "Ghi chú"])
    # Rows: 4 field 1, 5..8 leaves 1.1..1.4, 9 field 2, 10..12 leaves, 13 field 3, 14..15, 16 tree, 17 thuong, 18 total.
    expect("explain ids", [formulas.cell(row=r_, column=1).value for r_ in range(4, 16)],
           ["1", "1.1", "1.2", "1.3", "1.4", "2", "2.1", "2.2", "2.3", "3", "3.1", "3.2"])
    text(formulas, "A5", "1.1", "id 1.1 stays text, not a date")
    expect("1.1 indented one level", formulas["B5"].alignment.indent, 1)
    expect("field 1: SUM of its leaves", formulas["G4"].value, "=SUM(G5,G6,G7,G8)")
    number(cached, "G4", 17, "field 1 cached (2 + 3 + 0 + 12)")
    # At the appraisal, 1.4 stood at 11: 2 + 3 + 0 + 11 = 16; the second appraisal made it 12.
    expect("field 1 at the appraisal", formulas["E4"].value, "=SUM(E5,E6,E7,E8)")
    number(cached, "E4", 16, "field 1 cached at the appraisal")
    number(cached, "E8", 11, "1.4 at the appraisal")
    number(cached, "F8", 12, "1.4 at the second appraisal")
    expect("no self-assessment: empty", cached["D4"].value, None)
    number(cached, "G9", 35.2, "field 2 (weighted mean: a number, not a SUM)")
    expect("field 2 is no formula", formulas["G9"].data_type, "n")
    number(cached, "H4", 65.38, "field 1 index: 17 / 26 = 65.3846… → 65.38")
    expect("tree total formula", formulas["G16"].value, "=SUM(G4,G9,G13)")
    number(cached, "G16", 76.8, "tree total cached (17 + 35.2 + 24.6)")
    text(formulas, "A17", "thuong", "bonus line id")
    expect("total formula", formulas["G18"].value, "=G16+G17")
    number(cached, "G18", 76.8, "total cached (76.8 + bonus 0)")
    number(cached, "H18", 80, "index")

    # --- deviations: S2's 1.4 went 11 → 12.
    out = f"{work}/deviations.xlsx"
    r = run(cchc, data, "deviations", "--unit", "S2", "--format", "xlsx", "-o", out)
    expect("deviations exit", r.returncode, 0)
    dev = openpyxl.load_workbook(out).active
    text(dev, "C4", "1.4", "deviation id")
    number(dev, "E4", 16, "1.4 max")
    expect("no self value", dev["F4"].value, None)
    number(dev, "G4", 11, "1.4 at the appraisal")
    number(dev, "H4", 12, "1.4 at the second appraisal")

    # --- gaps: the per-field sheet of S3.
    out = f"{work}/gaps.xlsx"
    r = run(cchc, data, "gaps", "--unit", "S3", "--format", "xlsx", "-o", out)
    expect("gaps exit", r.returncode, 0)
    gaps = openpyxl.load_workbook(out)
    expect("gaps sheets", gaps.sheetnames, ["Điểm bị mất", "Theo lĩnh vực"])
    fields = gaps["Theo lĩnh vực"]
    # S3 field 1: 4 (kip_thoi) + 3 (0.8: from 0.7) + 4 (no late report) + 13.5 = 24.5 of 30, lost 5.5.
    text(fields, "C4", "1", "field id")
    number(fields, "F4", 24.5, "S3 field 1 points")
    number(fields, "G4", 5.5, "S3 field 1 lost")

    # --- refusals: nothing written on bad input; never to a terminal.
    bad = f"{work}/bad.xlsx"
    if os.path.exists(bad):
        os.remove(bad)
    r = subprocess.run([cchc, "rank", "--criteria", f"{data}/criteria.yaml", "--units", f"{data}/units.csv",
                        "--evidence", f"{data}/units.csv", "--format", "xlsx", "-o", bad],
                       capture_output=True, timeout=60)
    expect("bad evidence exit", r.returncode, 1)
    expect("bad evidence: no workbook", os.path.exists(bad), False)
    leftovers = [n for n in os.listdir(work) if ".tmp-" in n]
    expect("no temporary file left", leftovers, [])
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(cchc, [cchc, "rank", "--criteria", f"{data}/criteria.yaml", "--units", f"{data}/units.csv",
                        "--evidence", f"{data}/evidence.csv", "--format", "xlsx"])
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    expect("xlsx to a terminal: usage error", os.waitstatus_to_exitcode(status), 2)
    expect("xlsx to a terminal: the message", b"name the file with -o FILE.xlsx" in b"".join(chunks), True)

    return finish()


if __name__ == "__main__":
    sys.exit(main())
