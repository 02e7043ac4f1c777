#!/usr/bin/env python3
"""The yardstick of `cchc robustness`: the same replications written plainly with numpy.

Usage: numpy_robustness.py --criteria C --units U --evidence E --runs N --weights-noise F
       [--seed S] [--write-weights W.csv] [--json OUT]

Scores the year exactly with pandas_rank.py (leaf points and applicable maxima), then for each
run draws every node's weight multiplier 1 + U(-F, F) (numpy's PCG64), scores every unit level
by level (a node's points = its applicable max × Σ λᵢ·cᵢ·(pᵢ/mᵢ) / Σ λᵢ·cᵢ, cᵢ = mᵢ under sum,
the declared weight under weighted_mean: the convention cchc uses) and ranks each group
(competition ranks on the index; ties within 1e-10 relative shared; no tie-break, no rounding
of weighted means: the few places where cchc is more careful). It keeps every run's ranks and
reports per unit the mean and type 7 quantiles (numpy's default "linear" method is R's type 7).

--write-weights writes the weights it drew as a `run,node,weight` file, so that
`cchc robustness --weights-file` replays exactly the same runs (benchmarks/README.md).
Prints the time of the replications alone and in total.
"""
import argparse
import json
import pathlib
import sys
import time

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import pandas_rank as pr  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    for name in ("--criteria", "--units", "--evidence"):
        ap.add_argument(name, required=True)
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--weights-noise", type=float, default=0.25)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--write-weights")
    ap.add_argument("--json")
    a = ap.parse_args()
    start = time.perf_counter()
    criteria = pr.Criteria(a.criteria)
    units = pr.read_units(a.units, criteria)
    evidence = pr.read_evidence(a.evidence, criteria, units)
    card, pts, mx, adj = pr.score(criteria, units, evidence)
    order = pr.rank(criteria, units, card, pts)
    nodes = criteria.nodes
    n = len(nodes)
    ranked_rows = [row for row, rk, _ in order if rk is not None]
    nominal = {row: rk for row, rk, _ in order if rk is not None}
    rows = np.array(ranked_rows)
    group_of = np.array([units["group"].iat[r] for r in rows])
    p0 = pts[rows].astype(float) / pr.SCALE
    m = mx[rows].astype(float) / pr.SCALE
    adj_total = adj[rows].sum(axis=1).astype(float) / pr.SCALE
    nominal_weight = np.zeros(n)
    coef = np.zeros_like(m)
    for i, nd in enumerate(nodes[1:], 1):
        wm = nodes[nd["parent"]]["aggregate"] == "weighted_mean"
        nominal_weight[i] = (nd["weight"] if wm else nd["max"]) / pr.SCALE
        coef[:, i] = np.where(m[:, i] > 0, nominal_weight[i] if wm else m[:, i], 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(m > 0, p0 / np.where(m > 0, m, 1), 0)
    interior = [i for i in range(n - 1, -1, -1) if nodes[i]["children"]]
    leaves = [i for i in range(n) if not nodes[i]["children"]]
    root_max = m[:, 0]
    member = [np.flatnonzero(group_of == g) for g in dict.fromkeys(group_of)]
    rng = np.random.default_rng(a.seed)
    ranks = np.zeros((a.runs, len(rows)), dtype=np.int32)
    loaded = time.perf_counter()
    weights_out = [] if a.write_weights else None
    for run in range(a.runs):
        lam = 1 + a.weights_noise * (2 * rng.random(n) - 1)
        lam[0] = 1
        if weights_out is not None:
            weights_out.extend(f"{run + 1},{nodes[i]['id']},{lam[i] * nominal_weight[i]!r}" for i in range(1, n))
        s = share.copy()
        for i in interior:
            ch = nodes[i]["children"]
            w = coef[:, ch] * lam[ch]
            den = w.sum(axis=1)
            with np.errstate(divide="ignore", invalid="ignore"):
                s[:, i] = np.where(den > 0, (w * s[:, ch]).sum(axis=1) / np.where(den > 0, den, 1), 0)
        total = np.clip(s[:, 0] * root_max + adj_total, 0, root_max)
        with np.errstate(divide="ignore", invalid="ignore"):
            index = np.where(root_max > 0, 100 * total / np.where(root_max > 0, root_max, 1), 0)
        for idx in member:
            v = index[idx]
            srt = np.sort(v)[::-1]
            # competition rank: 1 + the number of units clearly above
            tol = 1e-10 * np.maximum(1, np.abs(v))
            ranks[run, idx] = 1 + np.searchsorted(-srt, -(v + tol), side="right")
    done = time.perf_counter()
    mean = ranks.mean(axis=0)
    q = np.quantile(ranks, [0.05, 0.5, 0.95], axis=0)
    print(f"numpy: {a.runs} runs of {len(rows)} units: replications {done - loaded:.3f} s "
          f"({(done - loaded) / a.runs * 1e6:.1f} µs per run), total {done - start:.3f} s", file=sys.stderr)
    if a.write_weights:
        pathlib.Path(a.write_weights).write_text("run,node,weight\n" + "\n".join(weights_out) + "\n", encoding="utf-8")
    if a.json:
        out = [dict(code=units["code"].iat[r], rank=nominal[r], rank_mean=float(mean[k]), rank_q05=float(q[0, k]),
                    rank_median=float(q[1, k]), rank_q95=float(q[2, k])) for k, r in enumerate(rows)]
        pathlib.Path(a.json).write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
