#!/usr/bin/env python3
"""`cchc robustness --format html` on the hand-counted tiny case (tests/data/robustness, weights
replayed from weights.csv, 5 runs; the counts are worked out in tests/unit/robustness_test.cpp
and check_robustness.py): the rank-interval chart places each unit's dot at its nominal rank
and its bar from rank_q05 to rank_q95, its <title> says the same in words, the table is there,
and the page is self-contained.

Usage: check_robustness_html.py CCHC DATA_DIR
"""
import re
import subprocess
import sys


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

    for f in failures:
        print(f)
    print("robustness html:", "FAILED" if failures else "ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
