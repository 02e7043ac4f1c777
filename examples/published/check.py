#!/usr/bin/env python3
"""Recompute every published case from its shipped files and compare with expected.csv.

Usage:  python3 examples/published/check.py [CASES_DIR]      (default: this script's folder)

Independent of the cchc engine and of convert.py: it reads criteria.yaml, units.csv, evidence.csv and
expected.csv as a user would, scores them the way shared/DESIGN.md says (exact decimals; leaf points
rounded to the set's places; `sum` nodes add exactly, `weighted_mean` nodes are rounded; index = total /
max × 100 kept exact; ranks per group on the exact index, shared only when exactly equal; bands on the
index, first match from the top) and prints the largest deviation per case.  Exit status 1 on any
mismatch beyond the case's tolerance.  Standard library only; the YAML reader understands just the subset
convert.py writes (block mappings and sequences, flow mappings and sequences, JSON-style double-quoted
strings, plain scalars, whole-line comments).
"""

import csv
import json
import os
import re
import sys
from decimal import Decimal, ROUND_HALF_UP, ROUND_HALF_EVEN
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
TOLERANCE = {"pci": Decimal("0.00001"), "papi": Decimal("0.00001")}   # float32 publishers; others exact


# --------------------------------------------------------------------------- a small YAML subset reader

_NUM = re.compile(r"^-?\d+(\.\d+)?$")


def _plain(text):
    text = text.strip()
    if _NUM.match(text):
        return Decimal(text)
    if text in ("true", "false"):
        return text == "true"
    if text in ("null", "~", ""):
        return None
    return text


class _Flow:
    def __init__(self, s):
        self.s, self.i = s, 0

    def ws(self):
        while self.i < len(self.s) and self.s[self.i] == " ":
            self.i += 1

    def value(self):
        self.ws()
        c = self.s[self.i]
        if c == "{":
            self.i += 1
            out = {}
            self.ws()
            if self.s[self.i] == "}":
                self.i += 1
                return out
            while True:
                k = self.scalar(":")
                if self.s[self.i] != ":":
                    raise ValueError(f"':' expected in {self.s!r}")
                self.i += 1
                if k in out:
                    raise ValueError(f"duplicate key {k!r}")
                out[k] = self.value()
                self.ws()
                c = self.s[self.i]
                self.i += 1
                if c == "}":
                    return out
                if c != ",":
                    raise ValueError(f"',' or '}}' expected in {self.s!r}")
        if c == "[":
            self.i += 1
            out = []
            self.ws()
            if self.s[self.i] == "]":
                self.i += 1
                return out
            while True:
                out.append(self.value())
                self.ws()
                c = self.s[self.i]
                self.i += 1
                if c == "]":
                    return out
                if c != ",":
                    raise ValueError(f"',' or ']' expected in {self.s!r}")
        return self.scalar(",}]")

    def scalar(self, stops):
        self.ws()
        if self.s[self.i] == '"':
            v, end = json.JSONDecoder().raw_decode(self.s, self.i)
            self.i = end
            self.ws()
            return v
        j = self.i
        while j < len(self.s) and self.s[j] not in stops:
            j += 1
        text, self.i = self.s[self.i:j], j
        return _plain(text)


def _inline(text):
    text = text.strip()
    if text[:1] in "{[\"":
        f = _Flow(text)
        v = f.value()
        f.ws()
        if f.i != len(text):
            raise ValueError(f"trailing text in {text!r}")
        return v
    return _plain(text)


def _split_key(text):
    """'key: rest' -> (key, rest); the key may be plain or double-quoted."""
    if text.startswith('"'):
        k, end = json.JSONDecoder().raw_decode(text, 0)
        rest = text[end:]
    else:
        m = re.match(r"^([^:\s][^:]*?):(?=\s|$)", text)
        if not m:
            raise ValueError(f"mapping key expected: {text!r}")
        k, rest = m.group(1), text[m.end(1):]
    if not rest.startswith(":"):
        raise ValueError(f"':' expected: {text!r}")
    return k, rest[1:].strip()


def load_yaml(text):
    lines = []
    for raw in text.split("\n"):
        s = raw.rstrip()
        if not s.strip() or s.lstrip().startswith("#"):
            continue
        lines.append((len(s) - len(s.lstrip(" ")), s.strip()))
    value, i = _block(lines, 0, lines[0][0])
    if i != len(lines):
        raise ValueError(f"unexpected text: {lines[i][1]!r}")
    return value


def _block(lines, i, indent):
    if lines[i][1].startswith("- ") or lines[i][1] == "-":
        out = []
        while i < len(lines) and lines[i][0] == indent and lines[i][1].startswith("-"):
            rest = lines[i][1][1:].strip()
            if rest[:1] in "{[\"" or not re.match(r"^[^:\s][^:]*?:(\s|$)", rest):
                out.append(_inline(rest))
                i += 1
            else:   # a mapping whose first key sits on the dash line
                sub = [(indent + 2, rest)]
                j = i + 1
                while j < len(lines) and lines[j][0] > indent:
                    sub.append(lines[j])
                    j += 1
                v, k = _block(sub, 0, indent + 2)
                if k != len(sub):
                    raise ValueError(f"bad item near {rest!r}")
                out.append(v)
                i = j
        return out, i
    out = {}
    while i < len(lines) and lines[i][0] == indent:
        k, rest = _split_key(lines[i][1])
        if k in out:
            raise ValueError(f"duplicate key {k!r}")
        i += 1
        if rest:
            out[k] = _inline(rest)
        elif i < len(lines) and lines[i][0] > indent:
            out[k], i = _block(lines, i, lines[i][0])
        else:
            out[k] = None
    return out, i


# --------------------------------------------------------------------------- scoring (DESIGN.md)

def rnd(x, places, mode):
    q = Decimal(1).scaleb(-places)
    return x.quantize(q, rounding=ROUND_HALF_UP if mode == "half_up" else ROUND_HALF_EVEN)


def frac_to_dec(fr, places, mode):
    """Round an exact Fraction to `places` decimals."""
    scaled = fr * (10 ** places)
    n, d = scaled.numerator, scaled.denominator
    q, r = divmod(abs(n), d)
    twice = 2 * r
    if twice > d or (twice == d and (mode == "half_up" or q % 2 == 1)):
        q += 1
    return Decimal(-q if n < 0 else q).scaleb(-places)


class Problem(Exception):
    pass


def check_tree(node, path="root"):
    kids = node.get("fields") or node.get("criteria") or []
    agg = node.get("aggregate", "sum")
    if kids and agg == "sum":
        s = sum(k["max"] for k in kids)
        if s != node["max"]:
            raise Problem(f"{path}: children's maxima add to {s}, not {node['max']}")
    if kids and agg == "weighted_mean":
        for k in kids:
            if "weight" not in k:
                raise Problem(f"{k['id']}: weight missing under weighted_mean")
    for k in kids:
        check_tree(k, k["id"])


def leaves(node):
    kids = node.get("fields") or node.get("criteria") or []
    if not kids:
        return [node]
    return [x for k in kids for x in leaves(k)]


def score(node, ev, places, mode):
    kids = node.get("fields") or node.get("criteria") or []
    if not kids:
        rule = node.get("rule") or {"points": {}}
        if set(rule) != {"points"}:
            raise Problem(f"{node['id']}: only the points rule is expected here")
        v = Decimal(ev[node["id"]])
        if not Decimal(0) <= v <= node["max"]:
            raise Problem(f"{node['id']}: {v} outside 0..{node['max']}")
        step = (rule["points"] or {}).get("step")
        if step is not None and v % step != 0:
            raise Problem(f"{node['id']}: {v} not a multiple of {step}")
        return rnd(v, places, mode)
    pts = [score(k, ev, places, mode) for k in kids]
    if node.get("aggregate", "sum") == "sum":
        return sum(pts)
    num = sum(Fraction(k["weight"]) * Fraction(p) / Fraction(k["max"]) for k, p in zip(kids, pts))
    den = sum(Fraction(k["weight"]) for k in kids)
    return frac_to_dec(Fraction(node["max"]) * num / den, places, mode)


def band_of(index, bands):
    for b in bands or []:
        if "min" in b and not index >= Fraction(b["min"]):
            continue
        if "above" in b and not index > Fraction(b["above"]):
            continue
        return b["label"]
    return ""


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def check_case(folder):
    name = os.path.basename(folder)
    with open(os.path.join(folder, "criteria.yaml"), encoding="utf-8") as f:
        text = f.read()
    crit = load_yaml(text)
    if crit.get("schema") != "cchc/criteria@1":
        raise Problem("schema is not cchc/criteria@1")
    if not text.startswith("# source:"):
        raise Problem("criteria.yaml does not start with the source line")
    check_tree(crit)
    places = int(crit.get("rounding", {}).get("places", 2))
    mode = crit.get("rounding", {}).get("mode", "half_up")
    units = read_csv(os.path.join(folder, "units.csv"))
    evid_rows = read_csv(os.path.join(folder, "evidence.csv"))
    expected = read_csv(os.path.join(folder, "expected.csv"))

    ev = {u["code"]: {} for u in units}
    if len(ev) != len(units):
        raise Problem("duplicate unit codes")
    if "criterion" in evid_rows[0]:
        for r in evid_rows:
            if r["criterion"] in ev[r["unit"]]:
                raise Problem(f"{r['unit']} {r['criterion']} given twice")
            ev[r["unit"]][r["criterion"]] = r["value"]
    else:
        for r in evid_rows:
            ev[r["unit"]].update({k: v for k, v in r.items() if k != "unit"})
    leaf_ids = {l["id"] for l in leaves(crit)}
    for code, e in ev.items():
        if set(e) != leaf_ids:
            raise Problem(f"{code}: evidence for {sorted(set(e) ^ leaf_ids)} missing or extra")

    groups = crit.get("groups") or {}
    result = {}
    for u in units:
        total = score(crit, ev[u["code"]], places, mode)
        index = Fraction(total) / Fraction(crit["max"]) * 100
        g = u.get("group") or ""
        if g and g not in groups:
            raise Problem(f"{u['code']}: unknown group {g}")
        bands = (groups.get(g) or {}).get("bands") or crit.get("bands")
        result[u["code"]] = {"name": u["name"], "group": g, "total": total, "index": index,
                             "shown": frac_to_dec(index, places, mode), "band": band_of(index, bands)}
    for code, r in result.items():
        r["rank"] = 1 + sum(1 for o in result.values() if o["group"] == r["group"] and o["index"] > r["index"])

    tol = TOLERANCE.get(name.split("-")[0], Decimal(0))
    dev_total = dev_index = Decimal(0)
    problems = []
    matched = 0
    for e in expected:
        if not e["code"]:      # a summary row (Bình Dương's published mean)
            shown = [r["shown"] for r in result.values()]
            mean = rnd(sum(shown) / len(shown), 2, "half_up")
            if mean != Decimal(e["index"]):
                problems.append(f"mean index {mean} != published {e['index']}")
            continue
        matched += 1
        r = result.get(e["code"])
        if r is None:
            problems.append(f"{e['code']}: in expected.csv, not in units.csv")
            continue
        if r["name"] != e["name"] or r["group"] != e["group"]:
            problems.append(f"{e['code']}: name/group differ")
        d = abs(r["total"] - Decimal(e["total"]))
        dev_total = max(dev_total, d)
        if d > tol:
            problems.append(f"{e['code']}: total {r['total']} vs {e['total']}")
        if e["index"]:
            d = abs(r["shown"] - Decimal(e["index"]))
            dev_index = max(dev_index, d)
            if d > tol:
                problems.append(f"{e['code']}: index {r['shown']} vs {e['index']}")
        if str(r["rank"]) != e["rank"]:
            problems.append(f"{e['code']}: rank {r['rank']} vs {e['rank']}")
        if e["band"] and r["band"] != e["band"]:
            problems.append(f"{e['code']}: band {r['band']} vs {e['band']}")
    if matched != len(result):
        problems.append(f"{len(result)} units but {matched} expected rows")
    return name, len(units), sum(len(e) for e in ev.values()), dev_total, dev_index, tol, problems


def fmt(d):
    return "0" if d == 0 else f"{d:.1E}"


def main(argv):
    root = argv[1] if len(argv) > 1 else HERE
    bad = 0
    for entry in sorted(os.listdir(root)):
        folder = os.path.join(root, entry)
        if not os.path.isfile(os.path.join(folder, "criteria.yaml")):
            continue
        try:
            name, n_units, n_values, dt, di, tol, problems = check_case(folder)
        except (Problem, ValueError, KeyError) as exc:
            print(f"{entry}: ERROR {exc}")
            bad += 1
            continue
        status = "ok" if not problems else "MISMATCH"
        print(f"{name}: {status}  units {n_units}  values {n_values}  max |total dev| {fmt(dt)}  "
              f"max |index dev| {fmt(di)}  (tolerance {fmt(tol)})")
        for p in problems:
            print(f"  {p}")
        bad += bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
