#!/usr/bin/env python3
"""Runs the hand-worked set through `cchc rank --format json` and checks exact values.

Usage: check_hand_worked_json.py CCHC DATA_DIR. The expected values are the hand-worked
ones of tests/unit/hand_worked_test.cpp; numbers are compared as exact decimal text.
"""
import decimal
import json
import subprocess
import sys


def main() -> int:
    cchc, data = sys.argv[1], sys.argv[2]
    run = subprocess.run([cchc, "rank", "--criteria", f"{data}/criteria.yaml", "--units", f"{data}/units.csv",
                          "--evidence", f"{data}/evidence.csv", "--format", "json"],
                         capture_output=True, timeout=30)
    failures = []
    if run.returncode != 0:
        print(run.stderr.decode("utf-8", "replace"))
        print(f"exit status {run.returncode}, expected 0")
        return 1
    # parse_float keeps "76.80" as written, so "76.8" would not pass for "76.80".
    doc = json.loads(run.stdout.decode("utf-8"), parse_float=decimal.Decimal)
    number = lambda v: None if v is None else str(v)

    def expect(what, actual, wanted):
        if actual != wanted:
            failures.append(f"{what}: {actual!r}, expected {wanted!r}")

    expect("set.id", doc["set"]["id"], "kiem-tra-tinh-tay")
    expect("set.title", doc["set"]["title"], "Bộ tiêu chí kiểm tra tính tay")
    expect("set.year", doc["set"]["year"], 2025)
    expect("set.max", number(doc["set"]["max"]), "100.00")
    units = {u["code"]: u for u in doc["units"]}
    expect("unit order", [u["code"] for u in doc["units"]], ["S1", "S2", "S3", "S4", "H3", "H1", "H2"])
    # code: (name, group, total, max, index, rank, band) — worked out in hand_worked_test.cpp
    wanted = {
        "S1": ("Sở Tư pháp", "so", "90.00", "100.00", "90.00", 1, "Xuất sắc"),
        "S2": ("Sở Nội vụ", "so", "76.80", "96.00", "80.00", 2, "Khá"),
        "S3": ("Sở Tài chính", "so", "80.00", "100.00", "80.00", 2, "Khá"),
        "S4": ("Văn phòng UBND tỉnh", "so", "95.00", "100.00", "95.00", None, "Xuất sắc"),
        "H1": ("UBND huyện Tam Đảo", "huyen", "79.22", "96.00", "82.52", 2, "Nhóm II"),
        "H2": ("UBND huyện Lập Thạch", "huyen", "70.00", "100.00", "70.00", 3, "Nhóm III"),
        "H3": ("UBND thành phố Vĩnh Yên", "huyen", "88.54", "100.00", "88.54", 1, "Nhóm I"),
    }
    for code, (name, group, total, mx, index, rank, band) in wanted.items():
        u = units.get(code)
        if u is None:
            failures.append(f"{code}: missing")
            continue
        expect(f"{code}.name", u["name"], name)
        expect(f"{code}.group", u["group"], group)
        expect(f"{code}.total", number(u["total"]), total)
        expect(f"{code}.max", number(u["max"]), mx)
        expect(f"{code}.index", number(u["index"]), index)
        expect(f"{code}.rank", u["rank"], rank)
        expect(f"{code}.band", u["band"], band)
    # Field points of S2: 17 of 26 (1.3 excluded), 35.2 of 40, 24.6 of 30.
    fields = {f["id"]: (number(f["points"]), number(f["max"])) for f in units["S2"]["fields"]}
    expect("S2.fields", fields, {"1": ("17.00", "26.00"), "2": ("35.20", "40.00"), "3": ("24.60", "30.00")})
    expect("S2.fields[0].title", units["S2"]["fields"][0]["title"], "Công tác chỉ đạo, điều hành CCHC")

    for f in failures:
        print(f)
    print(f"{len(wanted)} units checked, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
