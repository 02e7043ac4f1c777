#!/usr/bin/env python3
"""The C API, Python and PHP from a fresh `cmake --install`, as the issue's "done" asks.

Usage: check_bindings.py BUILD_DIR SOURCE_DIR WORK_DIR

Installs BUILD_DIR into WORK_DIR/prefix (removed first), then, using only that prefix:
  1. builds tests/c/capi_test.c as C11 with pkg-config cchc and runs it: the same ranking
     JSON as the installed `cchc rank --format json`, by paths and by inline texts;
  2. runs the Python tests (python/tests) with PYTHONPATH=<prefix>/lib/python3/dist-packages
     under Debian's /usr/bin/python3: a year ranked with exact Decimal totals;
  3. runs examples/php/rank.php on the installed library: Vĩnh Phúc 2019 as published.
Python and PHP are skipped (and said so) when the interpreter or the module is missing.
"""
import glob
import os
import shutil
import subprocess
import sys


def run(what, command, **kwargs):
    print(f"--- {what}: {' '.join(command)}", flush=True)
    done = subprocess.run(command, timeout=300, **kwargs)
    if done.returncode != 0:
        print(f"FAILED: {what} (exit {done.returncode})")
        sys.exit(1)


def main() -> int:
    build, source, work = sys.argv[1:4]
    prefix = os.path.join(work, "prefix")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    run("install", ["cmake", "--install", build, "--prefix", prefix], stdout=subprocess.DEVNULL)
    pc = glob.glob(os.path.join(prefix, "**", "cchc.pc"), recursive=True)
    libs = glob.glob(os.path.join(prefix, "**", "libcchc.so"), recursive=True)
    if not pc or not libs:
        print("no cchc.pc or libcchc.so under the prefix (a static build?): nothing to check")
        return 1
    libdir = os.path.dirname(libs[0])
    env = dict(os.environ, PKG_CONFIG_PATH=os.path.dirname(pc[0]), LD_LIBRARY_PATH=libdir)

    # 1. C, against the installed header and library only.
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "cchc"], env=env, capture_output=True, text=True,
                           check=True).stdout.split()
    program = os.path.join(work, "capi_test")
    run("C11 program against the installed package",
        ["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic-errors",
         os.path.join(source, "tests", "c", "capi_test.c"), "-o", program] + flags, env=env)
    cchc = os.path.join(prefix, "bin", "cchc")
    expected = {}
    for case, folder in (("hand-worked", os.path.join(source, "tests", "data", "hand-worked")),
                         ("vinhphuc", os.path.join(source, "examples", "published", "vinhphuc-2019"))):
        expected[case] = os.path.join(work, f"cli-{case}.json")
        run(f"installed cchc rank --format json on {case}",
            [cchc, "rank", "--criteria", f"{folder}/criteria.yaml", "--units", f"{folder}/units.csv",
             "--evidence", f"{folder}/evidence.csv", "--format", "json", "-o", expected[case]], env=env)
    run("C11 program", [program, os.path.join(source, "tests", "data", "hand-worked"),
                        os.path.join(source, "examples", "published", "vinhphuc-2019"),
                        expected["vinhphuc"], expected["hand-worked"]], env=env)

    # 2. Python: import cchc from the prefix only.
    site = os.path.join(prefix, "lib", "python3", "dist-packages")
    python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else shutil.which("python3")
    if not os.path.isdir(os.path.join(site, "cchc")):
        print("SKIPPED: Python (the module was not built: no pybind11 or Python headers)")
    else:
        py_env = dict(os.environ, PYTHONPATH=site, PYTHONDONTWRITEBYTECODE="1")
        py_env.pop("LD_LIBRARY_PATH", None)  # the module must find the library by its RUNPATH
        run("python: import cchc from the prefix", [python, "-c", "import cchc, sys; "
            "assert cchc.__file__.startswith(sys.argv[1]), cchc.__file__; print('cchc', cchc.__version__, cchc.__file__)",
            site], env=py_env)
        run("python: pytest on the installed module",
            [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", os.path.join(source, "python", "tests"),
             f"--cchc-root={source}"], env=py_env, cwd=work)

    # 3. PHP through FFI on the installed library.
    php = shutil.which("php")
    if php is None:
        print("SKIPPED: PHP (no php)")
    else:
        run("php: Vĩnh Phúc 2019 through FFI", [php, "-d", "ffi.enable=1", os.path.join(source, "examples", "php", "rank.php"),
                                                 libs[0], os.path.join(source, "examples", "published", "vinhphuc-2019")])
    print("installed bindings: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
