#!/usr/bin/env python3
"""Renders `cchc report` for the hand-worked set in headless Chromium and checks the
screenshot is not blank and shows the charts.

Usage: render_report.py CCHC DATA_DIR WORK_DIR
Exit 77 (ctest SKIP_RETURN_CODE) with the reason when no Chromium is installed.

The PNG is decoded with the standard library (zlib): the page must paint a good share of
non-white pixels, and the ranking chart's band fills must be there: the band "Xuất sắc"
(the top band's solid #1a9641 green, S1 and S4) covers thousands of pixels.
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

SKIP = 77


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def decode_png(data):
    """(width, height, rows of RGB(A) byte strings) of an 8-bit RGB or RGBA PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour not in (2, 6):
                raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        f = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def main():
    cchc, data, work = sys.argv[1], sys.argv[2], sys.argv[3]
    browser = find_chromium()
    if not browser:
        print("SKIPPED: no headless Chromium on PATH (chromium, chromium-browser, google-chrome); "
              "scripts/install-deps ci installs Debian's chromium")
        return SKIP
    os.makedirs(work, exist_ok=True)
    h = os.path.join(data, "hand-worked")
    page = os.path.join(work, "report.html")
    png = os.path.join(work, "report.png")
    if os.path.exists(png):
        os.remove(png)
    subprocess.run([cchc, "report", "--criteria", f"{h}/criteria.yaml", "--units", f"{h}/units.csv",
                    "--evidence", f"{h}/evidence.csv", "-o", page], check=True, timeout=60)
    with tempfile.TemporaryDirectory() as profile:
        # A throwaway profile; no sandbox (CI runs as root in a container); no network needed.
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}",
                        "--window-size=1000,1400", f"--screenshot={png}", "file://" + os.path.abspath(page)],
                       capture_output=True, timeout=90, env=dict(os.environ, HOME=profile))
    if not os.path.exists(png):
        print("FAIL: Chromium wrote no screenshot")
        return 1
    width, height, channels, rows = decode_png(open(png, "rb").read())
    total = width * height
    non_white = green = 0
    for row in rows:
        for x in range(0, len(row), channels):
            r, g, b = row[x], row[x + 1], row[x + 2]
            if r < 245 or g < 245 or b < 245:
                non_white += 1
            if abs(r - 0x1a) <= 8 and abs(g - 0x96) <= 8 and abs(b - 0x41) <= 8:
                green += 1
    print(f"screenshot {width}x{height}: {non_white} non-white pixels ({100 * non_white / total:.1f}%), "
          f"{green} of the top band's green")
    ok = True
    # Text, tables and charts paint far more than 3% of the first 1000 x 1400 pixels.
    if non_white < 0.03 * total:
        print("FAIL: the page is (nearly) blank")
        ok = False
    # Two bars of the top band (S1, S4), about 290 x 14 pixels each, plus the legend swatch.
    if green < 2000:
        print("FAIL: the ranking chart's bars are missing")
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
