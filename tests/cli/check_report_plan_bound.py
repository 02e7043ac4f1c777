#!/usr/bin/env python3
"""The year's report when a unit's plan cannot be searched: the report is still written, and
says so for that unit, where `cchc plan` refuses (exit 1).

The set is generated here and is illustrative: one field of 30 `points` leaves (max 10, step
0.5, so 21 values each); bands "Tốt" from 90 % and "Khá" below. Unit A has 1.5 or 2 on every
leaf (52.5 of 300 = 17.5 %, Khá): reaching 90 % takes more than 20 changes out of 21 values
each, past the plan's bound of 2,000,000 steps. Unit B has 10 everywhere (100 %, Tốt, the top
band: no plan is made for it).

Usage: check_report_plan_bound.py CCHC WORK_DIR
"""
import os
import subprocess
import sys

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def main():
    cchc, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    leaves = 30
    lines = ["schema: cchc/criteria@1", "id: gioi-han-ke-hoach", 'title: "Bộ minh họa: kế hoạch vượt giới hạn tìm kiếm"',
             f"max: {leaves * 10}", "rounding: {places: 2}", "bands:", '  - {min: 90, label: "Tốt"}', '  - {label: "Khá"}',
             "fields:", '  - id: "1"', '    title: "Lĩnh vực duy nhất"', f"    max: {leaves * 10}", "    criteria:"]
    lines += [f'      - {{id: "1.{i}", title: "Tiêu chí {i}", max: 10, rule: {{points: {{step: 0.5}}}}}}' for i in range(1, leaves + 1)]
    with open(f"{work}/criteria.yaml", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    with open(f"{work}/units.csv", "w", encoding="utf-8") as f:
        f.write("code,name\nA,Đơn vị A\nB,Đơn vị B\n")
    with open(f"{work}/evidence.csv", "w", encoding="utf-8") as f:
        f.write("unit,criterion,value\n")
        for i in range(1, leaves + 1):
            f.write(f"A,1.{i},{'1.5' if i % 2 else '2'}\nB,1.{i},10\n")
    inputs = ["--criteria", f"{work}/criteria.yaml", "--units", f"{work}/units.csv", "--evidence", f"{work}/evidence.csv", "--lang", "en"]

    plan = subprocess.run([cchc, "plan", *inputs, "--unit", "A", "--target", "band:Tốt"], capture_output=True, timeout=60)
    check(plan.returncode == 1, f"plan: exit {plan.returncode}")
    check(plan.stderr.decode() == "cchc: error: the plan's search passed its bound of 2000000 steps; the unit has too many "
                                  "changeable leaves with too many values\n", f"plan: {plan.stderr.decode()!r}")

    for fmt in ("html", "xlsx"):
        out = f"{work}/report.{fmt}"
        if os.path.exists(out):
            os.remove(out)
        r = subprocess.run([cchc, "report", *inputs, "--format", fmt, "-o", out], capture_output=True, timeout=60)
        check(r.returncode == 0 and r.stderr == b"", f"report {fmt}: exit {r.returncode}, {r.stderr.decode()!r}")
        check(os.path.exists(out), f"report {fmt}: not written")
    with open(f"{work}/report.html", encoding="utf-8") as f:
        page = f.read()
    note = "No plan to band:Tốt: its search is too large for this set (cchc plan --unit A --target band:Tốt says why)."
    check(page.count(note) == 1, "report html: A's note, once")
    check(page.count('class="unit plan"') == 1, "report html: one plan section (A's; B is in the top band)")
    try:
        import openpyxl
    except ImportError:
        print("openpyxl absent: the workbook's note is not read back")
    else:
        book = openpyxl.load_workbook(f"{work}/report.xlsx")
        texts = [c.value for row in book["A"].iter_rows() for c in row if isinstance(c.value, str)]
        check(note in texts, "report xlsx: A's sheet holds the note")

    for f in failures:
        print(f)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
