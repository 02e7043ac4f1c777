"""What every xlsx test script shares: `expect` collects failures instead of stopping at the
first, and `finish` prints them and gives the script's exit status."""

failures = []


def expect(what, actual, wanted):
    if actual != wanted:
        failures.append(f"{what}: {actual!r}, expected {wanted!r}")


def finish():
    for f in failures:
        print(f)
    print(f"{len(failures)} failures")
    return 1 if failures else 0
