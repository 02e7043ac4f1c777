#!/usr/bin/env python3
"""Public headers include only the C++17 standard library (cchc.h: the C11 one) and cchc's own headers.

Usage: check_includes.py INCLUDE_DIR. Prints each offending #include and exits 1.
"""
import pathlib
import re
import sys

# The C++17 standard library headers (ISO/IEC 14882:2017, [headers]), C++ and C wrappers.
STANDARD = set("""
algorithm any array atomic bitset chrono codecvt complex condition_variable deque exception
execution filesystem forward_list fstream functional future initializer_list iomanip ios iosfwd
iostream istream iterator limits list locale map memory memory_resource mutex new numeric
optional ostream queue random ratio regex scoped_allocator set shared_mutex sstream stack
stdexcept streambuf string string_view strstream system_error thread tuple type_traits typeindex
typeinfo unordered_map unordered_set utility valarray variant vector
cassert cctype cerrno cfenv cfloat cinttypes climits clocale cmath csetjmp csignal cstdarg
cstddef cstdint cstdio cstdlib cstring ctime cuchar cwchar cwctype
""".split())

# The C API's header (cchc.h) is C11: it may include the C standard headers.
STANDARD_C = set("""
assert.h complex.h ctype.h errno.h fenv.h float.h inttypes.h iso646.h limits.h locale.h math.h
setjmp.h signal.h stdalign.h stdarg.h stdatomic.h stdbool.h stddef.h stdint.h stdio.h stdlib.h
stdnoreturn.h string.h tgmath.h threads.h time.h uchar.h wchar.h wctype.h
""".split())

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def main() -> int:
    root = pathlib.Path(sys.argv[1])
    headers = sorted(root.rglob("*.hpp")) + sorted(root.rglob("*.h"))
    if not headers:
        print(f"no headers under {root}")
        return 1
    bad = []
    for header in headers:
        for number, line in enumerate(header.read_text(encoding="utf-8").splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            name = m.group(2)
            allowed = STANDARD_C if header.suffix == ".h" else STANDARD
            if name.startswith("cchc/") or name in allowed:
                continue
            bad.append(f"{header.relative_to(root)}:{number}: includes {line.strip()}")
    for line in bad:
        print(line)
    print(f"{len(headers)} public headers checked, {len(bad)} non-standard includes")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
