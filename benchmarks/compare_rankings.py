#!/usr/bin/env python3
"""Do two ranking reports (cchc rank --format json, pandas_rank.py) agree?

    python3 compare_rankings.py CCHC.json PANDAS.json

Exit 0 when they agree on every unit (same order, group, total, max, index, rank, band, appraisal,
survey, field points and adjustments), 1 otherwise, listing the first differences. Numbers are
compared as exact decimals. Byte-identical files are reported as such.
"""

import json
import sys
from decimal import Decimal

COMPARED = ["group", "total", "max", "index", "rank", "band", "appraisal", "survey"]


def load(path):
    with open(path, "rb") as f:
        raw = f.read()
    return raw, json.loads(raw, parse_float=Decimal, parse_int=Decimal)


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    (raw_a, a), (raw_b, b) = load(argv[1]), load(argv[2])
    if raw_a == raw_b:
        print("results agree: the two reports are byte-identical (%d units)" % len(a["units"]))
        return 0
    problems = []
    if a["set"] != b["set"]:
        problems.append("set: %s vs %s" % (a["set"], b["set"]))
    ua, ub = a["units"], b["units"]
    if [u["code"] for u in ua] != [u["code"] for u in ub]:
        problems.append("the units are listed in a different order (or differ)")
    by_code = {u["code"]: u for u in ub}
    for u in ua:
        v = by_code.get(u["code"])
        if v is None:
            problems.append("%s: missing from %s" % (u["code"], argv[2]))
            continue
        for key in COMPARED:
            if u.get(key) != v.get(key):
                problems.append("%s: %s %s vs %s" % (u["code"], key, u.get(key), v.get(key)))
        for fa, fb in zip(u["fields"], v["fields"]):
            if (fa["points"], fa["max"]) != (fb["points"], fb["max"]):
                problems.append("%s: field %s %s/%s vs %s/%s" % (u["code"], fa["id"], fa["points"], fa["max"], fb["points"], fb["max"]))
        if u.get("adjustments") != v.get("adjustments"):
            problems.append("%s: adjustments %s vs %s" % (u["code"], u.get("adjustments"), v.get("adjustments")))
    if not problems:
        print("results agree on every unit (%d units; the files differ only in layout)" % len(ua))
        return 0
    print("RESULTS DIFFER: %d differences; the first ones:" % len(problems))
    for p in problems[:25]:
        print("  " + p)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
