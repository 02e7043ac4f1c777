#!/usr/bin/env python3
"""`cchc robustness --format html` on the hand-counted tiny case (tests/data/robustness, weights
replayed from weights.csv, 5 runs; the counts are worked out in tests/unit/robustness_test.cpp
and check_robustness.py): the rank-interval chart places each unit's dot at its nominal rank
and its bar from rank_q05 to rank_q95, its <title> says the same in words, the table is there,
and the page is self-contained. Then the year's page (`cchc report`) on the same case: a
plan per unit to the next band up.

Usage: check_robustness_html.py CCHC DATA_DIR
"""
import pathlib
import re
import subprocess
import sys
import tempfile


def main():
    cchc, data = sys.argv[1], sys.argv[2]
    args = [cchc, "robustness", "--criteria", f"{data}/criteria.yaml", "--units", f"{data}/units.csv",
            "--evidence", f"{data}/evidence.csv", "--runs", "5", "--weights-file", f"{data}/weights.csv",
            "--format", "html"]
    p = subprocess.run(args, capture_output=True, timeout=60)
    failures = []
    if p.returncode != 0:
        print(f"exit {p.returncode}: {p.stderr.decode()}")
        return 1
    text = p.stdout.decode("utf-8")

    # Ranks per run (robustness_test.cpp): R 1 2 2 2 2, P 2 1 3 3 1, Q 2 3 1 1 3.
    # Type-7 quantiles, h = 4p + 1: R sorted 1 2 2 2 2: q05 at h = 1.2 → 1 + 0.2 × (2 − 1) = 1.2,
    # q95 at h = 4.8 → 2. P and Q sorted 1 1 2 3 3: q05 = 1, q95 = 3. Nominal: R 1, P 2, Q 2.
    expected = {"R": (1, 1.2, 2), "P": (2, 1, 3), "Q": (2, 1, 3)}
    texts = {"R": "1 (1.2 – 2)", "P": "2 (1 – 3)", "Q": "2 (1 – 3)"}

    svgs = re.findall(r"<svg.*?</svg>", text, re.S)
    if len(svgs) != 1:
        failures.append(f"{len(svgs)} charts, expected 1 (one group)")
        svgs = svgs[:1] or [""]
    svg = svgs[0]
    title = re.search(r"<title>(.*?)</title>", svg, re.S)
    if not title:
        failures.append("the chart has no <title>")
    else:
        for code, t in texts.items():
            if f"{code} rank {t}" not in title.group(1):
                failures.append(f"<title> lacks {code} rank {t!r}: {title.group(1)!r}")

    # Geometry: the rank axis runs from 1 (x = 270) to the last rank, 3 (x = 570): 150 per rank.
    # R: bar from x(1.2) = 300 to x(2) = 420, dot at x(1) = 270; P and Q: bar 270..570, dot 420.
    def x(rank):
        return 270 + 150 * (rank - 1)
    rows = svg.split("<text x=\"4\"")[1:]
    if len(rows) != 3:
        failures.append(f"{len(rows)} rows in the chart, expected 3")
    for row in rows:
        name = re.match(r'[^>]*>([^<]*)<', row).group(1)
        code = name.split(" ")[0]
        if code not in expected:
            failures.append(f"chart row {name!r}")
            continue
        rank, low, high = expected[code]
        bar = re.search(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="6"', row)
        dot = re.search(r'<circle cx="([\d.]+)"', row)
        if not bar or abs(float(bar.group(1)) - x(low)) > 1e-6 or abs(float(bar.group(1)) + float(bar.group(2)) - x(high)) > 1e-6:
            failures.append(f"{code}: interval bar {bar and bar.groups()}, expected {x(low)}..{x(high)}")
        if not dot or abs(float(dot.group(1)) - x(rank)) > 1e-6:
            failures.append(f"{code}: dot at {dot and dot.group(1)}, expected {x(rank)}")
        if f">{texts[code]}<" not in row:
            failures.append(f"{code}: no label {texts[code]!r} beside its interval")
    if [r.split(">")[1].split(" ")[0] for r in rows] != ["R", "P", "Q"]:
        failures.append("chart rows not in rank order R, P, Q")

    # The unit table with the same quantiles, and the pairs.
    for needle in ("<table", "Đơn vị R", "<td class=\"n\">1.2</td>", "P(upper stays above)", "weights replayed from"):
        if needle not in text:
            failures.append(f"no {needle!r} in the page")

    # Self-contained: no script, no URL but the SVG namespace.
    if "<script" in text.lower():
        failures.append("a <script> element")
    urls = set(re.findall(r"https?://[^\"' )]+", text))
    if urls - {"http://www.w3.org/2000/svg"}:
        failures.append(f"external URLs {sorted(urls)}")
    if not text.startswith("<!DOCTYPE html>") or not text.rstrip().endswith("</html>"):
        failures.append("not a whole page")

    # The year's page on the same case: a plan per unit to the next band up. Worked by hand:
    # the leaves a and b are points (max 50 each), Tốt from 61. R (30 + 31 = 61) is in the top
    # band: no plan. P (50 + 10 = 60): a is at its max, so b 10 → 11, gain 1, total 61.
    # Q (20 + 40 = 60): a 20 → 21 or b 40 → 41, one change of 1 point either way; set order
    # picks a. After, each ties R at 61: rank 1 (no tie-break), band Tốt.
    with tempfile.TemporaryDirectory() as work:
        page = pathlib.Path(work) / "year.html"
        q = subprocess.run([cchc, "report", "--criteria", f"{data}/criteria.yaml", "--units", f"{data}/units.csv",
                            "--evidence", f"{data}/evidence.csv", "--format", "html", "-o", str(page)],
                           capture_output=True, timeout=60)
        year = page.read_text(encoding="utf-8") if q.returncode == 0 else ""
    if q.returncode != 0:
        failures.append(f"report: exit {q.returncode}: {q.stderr.decode()}")
    plans = re.findall(r'<section class="unit plan">(.*?)</section>', year, re.S)
    want = {"P": ("<td>b</td><td>B</td><td>10</td><td>11</td><td class=\"n\">+1.00</td>"),
            "Q": ("<td>a</td><td>A</td><td>20</td><td>21</td><td class=\"n\">+1.00</td>")}
    if len(plans) != 2:
        failures.append(f"{len(plans)} plans in the year's page, expected 2 (P and Q; R is in the top band)")
    for code, row in want.items():
        plan = next((p for p in plans if f"({code}): plan for band:Tốt" in p), None)
        if plan is None:
            failures.append(f"no plan to band:Tốt for {code}")
            continue
        for needle in ("reachable with 1 change", "after: 61.00 of 100.00, index 61.00, rank 1, band Tốt", row):
            if needle not in plan:
                failures.append(f"plan of {code}: no {needle!r}")
    if any("(R): plan" in p for p in plans):
        failures.append("a plan for R, which is in the top band")

    # Without robustness options the year's page has no rank intervals (and runs nothing).
    if 'id="robustness"' in year or "rank interval" in year:
        failures.append("the year's page has rank intervals without robustness options")

    # With them: a section after the ranking with, per group, the same chart and table as the
    # robustness page (the same hand-counted intervals).
    def year_page(data_dir, *extra):
        with tempfile.TemporaryDirectory() as work:
            page = pathlib.Path(work) / "year.html"
            q = subprocess.run([cchc, "report", "--criteria", f"{data_dir}/criteria.yaml", "--units", f"{data_dir}/units.csv",
                                "--evidence", f"{data_dir}/evidence.csv", "--format", "html", "-o", str(page), *extra],
                               capture_output=True, timeout=60)
            if q.returncode != 0:
                failures.append(f"report {extra}: exit {q.returncode}: {q.stderr.decode()}")
                return ""
            return page.read_text(encoding="utf-8")

    def robustness_groups(page):
        m = re.search(r'<section id="robustness">(.*?)<section id="heatmap">', page, re.S)
        if not m:
            failures.append("no robustness section before the heatmap")
            return []
        return re.findall(r'<section class="group">(.*?)</section>', m.group(1), re.S)

    groups = robustness_groups(year_page(data, "--runs", "5", "--weights-file", f"{data}/weights.csv"))
    if len(groups) != 1:
        failures.append(f"{len(groups)} groups in the year's rank intervals, expected 1")
    for g in groups[:1]:
        chart = re.search(r"<svg.*?<title>(.*?)</title>", g, re.S)
        for code, t in texts.items():
            if not chart or f"{code} rank {t}" not in chart.group(1):
                failures.append(f"year's rank-interval chart lacks {code} rank {t!r}")
        for needle in ("<td class=\"n\">1.2</td>", "P(upper stays above)"):
            if needle not in g:
                failures.append(f"year's rank intervals: no {needle!r}")
    # The hand-worked year has two groups (so, huyen): a chart each.
    hand = str(pathlib.Path(data).parent / "hand-worked")
    groups = robustness_groups(year_page(hand, "--runs", "20", "--weights-noise", "0.1"))
    if len(groups) != 2 or not all("<svg" in g and "5–95 % rank interval" in g for g in groups):
        failures.append(f"{len(groups)} groups with a chart in the hand-worked year's rank intervals, expected 2")

    for f in failures:
        print(f)
    print("robustness html:", "FAILED" if failures else "ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
