#!/usr/bin/env python3
"""Runs every malformed input of tests/bad/ through the `cchc` command.

Usage: run_bad_inputs.py CCHC REPO_ROOT WORK_DIR

criteria/NAME.expected: `cchc validate tests/bad/criteria/NAME.yaml` must exit 1 with exactly
  those lines on stderr and nothing on stdout; `cchc rank --criteria` it (with good tables)
  and `-o` must exit 1, print the same lines less the "N errors" summary, and write nothing.
  A few inputs are made here instead of committed (GENERATED): they run from WORK_DIR.
  NAME.paths ("criteria=PATH") names another path, such as /dev/null.
tables/NAME.expected: `cchc rank` with tables/criteria.yaml and tables/NAME.units.csv and/or
  tables/NAME.evidence.csv (else the good.* ones; NAME.paths may name other paths, the
  criteria too: "criteria=tests/bad/tables/val_criteria.yaml") and `-o`
  must exit 1, print exactly those lines on stderr, and write nothing.
robustness/NAME.expected: `cchc robustness` with tables/criteria.yaml and the good tables, the
  arguments of NAME.args (one a line; a weights file NAME.weights.csv beside it) and `-o`
  must exit 1, print exactly those lines on stderr, and write nothing.
NAME.known-issue: a library bug keeps the expected lines from appearing; the case passes
  while they are absent (and must still exit 1 and write nothing) and fails once they
  appear, so that the marker is removed.
Paths are relative to REPO_ROOT, so messages are stable.
Time is not asserted here (a test that asserts a time fails on a busy or sanitized machine):
each run has a hang guard of 60 seconds, and the slowest runs are printed. The promise that
a refusal comes within a second is measured by benchmarks/bad_inputs.sh, which sets
CCHC_BAD_INPUT_SECONDS=1 on a Release build.
"""
import os
import pathlib
import shutil
import subprocess
import sys
import time

# Only the benchmark sets a time limit; the test keeps a hang guard.
LIMIT_SECONDS = float(os.environ["CCHC_BAD_INPUT_SECONDS"]) if os.environ.get("CCHC_BAD_INPUT_SECONDS") else None
# The expected messages are English: the locale of whoever runs the tests must not translate them.
ENGLISH = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
ENGLISH["LANG"] = "C.UTF-8"
HANG_GUARD_SECONDS = 60


def make_huge(path):  # just over the 4 MiB limit
    path.write_bytes(b"# " + b"x" * (4 * 1024 * 1024) + b"\n")


def make_deep(path):  # 10,000 nested '[' (a recursive parser's stack overflow)
    path.write_bytes(b"[" * 10000 + b"\n")


def make_directory(path):
    path.mkdir()


GENERATED = {"huge_file": make_huge, "deep_nesting": make_deep, "directory": make_directory}


class Runner:
    def __init__(self, cchc, repo, work):
        self.cchc, self.repo, self.work = cchc, repo, work
        self.failures, self.runs, self.timings = [], 0, []

    def run(self, case, args, cwd):
        start = time.monotonic()
        proc = subprocess.run([self.cchc] + args, cwd=cwd, capture_output=True, timeout=HANG_GUARD_SECONDS, env=ENGLISH)
        elapsed = time.monotonic() - start
        self.runs += 1
        self.timings.append((elapsed, case + " (" + args[0] + ")"))
        if LIMIT_SECONDS is not None and elapsed >= LIMIT_SECONDS:
            self.failures.append(f"{case}: {args[0]} took {elapsed:.3f} s (limit {LIMIT_SECONDS} s)")
        return proc

    def check(self, case, proc, expected, known_issue, output=None, stdout_empty=True, status=1):
        problems = []
        if proc.returncode != status:
            problems.append(f"exit status {proc.returncode}, expected {status}")
        if stdout_empty and proc.stdout:
            problems.append(f"stdout not empty: {proc.stdout[:200]!r}")
        if output is not None:
            left = sorted(p.name for p in output.parent.iterdir())
            if left:
                problems.append(f"files written despite the failure: {left}")
                for p in output.parent.iterdir():
                    p.unlink()
        actual = proc.stderr.decode("utf-8", "replace").splitlines()
        if known_issue:
            if all(line in actual for line in expected):
                problems.append("the known issue is fixed: the expected lines appear; delete NAME.known-issue")
        elif actual != expected:
            problems.append("stderr differs:\n  expected:\n    " + "\n    ".join(expected) +
                            "\n  actual:\n    " + "\n    ".join(actual))
        for p in problems:
            self.failures.append(f"{case}: {p}")
        return not problems

    def criteria_cases(self, directory):
        good_units = "tests/bad/tables/good.units.csv"
        good_evidence = "tests/bad/tables/good.evidence.csv"
        generated = self.work / "generated"
        generated.mkdir()
        out_dir = self.work / "out"
        count = passed = 0
        for expected_file in sorted(directory.glob("*.expected")):
            name = expected_file.stem
            known_issue = expected_file.with_suffix(".known-issue").exists()
            expected = expected_file.read_text(encoding="utf-8").splitlines()
            if name in GENERATED:
                path, cwd = f"generated/{name}.yaml", self.work
                GENERATED[name](generated / f"{name}.yaml")
                units, evidence = str(self.repo / good_units), str(self.repo / good_evidence)
            else:
                path, cwd = f"tests/bad/criteria/{name}.yaml", self.repo
                units, evidence = good_units, good_evidence
                paths_file = directory / f"{name}.paths"
                if paths_file.exists():
                    path = paths_file.read_text(encoding="utf-8").partition("=")[2].strip()
            count += 1
            case = f"criteria/{name}"
            ok = self.check(case, self.run(case, ["validate", path], cwd), expected, known_issue)
            output = out_dir / f"{name}.json"
            proc = self.run(case, ["rank", "--criteria", path, "--units", units, "--evidence", evidence,
                                   "--format", "json", "-o", str(output)], cwd)
            without_summary = [line for line in expected if not line.startswith(f"{path}: ") or ": error: " in line]
            ok = self.check(case, proc, without_summary, known_issue, output) and ok
            passed += ok
        return count, passed

    def table_cases(self, directory):
        out_dir = self.work / "out"
        count = passed = 0
        for expected_file in sorted(directory.glob("*.expected")):
            name = expected_file.stem
            paths = {"units": "tests/bad/tables/good.units.csv", "evidence": "tests/bad/tables/good.evidence.csv",
                     "criteria": "tests/bad/tables/criteria.yaml"}
            for kind in ("units", "evidence"):
                if (directory / f"{name}.{kind}.csv").exists():
                    paths[kind] = f"tests/bad/tables/{name}.{kind}.csv"
            paths_file = directory / f"{name}.paths"
            if paths_file.exists():
                for line in paths_file.read_text(encoding="utf-8").splitlines():
                    kind, _, value = line.partition("=")
                    paths[kind.strip()] = value.strip()
            expected = expected_file.read_text(encoding="utf-8").splitlines()
            known_issue = expected_file.with_suffix(".known-issue").exists()
            case = f"tables/{name}"
            output = out_dir / f"{name}.csv"
            proc = self.run(case, ["rank", "--criteria", paths["criteria"], "--units", paths["units"],
                                   "--evidence", paths["evidence"], "--format", "csv", "-o", str(output)], self.repo)
            count += 1
            passed += self.check(case, proc, expected, known_issue, output)
        return count, passed

    def usage_cases(self, directory):
        """usage/NAME.args: the arguments of one `cchc` run, one a line (`-o OUT` is added);
        a usage error: exit status 2, stderr exactly NAME.expected, nothing written."""
        out_dir = self.work / "out"
        count = passed = 0
        for expected_file in sorted(directory.glob("*.expected")):
            name = expected_file.stem
            args = (directory / f"{name}.args").read_text(encoding="utf-8").splitlines()
            expected = expected_file.read_text(encoding="utf-8").splitlines()
            case = f"usage/{name}"
            output = out_dir / f"{name}.out"
            proc = self.run(case, args + ["-o", str(output)], self.repo)
            count += 1
            passed += self.check(case, proc, expected, False, output, status=2)
        return count, passed

    def robustness_cases(self, directory):
        out_dir = self.work / "out"
        count = passed = 0
        for expected_file in sorted(directory.glob("*.expected")):
            name = expected_file.stem
            extra = expected_file.with_suffix(".args").read_text(encoding="utf-8").splitlines()
            expected = expected_file.read_text(encoding="utf-8").splitlines()
            known_issue = expected_file.with_suffix(".known-issue").exists()
            case = f"robustness/{name}"
            output = out_dir / f"{name}.json"
            proc = self.run(case, ["robustness", "--criteria", "tests/bad/tables/criteria.yaml",
                                   "--units", "tests/bad/tables/good.units.csv",
                                   "--evidence", "tests/bad/tables/good.evidence.csv"] + extra +
                            ["--format", "json", "-o", str(output)], self.repo)
            count += 1
            passed += self.check(case, proc, expected, known_issue, output)
        return count, passed


def main():
    cchc, repo, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    if work.exists():
        shutil.rmtree(work)
    (work / "out").mkdir(parents=True)
    runner = Runner(os.path.abspath(cchc), repo, work)
    bad = repo / "tests" / "bad"
    c_count, c_passed = runner.criteria_cases(bad / "criteria")
    t_count, t_passed = runner.table_cases(bad / "tables")
    u_count, u_passed = runner.usage_cases(bad / "usage")
    r_count, r_passed = runner.robustness_cases(bad / "robustness")
    for f in runner.failures:
        print(f)
    slowest = max(runner.timings)
    print(f"{c_count} criteria cases, {t_count} table cases, {u_count} usage cases and {r_count} robustness cases, "
          f"{runner.runs} runs; slowest {slowest[0] * 1000:.1f} ms: {slowest[1]}")
    total = c_count + t_count + u_count + r_count
    passed = c_passed + t_passed + u_passed + r_passed
    print(f"{passed} passed, {total - passed} failed")
    return 0 if passed == total and not runner.failures else 1


if __name__ == "__main__":
    sys.exit(main())
