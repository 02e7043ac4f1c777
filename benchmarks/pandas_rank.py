#!/usr/bin/env python3
"""`cchc rank --format json` written the way an analyst would write it with pandas: the yardstick of
the benchmarks (benchmarks/run.sh times both and checks that they agree).

    python3 pandas_rank.py --criteria C.yaml --units U.csv --evidence E.csv -o OUT.json

Reads the criteria set (YAML, PyYAML: Debian python3-yaml), units.csv and long-form evidence.csv
(comma separated), validates them (stages, known units and criteria, duplicates, every value
against its leaf's rule, gaps), scores every rule kind with exact integer arithmetic in millionths
as cchc does (the latest stage counts), aggregates (sum and weighted_mean), adds the bonus and
penalty lines, computes the index, ranks per group on the exact index with the set's tie-break,
assigns bands and writes the same JSON as cchc. Exit 1 on invalid input (nothing written).

Scope, stated plainly: evidence given at an interior node (a published field score), wide-form and
';'-separated files and `ranking.on: rounded` tie subtleties beyond the index are what cchc also
does but this yardstick refuses or simplifies (it says so when it meets them).
"""

import argparse
import math
import re
import sys
from fractions import Fraction

import numpy as np
import pandas as pd
import yaml

SCALE = 10**6
NA_WORDS = ["na", "NA", "Na", "n/a", "N/A"]
STAGES = {"": 1, "appraisal": 1, "self": 0, "appraisal2": 2}
KINDS = ["points", "options", "tiers", "proportional", "deduct", "survey"]
ADJUSTMENT = len(KINDS)  # the kind code of a bonus / penalty line
NUMBER_RE = r"(?:0|[1-9][0-9]*)(?:\.[0-9]{1,6})?"


class Invalid(Exception):
    pass


# ----------------------------------------------------------------------------- exact numbers
def raw_of(text, allow_percent=False):
    """A number from the criteria file as millionths (exact, no binary float)."""
    s = str(text).strip()
    percent = s.endswith("%")
    if percent:
        if not allow_percent:
            raise Invalid("'%s': a percentage is not allowed here" % s)
        s = s[:-1].strip()
    negative = s.startswith("-")
    whole, _, frac = s.lstrip("-").partition(".")
    if not whole.isdigit() or (frac and not frac.isdigit()) or len(frac) > 6:
        raise Invalid("'%s' is not a number with at most 6 decimals" % text)
    raw = int(whole) * SCALE + int((frac + "000000")[:6])
    if percent:
        raw //= 100
    return -raw if negative else raw


def round_quotient(num, den, places, half_even):
    """num/den (in millionths) rounded to `places` decimals, elementwise, exactly; den > 0."""
    num = np.asarray(num)
    den = np.asarray(den)
    negative = np.asarray(num < 0, dtype=bool)
    num = np.where(negative, -num, num)
    unit = den * 10 ** (6 - places)
    q, r = num // unit, num % unit
    twice = 2 * r
    tie = np.asarray(twice == unit, dtype=bool)
    up = np.asarray(twice > unit, dtype=bool) | (tie & (np.asarray(q % 2 == 1, dtype=bool) if half_even else True))
    raw = (q + up.astype(np.int64)) * 10 ** (6 - places)
    return np.where(negative, -raw, raw)


def exact(values, bound):
    """int64 when every product stays below 2**62, else Python integers (object arrays)."""
    arr = np.asarray(values)
    return arr.astype(np.int64) if bound < 2**62 else arr.astype(object)


def fmt(raw, places):
    """A raw decimal as cchc writes it: half-up to `places`, then exactly `places` digits."""
    raw = int(raw)
    if places < 6:
        step = 10 ** (6 - places)
        q, r = divmod(abs(raw), step)
        q += 1 if 2 * r >= step else 0
        raw = q * step if raw >= 0 else -q * step
    sign = "-" if raw < 0 else ""
    whole, frac = divmod(abs(raw), SCALE)
    return sign + str(whole) + ("." + ("%06d" % frac)[:places] if places > 0 else "")


def json_string(s):
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


# ----------------------------------------------------------------------------- the criteria set
class Criteria:
    def __init__(self, path):
        with open(path, encoding="utf-8-sig") as f:
            doc = yaml.load(f, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader))  # every scalar as text
        if doc.get("schema") != "cchc/criteria@1":
            raise Invalid("%s: schema must be cchc/criteria@1" % path)
        self.id, self.title = doc["id"], doc["title"]
        self.year = doc.get("year")
        self.max = raw_of(doc["max"])
        rounding = doc.get("rounding", {})
        self.places = int(rounding.get("places", 2))
        self.half_even = rounding.get("mode", "half_up") == "half_even"
        self.bands = self.read_bands(doc.get("bands", []))
        self.groups = []  # (key, title, bands)
        for key, g in (doc.get("groups") or {}).items():
            self.groups.append((key, g.get("title", key), self.read_bands(g.get("bands", []))))
        ranking = doc.get("ranking", {})
        self.rank_rounded = ranking.get("on", "exact") == "rounded"
        self.adjustments = [(a["id"], a["kind"], raw_of(a["max"])) for a in doc.get("adjustments", [])]
        # The tree in pre-order; node 0 is the set.
        self.nodes = [dict(id="", title=self.title, max=self.max, parent=0, children=[], weight=None,
                           aggregate=doc.get("aggregate", "sum"), source="appraisal", na=None, rule=None)]
        self.read_children(doc["fields"], 0)
        self.index = {n["id"]: i for i, n in enumerate(self.nodes) if i > 0}
        self.tie_break = [self.index[t] for t in ranking.get("tie_break", [])]
        for i, n in enumerate(self.nodes):
            if n["children"] and n["aggregate"] == "sum":
                if sum(self.nodes[c]["max"] for c in n["children"]) != n["max"]:
                    raise Invalid("%s: the children of '%s' do not add up to its max" % (path, n["id"]))
        # Top-most survey nodes reached through sums only: their points are the survey share.
        self.survey_tops = []
        for i, n in enumerate(self.nodes[1:], 1):
            if n["source"] != "survey" or self.nodes[n["parent"]]["source"] == "survey":
                continue
            a, additive = n["parent"], True
            while True:
                additive &= self.nodes[a]["aggregate"] == "sum"
                if a == 0:
                    break
                a = self.nodes[a]["parent"]
            if additive:
                self.survey_tops.append(i)

    @staticmethod
    def read_bands(bands):
        out = []
        for b in bands:
            kind = "min" if "min" in b else ("above" if "above" in b else None)
            out.append((kind, raw_of(b[kind]) if kind else 0, b["label"]))
        return out

    def read_children(self, items, parent):
        for item in items:
            i = len(self.nodes)
            p = self.nodes[parent]
            node = dict(id=item["id"].strip(), title=item["title"], max=raw_of(item["max"]), parent=parent, children=[],
                        weight=raw_of(item["weight"]) if "weight" in item else None,
                        aggregate=item.get("aggregate", "sum"), source=item.get("source", p["source"]),
                        na=item.get("na"), rule=None)
            self.nodes.append(node)
            p["children"].append(i)
            if "criteria" in item:
                self.read_children(item["criteria"], i)
            else:
                node["rule"] = self.read_rule(item.get("rule") or {"points": None})

    @staticmethod
    def read_rule(rule):
        kind = next(k for k in rule if k != "value")
        spec = rule[kind] or {}
        r = dict(kind=kind)
        if kind == "points":
            r["step"] = raw_of(spec["step"]) if "step" in spec else 0
        elif kind == "options":
            r["options"] = [(name, raw_of(p)) for name, p in spec.items()]
        elif kind == "tiers":
            tiers, any_percent, largest = [], False, 0
            for t in spec:
                bound = "min" if "min" in t else ("above" if "above" in t else None)
                value = raw_of(t[bound], allow_percent=True) if bound else 0
                any_percent |= bool(bound) and str(t[bound]).strip().endswith("%")
                largest = max(largest, value)
                tiers.append((bound, value, raw_of(t["points"])))
            r["tiers"] = tiers
            r["scale"] = rule.get("value") or ("rate" if any_percent or largest <= SCALE else "number")
        elif kind == "proportional":
            r["target"] = raw_of(spec["target"], allow_percent=True) if "target" in spec else SCALE
        elif kind == "deduct":
            r["per"] = raw_of(spec["per"])
        elif kind == "survey":
            r["answers"] = [(name, raw_of(w)) for name, w in spec["answers"].items()]
        return r

    def bands_for(self, key):
        for k, _, bands in self.groups:
            if k == key and bands:
                return bands
        return self.bands


# ----------------------------------------------------------------------------- units
def read_units(path, criteria):
    units = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    units.columns = [c.strip().lower() for c in units.columns]
    if "code" not in units or "name" not in units:
        raise Invalid("%s: the header must name the columns code and name" % path)
    units["code"] = units["code"].str.strip(" \t")
    units["name"] = units["name"].str.strip(" \t")
    units["group"] = units["group"].str.strip(" \t") if "group" in units else ""
    problems = []
    for col in ("code", "name"):
        for row in units.index[units[col] == ""]:
            problems.append("%s:%d: the unit %s is empty" % (path, row + 2, col))
    for row in units.index[units["code"].duplicated()]:
        problems.append("%s:%d: duplicate unit code '%s'" % (path, row + 2, units.at[row, "code"]))
    declared = [k for k, _, _ in criteria.groups]
    if declared:
        for row in units.index[(units["group"] != "") & ~units["group"].isin(declared)]:
            problems.append("%s:%d: unknown group '%s'" % (path, row + 2, units.at[row, "group"]))
    if "ranked" in units:
        ranked = units["ranked"].str.strip().str.lower()
        yes, no = ranked.isin(["", "true", "yes", "1", "x", "có"]), ranked.isin(["false", "no", "0", "không"])
        for row in units.index[~(yes | no)]:
            problems.append("%s:%d: ranked: expected true or false" % (path, row + 2))
        units["ranked"] = yes
    else:
        units["ranked"] = True
    if problems:
        raise Invalid("\n".join(problems))
    return units.reset_index(drop=True)


# ----------------------------------------------------------------------------- evidence
def read_evidence(path, criteria, units):
    """Validates every row; returns (rows, points) of the rows whose stage counts."""
    ev = pd.read_csv(path, dtype={"unit": "category", "criterion": "category", "value": str, "stage": "category"},
                     keep_default_na=False, encoding="utf-8-sig")
    if list(ev.columns[:3]) != ["unit", "criterion", "value"] or len(ev.columns) > 4:
        raise Invalid("%s: expected the long form unit,criterion,value[,stage] (comma separated)" % path)
    problems = []
    line = ev.index.to_numpy() + 2

    def refuse_rows(rows, message):
        for row in rows[:20]:
            problems.append("%s:%d: %s" % (path, line[row], message(row)))

    def refuse(mask, message):
        refuse_rows(np.flatnonzero(mask), message)

    def lookup(column, table):
        cats = column.cat.categories.str.strip(" \t")
        codes = np.array([table.get(c, -1) for c in cats] + [-1], dtype=np.int64)
        return codes[column.cat.codes.to_numpy()]

    unit = lookup(ev["unit"], {c: i for i, c in enumerate(units["code"])})
    nodes = criteria.nodes
    n_nodes = len(nodes)
    targets = dict(criteria.index)
    targets.update({a[0]: n_nodes + k for k, a in enumerate(criteria.adjustments)})
    target = lookup(ev["criterion"], targets)
    stage = lookup(ev["stage"], STAGES) if "stage" in ev else np.ones(len(ev), dtype=np.int64)
    refuse(unit < 0, lambda r: "unknown unit '%s'" % ev["unit"].iat[r])
    refuse(target < 0, lambda r: "unknown criterion '%s'" % ev["criterion"].iat[r])
    refuse(stage < 0, lambda r: "stage: expected self, appraisal or appraisal2, found '%s'" % ev["stage"].iat[r])
    interior = (target >= 0) & (target < n_nodes)
    interior[interior] = np.array([bool(nodes[t]["children"]) for t in range(n_nodes)])[target[interior]]
    refuse(interior, lambda r: "evidence at an interior node is not supported by this yardstick")
    if problems:
        raise Invalid("\n".join(problems))

    kind_of = np.array([KINDS.index(n["rule"]["kind"]) if n["rule"] else -1 for n in nodes]
                       + [ADJUSTMENT] * len(criteria.adjustments))
    kind = kind_of[target]
    key = unit * (n_nodes + len(criteria.adjustments)) + target
    refuse(pd.Series(key * 3 + stage).duplicated().to_numpy(), lambda r: "duplicate value for unit '%s', criterion '%s'"
           % (ev["unit"].iat[r], ev["criterion"].iat[r]))

    value = ev["value"].str.strip(" \t")
    points = np.zeros(len(ev), dtype=np.int64)
    is_na = value.isin(NA_WORDS).to_numpy()
    na_rule = np.array([nodes[t]["na"] if t < n_nodes else None for t in range(n_nodes + len(criteria.adjustments))],
                       dtype=object)[target]
    refuse(is_na & pd.isna(na_rule), lambda r: "criterion '%s' cannot be marked not applicable" % ev["criterion"].iat[r])
    refuse(value.eq("").to_numpy(), lambda r: "the value is empty")
    answers = kind == KINDS.index("survey")
    answers[answers] = value[answers].str.contains("=", regex=False).to_numpy()
    numeric = ~is_na & (kind != KINDS.index("options")) & ~answers
    # Numbers: the text is checked against the grammar cchc accepts, then converted exactly
    # (a decimal of <= 6 places below 10^6 survives the double and rint exactly).
    text = value[numeric]
    percent = text.str.endswith("%")
    body = text.where(~percent, text.str[:-1].str.strip(" \t"))
    well_formed = body.str.fullmatch(NUMBER_RE).to_numpy()
    raw = np.rint(pd.to_numeric(body.where(well_formed, "0")).to_numpy() * SCALE).astype(np.int64)
    allows_percent = np.isin(kind[numeric], [KINDS.index("tiers"), KINDS.index("proportional"), KINDS.index("survey")])
    bad = ~well_formed | (percent.to_numpy() & ~allows_percent)
    bad |= percent.to_numpy() & (raw % 100 != 0) & well_formed
    refuse_rows(np.flatnonzero(numeric)[bad], lambda r: "'%s' is not a number with at most 6 decimals" % value.iat[r])
    number = np.zeros(len(ev), dtype=np.int64)
    number[numeric] = np.where(percent, raw // 100, raw)
    if problems:
        raise Invalid("\n".join(problems))

    # Rows grouped by target, to apply each leaf's rule with its own parameters.
    scored = ~is_na
    order = np.argsort(target, kind="stable")
    bounds = np.searchsorted(target[order], np.arange(n_nodes + len(criteria.adjustments) + 1))
    places, half_even = criteria.places, criteria.half_even
    for t in range(1, n_nodes + len(criteria.adjustments)):
        rows = order[bounds[t]:bounds[t + 1]]
        rows = rows[scored[rows]]
        if len(rows) == 0:
            continue
        x = number[rows]
        if t >= n_nodes:
            _, adj_kind, adj_max = criteria.adjustments[t - n_nodes]
            refuse_rows(rows[(x < 0) | (x > adj_max)], lambda r: "adjustment '%s' outside 0..max" % ev["criterion"].iat[r])
            v = round_quotient(x, 1, places, half_even)
            points[rows] = v if adj_kind == "bonus" else -v
            continue
        node = nodes[t]
        rule, m = node["rule"], node["max"]
        k = rule["kind"]
        out_of_range = np.zeros(len(rows), dtype=bool)
        if k == "points":
            step = rule["step"]
            out_of_range = (x < 0) | (x > m) | ((x % step != 0) if step else False)
            p = round_quotient(x, 1, places, half_even)
        elif k == "options":
            names = [o[0] for o in rule["options"]]
            chosen = pd.Categorical(value.iloc[rows], categories=names).codes
            out_of_range = chosen < 0
            p = round_quotient(np.array([o[1] for o in rule["options"]] + [0])[chosen], 1, places, half_even)
        elif k == "tiers":
            scale = rule["scale"]
            out_of_range = x < 0
            if scale == "rate":
                out_of_range |= x > SCALE
            elif scale == "count":
                out_of_range |= x % SCALE != 0
            met = [np.ones(len(x), bool) if b is None else (x >= v if b == "min" else x > v) for b, v, _ in rule["tiers"]]
            out_of_range |= ~np.logical_or.reduce(met)
            p = round_quotient(np.select(met, [pts for _, _, pts in rule["tiers"]], 0), 1, places, half_even)
        elif k == "proportional":
            target_rate = rule["target"]
            out_of_range = (x < 0) | (x > SCALE)
            p = round_quotient(exact(m * np.minimum(x, target_rate), m * target_rate), target_rate, places, half_even)
        elif k == "deduct":
            out_of_range = (x < 0) | (x % SCALE != 0)
            left = m - (x // SCALE) * rule["per"]
            p = np.where(left <= 0, 0, round_quotient(np.maximum(left, 0), 1, places, half_even))
        else:  # survey: answer counts, or a share 0..1
            counted = answers[rows]
            share = ~counted
            out_of_range = share & ((x < 0) | (x > SCALE))
            p = np.zeros(len(rows), dtype=np.int64)
            p[share] = round_quotient(m * x[share], SCALE, places, half_even)
            if counted.any():
                text = value.iloc[rows[counted]]
                names = [a for a, _ in rule["answers"]]
                pattern = r"\s*(?:(?:%s)\s*=\s*[0-9]+\s*(?:[;,]\s*|$))+" % "|".join(map(re.escape, names))
                wrong = ~text.str.fullmatch(pattern).to_numpy()
                weighted = np.zeros(len(text), dtype=object)
                answered = np.zeros(len(text), dtype=object)
                for name, w in rule["answers"]:
                    found = text.str.extract(r"(?:^|[;,])\s*%s\s*=\s*([0-9]+)" % re.escape(name), expand=False)
                    wrong |= text.str.count(r"(?:^|[;,])\s*%s\s*=" % re.escape(name)).to_numpy() > 1
                    c = found.fillna("0").astype(np.int64).to_numpy()
                    wrong |= c > 10**9
                    weighted = weighted + c * w
                    answered = answered + c
                answered_i = answered.astype(np.int64)
                wrong |= answered_i == 0
                bound = m * max(int(a) for a in weighted) if len(weighted) else 0
                q = round_quotient(exact(m * weighted, bound), exact(np.maximum(answered_i, 1) * SCALE, 0), places, half_even)
                p[counted] = q.astype(np.int64)
                out_of_range[counted] = wrong
        refuse_rows(rows[out_of_range],
               lambda r: "unit '%s', criterion '%s': value '%s' does not fit the rule" % (ev["unit"].iat[r], ev["criterion"].iat[r], value.iat[r]))
        points[rows] = p
    if problems:
        raise Invalid("\n".join(problems))

    # The latest stage present counts.
    latest = pd.DataFrame({"key": key, "stage": stage, "row": np.arange(len(ev))}).sort_values(["key", "stage"])
    latest = latest.drop_duplicates("key", keep="last")["row"].to_numpy()
    return dict(unit=unit[latest], target=target[latest], na=is_na[latest], points=points[latest])


# ----------------------------------------------------------------------------- scoring
def score(criteria, units, evidence):
    """Per unit: every node's points and applicable max (millionths), adjustments, total, max, index."""
    nodes = criteria.nodes
    n, u = len(nodes), len(units)
    pts = np.zeros((u, n), dtype=np.int64)
    mx = np.zeros((u, n), dtype=np.int64)
    have = np.zeros((u, n), dtype=bool)
    leaf_rows = evidence["target"] < n
    uu, tt = evidence["unit"][leaf_rows], evidence["target"][leaf_rows]
    na, p = evidence["na"][leaf_rows], evidence["points"][leaf_rows]
    node_max = np.array([nd["max"] for nd in nodes], dtype=np.int64)
    full = np.array([nd["na"] == "full_points" for nd in nodes])[tt]
    have[uu, tt] = True
    pts[uu, tt] = np.where(na, np.where(full, node_max[tt], 0), p)
    mx[uu, tt] = np.where(na & ~full, 0, node_max[tt])
    leaves = [i for i, nd in enumerate(nodes) if not nd["children"]]
    missing = ~have[:, leaves]
    if missing.any():
        lines = []
        for r in np.flatnonzero(missing.any(axis=1))[:20]:
            gaps = [nodes[leaves[c]]["id"] for c in np.flatnonzero(missing[r])]
            lines.append("unit '%s' has no evidence for %d leaves: %s" % (units["code"].iat[r], len(gaps), ", ".join(gaps)))
        raise Invalid("\n".join(lines))
    # Interior nodes bottom-up (children come after their parent in pre-order).
    for i in range(n - 1, -1, -1):
        nd = nodes[i]
        ch = nd["children"]
        if not ch:
            continue
        if nd["aggregate"] == "sum":
            pts[:, i] = pts[:, ch].sum(axis=1)
            mx[:, i] = mx[:, ch].sum(axis=1)
            continue
        # weighted_mean: max x sum(w * p / m) / sum(w) over the applicable children, exactly.
        weights = [nodes[c]["weight"] for c in ch]
        g = math.gcd(*weights)
        w = np.array([x // g for x in weights], dtype=object)
        cmax = mx[:, ch]
        if all(not nodes[c]["children"] for c in ch):
            lcm = math.lcm(*[nodes[c]["max"] for c in ch])  # a leaf's applicable max is its max or 0
            scale = np.array([lcm // nodes[c]["max"] for c in ch], dtype=object)
            live = cmax > 0
            num = (pts[:, ch].astype(object) * (w * scale) * live).sum(axis=1)
            wsum = (live * w).sum(axis=1)
            den = wsum * lcm
        else:
            num, den = [], []
            for r in range(u):
                f = sum((Fraction(int(pts[r, c]) * int(w[k]), int(cmax[r, k])) for k, c in enumerate(ch) if cmax[r, k] > 0), Fraction(0))
                ws = sum(int(w[k]) for k in range(len(ch)) if cmax[r, k] > 0)
                num.append(f.numerator)
                den.append(f.denominator * ws)
            num, den = np.array(num, dtype=object), np.array(den, dtype=object)
            wsum = den
        any_live = np.asarray(wsum != 0, dtype=bool)
        safe_den = np.where(any_live, den, 1)
        result = round_quotient(num * nd["max"], safe_den, criteria.places, criteria.half_even)
        pts[:, i] = np.where(any_live, result, 0).astype(np.int64)
        mx[:, i] = np.where(any_live, nd["max"], 0)
    # Adjustments after the tree, the total kept within [0, max].
    a = len(criteria.adjustments)
    adj = np.zeros((u, a), dtype=np.int64)
    adj_rows = ~leaf_rows
    adj[evidence["unit"][adj_rows], evidence["target"][adj_rows] - n] = evidence["points"][adj_rows]
    card = pd.DataFrame({"tree_total": pts[:, 0], "max": mx[:, 0]})
    card["total"] = np.clip(card["tree_total"] + adj.sum(axis=1), 0, card["max"])
    card["survey"] = pts[:, criteria.survey_tops].sum(axis=1)
    card["appraisal"] = card["tree_total"] - card["survey"]
    positive = card["max"].to_numpy() > 0
    card["index"] = np.where(positive, round_quotient(card["total"].to_numpy() * 100 * SCALE,
                                                      np.where(positive, card["max"].to_numpy(), 1),
                                                      criteria.places, criteria.half_even), 0)
    return card, pts, mx, adj


# ----------------------------------------------------------------------------- ranking
def rank(criteria, units, card, pts):
    """Rows of the report in output order: (unit row, rank or None, band)."""
    df = units[["code", "group", "ranked"]].copy()
    if criteria.rank_rounded:
        num, den = card["index"].to_numpy(), np.full(len(df), 100 * SCALE)
    else:
        positive = card["max"].to_numpy() > 0
        num = np.where(positive, card["total"].to_numpy(), 0)
        den = np.where(positive, card["max"].to_numpy(), 1)
    df["value"] = [Fraction(int(a), int(b)) for a, b in zip(num, den)]
    tie_cols = []
    for k, node in enumerate(criteria.tie_break):
        df["tie%d" % k] = pts[:, node]
        tie_cols.append("tie%d" % k)
    declared = [k for k, _, _ in criteria.groups]
    present = set(df["group"])
    keys = ([""] if "" in present else []) + [k for k in declared if k in present] + sorted(present - set(declared) - {""})
    out = []
    for key in keys:
        g = df[df["group"] == key]
        ranked = g[g["ranked"]].sort_values(["value"] + tie_cols + ["code"], ascending=[False] * (1 + len(tie_cols)) + [True])
        same = pd.Series(True, index=ranked.index)
        for col in ["value"] + tie_cols:
            same &= ranked[col].eq(ranked[col].shift())
        position = np.arange(1, len(ranked) + 1)
        ranks = pd.Series(np.where(same.to_numpy(), 0, position)).replace(0, np.nan).ffill().astype(int).to_numpy()
        bands = criteria.bands_for(key)
        for rows, rank_of in ((ranked, ranks), (g[~g["ranked"]].sort_values("code"), None)):
            band = band_of(bands, num[rows.index], den[rows.index])
            for j, row in enumerate(rows.index):
                out.append((row, int(rank_of[j]) if rank_of is not None else None, band[j]))
    return out


def band_of(bands, num, den):
    labels = np.full(len(num), "", dtype=object)
    decided = np.zeros(len(num), dtype=bool)
    for kind, bound, label in bands:
        left, right = num * 100 * SCALE, bound * den
        admits = np.ones(len(num), bool) if kind is None else (left >= right if kind == "min" else left > right)
        labels[admits & ~decided] = label
        decided |= admits
    return labels


# ----------------------------------------------------------------------------- output
def write_json(path, criteria, units, card, pts, mx, adj, order):
    places = criteria.places
    f = lambda raw: fmt(raw, places)
    head = '{"set": {"id": %s, "title": %s, "year": %s, "max": %s},\n "units": [' % (
        json_string(criteria.id), json_string(criteria.title), criteria.year or "null", f(criteria.max))
    fields = [(i, criteria.nodes[i]) for i in criteria.nodes[0]["children"]]
    field_head = [('{"id": %s, "title": %s, "points": ' % (json_string(nd["id"]), json_string(nd["title"]))) for _, nd in fields]
    adj_head = ['{"id": %s, "points": ' % json_string(a[0]) for a in criteria.adjustments]
    lines = []
    codes, names, groups = units["code"].to_numpy(), units["name"].to_numpy(), units["group"].to_numpy()
    total, umax, index = card["total"].to_numpy(), card["max"].to_numpy(), card["index"].to_numpy()
    appraisal, survey = card["appraisal"].to_numpy(), card["survey"].to_numpy()
    for row, rank_no, band in order:
        parts = ['{"code": ', json_string(codes[row]), ', "name": ', json_string(names[row]), ', "group": ',
                 json_string(groups[row]) if groups[row] else "null",
                 ', "total": ', f(total[row]), ', "max": ', f(umax[row]), ', "index": ', f(index[row]),
                 ', "rank": ', str(rank_no) if rank_no is not None else "null",
                 ', "band": ', json_string(band) if band else "null",
                 ', "appraisal": ', f(appraisal[row]), ', "survey": ', f(survey[row]), ', "fields": [',
                 ", ".join(field_head[k] + f(pts[row, i]) + ', "max": ' + f(mx[row, i]) + "}" for k, (i, _) in enumerate(fields)),
                 "]"]
        if criteria.adjustments:
            parts += [', "adjustments": [', ", ".join(adj_head[k] + f(adj[row, k]) + "}" for k in range(len(adj_head))), "]"]
        parts.append("}")
        lines.append("".join(parts))
    text = head + ("\n  " + ",\n  ".join(lines) if lines else "") + "\n ],\n \"warnings\": []}\n"
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--criteria", required=True)
    ap.add_argument("--units", required=True)
    ap.add_argument("--evidence", required=True)
    ap.add_argument("-o", "--output", required=True)
    args = ap.parse_args()
    try:
        criteria = Criteria(args.criteria)
        units = read_units(args.units, criteria)
        evidence = read_evidence(args.evidence, criteria, units)
        card, pts, mx, adj = score(criteria, units, evidence)
        order = rank(criteria, units, card, pts)
        write_json(args.output, criteria, units, card, pts, mx, adj, order)
    except Invalid as e:
        print(e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
