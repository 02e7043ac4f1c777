#!/usr/bin/env python3
"""--lang vi|en and the locale: Vietnamese headings and messages, the decimal comma in human
formats, JSON and CSV unchanged.

Usage: check_language.py CCHC DATA_DIR

The expected Vietnamese words are po/vi.po's (Hạng, Mã, Tên đơn vị, Tổng điểm, Điểm tối
đa, Chỉ số %, Xếp loại; Nhóm; hợp lệ); the figures are the hand-worked set's (see
tests/unit/hand_worked_test.cpp): S1 90 of 100, index 90.00, band Xuất sắc.
"""
import os
import subprocess
import sys

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def run(cchc, args, env_extra=None, expect=0):
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    env["LANG"] = "C.UTF-8"
    env.update(env_extra or {})
    r = subprocess.run([cchc] + args, capture_output=True, env=env, timeout=60)
    check(r.returncode == expect, f"{args} {env_extra}: exit {r.returncode}, stderr {r.stderr.decode()[:300]}")
    return r.stdout.decode("utf-8"), r.stderr.decode("utf-8")


def main():
    cchc, data = sys.argv[1], sys.argv[2]
    h = os.path.join(data, "hand-worked")
    inputs = ["--criteria", f"{h}/criteria.yaml", "--units", f"{h}/units.csv", "--evidence", f"{h}/evidence.csv"]
    header_vi = "Hạng  Mã  Tên đơn vị           Tổng điểm  Điểm tối đa  Chỉ số %  Xếp loại"
    s1_vi = "   1  S1  Sở Tư pháp               90,00       100,00     90,00  Xuất sắc"

    out, _ = run(cchc, ["rank"] + inputs + ["--lang", "vi"])
    lines = out.splitlines()
    check("Nhóm so: Sở, ban, ngành" in lines, "rank --lang vi: the group heading")
    check(header_vi in lines, f"rank --lang vi: the header, got {lines[3:4]}")
    check(s1_vi in lines, "rank --lang vi: S1 with the decimal comma")
    # --decimal-point keeps '.' under Vietnamese.
    out, _ = run(cchc, ["rank"] + inputs + ["--lang", "vi", "--decimal-point"])
    check("   1  S1  Sở Tư pháp               90.00       100.00     90.00  Xuất sắc" in out.splitlines(), "--decimal-point")
    # English stays English.
    out, _ = run(cchc, ["rank"] + inputs + ["--lang", "en"])
    check("rank  code  name                 total     max  index %  band" in out.splitlines(), "rank --lang en: the header")

    # The locale chooses when --lang is absent: LANGUAGE, then LC_ALL, LC_MESSAGES, LANG.
    for env, lang in [({"LANGUAGE": "vi"}, "vi"), ({"LC_ALL": "vi_VN.UTF-8"}, "vi"), ({"LC_MESSAGES": "vi_VN.UTF-8"}, "vi"),
                      ({"LANG": "vi_VN.UTF-8"}, "vi"), ({"LANGUAGE": "en", "LANG": "vi_VN.UTF-8"}, "en"),
                      ({"LC_ALL": "C.UTF-8", "LANG": "vi_VN.UTF-8"}, "en"), ({"LANGUAGE": "vi:en"}, "vi")]:
        out, _ = run(cchc, ["rank"] + inputs, env)
        check((header_vi in out.splitlines()) == (lang == "vi"), f"environment {env}: expected {lang}")
    out, _ = run(cchc, ["rank"] + inputs + ["--lang", "en"], {"LANGUAGE": "vi"})
    check(header_vi not in out.splitlines(), "--lang en wins over LANGUAGE=vi")

    # JSON and CSV are contracts: rank's (identifiers and numbers only) are the same bytes
    # whatever the language.
    for fmt in ("json", "csv"):
        en, _ = run(cchc, ["rank"] + inputs + ["--format", fmt, "--lang", "en"])
        vi, _ = run(cchc, ["rank"] + inputs + ["--format", fmt, "--lang", "vi"])
        check(en == vi, f"rank --format {fmt}: differs under --lang vi")
    # explain's CSV: the same columns; the rule descriptions (values) follow the language.
    en, _ = run(cchc, ["explain"] + inputs + ["--unit", "S3", "--format", "csv", "--lang", "en"])
    vi, _ = run(cchc, ["explain"] + inputs + ["--unit", "S3", "--format", "csv", "--lang", "vi"])
    check(en.splitlines()[0] == vi.splitlines()[0] == "id,title,max,points,lost,rule,evidence,reason,line",
          f"explain --format csv: header {vi.splitlines()[0]!r}")
    check("options: kip_thoi = 4 | cham = 2 | khong = 0" in en and "lựa chọn: kip_thoi = 4 | cham = 2 | khong = 0" in vi,
          "explain: 1.1's rule in English and in Vietnamese")
    # JSON keys stay; S3's 1.4 is 'points, step 0.5, max 16' (criteria.yaml).
    vi, _ = run(cchc, ["explain"] + inputs + ["--unit", "S3", "--format", "json", "--lang", "vi"])
    check('"rule": "điểm do Hội đồng thẩm định cho, 0..16, bước 0.5"' in vi, "explain json --lang vi: 1.4's rule")

    # Markdown and HTML headings.
    out, _ = run(cchc, ["gaps"] + inputs + ["--unit", "H2", "--format", "md", "--lang", "vi"])
    # H2: 70 of 100, lost 30 (tests/unit/hand_worked_test.cpp).
    check("## UBND huyện Lập Thạch (H2): 70,00/100,00 điểm, mất 30,00" in out.splitlines(), "gaps md --lang vi: heading")
    check("| Lĩnh vực | Nội dung | Điểm tối đa | Điểm đạt | Điểm mất | Chỉ số % |" in out.splitlines(), "gaps md --lang vi: header")
    out, _ = run(cchc, ["rank"] + inputs + ["--format", "html", "--lang", "vi"])
    check('<html lang="vi">' in out, "html --lang vi: lang attribute")
    check("<h2>Xếp hạng, Nhóm so: Sở, ban, ngành</h2>" in out, "html --lang vi: group heading")
    check('<th scope="col">Xếp loại</th>' in out and "<td class=\"n\">90,00</td>" in out, "html --lang vi: header and numbers")
    out, _ = run(cchc, ["rank"] + inputs + ["--format", "html", "--lang", "en"])
    check('<html lang="en">' in out, "html --lang en: lang attribute")

    # The command's own messages.
    out, _ = run(cchc, ["validate", f"{h}/criteria.yaml", "--lang", "vi"])
    check(out == f"{h}/criteria.yaml: hợp lệ: kiem-tra-tinh-tay, 3 lĩnh vực, 9 tiêu chí lá, điểm tối đa 100\n", f"validate --lang vi: {out!r}")
    # plan: S2 has 76.80 of 96.00 (index 80.00, rank 2, Khá); writing 7.25 instead of 7 at
    # 2.3 adds 0.25: 77.00 of 96.00 = 80.2083… → 80.21, Tốt (from 80), still rank 2 behind S1.
    out, _ = run(cchc, ["plan"] + inputs + ["--unit", "S2", "--target", "band:Tốt", "--lang", "vi"])
    lines = out.splitlines()
    check(lines[:4] == ["Sở Nội vụ (S2): kế hoạch đạt band:Tốt", "  đạt được với 1 thay đổi",
                        "  hiện nay: 76,80 trên 96,00, chỉ số 80,00, hạng 2, xếp loại Khá",
                        "  sau khi thay đổi: 77,00 trên 96,00, chỉ số 80,21, hạng 2, xếp loại Tốt"], f"plan --lang vi: {lines[:4]}")
    check(lines[5].split() == ["Lĩnh", "vực", "Tiêu", "chí", "Nội", "dung", "Hiện", "ghi", "Cần", "ghi", "Điểm", "tăng", "thêm"],
          f"plan --lang vi: header {lines[5:6]}")
    out, _ = run(cchc, ["plan"] + inputs + ["--unit", "S2", "--target", "band:Tốt", "--lang", "en"])
    check(out.splitlines()[1:3] == ["  reachable with 1 change", "  now: 76.80 of 96.00, index 80.00, rank 2, band Khá"],
          f"plan --lang en: {out.splitlines()[1:3]}")
    # The help (CLI11) in the chosen language, its columns aligned by characters: "BẮT BUỘC"
    # is 8 characters but 12 bytes, so the description starts where the English one does.
    out, _ = run(cchc, ["rank", "--help", "--lang", "vi"])
    lines = out.splitlines()
    check("Cách dùng: " in out and "Tùy chọn:" in lines, f"rank --help --lang vi: {lines[:4]}")
    check("  --criteria TEXT BẮT BUỘC    bộ tiêu chí (YAML, lược đồ cchc/criteria@1)" in lines, "rank --help --lang vi: --criteria")
    out, _ = run(cchc, ["rank", "--help", "--lang", "en"])
    check("  --criteria TEXT REQUIRED    criteria set (YAML, schema cchc/criteria@1)" in out.splitlines(), "rank --help --lang en")
    # CLI11's parse errors: said again in Vietnamese, left exactly as CLI11 writes them in English.
    _, err = run(cchc, ["rank", "--criteria", "a", "--units", "b", "--evidence", "c", "--format", "foo", "--lang", "vi"], expect=2)
    check(err == "--format: foo không thuộc {table,csv,json,md,markdown,html,xlsx}\nChạy với --help để xem hướng dẫn.\n", f"usage --lang vi: {err!r}")
    _, err = run(cchc, ["rank", "--lang", "en"], expect=2)
    check(err == "--criteria is required\nRun with --help for more information.\n", f"usage --lang en: {err!r}")
    # A language cchc has no catalog for is a usage error.
    run(cchc, ["rank"] + inputs + ["--lang", "fr"], expect=2)

    if failures:
        print("\n".join(failures))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
