#!/usr/bin/env python3
"""The HTML outputs (`cchc report`, and `--format html` of rank, explain, gaps, deviations)
checked on the HTML itself, against values worked out by hand.

Usage: check_html_report.py CCHC DATA_DIR WORK_DIR
DATA_DIR holds tests/data (hand-worked/ and html-report/).

html-report/ is one leaf 1.1 (points, max 10) and the set's max 10, so each unit's index is
its points x 10 (2 places): D 10 -> 100.00, A 9.5 -> 95.00, B 8 -> 80.00, C 7 -> 70.00,
E 6.5 -> 65.00, F 5 -> 50.00, X 4 -> 40.00. Ranks follow in that order (1..7). Bands:
min 80 Tốt, else Chưa đạt: B at 80.00 exactly meets the inclusive bound.
Unit A self-assessed 10 and was appraised 9.5: one deviation, change -0.50.
The index of units in Vietnamese order (A < Ă < Â < B < ... < D < Đ < E ... < Y, and
symbols before letters): X ("<script>..."), An Dương, Ân Thi, Bắc Ninh, Dương Kinh,
Đông Anh, Yên Lạc. Byte order would put Ân and Đông after Yên.
"""
import html.parser
import os
import re
import subprocess
import sys


class Page(html.parser.HTMLParser):
    """Collects tables (rows of cell texts), SVG titles, list items and every tag/attribute."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.svg_titles, self.items, self.texts = [], [], [], []
        self.tags, self.attrs = [], []
        self._cell = None
        self._row = None
        self._title = None
        self._item = None
        self._svg_text = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = ""
        elif tag == "title":
            self._title = ""
        elif tag == "li":
            self._item = ""
        elif tag == "text":
            self._svg_text = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(self._cell)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None
        elif tag == "title" and self._title is not None:
            self.svg_titles.append(self._title)
            self._title = None
        elif tag == "li" and self._item is not None:
            self.items.append(self._item)
            self._item = None
        elif tag == "text" and self._svg_text is not None:
            self.texts.append(self._svg_text)
            self._svg_text = None

    def handle_data(self, data):
        for name in ("_cell", "_title", "_item", "_svg_text"):
            if getattr(self, name) is not None:
                setattr(self, name, getattr(self, name) + data)


failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def run(cchc, args, out_path=None):
    cmd = [cchc] + args
    result = subprocess.run(cmd, capture_output=True, timeout=60)
    if result.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: exit {result.returncode}\n{result.stderr.decode()}")
    data = open(out_path, "rb").read() if out_path else result.stdout
    return data.decode("utf-8")


def parse(text):
    page = Page()
    page.feed(text)
    return page


def self_contained(text, what):
    """No script, no external resource: every link is a fragment, every url() a pattern."""
    check("<script" not in text.lower().replace("&lt;script", ""), f"{what}: a <script> element")
    page = parse(text)
    check("script" not in page.tags, f"{what}: a script tag")
    check(not any(t in page.tags for t in ("link", "img", "iframe", "object", "embed")), f"{what}: an external element")
    for name, value in page.attrs:
        if name in ("href", "src"):
            check(value is not None and value.startswith("#"), f"{what}: {name}={value!r} is not a fragment")
        check(not name.startswith("on"), f"{what}: event attribute {name}")
    urls = re.findall(r"https?://[^\"' )]+", text)
    # The SVG namespace is a name, never fetched.
    check(set(urls) <= {"http://www.w3.org/2000/svg"}, f"{what}: external URLs {sorted(set(urls) - {'http://www.w3.org/2000/svg'})}")
    check(all(u.startswith("url(#") for u in re.findall(r"url\([^)]*\)", text)), f"{what}: a url() that is not a fragment")
    check("@import" not in text, f"{what}: @import")
    check("\u202e" not in text, f"{what}: a raw bidi override")
    return page


def main():
    cchc, data, work = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(work, exist_ok=True)
    d = os.path.join(data, "html-report")
    inputs = ["--criteria", f"{d}/criteria.yaml", "--units", f"{d}/units.csv", "--evidence", f"{d}/evidence.csv"]
    out = os.path.join(work, "report.html")
    text = run(cchc, ["report"] + inputs + ["-o", out], out)
    page = self_contained(text, "report")
    check(text.startswith("<!DOCTYPE html>"), "report: no doctype")
    # The set's identity, its title escaped (it holds <b>, & and quotes).
    check("<h1>Bộ thử &lt;b&gt;HTML&lt;/b&gt; &amp; &quot;trích dẫn&quot;</h1>" in text, "report: the set's title, escaped")
    check("set <code>thu-html</code>, year 2025, max 10.00, 2 decimal places, half up" in text, "report: the set's identity")
    hostile = "<script>alert(1)</script><U+202E>gnp.exe"
    check("&lt;script&gt;alert(1)&lt;/script&gt;&lt;U+202E&gt;gnp.exe" in text, "report: the hostile name escaped")
    # The ranking table: the first table of the page.
    ranking = page.tables[0]
    check(ranking[0] == ["rank", "code", "name", "total", "max", "index %", "band"], f"ranking header {ranking[0]}")
    expected = [
        ["1", "D", "Dương Kinh", "10.00", "10.00", "100.00", "Tốt"],
        ["2", "A", "An Dương", "9.50", "10.00", "95.00", "Tốt"],
        ["3", "B", "Ân Thi", "8.00", "10.00", "80.00", "Tốt"],
        ["4", "C", "Bắc Ninh", "7.00", "10.00", "70.00", "Chưa đạt"],
        ["5", "E", "Đông Anh", "6.50", "10.00", "65.00", "Chưa đạt"],
        ["6", "F", "Yên Lạc", "5.00", "10.00", "50.00", "Chưa đạt"],
        ["7", "X", hostile, "4.00", "10.00", "40.00", "Chưa đạt"],
    ]
    check(ranking[1:] == expected, f"ranking rows {ranking[1:]}")
    # The ranking chart: each bar's label, the band bound at 80, the legend.
    for label in ("100.00 · Tốt", "95.00 · Tốt", "80.00 · Tốt", "70.00 · Chưa đạt", "40.00 · Chưa đạt", "≥ 80", "Tốt", "Chưa đạt"):
        check(label in page.texts, f"ranking chart: no label {label!r}")
    # The page's <title>, then one per chart: the ranking, the heatmap, 7 unit profiles.
    check(page.svg_titles[0] == 'Bộ thử <b>HTML</b> & "trích dẫn"', f"page title {page.svg_titles[0]!r}")
    check(text.count("<svg ") == 9 and len(page.svg_titles) == 10 and all(t.strip() for t in page.svg_titles),
          "every chart has a <title>")
    check(page.svg_titles[1].startswith("Ranking, all units: index % per unit in rank order"), f"chart title {page.svg_titles[1]!r}")
    # The field profile of D: 100.00 beside the mean of the 7 printed indices,
    # (100 + 95 + 80 + 70 + 65 + 50 + 40) / 7 = 500 / 7 = 71.428… -> 71.43.
    check("100.00 (group mean 71.43)" in page.texts, "D's field chart: 100.00 beside the group mean 71.43")
    # The heatmap: one cell per unit, its printed index.
    check(any(t.startswith("Component index % of every unit") for t in page.svg_titles), "heatmap title")
    # The index of units, in Vietnamese order, with ranks and bands.
    index = [i for i in page.items if "rank" in i]
    check(index == [
        f"{hostile} (X), rank 7, Chưa đạt",
        "An Dương (A), rank 2, Tốt",
        "Ân Thi (B), rank 3, Tốt",
        "Bắc Ninh (C), rank 4, Chưa đạt",
        "Dương Kinh (D), rank 1, Tốt",
        "Đông Anh (E), rank 5, Chưa đạt",
        "Yên Lạc (F), rank 6, Chưa đạt",
    ], f"index of units {index}")
    # Every unit has a section, and every index link lands on one.
    ids = {v for n, v in page.attrs if n == "id"}
    links = [v[1:] for n, v in page.attrs if n == "href"]
    check(all(l in ids for l in links), f"links without a target: {[l for l in links if l not in ids]}")
    check(sum(1 for h in re.findall(r"<h2>([^<]*)</h2>", text) if re.search(r"\([A-Z]\)$", h)) == 7, "seven unit sections")
    # A's scorecard: 9.5 of 10; the next step of its leaf (a half point more).
    check("total 9.50 of 10.00 (appraisal 9.50 + survey 0.00), index 95.00%, rank 2, band Tốt" in text, "A's summary")
    # The deviations: only A changed, 10 (self) -> 9.5, change -0.50.
    dev = [t for t in page.tables if t and t[0][:2] == ["id", "title"] and "self" in t[0]]
    check(len(dev) == 1, f"one deviations table, got {len(dev)}")
    if dev:
        check(dev[0][1] == ["1.1", "Tiêu chí duy nhất", "10.00", "10.00", "9.50", "", "9.50", "-0.50"], f"A's deviation {dev[0][1]}")

    # Decimal comma: the same figures with ',' (Vietnamese style).
    out_comma = os.path.join(work, "report-comma.html")
    text = run(cchc, ["report"] + inputs + ["--decimal-comma", "-o", out_comma], out_comma)
    page = parse(text)
    check(page.tables[0][2] == ["2", "A", "An Dương", "9,50", "10,00", "95,00", "Tốt"], f"decimal comma: {page.tables[0][2]}")
    check("100,00 (group mean 71,43)" in page.texts, "decimal comma in the chart")

    # --format xlsx writes a workbook (read back in tests/xlsx/xlsx_report_test.py): a zip file.
    out_x = os.path.join(work, "report.xlsx")
    r = subprocess.run([cchc, "report"] + inputs + ["--format", "xlsx", "-o", out_x], capture_output=True, timeout=60)
    check(r.returncode == 0 and open(out_x, "rb").read(2) == b"PK", f"report --format xlsx: exit {r.returncode}")

    # The hand-worked set through rank, explain, gaps and deviations --format html.
    h = os.path.join(data, "hand-worked")
    hw = ["--criteria", f"{h}/criteria.yaml", "--units", f"{h}/units.csv", "--evidence", f"{h}/evidence.csv", "--format", "html"]
    text = run(cchc, ["rank"] + hw)
    page = self_contained(text, "rank")
    # From tests/unit/hand_worked_test.cpp's working: S1 90 of 100, S2 76.8 of 96 = 80%,
    # S3 80 of 100, S4 95 (not ranked); H3 88.54, H1 79.22 of 96 = 82.52%, H2 70.
    check(page.tables[0][1:] == [
        ["1", "S1", "Sở Tư pháp", "90.00", "100.00", "90.00", "Xuất sắc"],
        ["2", "S2", "Sở Nội vụ", "76.80", "96.00", "80.00", "Khá"],
        ["2", "S3", "Sở Tài chính", "80.00", "100.00", "80.00", "Khá"],
        ["-", "S4", "Văn phòng UBND tỉnh", "95.00", "100.00", "95.00", "Xuất sắc"],
    ], f"rank html, group so: {page.tables[0][1:]}")
    check(page.tables[1][1:] == [
        ["1", "H3", "UBND thành phố Vĩnh Yên", "88.54", "100.00", "88.54", "Nhóm I"],
        ["2", "H1", "UBND huyện Tam Đảo", "79.22", "96.00", "82.52", "Nhóm II"],
        ["3", "H2", "UBND huyện Lập Thạch", "70.00", "100.00", "70.00", "Nhóm III"],
    ], f"rank html, group huyen: {page.tables[1][1:]}")
    for bound in ("≥ 90", "> 80", "≥ 65", "≥ 85", "> 70"):
        check(bound in page.texts, f"rank html: band bound {bound}")
    text = run(cchc, ["explain"] + hw + ["--unit", "S1"])
    page = self_contained(text, "explain")
    # Field 1 of the group "so": 27.5/30 = 91.67, 17/26 = 65.38, 24.5/30 = 81.67, 30/30 = 100;
    # mean (91.67 + 65.38 + 81.67 + 100) / 4 = 338.72 / 4 = 84.68.
    check("91.67 (group mean 84.68)" in page.texts, "explain S1: field 1 beside the group mean 84.68")
    check(["1", "Công tác chỉ đạo, điều hành CCHC", "30.00", "27.50", "2.50", "", "", ""] in page.tables[0], "explain S1: field 1 row")
    text = run(cchc, ["gaps"] + hw + ["--unit", "H2"])
    page = self_contained(text, "gaps")
    # H2's fields: 15/30 = 50.00, 32/40 = 80.00, 23/30 = 76.67.
    check(page.tables[0][1:] == [
        ["1", "Công tác chỉ đạo, điều hành CCHC", "30.00", "15.00", "15.00", "50.00"],
        ["2", "Chất lượng giải quyết thủ tục hành chính", "40.00", "32.00", "8.00", "80.00"],
        ["3", "Điều tra xã hội học", "30.00", "23.00", "7.00", "76.67"],
    ], f"gaps H2 fields {page.tables[0][1:]}")
    text = run(cchc, ["deviations"] + hw + ["--unit", "S3"])
    page = self_contained(text, "deviations")
    # S3's 1.4: self 15, appraisal 13.5 -> change -1.50.
    check(["1.4", "Kiểm tra CCHC", "16.00", "15.00", "13.50", "", "13.50", "-1.50"] in page.tables[0], "deviations S3 1.4")

    if failures:
        print("\n".join(failures))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
