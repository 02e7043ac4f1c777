#!/usr/bin/env python3
"""Names and titles holding control, bidi and Markdown characters, through every command and format.

Usage: check_text_escaping.py CCHC EXAMPLE_DIR WORK_DIR. EXAMPLE_DIR is
examples/published/vinhphuc-2019; a copy is written to WORK_DIR with the set's and a group's
titles and four units' names changed to hold ESC sequences, BEL, CR, LF, U+202E, U+200B,
Markdown syntax and formula starts. Checks:
- table and Markdown output hold no byte below 0x20 but LF, no raw U+202E, U+200B or
  U+2028, and every Markdown table row has as many cells as its header;
- CSV with --decimal-comma is ';'-separated with decimal commas (90,05) and neutralises
  formula cells with an apostrophe, while negative numbers stay numbers;
- JSON decodes, gives the names back exactly and holds no raw control or bidi character;
- a bad value holding LF and a forged "fake.csv:1:1: error: ..." gives one line on stderr.
"""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys

FAILURES = []


def fail(message):
    FAILURES.append(message)


NAMES = {
    "bao-hiem-xa-hoi-tinh": "Bảo hiểm\x1b[31m xã hội\x07 tỉnh\r\x1b]0;owned\x07",
    "ngan-hang-nha-nuoc-tinh": "=1+1 Ngân hàng\u202e Nhà nước\u200b tỉnh",
    "kho-bac-nha-nuoc-tinh": "-x Kho bạc a\\|b | <script>alert(1)</script> *đậm* [x](y)",
    "cong-an-tinh": "@SUM(A1) Công an\nfake.csv:1:1: error: forged",
}
BAD_BYTES = re.compile(rb"[\x00-\x09\x0b-\x1f\x7f]|\xe2\x80[\x8b-\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]")


def write_inputs(example, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    with open(os.path.join(example, "criteria.yaml"), encoding="utf-8") as f:
        criteria = f.read()
    criteria = re.sub(r'^title: ".*"$', r'title: "# Chỉ số \\e[2J CCHC <b>2019</b> | *x* \\u202E"', criteria, count=1,
                      flags=re.M)
    criteria = criteria.replace('so: {title: "Sở, ban, ngành"}', 'so: {title: "Sở\\a, ban\\u2028, ngành\\r"}')
    with open(os.path.join(work, "criteria.yaml"), "w", encoding="utf-8") as f:
        f.write(criteria)
    with open(os.path.join(example, "units.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    for row in rows[1:]:
        if row[0] in NAMES:
            row[1] = NAMES[row[0]]
    with open(os.path.join(work, "units.csv"), "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)  # quotes a CR in a name
    shutil.copy(os.path.join(example, "evidence.csv"), os.path.join(work, "evidence.csv"))


def run(cchc, args, expect_status=0):
    result = subprocess.run([cchc] + args, capture_output=True, timeout=60)
    if result.returncode != expect_status:
        fail(f"cchc {' '.join(args)}: exit status {result.returncode}, expected {expect_status}: "
             + result.stderr.decode("utf-8", "replace")[:2000])
    return result


def check_human(what, out):
    bad = BAD_BYTES.search(out)
    if bad:
        start = max(0, bad.start() - 40)
        fail(f"{what}: raw control or invisible character {bad.group()!r} in {out[start:bad.end() + 20]!r}")


def unescaped_pipes(line):
    count, i = 0, 0
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        count += line[i] == "|"
        i += 1
    return count


def check_markdown_tables(what, text):
    header_cells = None
    for line in text.split("\n"):
        if not line.startswith("|"):
            header_cells = None
            continue
        cells = unescaped_pipes(line)
        if header_cells is None:
            header_cells = cells
        elif cells != header_cells:
            fail(f"{what}: a row has {cells - 1} cells, its header {header_cells - 1}: {line!r}")


def main():
    cchc, example, work = sys.argv[1], sys.argv[2], sys.argv[3]
    write_inputs(example, work)
    inputs = ["--criteria", os.path.join(work, "criteria.yaml"), "--units", os.path.join(work, "units.csv"),
              "--evidence", os.path.join(work, "evidence.csv")]
    commands = [["rank"], ["explain", "--unit", "ngan-hang-nha-nuoc-tinh"], ["gaps"], ["deviations"]]

    for command in commands:
        for fmt in ["table", "md"]:
            for comma in [[], ["--decimal-comma"]]:
                what = " ".join(command + ["--format", fmt] + comma)
                out = run(cchc, command + inputs + ["--format", fmt] + comma).stdout
                check_human(what, out)
                if fmt == "md":
                    check_markdown_tables(what, out.decode("utf-8"))
                    if b"<script>" in out or b"<b>" in out:
                        fail(f"{what}: raw HTML passes")

    rank_md = run(cchc, ["rank"] + inputs + ["--format", "md"]).stdout.decode("utf-8")
    if not rank_md.startswith("## \\# Chỉ số <U+001B>\\[2J CCHC &lt;b&gt;2019&lt;/b&gt; \\| \\*x\\* <U+202E>\n"):
        fail(f"rank --format md: heading {rank_md[:200]!r}")
    if "| 3 | kho-bac-nha-nuoc-tinh | \\-x Kho bạc a\\\\\\|b \\| &lt;script&gt;" in rank_md:
        fail("rank --format md: a leading '-' in a cell is escaped (nothing starts a block in a cell)")
    if "| kho-bac-nha-nuoc-tinh | -x Kho bạc a\\\\\\|b \\| &lt;script&gt;alert(1)&lt;/script&gt; \\*đậm\\* \\[x\\](y) |" \
            not in rank_md:
        fail("rank --format md: the kho-bac row is not escaped as expected")
    rank_table = run(cchc, ["rank"] + inputs).stdout.decode("utf-8")
    if "Bảo hiểm<U+001B>[31m xã hội<U+0007> tỉnh<U+000D><U+001B>]0;owned<U+0007>" not in rank_table:
        fail("rank: the bao-hiem name is not shown escaped")

    # CSV for Excel in a Vietnamese locale, in every command that writes CSV.
    for command in commands:
        what = " ".join(command + ["--format", "csv", "--decimal-comma"])
        out = run(cchc, command + inputs + ["--format", "csv", "--decimal-comma"]).stdout.decode("utf-8")
        rows = list(csv.reader(io.StringIO(out, newline=""), delimiter=";"))
        if len(rows) < 2 or len(set(len(r) for r in rows)) != 1:
            fail(f"{what}: rows of unequal length or no rows with ';': {out[:300]!r}")
            continue
        header = rows[0]
        for row in rows[1:]:
            for name, cell in zip(header, row):
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"-\d+(,\d+)?", cell):
                    fail(f"{what}: column {name}: a cell that Excel would run as a formula: {cell!r}")
                if re.fullmatch(r"-?\d+\.\d+", cell):
                    fail(f"{what}: column {name}: a decimal point with --decimal-comma: {cell!r}")
    rank_csv = run(cchc, ["rank"] + inputs + ["--format", "csv", "--decimal-comma"]).stdout.decode("utf-8")
    rows = {r[2]: r for r in csv.reader(io.StringIO(rank_csv, newline=""), delimiter=";")}
    wanted = {"bao-hiem-xa-hoi-tinh": ("cqtw", "1", NAMES["bao-hiem-xa-hoi-tinh"], "90,05"),
              "ngan-hang-nha-nuoc-tinh": ("cqtw", "2", "'" + NAMES["ngan-hang-nha-nuoc-tinh"], "89,88"),
              "kho-bac-nha-nuoc-tinh": ("cqtw", "3", "'" + NAMES["kho-bac-nha-nuoc-tinh"], "89,10"),
              "cong-an-tinh": ("cqtw", "4", "'" + NAMES["cong-an-tinh"], "87,34")}
    for code, (group, rank, name, total) in wanted.items():
        row = rows.get(code)
        got = (row[0], row[1], row[3], row[4]) if row else None
        if got != (group, rank, name, total):
            fail(f"rank --format csv --decimal-comma: {code}: {got!r}, expected {(group, rank, name, total)!r}")
    plain_csv = run(cchc, ["rank"] + inputs + ["--format", "csv"]).stdout.decode("utf-8")
    if not plain_csv.startswith("group,rank,code,name,total,max,index,band,appraisal,survey,1,2\r\n") \
            or "\r\ncqtw,1,bao-hiem-xa-hoi-tinh," not in plain_csv or ",90.05," not in plain_csv:
        fail(f"rank --format csv: not ','-separated with decimal points: {plain_csv[:200]!r}")

    # JSON: valid, the names given back exactly, nothing raw that a terminal or a browser acts on.
    for command in commands:
        what = " ".join(command + ["--format", "json"])
        out = run(cchc, command + inputs + ["--format", "json"]).stdout
        if BAD_BYTES.search(out.replace(b"\n", b"")):
            fail(f"{what}: a raw control, bidi or line-separator character")
        try:
            doc = json.loads(out.decode("utf-8"))
        except ValueError as e:
            fail(f"{what}: not JSON: {e}")
            continue
        if command == ["rank"]:
            names = {u["code"]: u["name"] for u in doc["units"]}
            for code, name in NAMES.items():
                if names.get(code) != name:
                    fail(f"{what}: name of {code}: {names.get(code)!r}, expected {name!r}")

    # A bad value holding LF and a forged diagnostic is one line of stderr.
    evidence = os.path.join(work, "evidence.csv")
    with open(evidence, "a", encoding="utf-8", newline="") as f:
        f.write('cong-an-tinh,1,"58.50\nfake.csv:1:1: error: forged\x1b[2K"\n')
    result = run(cchc, ["rank"] + inputs, expect_status=1)
    err = result.stderr.decode("utf-8", "replace")
    check_human("stderr of a bad value", result.stderr)
    lines = [l for l in err.split("\n") if l]
    if any(l.startswith("fake.csv") for l in lines):
        fail(f"stderr: a forged diagnostic line: {err!r}")
    if not any("58.50<U+000A>fake.csv:1:1: error: forged<U+001B>[2K" in l and l.startswith(evidence) for l in lines):
        fail(f"stderr: the bad value is not shown escaped on the line of its file: {err!r}")
    if result.stdout:
        fail("a refused input wrote output")

    for f in FAILURES:
        print("FAIL:", f)
    if not FAILURES:
        print("ok: every format of rank, explain, gaps and deviations")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
