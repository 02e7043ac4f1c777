#!/usr/bin/env python3
"""--lang vi: diagnostics in Vietnamese, their prefixes (file:line:column, a workbook's
sheet!cell, "error:"), codes and quoted values unchanged; --lang en: the English corpus text.

Usage: check_messages_vi.py CCHC REPOSITORY_ROOT

Each expected Vietnamese line is put together by hand from po/vi.po's entries, shown next to
it; the English lines are tests/bad's .expected files (the same inputs).
"""
import os
import subprocess
import sys

failures = []
GOOD_UNITS, GOOD_EVIDENCE = "tests/bad/tables/good.units.csv", "tests/bad/tables/good.evidence.csv"
TABLE_CRITERIA = "tests/bad/tables/criteria.yaml"


def rank(cchc, root, criteria, units, evidence, lang):
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env["LANG"] = "C.UTF-8"
    r = subprocess.run([cchc, "rank", "--criteria", criteria, "--units", units, "--evidence", evidence, "--lang", lang],
                       cwd=root, capture_output=True, timeout=60, env=env)
    if r.returncode != 1:
        failures.append(f"{criteria} {units} {evidence} --lang {lang}: exit {r.returncode}, expected 1")
    if r.stdout:
        failures.append(f"{evidence} --lang {lang}: wrote to stdout")
    return r.stderr.decode("utf-8").splitlines()


def english(root, expected_file):
    """The corpus's expected lines, less validate's "N errors" summary."""
    lines = open(os.path.join(root, expected_file), encoding="utf-8").read().splitlines()
    return [line for line in lines if ": error: " in line or ": warning: " in line]


CASES = [
    # A criteria set: duplicate_criterion_key.yaml. "criterion under {parent}" → "tiêu chí thành
    # phần thuộc {parent}"; "{what}: duplicate key {key} (first at line {line})" → "{what}: khóa
    # {key} bị trùng (xuất hiện lần đầu ở dòng {line})".
    ("tests/bad/criteria/duplicate_criterion_key.yaml", GOOD_UNITS, GOOD_EVIDENCE,
     "tests/bad/criteria/duplicate_criterion_key.expected",
     ["tests/bad/criteria/duplicate_criterion_key.yaml:23:57: error: tiêu chí thành phần thuộc '1': "
      "khóa 'max' bị trùng (xuất hiện lần đầu ở dòng 23)"]),
    # option_above_max.yaml: "{node} rule" with "criterion {id}" → "cách chấm (rule) của tiêu chí
    # '1.1'"; "option {option}" → "lựa chọn 'kip_thoi'"; "{what}: {label} gives {points} points,
    # above the leaf's max {max}" → "{what}: {label} cho {points} điểm, vượt điểm tối đa {max} của tiêu chí".
    ("tests/bad/criteria/option_above_max.yaml", GOOD_UNITS, GOOD_EVIDENCE, "tests/bad/criteria/option_above_max.expected",
     ["tests/bad/criteria/option_above_max.yaml:23:84: error: cách chấm (rule) của tiêu chí '1.1': "
      "lựa chọn 'kip_thoi' cho 2.5 điểm, vượt điểm tối đa 2 của tiêu chí"]),
    # A CSV evidence file: ev_points_hex. "unit {unit}, criterion {criterion}: {reason}" → "đơn vị
    # {unit}, tiêu chí {criterion}: {reason}"; the reason "{expected}: {problem}" with "expected
    # points (a number 0..{max})" → "cần số điểm (một số từ 0 đến 3)" and the problem "{expected},
    # found {found}" → "một số thập phân, không phải số hệ 16, hệ 8 hay hệ 2, nhưng gặp '0x2'".
    (TABLE_CRITERIA, GOOD_UNITS, "tests/bad/tables/ev_points_hex.evidence.csv", "tests/bad/tables/ev_points_hex.expected",
     ["tests/bad/tables/ev_points_hex.evidence.csv:5:3: error: đơn vị 'SNV', tiêu chí '1.4': cần số điểm (một số từ 0 đến 3): "
      "một số thập phân, không phải số hệ 16, hệ 8 hay hệ 2, nhưng gặp '0x2'"]),
    # ev_bad_stage: "stage: expected self, appraisal or appraisal2, found {found}".
    (TABLE_CRITERIA, GOOD_UNITS, "tests/bad/tables/ev_bad_stage.evidence.csv", "tests/bad/tables/ev_bad_stage.expected",
     ["tests/bad/tables/ev_bad_stage.evidence.csv:2:4: error: stage: cần self, appraisal hoặc appraisal2, nhưng gặp 'final'"]),
    # A workbook: xl_formula_without_value, the sheet and cell kept.
    (TABLE_CRITERIA, GOOD_UNITS, "tests/bad/tables/xl_formula_without_value.evidence.xlsx",
     "tests/bad/tables/xl_formula_without_value.expected",
     ["tests/bad/tables/xl_formula_without_value.evidence.xlsx:Phiếu chấm điểm!C3: error: ô chứa công thức chưa có giá trị "
      "tính sẵn: hãy mở bảng tính bằng Excel hoặc LibreOffice rồi lưu lại, hoặc gõ trực tiếp giá trị"]),
]


def main():
    cchc, root = sys.argv[1], sys.argv[2]
    for criteria, units, evidence, expected_en, expected_vi in CASES:
        got = rank(cchc, root, criteria, units, evidence, "vi")
        if got != expected_vi:
            failures.append(f"--lang vi {criteria} {evidence}:\n  expected {expected_vi}\n  got      {got}")
        got = rank(cchc, root, criteria, units, evidence, "en")
        if got != english(root, expected_en):
            failures.append(f"--lang en {criteria} {evidence}:\n  expected {english(root, expected_en)}\n  got      {got}")
    print("\n".join(failures) if failures else f"ok: {len(CASES)} cases in Vietnamese and English")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
