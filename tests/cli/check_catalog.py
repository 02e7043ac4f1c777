#!/usr/bin/env python3
"""po/vi.po: every translation keeps its msgid's fmt placeholders ("{}", in the same number)
and its leading and trailing spaces and punctuation, since the code formats the msgstr
with fmt::runtime and glues pieces together; and no msgid is translated twice.
msgfmt --check (the build) checks only C format strings.

Usage: check_catalog.py PO_FILE
"""
import re
import sys


def entries(text):
    """(msgid, msgstr) pairs, the header left out."""
    out, msgid, msgstr, current = [], None, None, None
    for line in text.splitlines() + [""]:
        if line.startswith("msgid "):
            if msgid is not None:
                out.append((msgid, msgstr))
            msgid, msgstr, current = eval(line[6:]), None, "id"
        elif line.startswith("msgstr "):
            msgstr, current = eval(line[7:]), "str"
        elif line.startswith('"'):
            if current == "id":
                msgid += eval(line)
            else:
                msgstr += eval(line)
    if msgid is not None:
        out.append((msgid, msgstr))
    return [(i, s) for i, s in out if i]


def main():
    pairs = entries(open(sys.argv[1], encoding="utf-8").read())
    failures = []
    seen = set()
    for msgid, msgstr in pairs:
        if msgid in seen:
            failures.append(f"{msgid!r}: translated twice")
        seen.add(msgid)
        if not msgstr:
            failures.append(f"{msgid!r}: no translation")
            continue
        if re.findall(r"\{[^}]*\}", msgid) != re.findall(r"\{[^}]*\}", msgstr):
            failures.append(f"{msgid!r}: placeholders differ in {msgstr!r}")
        for name, pick in (("leading", lambda s: re.match(r"^[\s,:(+\-]*", s).group()),
                           ("trailing", lambda s: re.search(r"[\s,:(]*$", s).group())):
            if pick(msgid) != pick(msgstr):
                failures.append(f"{msgid!r}: {name} spaces or punctuation differ in {msgstr!r}")
    print("\n".join(failures) if failures else f"ok: {len(pairs)} messages")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
