#!/usr/bin/env python3
"""Turn the published result tables into cchc example cases (criteria@1 + CSVs).

Usage:  python3 examples/published/convert.py [PUBLISHED_DIR] [--out OUT_DIR]

PUBLISHED_DIR defaults to ../shared/domain/published relative to the repository root; OUT_DIR defaults
to the folder holding this script.  For every case it writes OUT_DIR/<case>/ with criteria.yaml,
units.csv, evidence.csv, expected.csv and README.md, plus OUT_DIR/README.md.

Standard library only and deterministic: the same tables give byte-identical files.  The generated
files are the shipped data (nothing regenerates them in CI); check.py verifies them.

What is taken from the tables and what is our choice is written next to each case below, and the same
words land in the files' headers and READMEs.
"""

import argparse
import csv
import io
import json
import os
import re
import sys
import unicodedata
from decimal import Decimal, ROUND_FLOOR

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_SOURCE = os.path.join(REPO_ROOT, "..", "shared", "domain", "published")
SCHEMA = "cchc/criteria@1"


# --------------------------------------------------------------------------- reading

def read_table(path):
    """Return (source_line, rows) of a published CSV whose first line is '# source: ...'."""
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    first, _, rest = text.partition("\n")
    first = first.rstrip("\r")
    if not first.startswith("# source:"):
        raise SystemExit(f"{path}: first line is not a '# source:' line")
    rows = list(csv.DictReader(io.StringIO(rest)))
    return first, rows


def slug(name):
    """ASCII code from a Vietnamese name: strip diacritics (Đ -> D), lower case, '-' between words."""
    s = name.replace("Đ", "D").replace("đ", "d")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^A-Za-z0-9]+", "-", s).strip("-").lower()
    if not s or not s.isascii():
        raise SystemExit(f"cannot make an ASCII code from {name!r}")
    return s


def codes_for(names):
    codes = [slug(n) for n in names]
    seen = {}
    for n, c in zip(names, codes):
        if c in seen and seen[c] != n:
            raise SystemExit(f"code clash: {seen[c]!r} and {n!r} both give {c!r}")
        seen[c] = n
    return codes


def D(s):
    return Decimal(s.strip())


def dec_text(v):
    """Shortest plain text of a Decimal: 2.50 -> 2.5, 100 -> 100 (never an exponent)."""
    t = format(v.normalize(), "f")
    return t


# --------------------------------------------------------------------------- YAML writing

_PLAIN = re.compile(r"^[a-z_][a-z0-9_/@.-]*$")
_RESERVED = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "nan", "inf"}
_WIDTH = 120
_BLOCK_KEYS = {"fields", "criteria", "bands"}   # lists a reader scans line by line


def y_scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, Decimal):
        return dec_text(v)
    if isinstance(v, str):
        if _PLAIN.match(v) and v.lower() not in _RESERVED:
            return v
        return json.dumps(v, ensure_ascii=False)
    raise TypeError(v)


def y_flow(v):
    if isinstance(v, dict):
        return "{" + ", ".join(f"{y_scalar(k)}: {y_flow(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(y_flow(x) for x in v) + "]"
    return y_scalar(v)


def y_block(v, indent, out):
    """Block style for containers that do not fit on one line; flow style for those that do."""
    pad = " " * indent
    if isinstance(v, dict):
        for k, x in v.items():
            key = y_scalar(k)
            if isinstance(x, (dict, list)):
                line = f"{pad}{key}: {y_flow(x)}"
                if len(line) <= _WIDTH and not _has_children(x) and k not in _BLOCK_KEYS:
                    out.append(line)
                else:
                    out.append(f"{pad}{key}:")
                    y_block(x, indent + 2, out)
            else:
                out.append(f"{pad}{key}: {y_scalar(x)}")
    elif isinstance(v, list):
        for x in v:
            line = f"{pad}- {y_flow(x)}"
            if len(line) <= _WIDTH and not _has_children(x):
                out.append(line)
            elif isinstance(x, dict):
                sub = []
                y_block(x, indent + 2, sub)
                sub[0] = f"{pad}- " + sub[0][indent + 2:]
                out.extend(sub)
            else:
                raise TypeError("nested lists are not emitted")
    else:
        raise TypeError(v)


def _has_children(x):
    """Interior nodes (with a criteria list) are always written in block style."""
    return isinstance(x, dict) and "criteria" in x


def yaml_text(header_lines, doc):
    out = list(header_lines)
    y_block(doc, 0, out)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- CSV writing

def csv_text(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


# --------------------------------------------------------------------------- a case

class Case:
    def __init__(self, name, source_file, source_line, note, criteria, units_header, units,
                 evidence_header, evidence, expected, readme_notes, evidence_form):
        self.name = name
        self.source_file = source_file
        self.source_line = source_line
        self.note = note                    # one line: left out / chosen
        self.criteria = criteria
        self.units_header = units_header
        self.units = units
        self.evidence_header = evidence_header
        self.evidence = evidence
        self.expected = expected            # rows of group,rank,code,name,total,index,band
        self.readme_notes = readme_notes    # list of markdown bullet strings
        self.evidence_form = evidence_form  # "long" or "wide"

    @property
    def n_units(self):
        return len(self.units)

    @property
    def n_values(self):
        if self.evidence_form == "long":
            return len(self.evidence)
        return sum(len(r) - 1 for r in self.evidence)

    def files(self):
        return {
            "criteria.yaml": yaml_text([self.source_line, "# left out / chosen: " + self.note, ""],
                                       self.criteria),
            "units.csv": csv_text(self.units_header, self.units),
            "evidence.csv": csv_text(self.evidence_header, self.evidence),
            "expected.csv": csv_text(["group", "rank", "code", "name", "total", "index", "band"],
                                     self.expected),
            "README.md": self.readme(),
        }

    def readme(self):
        lines = [
            f"# {self.name}: {self.criteria['title']}",
            "",
            "Generated by `examples/published/convert.py` from "
            f"`shared/domain/published/{self.source_file}`; do not edit by hand. The source line, verbatim:",
            "",
            "```",
            self.source_line,
            "```",
            "",
            "Left out / chosen (also the second line of `criteria.yaml`):",
            "",
            "```",
            self.note,
            "```",
            "",
            "## Files",
            "",
            f"- `criteria.yaml`: the set `{self.criteria['id']}` (`schema: {SCHEMA}`).",
            f"- `units.csv`: {self.n_units} units; `code` is ours (an ASCII slug of the published name), "
            "`name` is the published name verbatim.",
            f"- `evidence.csv`: {self.n_values} values, {self.evidence_form} form, copied verbatim from the table.",
            "- `expected.csv`: `group,rank,code,name,total,index,band` as published (not computed by any engine).",
            "",
            "## Notes",
            "",
        ]
        lines += [f"- {n}" for n in self.readme_notes]
        lines += [
            "",
            "## Run",
            "",
            "```",
            f"cchc rank --criteria examples/published/{self.name}/criteria.yaml \\",
            f"          --units examples/published/{self.name}/units.csv \\",
            f"          --evidence examples/published/{self.name}/evidence.csv",
            "```",
            "",
        ]
        return "\n".join(lines)


COMMON_NOTES = [
    "Unit codes are ours: the published name without diacritics (Đ → d), lower case, words joined by `-`. "
    "They are stable across regenerations and do not depend on rank.",
    "Evidence values are the published strings, unchanged; `expected.csv` holds the published total, "
    "rank and band strings, unchanged.",
]


# --------------------------------------------------------------------------- Vĩnh Phúc 2019

def vinhphuc_2019(src):
    fname = "vinhphuc_2019_departments.csv"
    source_line, rows = read_table(os.path.join(src, fname))
    appraisal_max, survey_max = Decimal(65), Decimal(35)
    a_obs = max(D(r["appraisal_points"]) for r in rows)
    s_obs = max(D(r["survey_points"]) for r in rows)
    if a_obs > appraisal_max or s_obs > survey_max:
        raise SystemExit(f"vinhphuc-2019: split 65/35 would clip observed {a_obs}/{s_obs}")
    codes = codes_for([r["unit"] for r in rows])
    n_so = sum(r["group"] == "so" for r in rows)
    n_tw = sum(r["group"] == "cqtw" for r in rows)
    note = (f"the page is cut inside department row 18, so departments ranked 18+ and the whole district "
            f"group are missing ({n_so} so + {n_tw} cqtw units here; ranks 1..{n_so} of the departments are "
            f"unaffected since every missing department ranks below them); the split of the 100 points into "
            f"65 appraisal + 35 survey is OUR CHOICE (the source gives none; no published number depends on it: "
            f"observed maxima {a_obs} and {s_obs}); steps 0.25 and 0.01 follow the published values; unit codes "
            f"are ours; index = total since the scale is 100")
    criteria = {
        "schema": SCHEMA,
        "id": "vinhphuc-2019",
        "title": "Chỉ số CCHC năm 2019 của các sở, ban, ngành và cơ quan Trung ương đóng trên địa bàn tỉnh "
                 "Vĩnh Phúc",
        "year": 2019,
        "max": 100,
        "rounding": {"places": 2, "mode": "half_up"},
        "groups": {
            "so": {"title": "Sở, ban, ngành"},
            "cqtw": {"title": "Cơ quan Trung ương đóng trên địa bàn tỉnh"},
        },
        "fields": [
            {"id": "1", "title": "Điểm đánh giá trực tiếp (thẩm định)", "max": appraisal_max,
             "rule": {"points": {"step": Decimal("0.25")}}},
            {"id": "2", "title": "Điểm điều tra xã hội học", "source": "survey", "max": survey_max,
             "rule": {"points": {"step": Decimal("0.01")}}},
        ],
    }
    units = [[c, r["unit"], r["group"]] for c, r in zip(codes, rows)]
    evidence = []
    for c, r in zip(codes, rows):
        evidence.append([c, "1", r["appraisal_points"]])
        evidence.append([c, "2", r["survey_points"]])
    expected = [[r["group"], r["rank"], c, r["unit"], r["total_points"], r["total_points"], ""]
                for c, r in zip(codes, rows)]
    notes = [
        f"Two rank groups in one set: `so` ({n_so} departments, published ranks 1..{n_so}) and `cqtw` "
        f"({n_tw} central agencies). Department rows 18+ and all districts are missing from the source page.",
        f"The 65 + 35 split of the 100 points is our choice: the source does not give it. It cannot change any "
        f"published number: the highest appraisal is {a_obs} (≤ 65) and the highest survey score {s_obs} (≤ 35); "
        "it only sets the denominators of the two field indices.",
        "Field 1 has `step: 0.25` (every published appraisal is a multiple of 0.25); field 2, the survey, "
        "`step: 0.01`.",
        "`index` in `expected.csv` is the published total: the scale is 100 points, so index (%) = total. "
        "No bands are published.",
    ] + COMMON_NOTES
    return Case("vinhphuc-2019", fname, source_line, note, criteria, ["code", "name", "group"], units,
                ["unit", "criterion", "value"], evidence, expected, notes, "long")


# --------------------------------------------------------------------------- Bình Dương 2017

BINHDUONG_MEAN = "78.39"   # 'Giá trị trung bình ... 78,39%', in the source line


def binhduong_2017(src):
    fname = "binhduong_2017_districts.csv"
    source_line, rows = read_table(os.path.join(src, fname))
    if BINHDUONG_MEAN.replace(".", ",") not in source_line:
        raise SystemExit("binhduong-2017: the published mean is not in the source line any more")
    for r in rows:
        if D(r["appraisal_points"]) % Decimal("0.05") or D(r["survey_points"]) % Decimal("0.01"):
            raise SystemExit(f"binhduong-2017: {r['unit']} breaks the steps 0.05/0.01")
    codes = codes_for([r["unit"] for r in rows])
    note = ("complete for the 9 districts; the department and commune annexes are attachments not in the page "
            "and are left out; appraisal step 0.05 is inferred from the values (47.45, 40.45 are not multiples "
            "of 0.25); unit codes are ours; expected.csv ends with a row without code or rank: the published "
            f"mean index {BINHDUONG_MEAN}")
    criteria = {
        "schema": SCHEMA,
        "id": "binhduong-2017",
        "title": "Chỉ số CCHC năm 2017 của UBND các huyện, thị xã, thành phố tỉnh Bình Dương",
        "year": 2017,
        "max": 100,
        "rounding": {"places": 2, "mode": "half_up"},
        "fields": [
            {"id": "1", "title": "Điểm thẩm định", "max": 65,
             "rule": {"points": {"step": Decimal("0.05")}}},
            {"id": "2", "title": "Điểm điều tra xã hội học", "source": "survey", "max": 35,
             "rule": {"points": {"step": Decimal("0.01")}}},
        ],
    }
    units = [[c, r["unit"]] for c, r in zip(codes, rows)]
    evidence = []
    for c, r in zip(codes, rows):
        evidence.append([c, "1", r["appraisal_points"]])
        evidence.append([c, "2", r["survey_points"]])
    expected = [["", r["rank"], c, r["unit"], r["total_points"], r["par_index_pct"], ""]
                for c, r in zip(codes, rows)]
    expected.append(["", "", "", "Giá trị trung bình", "", BINHDUONG_MEAN, ""])
    notes = [
        "The 65 + 35 split is published (Điểm thẩm định max 65, Điểm ĐTXHH max 35).",
        "Field 1 has `step: 0.05`, inferred: the published appraisal points are multiples of 0.05 "
        "(47.45, 40.45), not of 0.25. Field 2, the survey, `step: 0.01`.",
        "One rank group (no `group` column). The last row of `expected.csv` has no code and no rank: it is "
        f"the published mean index, {BINHDUONG_MEAN} ('Giá trị trung bình'), which is the half-up rounding "
        "of the mean of the nine printed indices (78.3878). Skip rows without a code when matching units.",
        "Rank 8 Phú Giáo has more appraisal points than rank 7 Dầu Tiếng but a lower total: ranking is on "
        "the total.",
    ] + COMMON_NOTES
    return Case("binhduong-2017", fname, source_line, note, criteria, ["code", "name"], units,
                ["unit", "criterion", "value"], evidence, expected, notes, "long")


# --------------------------------------------------------------------------- Thừa Thiên Huế 2021

TTH_BANDS = [("Xuất sắc", 90), ("Tốt", 80), ("Khá", 70), ("Trung bình", None)]


def thuathienhue_2021(src):
    fname = "thuathienhue_2021_departments.csv"
    source_line, rows = read_table(os.path.join(src, fname))
    codes = codes_for([r["unit"] for r in rows])
    note = ("21 departments, complete; the district table that follows on the page is cut off and left out; "
            "no components are published, so one field carries the whole score; the band cut-offs "
            "(Xuất sắc from 90, Tốt from 80, Khá from 70, Trung bình otherwise) are INFERRED from the observed "
            "classes, the page does not state them; unit codes are ours; index = score since the scale is 100")
    bands = [{"min": b, "label": l} if b is not None else {"label": l} for l, b in TTH_BANDS]
    criteria = {
        "schema": SCHEMA,
        "id": "thuathienhue-2021",
        "title": "Đánh giá, xếp loại công tác CCHC của các sở, ban, ngành tỉnh Thừa Thiên Huế năm 2021",
        "year": 2021,
        "max": 100,
        "rounding": {"places": 3, "mode": "half_up"},
        "bands": bands,
        "fields": [
            {"id": "1", "title": "Điểm đánh giá", "max": 100,
             "rule": {"points": {"step": Decimal("0.001")}}},
        ],
    }
    units = [[c, r["unit"]] for c, r in zip(codes, rows)]
    evidence = [[c, "1", r["score"]] for c, r in zip(codes, rows)]
    expected = [["", r["rank"], c, r["unit"], r["score"], r["score"], r["class_vi"]]
                for c, r in zip(codes, rows)]
    notes = [
        "Only the score is published (3 decimals), so the set has a single field `1` (max 100, "
        "`step: 0.001`) holding it; `rounding: {places: 3}` as printed.",
        "The bands are inferred, not official: the page names the classes (1 Xuất sắc, 14 Tốt, 6 Khá) but not "
        "their cut-offs. Xuất sắc from 90, Tốt from 80, Khá from 70 are consistent with every row "
        "(observed: 97.685; 80.696–87.187; 73.475–79.455); Trung bình is the catch-all and no unit falls in it.",
        "`band` in `expected.csv` is the published class (Xếp loại); `index` is the published score "
        "(scale 100).",
        "This is Thừa Thiên Huế's 'đánh giá, xếp loại công tác CCHC', not labelled 'Chỉ số CCHC'.",
    ] + COMMON_NOTES
    return Case("thuathienhue-2021", fname, source_line, note, criteria, ["code", "name"], units,
                ["unit", "criterion", "value"], evidence, expected, notes, "long")


# --------------------------------------------------------------------------- PCI 2013-2015

PCI_SUBINDICES = [
    # (column / id, Vietnamese title, weight in %)
    ("entry_costs", "Gia nhập thị trường", 5),
    ("land_access", "Tiếp cận đất đai", 5),
    ("transparency", "Tính minh bạch", 20),
    ("time_costs", "Chi phí thời gian", 5),
    ("informal_charges", "Chi phí không chính thức", 10),
    ("policy_bias", "Cạnh tranh bình đẳng", 5),
    ("proactivity", "Tính năng động của chính quyền tỉnh", 5),
    ("business_support_services", "Dịch vụ hỗ trợ doanh nghiệp", 20),
    ("labor_training", "Đào tạo lao động", 20),
    ("legal_institutions", "Thiết chế pháp lý", 5),
]
PCI_TIERS = ["Rất tốt", "Tốt", "Khá", "Trung bình", "Tương đối thấp", "Thấp"]
CENT = Decimal("0.01")


def pci_total(row):
    """Σ wᵢ·sᵢ / 10, exactly, from the 6-decimal sub-index values (the engine's weighted_mean)."""
    return sum(w * D(row[k]) for k, _, w in PCI_SUBINDICES) / 10


def pci(src, year):
    fname = f"pci_{year}_vcci.csv"
    source_line, rows = read_table(os.path.join(src, fname))
    codes = codes_for([r["province"] for r in rows])
    for k, _, _ in PCI_SUBINDICES:
        for r in rows:
            if not Decimal(0) <= D(r[k]) <= 10:
                raise SystemExit(f"pci-{year}: {r['province']} {k}={r[k]} outside 0..10")
    # Tier bounds: the lowest observed total of each tier, rounded down to 2 decimals so that the engine's
    # recomputed total (within 1e-5 of the float32 source) cannot fall under it.  Checked to separate tiers.
    bands = []
    for i, tier in enumerate(PCI_TIERS):
        members = [r for r in rows if r["tier_vi"] == tier]
        if not members:
            raise SystemExit(f"pci-{year}: no unit in tier {tier}")
        if i == len(PCI_TIERS) - 1:
            bands.append({"label": tier})
            continue
        low = min(min(D(r["pci_total"]), pci_total(r)) for r in members)
        bound = low.quantize(CENT, rounding=ROUND_FLOOR)
        below = [r for r in rows if PCI_TIERS.index(r["tier_vi"]) > i]
        high_below = max(max(D(r["pci_total"]), pci_total(r)) for r in below)
        if not high_below < bound:
            raise SystemExit(f"pci-{year}: tier {tier} bound {bound} does not clear {high_below}")
        bands.append({"min": bound, "label": tier})
    bound_text = ", ".join(f"{b['label']} from {dec_text(b['min'])}" for b in bands if "min" in b)
    note = (f"all 63 provinces; weights as in the source header; the Vietnamese sub-index titles are ours "
            f"(the table has English column names only); the tier bounds ({bound_text}, Thấp otherwise) are "
            f"INFERRED from the observed ranges (lowest observed total of each tier rounded down to 2 "
            f"decimals), not VCCI's official cut-offs, which the workbook does not hold; unit codes are ours; "
            f"totals recompute within 1e-5 of the float32 source; index = total since the scale is 100")
    criteria = {
        "schema": SCHEMA,
        "id": f"pci-{year}",
        "title": f"Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) {year}",
        "year": year,
        "max": 100,
        "aggregate": "weighted_mean",
        "rounding": {"places": 6, "mode": "half_up"},
        "bands": bands,
        "fields": [{"id": k, "title": t, "max": 10, "weight": w, "rule": {"points": {}}}
                   for k, t, w in PCI_SUBINDICES],
    }
    units = [[c, r["province"], r["pci_id"]] for c, r in zip(codes, rows)]
    evidence = [[c] + [r[k] for k, _, _ in PCI_SUBINDICES] for c, r in zip(codes, rows)]
    expected = [["", r["rank"], c, r["province"], r["pci_total"], r["pci_total"], r["tier_vi"]]
                for c, r in zip(codes, rows)]
    notes = [
        "Root `aggregate: weighted_mean` over ten sub-indices of max 10 with weights (%) "
        + ", ".join(f"{k} {w}" for k, _, w in PCI_SUBINDICES)
        + ": points = 100 × Σ wᵢ·(sᵢ/10) / 100 = Σ wᵢ·sᵢ / 10. `rounding: {places: 6}`.",
        "Vietnamese sub-index titles are ours (the standard VCCI names); the table only has English column "
        "names, so there was no sheet header to check them against.",
        f"Bands: {bound_text}, Thấp otherwise. INFERRED from the observed ranges, not official: each bound is "
        "the lowest total observed in that tier, rounded down to 2 decimals so that a recomputed total "
        "(within 1e-5 of the printed one) cannot drop below it; every bound is checked to lie above the "
        "highest total of the tiers below.",
        "Published totals come from float32 arithmetic: a recomputed total may differ from `expected.csv` by "
        "up to 1e-5. Ranks and tiers are unaffected (closest neighbours differ by far more).",
        "`units.csv` keeps VCCI's `pci_id` as an extra column. `index` in `expected.csv` is the published "
        "total (scale 100); `band` is the published tier (Nhóm xếp hạng).",
        "Evidence is in wide form: `unit` then one column per sub-index id.",
    ] + COMMON_NOTES
    return Case(f"pci-{year}", fname, source_line, note, criteria, ["code", "name", "pci_id"], units,
                ["unit"] + [k for k, _, _ in PCI_SUBINDICES], evidence, expected, notes, "wide")


# --------------------------------------------------------------------------- PAPI 2011-2015

PAPI_DIMENSIONS = [
    # (column prefix, Vietnamese title (papi.org.vn), English column name)
    ("d1", "Tham gia của người dân ở cấp cơ sở", "d1_participation"),
    ("d2", "Công khai, minh bạch", "d2_transparency"),
    ("d3", "Trách nhiệm giải trình với người dân", "d3_vertical_accountability"),
    ("d4", "Kiểm soát tham nhũng trong khu vực công", "d4_control_of_corruption"),
    ("d5", "Thủ tục hành chính công", "d5_public_admin_procedures"),
    ("d6", "Cung ứng dịch vụ công", "d6_public_service_delivery"),
]
PAPI_TOTAL = "papi_unweighted_total"


def papi_structure(header):
    """[(dim id, title, column, [(sub id, title, column)])] read from the table's header."""
    dims = []
    for did, title, col in PAPI_DIMENSIONS:
        if col not in header:
            raise SystemExit(f"papi: column {col} missing")
        subs = []
        for h in header:
            m = re.match(rf"^({did}_\d+)_(.+)$", h)
            if m:
                words = m.group(2).replace("_", " ")
                subs.append((m.group(1), words[0].upper() + words[1:], h))
        dims.append((did, title, col, subs))
    return dims


def papi_sub_maxima(n):
    """Split 10 into n maxima with 2 decimals that add up exactly; the first ones take the extra cents."""
    base = (Decimal(10) / n).quantize(CENT, rounding=ROUND_FLOOR)
    extra = int((Decimal(10) - base * n) / CENT)
    return [base + CENT if i < extra else base for i in range(n)]


def papi(src, year, source_line, header, rows):
    fname = "papi_2011_2015_undp.csv"
    rows = [r for r in rows if r["year"] == str(year)]
    codes = codes_for([r["province_vi"] for r in rows])
    dims = papi_structure(header)
    fields = []
    split_text = []
    for did, title, col, subs in dims:
        maxima = papi_sub_maxima(len(subs))
        split_text.append(f"{did} " + "+".join(dec_text(m) for m in maxima))
        crit = []
        for (sid, stitle, scol), m in zip(subs, maxima):
            top = max(D(r[scol]) for r in rows)
            if top > m:
                raise SystemExit(f"papi-{year}: {scol} reaches {top} > chosen max {m}")
            crit.append({"id": sid, "title": stitle, "max": m, "rule": {"points": {}}})
        fields.append({"id": did, "title": title, "max": 10, "criteria": crit})
    left_out = {2014: "Bắc Giang and Đồng Tháp are blank in the source for 2014 and are left out (61 units); "}
    note = (left_out.get(year, "")
            + "sub-dimension maxima are OUR CHOICE (" + "; ".join(split_text) + ": each dimension's max 10 "
            "split so the children add up exactly; they change only index denominators, never totals); total "
            "max 60; sub-dimension titles are the source's English column names, dimension titles PAPI's "
            "Vietnamese names; no rank is published: expected rank is OURS, derived from the published total "
            "descending; expected index left empty (not published); unit codes are ours")
    criteria = {
        "schema": SCHEMA,
        "id": f"papi-{year}",
        "title": f"Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) {year}",
        "year": year,
        "max": 60,
        "rounding": {"places": 6, "mode": "half_up"},
        "fields": fields,
    }
    leaf_cols = [(sid, scol) for _, _, _, subs in dims for sid, _, scol in subs]
    units = [[c, r["province_vi"], r["tinhid"], r["province_en"]] for c, r in zip(codes, rows)]
    evidence = [[c] + [r[scol] for _, scol in leaf_cols] for c, r in zip(codes, rows)]
    totals = [D(r[PAPI_TOTAL]) for r in rows]
    if len(set(totals)) != len(totals):
        raise SystemExit(f"papi-{year}: tied published totals")
    order = sorted(range(len(rows)), key=lambda i: -totals[i])
    expected = []
    for pos, i in enumerate(order, start=1):
        r = rows[i]
        expected.append(["", str(pos), codes[i], r["province_vi"], r[PAPI_TOTAL], "", ""])
    gaps = sorted((totals[order[k]] - totals[order[k + 1]], k) for k in range(len(order) - 1))
    g, k = gaps[0]
    closest = (f"{rows[order[k]]['province_vi']} {rows[order[k]][PAPI_TOTAL]} vs "
               f"{rows[order[k + 1]]['province_vi']} {rows[order[k + 1]][PAPI_TOTAL]} (gap {g})")
    notes = [
        "Six dimensions (`d1`…`d6`, max 10 each, `aggregate: sum`) over 22 sub-dimension leaves "
        "(`d1_1`…, `rule: {points: {}}`); total max 60; `rounding: {places: 6}`.",
        "Sub-dimension maxima are our choice: the source scale (0.33–3.33 per sub-dimension, 1–10 per "
        "dimension) does not add up under `sum`, so each dimension's 10 is split evenly into maxima with two "
        "decimals that add up exactly (" + "; ".join(split_text) + "; where 10 does not divide evenly the "
        "first sub-dimension takes the extra cent). Every published value lies under its maximum. The maxima "
        "only change index denominators, never totals.",
        "No rank is published (PAPI publishes quartile groups): `rank` in `expected.csv` is ours, the order "
        f"of the published total, descending; no ties. Closest neighbours: {closest}. `index` is left empty "
        "(not published; the engine's would be total / 60 × 100). No bands.",
        "Evidence is the 22 sub-dimensions in wide form; the published dimension values and total are not "
        "given as evidence (a dimension is the exact sum of its sub-dimensions in the engine). Published "
        "dimensions and totals come from float32 arithmetic: recomputed totals differ from `expected.csv` "
        "by up to 1e-5.",
        "`units.csv` keeps the source's `tinhid` and `province_en` as extra columns. One folder per year "
        "(papi-2011 … papi-2015); the five `criteria.yaml` differ only in id, title and year.",
    ]
    if year == 2014:
        notes.insert(0, "Bắc Giang and Đồng Tháp are blank for 2014 in the source (all components empty, "
                        "total 0) and are left out: 61 units.")
    notes += COMMON_NOTES
    return Case(f"papi-{year}", fname, source_line, note, criteria,
                ["code", "name", "tinhid", "name_en"], units,
                ["unit"] + [sid for sid, _ in leaf_cols], evidence, expected, notes, "wide")


# --------------------------------------------------------------------------- index README

def index_readme(cases):
    lines = [
        "# Published cases",
        "",
        "Each folder reproduces one published result table with cchc: `criteria.yaml` "
        f"(`schema: {SCHEMA}`), `units.csv`, `evidence.csv` and `expected.csv` "
        "(`group,rank,code,name,total,index,band` as published, never computed by an engine). The files are "
        "generated by `convert.py` from `shared/domain/published/` and shipped as they are; `check.py` "
        "recomputes every total, index, rank and band from them and compares with `expected.csv`.",
        "",
        "```",
        "python3 examples/published/convert.py [PUBLISHED_DIR]   # regenerate (deterministic)",
        "python3 examples/published/check.py                     # verify the shipped files",
        "```",
        "",
        "| case | source table | units | values | left out by the source | our choices |",
        "| --- | --- | ---: | ---: | --- | --- |",
    ]
    left = {
        "vinhphuc": "department rows 18+ and all districts (page cut off); the 100-point split",
        "binhduong": "department and commune annexes (attachments)",
        "thuathienhue": "district table (page cut off); components; band cut-offs",
        "pci": "official tier cut-offs",
        "papi-2014": "Bắc Giang, Đồng Tháp (blank in the source); ranks",
        "papi": "ranks (quartile groups only)",
    }
    ours = {
        "vinhphuc": "65 + 35 split of the 100 points; codes",
        "binhduong": "appraisal step 0.05 (inferred); mean row in expected.csv; codes",
        "thuathienhue": "band cut-offs 90/80/70 (inferred); single field; codes",
        "pci": "tier bounds (inferred, lowest observed rounded down); Vietnamese titles; codes",
        "papi": "sub-dimension maxima (2.5 ×4, 3.34+3.33+3.33); rank from the published total; codes",
    }
    for c in cases:
        fam = c.name.split("-")[0]
        lines.append(f"| [{c.name}]({c.name}/README.md) | `{c.source_file}` | {c.n_units} | {c.n_values} | "
                     f"{left.get(c.name) or left[fam]} | {ours.get(c.name) or ours[fam]} |")
    lines += [
        "",
        "Values = evidence values (cells) in `evidence.csv`. Unit codes are ours everywhere (ASCII slug of "
        "the published name); names are the published names verbatim.",
        "",
        "Tolerances when comparing an engine's output with `expected.csv`: the provincial tables "
        "(vinhphuc, binhduong, thuathienhue) recompute exactly; PCI and PAPI were computed by their "
        "publishers in float32, so totals agree within 1e-5. Ranks and bands agree exactly everywhere.",
        "",
        "PAPI is one folder per year; the five criteria files differ only in id, title and year.",
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------- main

def build_cases(src):
    cases = [vinhphuc_2019(src), binhduong_2017(src), thuathienhue_2021(src)]
    cases += [pci(src, y) for y in (2013, 2014, 2015)]
    papi_line, papi_rows = read_table(os.path.join(src, "papi_2011_2015_undp.csv"))
    with open(os.path.join(src, "papi_2011_2015_undp.csv"), encoding="utf-8") as f:
        f.readline()
        header = next(csv.reader([f.readline()]))
    cases += [papi(src, y, papi_line, header, papi_rows) for y in (2011, 2012, 2013, 2014, 2015)]
    return cases


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", nargs="?", default=DEFAULT_SOURCE,
                    help="folder with the published tables (default: ../shared/domain/published "
                         "relative to the repository root)")
    ap.add_argument("--out", default=HERE, help="output folder (default: this script's folder)")
    args = ap.parse_args(argv)
    cases = build_cases(args.source)
    for c in cases:
        for fname, text in c.files().items():
            write(os.path.join(args.out, c.name, fname), text)
        print(f"{c.name}: {c.n_units} units, {c.n_values} values")
    write(os.path.join(args.out, "README.md"), index_readme(cases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
