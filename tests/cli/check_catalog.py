#!/usr/bin/env python3
"""po/vi.po: every translation keeps its msgid's fmt placeholders (positional "{}" in the same
number and order; named "{what}" the same set, in any order, as a translator may reorder
them) and its leading and trailing spaces and punctuation, since the code formats the msgstr
and glues pieces together; no msgid is translated twice; and, given the source folder, every
string literal the sources translate (tr("…"), trf("…"), tr_noop("…"), and the report writers' T("…"),
F("…"), tr_format("…") shorthands, and cchc::translate("…") and fill("…") in the tool) is a msgid of the catalog, so that no message silently
stays English. msgfmt --check (the build) checks the names of the entries marked
python-brace-format, not positional "{}".

Usage: check_catalog.py PO_FILE [SOURCE_DIR...]
"""
import os
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


def placeholders(text):
    """fmt's replacement fields, "{{" and "}}" (literal braces) left out."""
    return re.findall(r"\{[^{}]*\}", text.replace("{{", "").replace("}}", ""))


# A call of a translating function; its first argument's string literals are msgids (adjacent
# literals joined; a conditional's two patterns, `trf(n == 1 ? "…" : "…", …)`, are two).
CALL = re.compile(r"\b(?:tr|trf|tr_noop|T|F|tr_format|translate|fill)\(")
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def first_argument(text, start):
    """The text of the call's first argument: up to the first ',' or ')' outside brackets and literals."""
    depth, i = 0, start
    while i < len(text):
        c = text[i]
        if c == '"':
            m = LITERAL.match(text, i)
            if not m:
                return text[start:i]
            i = m.end()
            continue
        if c == "'":
            i = text.index("'", i + 2 if text[i + 1] == "\\" else i + 1) + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                return text[start:i]
            depth -= 1
        elif c == "," and depth == 0:
            return text[start:i]
        i += 1
    return text[start:]


def source_msgids(folder):
    """(file, msgid) for every literal a translating call is given in folder's C++ sources."""
    found = []
    for root, _, files in os.walk(folder):
        for name in sorted(files):
            if not name.endswith((".cpp", ".hpp")):
                continue
            path = os.path.join(root, name)
            text = open(path, encoding="utf-8").read()
            for call in CALL.finditer(text):
                argument = first_argument(text, call.end())
                # Runs of adjacent literals (only space between them) are one string.
                for run in re.finditer(r'(?:"(?:[^"\\\n]|\\.)*"\s*)+', argument):
                    literal = "".join(LITERAL.findall(run.group()))
                    # The C escapes the sources use; the .po file is read the same way (eval).
                    found.append((path, eval('"' + literal + '"')))
    return found


def main():
    pairs = entries(open(sys.argv[1], encoding="utf-8").read())
    failures = []
    if len(sys.argv) > 2:
        known = {i for i, _ in pairs}
        uses = [use for folder in sys.argv[2:] for use in source_msgids(folder)]
        for path, msgid in uses:
            if msgid not in known:
                failures.append(f"{path}: {msgid!r} is translated but not in the catalog")
        if len(uses) < 100:
            failures.append(f"only {len(uses)} translated literals found in {sys.argv[2]}: is the pattern still right?")
    seen = set()
    for msgid, msgstr in pairs:
        if msgid in seen:
            failures.append(f"{msgid!r}: translated twice")
        seen.add(msgid)
        if not msgstr:
            failures.append(f"{msgid!r}: no translation")
            continue
        ids, strs = placeholders(msgid), placeholders(msgstr)
        named = any(p != "{}" for p in ids)
        if (sorted(ids) if named else ids) != (sorted(strs) if named else strs):
            failures.append(f"{msgid!r}: placeholders differ in {msgstr!r}")
        for name, pick in (("leading", lambda s: re.match(r"^[\s,:(+\-]*", s).group()),
                           ("trailing", lambda s: re.search(r"[\s,:(]*$", s).group())):
            if pick(msgid) != pick(msgstr):
                failures.append(f"{msgid!r}: {name} spaces or punctuation differ in {msgstr!r}")
    print("\n".join(failures) if failures else f"ok: {len(pairs)} messages")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
