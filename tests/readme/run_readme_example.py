#!/usr/bin/env python3
"""Runs the README's library example (built from the README by CMakeLists.txt here) on a
criteria set, units and evidence, and compares what it prints with the expected lines.

usage: run_readme_example.py EXAMPLE DATA_DIR EXPECTED

The expected lines are the hand-worked ranking of tests/data/hand-worked (see
tests/unit/hand_worked_test.cpp for the arithmetic): S4 is scored and banded but not ranked,
so the example must print '-' for it rather than read an empty rank."""
import pathlib
import subprocess
import sys


def main() -> int:
    example, data, expected_path = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3]
    run = subprocess.run(
        [example, str(data / "criteria.yaml"), str(data / "units.csv"), str(data / "evidence.csv")],
        capture_output=True, timeout=60)
    expected = pathlib.Path(expected_path).read_text(encoding="utf-8")
    if run.returncode != 0:
        print(f"the README example exited with {run.returncode} (a negative status is a signal: "
              f"SIGABRT is -6, e.g. an assertion of _GLIBCXX_ASSERTIONS)")
        print(run.stderr.decode("utf-8", "replace"))
        return 1
    got = run.stdout.decode("utf-8")
    if got != expected:
        print("the README example printed:\n" + got + "\nexpected:\n" + expected)
        return 1
    print("README example: " + str(len(expected.splitlines())) + " lines as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
