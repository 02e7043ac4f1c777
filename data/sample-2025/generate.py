#!/usr/bin/env python3
"""Generate the ILLUSTRATIVE sample year data/sample-2025/{units,evidence}.csv.

The data are invented: they exist to exercise every rule of criteria/so-ban-nganh-mau.yaml
with realistic-looking numbers. Nothing here is an official result.

    python3 data/sample-2025/generate.py          # rewrites units.csv and evidence.csv
    python3 data/sample-2025/generate.py --check  # regenerates in memory, fails if the files differ

Standard library only; a fixed seed makes the output byte-identical on every run. The criteria file
is read with a small parser for the YAML subset it is written in (block mappings and sequences,
flow collections, quoted and plain scalars, comments); numbers are exact decimals. The script checks
the set (ids unique, maxima add up, option and tier points within the maximum) and every value it
writes, then scores the year with exact decimals to print a summary and to make two units tie.
"""

import random
import re
import sys
from decimal import Decimal, ROUND_HALF_UP, ROUND_FLOOR, ROUND_CEILING
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CRITERIA = ROOT / "criteria" / "so-ban-nganh-mau.yaml"
SEED = 20250101

# --------------------------------------------------------------------------- units
# code, name, strength (0..1: how well the unit does), flags of leaves it marks "na", ranked.
#   no_qppl: no legal document to draft this year   -> 2.1.1, 2.1.2 na (exclude)
#   no_dtc:  no public investment capital assigned  -> 6.1.1 na (exclude)
#   no_dvsn: no public service unit under it        -> 6.3.1, 6.3.2 na (exclude)
#   no_pakn: no citizen feedback received           -> 3.5.2 na (full points)
# 3.4.2 is "na" (full points) at a stage whose 3.4.1 on-time rate is 100% (no late file).
UNITS = [
    ("STC", "Sở Tài chính", 0.86, set(), True),
    ("SXD", "Sở Xây dựng", 0.74, set(), True),
    ("STP", "Sở Tư pháp", 0.93, {"no_dtc"}, True),
    ("SNV", "Sở Nội vụ", 0.88, set(), True),
    ("SCT", "Sở Công Thương", 0.72, set(), True),
    ("SNNMT", "Sở Nông nghiệp và Môi trường", 0.66, set(), True),
    ("SKHCN", "Sở Khoa học và Công nghệ", 0.84, {"no_pakn"}, True),
    ("SGDDT", "Sở Giáo dục và Đào tạo", 0.80, set(), True),
    ("SYT", "Sở Y tế", 0.60, set(), True),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", 0.78, set(), True),
    ("SDTTG", "Sở Dân tộc và Tôn giáo", 0.62, {"no_dtc", "no_pakn"}, False),
    ("SNGV", "Sở Ngoại vụ", 0.76, {"no_qppl", "no_dtc", "no_dvsn", "no_pakn"}, True),
    ("TTT", "Thanh tra tỉnh", 0.82, {"no_qppl", "no_dtc", "no_dvsn"}, True),
    ("VPUBND", "Văn phòng Ủy ban nhân dân tỉnh", 0.95, set(), True),
    ("BQLKCN", "Ban Quản lý các khu công nghiệp", 0.50, {"no_qppl", "no_dvsn"}, True),
]

NA_FLAGS = {
    "2.1.1": "no_qppl", "2.1.2": "no_qppl",
    "6.1.1": "no_dtc",
    "6.3.1": "no_dvsn", "6.3.2": "no_dvsn",
    "3.5.2": "no_pakn",
}

# Adjustments (adjustment id -> {unit: {stage: value}}), values within the line's max.
ADJUSTMENTS = {
    "thuong": {
        "VPUBND": {"self": "2", "appraisal": "1.5"},
        "STP": {"self": "1", "appraisal": "1"},
        "SNV": {"self": "1.5", "appraisal": "0.5"},
        "SKHCN": {"self": "1", "appraisal": "1", "appraisal2": "1.5"},
    },
    "phat": {
        "SNNMT": {"appraisal": "1"},
        "SXD": {"appraisal": "0.5"},
        "SCT": {"appraisal": "1.5", "appraisal2": "1"},
    },
}

STAGES = ("self", "appraisal", "appraisal2")


# --------------------------------------------------------------------------- YAML subset
class YamlError(Exception):
    pass


def _strip_comment(line):
    quote = None
    for i, c in enumerate(line):
        if quote:
            if c == "\\" and quote == '"':
                continue
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line.rstrip()


def _depth(text):
    depth, quote, esc = 0, None, False
    for c in text:
        if quote:
            if esc:
                esc = False
            elif c == "\\" and quote == '"':
                esc = True
            elif c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
    return depth


def _logical_lines(text):
    out, buf, buf_indent = [], None, 0
    for raw in text.splitlines():
        line = _strip_comment(raw)
        if not line.strip():
            continue
        if buf is not None:
            buf += " " + line.strip()
            if _depth(buf) <= 0:
                out.append((buf_indent, buf))
                buf = None
            continue
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        if _depth(body) > 0:
            buf, buf_indent = body, indent
        else:
            out.append((indent, body))
    if buf is not None:
        raise YamlError("unterminated flow collection")
    return out


_INT = re.compile(r"^[-+]?[0-9]+$")
_DEC = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)$")


def _plain(s):
    s = s.strip()
    if s in ("", "~", "null"):
        return None
    if s in ("true", "false"):
        return s == "true"
    if _INT.match(s):
        return int(s)
    if _DEC.match(s):
        return Decimal(s)
    return s


def _split_key(text):
    """Split 'key: value' at the first ': ' (or trailing ':') outside quotes; None if not a pair."""
    quote = None
    for i, c in enumerate(text):
        if quote:
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c in "[{":
            return None
        elif c == ":" and (i + 1 == len(text) or text[i + 1] == " "):
            return _scalar(text[:i]), text[i + 1:].strip()
    return None


def _scalar(text):
    text = text.strip()
    if text.startswith('"'):
        val, pos = _flow(text, 0)
        return val
    if text.startswith("'"):
        return text[1:-1].replace("''", "'")
    return _plain(text)


def _flow(s, i):
    """Parse a flow value starting at s[i]; return (value, next index)."""
    while s[i] == " ":
        i += 1
    c = s[i]
    if c == "{":
        result, i = {}, i + 1
        while True:
            while s[i] in " ,":
                i += 1
            if s[i] == "}":
                return result, i + 1
            key, i = _flow(s, i)
            while s[i] == " ":
                i += 1
            if s[i] != ":":
                raise YamlError("expected ':' in flow mapping: " + s)
            value, i = _flow(s, i + 1)
            if key in result:
                raise YamlError("duplicate key %r" % (key,))
            result[key] = value
    if c == "[":
        result, i = [], i + 1
        while True:
            while s[i] in " ,":
                i += 1
            if s[i] == "]":
                return result, i + 1
            value, i = _flow(s, i)
            result.append(value)
    if c == '"':
        j, out = i + 1, []
        while s[j] != '"':
            if s[j] == "\\":
                j += 1
                out.append({"n": "\n", "t": "\t"}.get(s[j], s[j]))
            else:
                out.append(s[j])
            j += 1
        return "".join(out), j + 1
    if c == "'":
        j = i + 1
        while not (s[j] == "'" and s[j + 1:j + 2] != "'"):
            j += 2 if s[j] == "'" else 1
        return s[i + 1:j].replace("''", "'"), j + 1
    j = i
    while j < len(s) and s[j] not in ",]}" and not (s[j] == ":" and s[j + 1:j + 2] in (" ", "")):
        j += 1
    return _plain(s[i:j]), j


def _value(text):
    if text.startswith(("{", "[")):
        val, end = _flow(text, 0)
        if text[end:].strip():
            raise YamlError("trailing text after flow value: " + text)
        return val
    return _scalar(text)


def _block(lines, i, indent):
    if lines[i][1].startswith("- ") or lines[i][1] == "-":
        seq = []
        while i < len(lines) and lines[i][0] == indent and (lines[i][1].startswith("- ") or lines[i][1] == "-"):
            rest = lines[i][1][1:].strip()
            if not rest:
                val, i = _block(lines, i + 1, lines[i + 1][0])
            elif _split_key(rest) is not None:
                lines[i] = (indent + 2, rest)
                val, i = _block(lines, i, indent + 2)
            else:
                val, i = _value(rest), i + 1
            seq.append(val)
        return seq, i
    mapping = {}
    while i < len(lines) and lines[i][0] == indent and not lines[i][1].startswith("- "):
        kv = _split_key(lines[i][1])
        if kv is None:
            raise YamlError("expected 'key: value': " + lines[i][1])
        key, rest = kv
        if key in mapping:
            raise YamlError("duplicate key %r" % (key,))
        if rest:
            mapping[key], i = _value(rest), i + 1
        elif i + 1 < len(lines) and (lines[i + 1][0] > indent or
                                     (lines[i + 1][0] == indent and lines[i + 1][1].startswith("- "))):
            mapping[key], i = _block(lines, i + 1, lines[i + 1][0])
        else:
            mapping[key], i = None, i + 1
    return mapping, i


def load_yaml(path):
    lines = _logical_lines(Path(path).read_text(encoding="utf-8"))
    doc, end = _block(lines, 0, lines[0][0])
    if end != len(lines):
        raise YamlError("unexpected indentation at: " + lines[end][1])
    return doc


# --------------------------------------------------------------------------- criteria
def D(x):
    return x if isinstance(x, Decimal) else Decimal(str(x))


class Node:
    def __init__(self, raw, parent):
        self.id = raw["id"]
        self.title = raw["title"]
        self.max = D(raw["max"])
        self.rule = raw.get("rule")
        self.na = raw.get("na")
        self.weight = D(raw["weight"]) if "weight" in raw else None
        self.aggregate = raw.get("aggregate", "sum")
        self.source = raw.get("source", parent.source if parent else "appraisal")
        self.children = [Node(c, self) for c in raw.get("criteria", []) or []]
        if not self.children and self.rule is None:
            self.rule = {"points": {}}

    @property
    def kind(self):
        return next(iter(self.rule)) if self.rule else None

    def leaves(self):
        if not self.children:
            yield self
        for c in self.children:
            yield from c.leaves()

    def nodes(self):
        yield self
        for c in self.children:
            yield from c.nodes()


def load_set(path):
    doc = load_yaml(path)
    assert doc["schema"] == "cchc/criteria@1"
    fields = [Node(f, None) for f in doc["fields"]]
    return doc, fields


def check_set(doc, fields):
    errors = []
    ids = [n.id for f in fields for n in f.nodes()]
    for a in doc.get("adjustments", []):
        ids.append(a["id"])
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        errors.append("duplicate ids: %s" % sorted(dup))
    if any(not isinstance(i, str) for i in ids):
        errors.append("non-string ids")
    if sum(f.max for f in fields) != D(doc["max"]):
        errors.append("fields add up to %s, set max %s" % (sum(f.max for f in fields), doc["max"]))
    for f in fields:
        for n in f.nodes():
            if n.children:
                if n.aggregate == "sum" and sum(c.max for c in n.children) != n.max:
                    errors.append("%s: children add up to %s, max %s" % (n.id, sum(c.max for c in n.children), n.max))
                if n.aggregate == "weighted_mean" and any(c.weight is None or c.weight <= 0 for c in n.children):
                    errors.append("%s: weighted_mean child without a positive weight" % n.id)
                continue
            k, arg = n.kind, n.rule[n.kind]
            if k == "options":
                if any(D(p) > n.max or D(p) < 0 for p in arg.values()):
                    errors.append("%s: option points outside 0..max" % n.id)
            elif k == "tiers":
                if any(D(t["points"]) > n.max for t in arg):
                    errors.append("%s: tier points above max" % n.id)
                if any(("min" in t or "above" in t) for t in arg[-1:]):
                    errors.append("%s: last tier has a bound" % n.id)
            elif k == "survey":
                if n.source != "survey":
                    errors.append("%s: survey rule outside a survey field" % n.id)
            elif k not in ("points", "proportional", "deduct"):
                errors.append("%s: unknown rule %s" % (n.id, k))
            if n.na not in (None, "exclude", "full_points"):
                errors.append("%s: bad na %r" % (n.id, n.na))
    return errors


# --------------------------------------------------------------------------- values
def fmt(d):
    d = D(d)
    s = format(d.normalize(), "f") if d != 0 else "0"
    return s


def q(d, places="0.01"):
    return D(d).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def parse_rate(v):
    v = v.strip()
    if v.endswith("%"):
        return D(v[:-1].replace(",", ".")) / 100
    return D(v)


def parse_survey(v, answers):
    if "=" not in v:
        return D(v)
    counts = {}
    for part in v.split(";"):
        k, c = part.split("=")
        if k not in answers:
            raise ValueError("unknown answer " + k)
        if not c.isdigit():
            raise ValueError("bad count " + c)
        counts[k] = int(c)
    total = sum(counts.values())
    if total == 0:
        raise ValueError("no answers")
    return sum(D(c) * D(answers[k]) for k, c in counts.items()) / total


def leaf_points(leaf, value):
    """Exact points of one leaf for one evidence value (raises on an invalid value)."""
    if value == "na":
        if leaf.na == "exclude":
            return None
        if leaf.na == "full_points":
            return leaf.max
        raise ValueError("%s cannot be na" % leaf.id)
    k, arg = leaf.kind, leaf.rule[leaf.kind]
    if k == "points":
        p = D(value)
        step = D(arg.get("step")) if arg and arg.get("step") is not None else None
        if not (0 <= p <= leaf.max) or (step and p % step != 0):
            raise ValueError("%s: points %s invalid" % (leaf.id, value))
        return p
    if k == "options":
        if value not in arg:
            raise ValueError("%s: unknown option %s" % (leaf.id, value))
        return D(arg[value])
    if k == "tiers":
        r = parse_rate(value)
        if not (0 <= r <= 1):
            raise ValueError("%s: rate %s out of range" % (leaf.id, value))
        for t in arg:
            if ("min" in t and r >= D(t["min"])) or ("above" in t and r > D(t["above"])) or \
                    ("min" not in t and "above" not in t):
                return D(t["points"])
        raise ValueError("%s: no tier for %s" % (leaf.id, value))
    if k == "proportional":
        r = parse_rate(value)
        if not (0 <= r <= 1):
            raise ValueError("%s: rate %s out of range" % (leaf.id, value))
        target = D(arg.get("target", 1)) if arg else Decimal(1)
        return q(leaf.max * min(r / target, Decimal(1)))
    if k == "deduct":
        if not value.isdigit():
            raise ValueError("%s: count %s invalid" % (leaf.id, value))
        return max(Decimal(0), leaf.max - D(arg["per"]) * int(value))
    if k == "survey":
        share = parse_survey(value, arg["answers"])
        if not (0 <= share <= 1):
            raise ValueError("%s: share %s out of range" % (leaf.id, value))
        return q(leaf.max * share)
    raise ValueError("unknown rule " + k)


def score_node(node, values):
    """(points, applicable max) of a node; values maps leaf id -> final value."""
    if not node.children:
        p = leaf_points(node, values[node.id])
        return (Decimal(0), Decimal(0)) if p is None else (q(p), node.max)
    parts = [score_node(c, values) for c in node.children]
    if node.aggregate == "weighted_mean":
        live = [(c, p, m) for c, (p, m) in zip(node.children, parts) if m > 0]
        if not live:
            return Decimal(0), Decimal(0)
        w = sum(c.weight for c, _, _ in live)
        return q(node.max * sum(c.weight * p / m for c, p, m in live) / w), node.max
    return sum(p for p, _ in parts), sum(m for _, m in parts)


# --------------------------------------------------------------------------- generation
def step_floor(x, step):
    return (D(x) / step).to_integral_value(rounding=ROUND_FLOOR) * step


def rate_text(rng, r):
    """A rate in one of the accepted spellings: 0.935, 93% or 93.5%.

    A decimal comma ("93,5%") is accepted only in ';'-separated files, so this comma-separated
    file never uses one.
    """
    r = D(r)
    pct = r * 100
    u = rng.random()
    if pct == pct.to_integral_value() and u < 0.3:
        return fmt(pct) + "%"
    if pct * 10 == (pct * 10).to_integral_value() and pct != pct.to_integral_value() and u < 0.12:
        return fmt(pct) + "%"
    return fmt(r)


def gen_tier_rate(rng, tiers, idx):
    """A rate that falls in tier idx (meets its bound, not the bound of the tier above)."""
    t = tiers[idx]
    if idx == 0:
        hi, hi_open = Decimal(1), False
    else:
        prev = tiers[idx - 1]
        hi, hi_open = (D(prev["min"]), True) if "min" in prev else (D(prev["above"]), False)
    if "min" in t:
        lo, lo_open = D(t["min"]), False
    elif "above" in t:
        lo, lo_open = D(t["above"]), True
    else:
        lo, lo_open = max(Decimal(0), hi - Decimal("0.2")), False
    # Sometimes land exactly on a bound, to exercise inclusive ("từ") and strict ("trên") bounds.
    if rng.random() < 0.25:
        if not lo_open and "min" in t:
            return lo
        if not hi_open and idx > 0:
            return hi
    step = Decimal("0.001")
    a = lo + step if lo_open else lo
    b = hi - step if hi_open else hi
    if a > b:
        return a
    return a + step * rng.randint(0, int((b - a) / step))


def levels(leaf):
    """The points a leaf can give, best first (None for a proportional leaf: continuous)."""
    k, arg = leaf.kind, leaf.rule[leaf.kind]
    if k == "points":
        step = D(arg.get("step") or "0.01")
        quarter = max(step, Decimal("0.25"))  # councils take points away in quarters
        out, p = [], leaf.max
        while p >= 0:
            out.append(p)
            p -= quarter
        return out
    if k == "options":
        return sorted({D(p) for p in arg.values()}, reverse=True)
    if k == "tiers":
        return sorted({D(t["points"]) for t in arg}, reverse=True)
    if k == "deduct":
        per, out, p = D(arg["per"]), [], leaf.max
        while p > 0:
            out.append(p)
            p -= per
        return out + [Decimal(0)]
    return None


def gen_value(rng, leaf, k):
    """Evidence value worth the leaf's k-th best level of points (k = 0: full points)."""
    kind, arg = leaf.kind, leaf.rule[leaf.kind]
    lv = levels(leaf)
    if kind == "proportional":
        target = D(arg.get("target", 1))
        if k == 0:
            r = target + (1 - target) * D(rng.randint(0, 100)) / 100 if target < 1 else Decimal(1)
        else:
            r = target * (1 - D("0.06") * k - D(rng.randint(0, 50)) / 1000)
        return rate_text(rng, min(Decimal(1), max(Decimal(0), r)).quantize(Decimal("0.001")))
    want = lv[min(k, len(lv) - 1)]
    if kind == "points":
        return fmt(want)
    if kind == "options":
        return next(name for name, p in arg.items() if D(p) == want)
    if kind == "tiers":
        idx = next(i for i, t in enumerate(arg) if D(t["points"]) == want)
        return rate_text(rng, gen_tier_rate(rng, arg, idx))
    if kind == "deduct":
        if want > 0:
            return str(k)
        return str(len(lv) - 1 + rng.randint(0, 1))
    raise ValueError(kind)


def draw_level(rng, leaf, s):
    """How many levels the council takes away at appraisal (0 most of the time)."""
    lv = levels(leaf)
    n = 4 if lv is None else len(lv)
    p = 0.95 - 0.75 * s
    if n == 2:  # all-or-nothing leaves fail less often
        p *= 0.5
    if rng.random() >= p:
        return 0
    u = rng.random()
    return min(n - 1, 1 if u < 0.7 else 2 if u < 0.95 else 3)


def survey_value(rng, leaf, mean, respondents):
    if respondents is None:  # share form, e.g. a council's summary sheet
        return fmt(D(mean + rng.uniform(-0.03, 0.03)).quantize(Decimal("0.001")))
    pD = 0.01 + 0.05 * (1 - mean)
    pC = 0.05 + 0.30 * (1 - mean)
    pA = min(1 - pC - pD, max(0.0, (mean - 0.6 + 0.4 * pC + 0.6 * pD) / 0.4))
    pB = 1 - pA - pC - pD
    counts = {"A": 0, "B": 0, "C": 0, "D": 0}
    for _ in range(respondents):
        u = rng.random()
        key = "A" if u < pA else "B" if u < pA + pB else "C" if u < pA + pB + pC else "D"
        counts[key] += 1
    return ";".join("%s=%d" % kv for kv in counts.items())


def generate(fields):
    rng = random.Random(SEED)
    leaves = [l for f in fields for l in f.leaves()]
    by_id = {l.id: l for l in leaves}
    evidence = {}  # (unit, leaf) -> {stage: value}
    for code, name, s, flags, ranked in UNITS:
        sat = 0.55 + 0.40 * s + rng.uniform(-0.03, 0.03)
        n_people = rng.randint(45, 110)
        n_leaders = rng.randint(14, 32)
        for leaf in leaves:
            ev = {}
            if leaf.kind == "survey":
                mean = min(0.97, max(0.5, sat + rng.uniform(-0.06, 0.06)))
                group = leaf.id.split(".")[1]
                n = {"1": n_people - rng.randint(0, 6), "2": n_leaders - rng.randint(0, 2), "3": None}[group]
                v = survey_value(rng, leaf, mean, n)
                ev = {"self": v, "appraisal": v}
            elif NA_FLAGS.get(leaf.id) in flags:
                ev = {"self": "na", "appraisal": "na"}
            elif leaf.id == "3.4.2":
                ev = {}  # filled in from 3.4.1 below
            else:
                # Appraisal level; the unit's own claim (higher where it disputes the loss); and,
                # where the unit explained itself, a second appraisal that gives back all or part
                # of the loss, or only corrects the figure.
                ka = draw_level(rng, leaf, s)
                ks = ka
                u = rng.random()
                if ka > 0 and u < 0.6:
                    ks = 0 if rng.random() < 0.6 else ka - 1
                elif ka == 0 and u < 0.02:
                    ks = 1  # a unit that under-claimed
                va, vs = gen_value(rng, leaf, ka), gen_value(rng, leaf, ks)
                ev = {"self": vs, "appraisal": va}
                v2 = va
                if ks < ka and rng.random() < 0.9:
                    u = rng.random()
                    v2 = gen_value(rng, leaf, ks if u < 0.35 else max(ks, ka - 1) if u < 0.65 else ka)
                elif ka == 0 and leaf.kind in ("tiers", "proportional") and \
                        rng.random() < (0.9 if vs != va else 0.3):
                    v2 = gen_value(rng, leaf, 0)  # the figure corrected, same points
                if v2 != va:
                    ev["appraisal2"] = v2
            evidence[(code, leaf.id)] = ev
        # 3.4.2 follows 3.4.1 stage by stage: no late file -> na (full points).
        ontime = evidence[(code, "3.4.1")]
        ev = {}
        for st in STAGES:
            if st not in ontime:
                continue
            if parse_rate(ontime[st]) == 1:
                ev[st] = "na"
            else:
                ev[st] = "day_du" if rng.random() < 0.45 + 0.5 * s else "khong_day_du"
        if ev.get("appraisal2") == ev["appraisal"]:
            del ev["appraisal2"]
        evidence[(code, "3.4.2")] = ev
    return rng, leaves, by_id, evidence


def final_values(code, leaves, evidence):
    vals = {}
    for leaf in leaves:
        ev = evidence[(code, leaf.id)]
        for st in reversed(STAGES):
            if st in ev:
                vals[leaf.id] = ev[st]
                break
    return vals


def adjustment_final(code):
    total = Decimal(0)
    for adj_id, per_unit in ADJUSTMENTS.items():
        ev = per_unit.get(code)
        if not ev:
            continue
        v = D(next(ev[st] for st in reversed(STAGES) if st in ev))
        total += v if adj_id == "thuong" else -v
    return total


def scores(fields, leaves, evidence, code):
    vals = final_values(code, leaves, evidence)
    per_field = [score_node(f, vals) for f in fields]
    total = sum(p for p, _ in per_field) + adjustment_final(code)
    app_max = sum(m for _, m in per_field)
    return total, app_max, per_field


def make_tie(fields, leaves, evidence):
    """Lower one unit's proportional leaves so that two ranked units end with the same total.

    The pair is the closest one among ranked units with nothing excluded (same applicable max,
    so the same index too); the higher unit gives up the difference on proportional leaves of
    max 1, where points = rate / target exactly, so the rate to write is target * points.
    """
    full = [u[0] for u in UNITS if u[4] and not (u[3] & {"no_qppl", "no_dtc", "no_dvsn"})]
    res = {c: scores(fields, leaves, evidence, c)[0] for c in full}
    pairs = sorted((abs(res[a] - res[b]), a, b) for i, a in enumerate(full) for b in full[i + 1:])
    diff, a, b = pairs[0]
    high = a if res[a] > res[b] else b
    need = diff
    for lid in ("3.2.2", "3.4.4", "4.2.2", "7.5.2", "3.6", "7.2.1", "1.3.2"):
        if need == 0:
            break
        ev = evidence[(high, lid)]
        st = next(s for s in reversed(STAGES) if s in ev)
        leaf = next(l for l in leaves if l.id == lid)
        target = D(leaf.rule["proportional"].get("target", 1))
        have = leaf_points(leaf, ev[st])
        take = min(have - D("0.5"), need)  # keep it plausible: at least half the points
        if take <= 0:
            continue
        ev[st] = fmt(target * (have - take))
        need -= take
        if st == "appraisal2" and ev["appraisal2"] == ev["appraisal"]:
            del ev["appraisal2"]
    assert need == 0, "could not make a tie"
    assert scores(fields, leaves, evidence, a)[0] == scores(fields, leaves, evidence, b)[0]
    return a, b


# --------------------------------------------------------------------------- output
def csv_field(s):
    s = str(s)
    if any(c in s for c in ',";=\n\r'):
        return '"' + s.replace('"', '""') + '"'
    return s


def render(leaves, evidence):
    units = ["code,name,group,ranked"]
    for code, name, s, flags, ranked in UNITS:
        units.append(",".join([csv_field(code), csv_field(name), "", "true" if ranked else "false"]))
    rows = ["unit,criterion,value,stage"]
    for code, *_ in UNITS:
        for leaf in leaves:
            ev = evidence[(code, leaf.id)]
            for st in STAGES:
                if st in ev:
                    rows.append(",".join([code, leaf.id, csv_field(ev[st]), st]))
        for adj_id, per_unit in ADJUSTMENTS.items():
            for st in STAGES:
                if st in per_unit.get(code, {}):
                    rows.append(",".join([code, adj_id, csv_field(per_unit[code][st]), st]))
    return "\n".join(units) + "\n", "\n".join(rows) + "\n"


def main(argv):
    doc, fields = load_set(CRITERIA)
    errors = check_set(doc, fields)
    if errors:
        sys.exit("criteria errors:\n  " + "\n  ".join(errors))
    adj_max = {a["id"]: D(a["max"]) for a in doc.get("adjustments", [])}
    for adj_id, per_unit in ADJUSTMENTS.items():
        for ev in per_unit.values():
            assert all(0 <= D(v) <= adj_max[adj_id] for v in ev.values())
    rng, leaves, by_id, evidence = generate(fields)
    tie = make_tie(fields, leaves, evidence)
    # Every value must be valid for its leaf, every leaf must have self and appraisal.
    for (code, lid), ev in evidence.items():
        assert "self" in ev and "appraisal" in ev, (code, lid)
        for st, v in ev.items():
            leaf_points(by_id[lid], v)
        if "appraisal2" in ev:
            assert ev["appraisal2"] != ev["appraisal"], (code, lid)
    units_csv, evidence_csv = render(leaves, evidence)

    if "--check" in argv:
        same = ((HERE / "units.csv").read_text(encoding="utf-8") == units_csv and
                (HERE / "evidence.csv").read_text(encoding="utf-8") == evidence_csv)
        print("up to date" if same else "OUT OF DATE: run generate.py")
        return 0 if same else 1
    (HERE / "units.csv").write_bytes(units_csv.encode("utf-8"))
    (HERE / "evidence.csv").write_bytes(evidence_csv.encode("utf-8"))

    # Summary (what an exact scorer should reproduce).
    pairs = sum(1 for ev in evidence.values())
    second = sum(1 for ev in evidence.values() if "appraisal2" in ev)
    print("%d units, %d leaves, %d (unit, leaf) pairs, %d with appraisal2 (%.0f%%)"
          % (len(UNITS), len(leaves), pairs, second, 100.0 * second / pairs))
    if tie:
        print("exact tie in total: %s and %s" % tie)
    print("%-8s %8s %8s %8s %6s %8s  %s" % ("unit", "self", "apprais.", "final", "max", "index",
                                           "final points of fields 1..8"))
    for code, name, s, flags, ranked in UNITS:
        total, app_max, per_field = scores(fields, leaves, evidence, code)
        stage_total = {}
        for st in ("self", "appraisal"):
            vals = {l.id: evidence[(code, l.id)][st] for l in leaves}
            stage_total[st] = sum(score_node(f, vals)[0] for f in fields)
        index = q(total / app_max * 100)
        print("%-8s %8s %8s %8s %6s %8s  %s%s" % (code, stage_total["self"], stage_total["appraisal"],
                                                 total, fmt(app_max), index,
                                                 " ".join(str(p) for p, _ in per_field),
                                                 "" if ranked else "  (not ranked)"))
    print("(self and apprais. are tree totals at that stage, without adjustments; final is the")
    print(" latest stage of each leaf plus bonus minus penalty; index = final / max x 100)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
