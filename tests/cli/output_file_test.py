#!/usr/bin/env python3
"""The command's output file (-o) and its --unit checks, through the built `cchc`.

Usage: output_file_test.py CCHC SOURCE_DIR

Inputs are the shipped examples/published/vinhphuc-2019 files, copied to a temporary
directory. Every case checks the exit status, the message, that no `*.tmp-*` file is left,
and where it matters that the inputs are byte-identical, that a link is still a link and the
file modes. The umask is 027 throughout, so a new file must be 0640.

The signal case runs `gaps --format json` on a generated national-size year
(benchmarks/generate_national.py, about 10 s), waits for the temporary file to appear,
stops the process (SIGSTOP) and checks the temporary file is still there: the process is then
provably in the middle of writing, and the signal is sent while it is stopped. Only catching
the window depends on timing (the write takes seconds); if it is missed the run is repeated,
and the verdict never depends on timing.
"""
import errno
import glob
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time

UMASK = 0o027
failures = []
checks = 0


def expect(what, ok, detail=""):
    global checks
    checks += 1
    if not ok:
        failures.append(f"{what}{': ' + detail if detail else ''}")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def temps(*dirs):
    return sorted(p for d in dirs for p in glob.glob(os.path.join(d, "*.tmp-*")))


class Case:
    def __init__(self, cchc, source, work):
        self.cchc, self.work = cchc, work
        data = os.path.join(source, "examples", "published", "vinhphuc-2019")
        self.inputs = {}
        for name in ("criteria.yaml", "units.csv", "evidence.csv"):
            shutil.copy(os.path.join(data, name), os.path.join(work, name))
            self.inputs[name] = read(os.path.join(work, name))
        self.crit, self.units, self.ev = (os.path.join(work, n) for n in ("criteria.yaml", "units.csv", "evidence.csv"))
        # The expected report: `rank --format csv` to standard output.
        run = self.run("rank", "--format", "csv")
        assert run.returncode == 0, run.stderr
        self.expected = run.stdout

    def run(self, command, *args, units=None, stdout=subprocess.PIPE):
        argv = [self.cchc, command, "--criteria", self.crit, "--units", units or self.units, "--evidence", self.ev, *args]
        return subprocess.run(argv, stdout=stdout, stderr=subprocess.PIPE, timeout=60, cwd=self.work)

    def inputs_unchanged(self, what):
        for name, content in self.inputs.items():
            expect(f"{what}: {name} unchanged", read(os.path.join(self.work, name)) == content)

    def no_temps(self, what, *more_dirs):
        left = temps(self.work, *more_dirs)
        expect(f"{what}: no temporary file left", not left, ", ".join(left))


def status_and_message(what, run, status, *parts, absent=()):
    err = run.stderr.decode("utf-8", "replace")
    expect(f"{what}: exit status {status}", run.returncode == status, f"got {run.returncode}; stderr: {err.strip()}")
    for part in parts:
        expect(f"{what}: message has {part!r}", part in err, err.strip())
    for part in absent:
        expect(f"{what}: message has no {part!r}", part not in err, err.strip())


# ---------------------------------------------------------------------------------------
def output_is_an_input(c):
    os.makedirs(os.path.join(c.work, "x"), exist_ok=True)
    os.symlink("evidence.csv", os.path.join(c.work, "ev-link.csv"))
    os.link(c.units, os.path.join(c.work, "units-hard.csv"))
    cases = [
        ("-o the evidence file", "evidence.csv", "--evidence"),
        ("-o the units file", "units.csv", "--units"),
        ("-o the criteria file", "criteria.yaml", "--criteria"),
        ("-o the evidence by absolute path", c.ev, "--evidence"),
        ("-o a symlink to the evidence", "ev-link.csv", "--evidence"),
        ("-o a hard link to the units", "units-hard.csv", "--units"),
        ("-o ./x/../evidence.csv", "./x/../evidence.csv", "--evidence"),
    ]
    for what, out, option in cases:
        for command in ("rank", "gaps", "deviations"):
            run = c.run(command, "--format", "json", "-o", out)
            status_and_message(f"{what} ({command})", run, 2, f"-o '{out}' is the same file as {option}",
                               "would replace an input")
            c.inputs_unchanged(what)
            c.no_temps(what)
        expect(f"{what}: the link is still a link", os.path.islink(os.path.join(c.work, "ev-link.csv")))
    # Refused before anything is read: an invalid units file is not even reported.
    bad_units = os.path.join(c.work, "bad-units.csv")
    with open(bad_units, "w") as f:
        f.write("no,such,header\n")
    run = c.run("rank", "-o", "evidence.csv", units=bad_units)
    status_and_message("-o an input, before reading", run, 2, "is the same file as --evidence", absent=("bad-units.csv",))
    c.inputs_unchanged("-o an input, before reading")


def symlink_target_written(c):
    real_dir = os.path.join(c.work, "reports")
    os.makedirs(real_dir)
    target = os.path.join(real_dir, "ranking.csv")
    with open(target, "wb") as f:
        f.write(b"old report\n")
    os.chmod(target, 0o600)
    link = os.path.join(c.work, "latest.csv")
    os.symlink(os.path.join("reports", "ranking.csv"), link)
    run = c.run("rank", "--format", "csv", "-o", "latest.csv")
    status_and_message("-o a symlink", run, 0)
    expect("-o a symlink: still a link", os.path.islink(link))
    expect("-o a symlink: points where it did",
           os.path.islink(link) and os.readlink(link) == os.path.join("reports", "ranking.csv"))
    expect("-o a symlink: the target holds the report", read(target) == c.expected)
    expect("-o a symlink: the target's mode 0600 kept", stat.S_IMODE(os.stat(target).st_mode) == 0o600,
           oct(stat.S_IMODE(os.stat(target).st_mode)))
    c.no_temps("-o a symlink", real_dir)
    # A link to a file that does not exist yet: the file is created where the link points.
    dangling = os.path.join(c.work, "next.csv")
    os.symlink(os.path.join("reports", "next-year.csv"), dangling)
    run = c.run("rank", "--format", "csv", "-o", "next.csv")
    status_and_message("-o a dangling symlink", run, 0)
    expect("-o a dangling symlink: still a link", os.path.islink(dangling))
    created = os.path.join(real_dir, "next-year.csv")
    expect("-o a dangling symlink: the target created", os.path.isfile(created) and read(created) == c.expected)
    expect("-o a dangling symlink: new file is 0666 & ~umask",
           os.path.isfile(created) and stat.S_IMODE(os.stat(created).st_mode) == 0o666 & ~UMASK)
    c.no_temps("-o a dangling symlink", real_dir)


def modes(c):
    private = os.path.join(c.work, "private.csv")
    with open(private, "wb") as f:
        f.write(b"x\n")
    os.chmod(private, 0o600)
    run = c.run("rank", "--format", "csv", "-o", "private.csv")
    status_and_message("-o an existing 0600 file", run, 0)
    expect("-o an existing 0600 file: written", read(private) == c.expected)
    mode = stat.S_IMODE(os.stat(private).st_mode)
    expect("-o an existing 0600 file: still 0600", mode == 0o600, oct(mode))
    run = c.run("rank", "--format", "csv", "-o", "fresh.csv")
    status_and_message("-o a new file", run, 0)
    mode = stat.S_IMODE(os.stat(os.path.join(c.work, "fresh.csv")).st_mode)
    expect("-o a new file: mode 0666 & ~umask (0640)", mode == 0o666 & ~UMASK, oct(mode))
    c.no_temps("modes")


def non_regular_targets(c):
    # A FIFO is written directly (the reader gets the report; the FIFO stays a FIFO).
    fifo = os.path.join(c.work, "report.fifo")
    os.mkfifo(fifo)
    got = {}

    def reader():
        with open(fifo, "rb") as f:
            got["data"] = f.read()

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    run = c.run("rank", "--format", "csv", "-o", fifo)
    t.join(30)
    status_and_message("-o a FIFO", run, 0)
    expect("-o a FIFO: still a FIFO", stat.S_ISFIFO(os.lstat(fifo).st_mode))
    expect("-o a FIFO: the reader got the report", got.get("data") == c.expected)
    c.no_temps("-o a FIFO")
    # Standard output by name, to a pipe and to a regular file (which must not be replaced by
    # another file). /dev/fd/1 rather than /dev/stdout (handled alike): a command that replaces
    # its target, run as root, would replace the system's /dev/stdout link.
    run = c.run("rank", "--format", "csv", "-o", "/dev/fd/1")
    status_and_message("-o /dev/fd/1 (a pipe)", run, 0)
    expect("-o /dev/fd/1 (a pipe): the report", run.stdout == c.expected)
    redirected = os.path.join(c.work, "redirected.csv")
    with open(redirected, "wb") as f:
        inode = os.fstat(f.fileno()).st_ino
        run = c.run("rank", "--format", "csv", "-o", "/dev/fd/1", stdout=f)
    status_and_message("-o /dev/fd/1 (a file)", run, 0)
    expect("-o /dev/fd/1 (a file): the report", read(redirected) == c.expected)
    expect("-o /dev/fd/1 (a file): the same file, not replaced", os.stat(redirected).st_ino == inode)
    c.no_temps("-o /dev/fd/1")
    # A character device: written directly, never replaced by a regular file. As root the test
    # makes its own null and full devices rather than risk the system's.
    null, full, full_stdout = "/dev/null", "/dev/full", "/dev/full"
    if os.geteuid() == 0:
        try:
            null, full, full_stdout = (os.path.join(c.work, n) for n in ("null", "full", "full-stdout"))
            os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
            os.mknod(full, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
            os.mknod(full_stdout, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
        except OSError:
            null, full, full_stdout = "/dev/null", "/dev/full", "/dev/full"
    run = c.run("rank", "--format", "csv", "-o", null)
    status_and_message("-o a null device", run, 0)
    expect("-o a null device: still a character device", stat.S_ISCHR(os.lstat(null).st_mode))
    c.no_temps("-o a null device", os.path.dirname(null))
    # A full disk: exit 1, the reason named (ENOSPC's text), the device left as it is.
    for command in ("rank", "gaps"):
        run = c.run(command, "--format", "json", "-o", full)
        status_and_message(f"-o a full device ({command})", run, 1, f"'{full}': cannot write: {os.strerror(errno.ENOSPC)}",
                           absent=("write failed",))
        expect(f"-o a full device ({command}): still a character device", stat.S_ISCHR(os.lstat(full).st_mode))
    run = subprocess.run(f"exec '{c.cchc}' rank --criteria '{c.crit}' --units '{c.units}' --evidence '{c.ev}' > '{full_stdout}'",
                         shell=True, stderr=subprocess.PIPE, timeout=60)
    status_and_message("standard output on a full device", run, 1,
                       f"cannot write to standard output: {os.strerror(errno.ENOSPC)}")


def directories(c):
    os.makedirs(os.path.join(c.work, "out"))
    for out in ("out/", "out", "missing/"):
        run = c.run("rank", "-o", out)
        status_and_message(f"-o {out}", run, 2, f"-o '{out}' is a directory", absent=("Not a directory",))
        c.no_temps(f"-o {out}", os.path.join(c.work, "out"))
        expect(f"-o {out}: nothing written in it", os.listdir(os.path.join(c.work, "out")) == [])


def unit_option(c):
    empty_units = os.path.join(c.work, "empty-units.csv")
    open(empty_units, "w").close()
    for command in ("explain", "gaps", "deviations"):
        for units in (None, empty_units):
            what = f"{command} --unit '' ({'empty units file' if units else 'units present'})"
            run = c.run(command, "--unit", "", "-o", "out.txt", units=units)
            status_and_message(what, run, 2, "--unit: a unit code is required, not an empty string")
            expect(f"{what}: no output file", not os.path.exists(os.path.join(c.work, "out.txt")))
            c.no_temps(what)
    for command in ("explain", "gaps"):
        what = f"{command} --unit cong-an-tin"
        run = c.run(command, "--unit", "cong-an-tin", "-o", "out.txt")
        status_and_message(what, run, 2, "--unit 'cong-an-tin': no unit with this code in",
                           "did you mean 'cong-an-tinh'?")
        expect(f"{what}: no output file", not os.path.exists(os.path.join(c.work, "out.txt")))
        c.no_temps(what)
        what = f"{command} --unit XYZ-123"
        run = c.run(command, "--unit", "XYZ-123", "-o", "out.txt")
        status_and_message(what, run, 2, "--unit 'XYZ-123': no unit with this code in", absent=("did you mean",))
        expect(f"{what}: no output file", not os.path.exists(os.path.join(c.work, "out.txt")))
        c.no_temps(what)
    # A known code still works.
    run = c.run("explain", "--unit", "cong-an-tinh", "-o", "out.txt")
    status_and_message("explain --unit cong-an-tinh", run, 0)


# ---------------------------------------------------------------------------------------
def wait_stopped(proc):
    """Returns once every thread of `proc` is stopped (or it has ended): kill() only queues SIGSTOP."""
    deadline = time.monotonic() + 30  # a hang guard
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            states = []
            for task in os.listdir(f"/proc/{proc.pid}/task"):
                with open(f"/proc/{proc.pid}/task/{task}/stat") as f:
                    states.append(f.read().rsplit(")", 1)[1].split()[0])
        except OSError:
            continue
        if all(s in "tT" for s in states):
            return
        time.sleep(0.001)


def signals(cchc, source, work):
    national = os.path.join(work, "national")
    gen = subprocess.run([sys.executable, os.path.join(source, "benchmarks", "generate_national.py"), national],
                         capture_output=True, timeout=300)
    if gen.returncode != 0:
        failures.append("generate_national.py failed: " + gen.stderr.decode("utf-8", "replace"))
        return
    out_dir = os.path.join(work, "signal-out")
    os.makedirs(out_dir)
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        for existing in (True, False):
            what = f"{signal.Signals(sig).name} while writing {'over an existing 0600 file' if existing else 'a new file'}"
            out = os.path.join(out_dir, "gaps.json")
            if os.path.exists(out):
                os.unlink(out)
            if existing:
                with open(out, "wb") as f:
                    f.write(b"the old report\n")
                os.chmod(out, 0o600)
            caught = False
            for attempt in range(3):
                proc = subprocess.Popen([cchc, "gaps", "--criteria", f"{national}/criteria.yaml", "--units",
                                         f"{national}/units.csv", "--evidence", f"{national}/evidence.csv",
                                         "--format", "json", "-o", out],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                deadline = time.monotonic() + 60  # a hang guard, not a timing assertion
                while not temps(out_dir) and proc.poll() is None and time.monotonic() < deadline:
                    time.sleep(0.002)
                proc.send_signal(signal.SIGSTOP)
                wait_stopped(proc)
                left = temps(out_dir)
                if left and proc.poll() is None:
                    caught = True
                    # Stopped with its temporary file: the temp is never more open than the file.
                    mode = stat.S_IMODE(os.stat(left[0]).st_mode)
                    limit = 0o600 if existing else 0o666 & ~UMASK
                    expect(f"{what}: temporary file mode {oct(mode)} within {oct(limit)}", mode & ~limit == 0)
                    proc.send_signal(sig)
                    proc.send_signal(signal.SIGCONT)
                    proc.wait(60)
                    expect(f"{what}: ended by the signal", proc.returncode == -sig, f"exit status {proc.returncode}")
                    break
                proc.send_signal(signal.SIGCONT)
                proc.wait(60)
                if existing:  # the run finished first: restore the old file and try again
                    with open(out, "wb") as f:
                        f.write(b"the old report\n")
                    os.chmod(out, 0o600)
            expect(f"{what}: the write was caught in progress", caught, "3 attempts missed it")
            proc.stderr.close()
            expect(f"{what}: no temporary file left", not temps(out_dir), ", ".join(temps(out_dir)))
            if existing:
                expect(f"{what}: the old file untouched", read(out) == b"the old report\n")
                expect(f"{what}: the old file still 0600", stat.S_IMODE(os.stat(out).st_mode) == 0o600)
            else:
                expect(f"{what}: no output file", not os.path.exists(out))


def main() -> int:
    cchc, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    os.umask(UMASK)
    with tempfile.TemporaryDirectory(prefix="cchc-output-") as root:
        for name, test in [("input", output_is_an_input), ("symlink", symlink_target_written), ("modes", modes),
                           ("non-regular", non_regular_targets), ("directories", directories), ("unit", unit_option)]:
            work = os.path.join(root, name)
            os.makedirs(work)
            try:
                test(Case(cchc, source, work))
            except Exception as e:  # one broken case must not hide the others
                failures.append(f"{name}: stopped by {type(e).__name__}: {e}")
        if "--no-signals" not in sys.argv:
            try:
                signals(cchc, source, root)
            except Exception as e:
                failures.append(f"signals: stopped by {type(e).__name__}: {e}")
    for f in failures:
        print("FAIL:", f)
    print(f"{checks} checks, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
