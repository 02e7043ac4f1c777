#!/usr/bin/env python3
"""`cchc robustness` through the command, in every format, on the tiny case whose runs are
counted by hand in tests/unit/robustness_test.cpp (tests/data/robustness: weights replayed
from weights.csv); and the same output on 1, 2 and 3 threads.

Usage: check_robustness.py CCHC DATA_DIR WORK_DIR
"""
import csv
import io
import json
import pathlib
import shutil
import subprocess
import sys


def main():
    cchc, data, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    base = [cchc, "robustness", "--criteria", str(data / "criteria.yaml"), "--units", str(data / "units.csv"),
            "--evidence", str(data / "evidence.csv"), "--runs", "5", "--weights-file", str(data / "weights.csv")]
    failures = []

    def run(*extra):
        p = subprocess.run(base + list(extra), capture_output=True, timeout=60)
        if p.returncode != 0:
            failures.append(f"{extra}: exit {p.returncode}: {p.stderr.decode()}")
        return p.stdout.decode("utf-8")

    doc = json.loads(run("--format", "json"))
    units = {u["code"]: u for u in doc["units"]}
    # Worked out in tests/unit/robustness_test.cpp: ranks per run P 2 1 3 3 1, Q 2 3 1 1 3,
    # R 1 2 2 2 2; R in Tốt in runs 1, 3, 4.
    expected = {
        "R": dict(group="", rank=1, band="Tốt", rank_mean=1.8, rank_median=2, rank_q05=1.2, rank_q95=2,
                  band_probabilities={"Tốt": 0.6, "Khá": 0.4}, p_rank_1=0.2, p_keep_band=0.6),
        "P": dict(group="", rank=2, band="Khá", rank_mean=2, rank_median=2, rank_q05=1, rank_q95=3,
                  band_probabilities={"Tốt": 0.4, "Khá": 0.6}, p_rank_1=0.4, p_keep_band=0.6),
        "Q": dict(group="", rank=2, band="Khá", rank_mean=2, rank_median=2, rank_q05=1, rank_q95=3,
                  band_probabilities={"Tốt": 0.4, "Khá": 0.6}, p_rank_1=0.4, p_keep_band=0.6),
    }
    if [u["code"] for u in doc["units"]] != ["R", "P", "Q"]:
        failures.append(f"unit order {[u['code'] for u in doc['units']]}, expected R, P, Q")
    for code, want in expected.items():
        for key, value in want.items():
            if units[code].get(key) != value:
                failures.append(f"json {code}.{key}: {units[code].get(key)!r}, expected {value!r}")
    pairs = [(p["upper"], p["lower"], p["p_upper_above"]) for p in doc["groups"][0]["pairs"]]
    if pairs != [("R", "P", 0.6), ("P", "Q", 0.4)]:
        failures.append(f"pairs {pairs}")
    if doc["warnings"] != [] or doc["runs"] != 5:
        failures.append("runs or warnings")

    rows = list(csv.DictReader(io.StringIO(run("--format", "csv"))))
    r = next(row for row in rows if row["code"] == "R")
    if (r["rank_q05"], r["p_band:Tốt"], r["p_band:Khá"], r["rank_mean"]) != ("1.2", "0.6", "0.4", "1.8"):
        failures.append(f"csv row R: {r}")
    comma = list(csv.DictReader(io.StringIO(run("--format", "csv", "--decimal-comma")), delimiter=";"))
    if next(row for row in comma if row["code"] == "R")["rank_q05"] != "1,2":
        failures.append("csv --decimal-comma: rank_q05 of R is not 1,2")
    table = run("--format", "table")
    md = run("--format", "md")
    for name, text in (("table", table), ("md", md)):
        for needle in ("Đơn vị R", "P(Tốt)", "P(upper stays above)", "weights replayed from"):
            if needle not in text:
                failures.append(f"{name}: no {needle!r}")

    noisy = [cchc, "robustness", "--criteria", str(data / "criteria.yaml"), "--units", str(data / "units.csv"),
             "--evidence", str(data / "evidence.csv"), "--runs", "500", "--weights-noise", "0.3", "--format", "json"]
    outs = [subprocess.run(noisy + ["--threads", t], capture_output=True, timeout=60).stdout for t in ("1", "2", "3")]
    if not (outs[0] == outs[1] == outs[2]) or not outs[0]:
        failures.append("--threads 1, 2, 3 give different output")

    sobol = json.loads(subprocess.run(noisy + ["--sobol"], capture_output=True, timeout=60).stdout)["sobol"]
    if [x["source"] for x in sobol] != ["weights"] or not (sobol[0]["total_ci"][0] <= sobol[0]["total"] <= sobol[0]["total_ci"][1]):
        failures.append(f"--sobol: {sobol}")
    if doc["sobol"] != []:
        failures.append("sobol not an empty list without --sobol")

    for f in failures:
        print(f)
    print("robustness through the command:", "FAILED" if failures else "ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
