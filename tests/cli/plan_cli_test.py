#!/usr/bin/env python3
"""`cchc plan` through the command: the JSON shape and values on the hand-worked set (worked
out in tests/unit/plan_test.cpp and below), every format, and the usage errors (exit 2, the
exact message, nothing written).

Usage: plan_cli_test.py CCHC DATA_DIR WORK_DIR.
"""
import decimal
import json
import os
import subprocess
import sys


def main() -> int:
    cchc, data, work = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(work, exist_ok=True)
    inputs = ["--criteria", f"{data}/criteria.yaml", "--units", f"{data}/units.csv", "--evidence", f"{data}/evidence.csv"]
    failures = []

    def run(*args):
        return subprocess.run([cchc, "plan", *inputs, *args], capture_output=True, timeout=30)

    def expect(what, actual, wanted):
        if actual != wanted:
            failures.append(f"{what}: {actual!r}, expected {wanted!r}")

    def json_of(*args):
        r = run(*args, "--format", "json")
        expect(f"{args} exit status", r.returncode, 0)
        # parse_float keeps "76.80" as written.
        return json.loads(r.stdout.decode("utf-8"), parse_float=decimal.Decimal)

    def numbers(obj):
        return {k: (str(v) if isinstance(v, decimal.Decimal) else v) for k, v in obj.items()}

    # S2 (Sở Nội vụ): 76.8 of 96 = 80.00%, "Khá" (not above 80). One step of 2.3 (7 → 7.25)
    # raises field 2 from 40 × (27 + 10 + 7) / 50 = 35.2 to 40 × 44.25 / 50 = 35.4: 77 of 96 =
    # 80.2083…% → 80.21, "Tốt"; still below S1's 90 and above S3's 80: rank 2.
    doc = json_of("--unit", "S2", "--target", "band:Tốt")
    expect("keys", list(doc), ["unit", "target", "reachable", "before", "after", "changes", "warnings"])
    expect("unit", doc["unit"], "S2")
    expect("target", doc["target"], "band:Tốt")
    expect("reachable", doc["reachable"], True)
    expect("before", numbers(doc["before"]), {"total": "76.80", "max": "96.00", "index": "80.00", "rank": 2, "band": "Khá"})
    expect("after", numbers(doc["after"]), {"total": "77.00", "max": "96.00", "index": "80.21", "rank": 2, "band": "Tốt"})
    expect("changes", [numbers(c) for c in doc["changes"]],
           [{"criterion": "2.3", "title": "Vận hành bộ phận Một cửa", "from": "7", "to": "7.25", "gain": "0.25"}])
    expect("warnings", doc["warnings"], [])

    # H2 (Lập Thạch), index 100 without the survey: every other leaf at its best gives
    # 30 + 40 + the survey's 23 = 93: out of reach; the best takes all seven changes, and 93
    # is above H3's 88.54 (rank 1) and from 85 ("Nhóm I").
    doc = json_of("--unit", "H2", "--target", "index:100")
    expect("H2 reachable", doc["reachable"], False)
    expect("H2 after", numbers(doc["after"]), {"total": "93.00", "max": "100.00", "index": "93.00", "rank": 1, "band": "Nhóm I"})
    expect("H2 changes", [(c["criterion"], c["from"], c["to"], str(c["gain"])) for c in doc["changes"]],
           [("1.1", "khong", "kip_thoi", "4.00"), ("1.2", "0.7", "91%", "3.00"), ("1.3", "2", "0", "2.00"),
            ("1.4", "10", "16", "6.00"), ("2.1", "0.85", "100%", "1.50"), ("2.2", "0.64", "80%", "2.00"),
            ("2.3", "6.5", "10", "3.50")])
    # With the survey: 3.1 (A=17;B=5;C=0;D=3: 20 × 20 / 25 = 16) and 3.2 (10 × 0.7 = 7) to a
    # share of 100% as well: 100, reached with all nine changes.
    doc = json_of("--unit", "H2", "--target", "index:100", "--include-survey")
    expect("H2 survey reachable", doc["reachable"], True)
    expect("H2 survey total", str(doc["after"]["total"]), "100.00")
    expect("H2 survey changes", [(c["criterion"], c["to"], str(c["gain"])) for c in doc["changes"]][-2:],
           [("3.1", "100%", "4.00"), ("3.2", "100%", "3.00")])

    # The human formats: the unit, the target, where it stands, the change.
    r = run("--unit", "S2", "--target", "band:Tốt")
    text = r.stdout.decode("utf-8")
    for piece in ["Sở Nội vụ (S2): plan for band:Tốt", "reachable with 1 change",
                  "now: 76.80 of 96.00, index 80.00, rank 2, band Khá", "after: 77.00 of 96.00, index 80.21, rank 2, band Tốt",
                  "Vận hành bộ phận Một cửa", "7.25", "+0.25"]:
        if piece not in text:
            failures.append(f"table: {piece!r} missing from:\n{text}")
    r = run("--unit", "S2", "--target", "band:Tốt", "--format", "md")
    if "## Sở Nội vụ (S2): plan for band:Tốt" not in r.stdout.decode("utf-8"):
        failures.append("md: heading missing")
    # The HTML page: self-contained, the plan's heading, standing and change row.
    r = run("--unit", "S2", "--target", "band:Tốt", "--format", "html")
    page = r.stdout.decode("utf-8")
    for piece in ["<!DOCTYPE html>", "<h2>Sở Nội vụ (S2): plan for band:Tốt</h2>", "<p>reachable with 1 change</p>",
                  "<p>after: 77.00 of 96.00, index 80.21, rank 2, band Tốt</p>",
                  "<td>2.3</td><td>Vận hành bộ phận Một cửa</td><td>7</td><td>7.25</td><td class=\"n\">+0.25</td>"]:
        if piece not in page:
            failures.append(f"html: {piece!r} missing")
    if "<script" in page or not page.rstrip().endswith("</html>"):
        failures.append("html: not a self-contained page")
    r = run("--unit", "S2", "--target", "band:Tốt", "--format", "csv")
    lines = r.stdout.decode("utf-8").splitlines()
    expect("csv", lines, [
        "unit,target,reachable,before_total,before_index,before_rank,before_band,after_total,after_index,after_rank,"
        "after_band,field,criterion,title,from,to,gain",
        "S2,band:Tốt,true,76.80,80.00,2,Khá,77.00,80.21,2,Tốt,2,2.3,Vận hành bộ phận Một cửa,7,7.25,0.25"])

    # Usage errors: exit 2, one message, nothing on stdout, no output file.
    out = os.path.join(work, "plan.json")
    for args, message in [
        (["--unit", "S9", "--target", "rank:1"],
         f"cchc: error: --unit 'S9': no unit with this code in '{data}/units.csv'; did you mean 'S1'?"),
        (["--unit", "S2", "--target", "rank:0"], "cchc: error: target 'rank:0': a rank must be a whole number from 1"),
        (["--unit", "S2", "--target", "band:Giỏi"],
         "cchc: error: target 'band:Giỏi': no band 'Giỏi' for unit 'S2'; its bands are 'Xuất sắc', 'Tốt', 'Khá', 'Trung bình'"),
        (["--unit", "H1", "--target", "band:Tốt"],
         "cchc: error: target 'band:Tốt': no band 'Tốt' for unit 'H1'; its bands are 'Nhóm I', 'Nhóm II', 'Nhóm III'"),
        (["--unit", "S2", "--target", "index:100.5"], "cchc: error: target 'index:100.5': an index must be a number from 0 to 100"),
        (["--unit", "S4", "--target", "rank:1"], "cchc: error: target 'rank:1': unit 'S4' is not ranked"),
        (["--unit", "S2", "--target", "top3"], "cchc: error: target 'top3': expected band:LABEL, rank:N or index:X"),
    ]:
        r = run(*args, "-o", out)
        expect(f"{args} exit status", r.returncode, 2)
        expect(f"{args} stderr", r.stderr.decode("utf-8").splitlines(), [message])
        expect(f"{args} stdout", r.stdout, b"")
        if os.path.exists(out):
            failures.append(f"{args}: {out} written")
            os.remove(out)
    r = subprocess.run([cchc, "plan", *inputs, "--unit", "S2"], capture_output=True, timeout=30)
    expect("no --target exit status", r.returncode, 2)

    for f in failures:
        print(f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
