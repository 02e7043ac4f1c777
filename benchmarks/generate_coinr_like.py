#!/usr/bin/env python3
"""Writes an invented case shaped like COINr's own example (ASEM: 51 + 12 = 63 units, 40
indicators in 8 pillars): criteria.yaml, units.csv, evidence.csv in OUT_DIR.

Usage: generate_coinr_like.py OUT_DIR

Standard library only, fixed seed: byte-identical output on every run. 8 fields of 5 `points`
leaves, each leaf max 2.5 (field max 12.5, set max 100), two decimals; one rank group.
"""
import pathlib
import random
import sys


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261130)
    lines = ["schema: cchc/criteria@1", "id: coinr-like", 'title: "63 đơn vị × 40 chỉ tiêu"', "max: 100",
             "rounding: {places: 2, mode: half_up}",
             "bands:", '  - {min: 80, label: "Tốt"}', '  - {min: 65, label: "Khá"}', '  - {label: "Trung bình"}',
             "fields:"]
    leaves = []
    for f in range(1, 9):
        lines += [f'  - id: "{f}"', f'    title: "Lĩnh vực {f}"', "    max: 12.5", "    criteria:"]
        for c in range(1, 6):
            leaf = f"{f}.{c}"
            leaves.append(leaf)
            lines.append(f'      - {{id: "{leaf}", title: "Chỉ tiêu {leaf}", max: 2.5}}')
    (out / "criteria.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    units = ["code,name"] + [f"U{u:02d},Đơn vị {u}" for u in range(1, 64)]
    (out / "units.csv").write_text("\n".join(units) + "\n", encoding="utf-8")
    evidence = ["unit,criterion,value"]
    for u in range(1, 64):
        skill = rng.uniform(0.45, 0.95)  # a unit's level, so that leaves correlate as real scores do
        for leaf in leaves:
            v = min(2.5, max(0.0, rng.gauss(skill * 2.5, 0.4)))
            evidence.append(f"U{u:02d},{leaf},{v:.2f}")
    (out / "evidence.csv").write_text("\n".join(evidence) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
