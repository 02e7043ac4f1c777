#!/usr/bin/env bash
# AddressSanitizer + UndefinedBehaviorSanitizer (+ libstdc++ assertions) over the whole
# ctest suite, fuzz corpus replays included: any leak, overflow or UB fails the stage.
source "$(dirname "$0")/common.sh"
# -O1: the suite runs about twice as fast as at -O0 under ASan, with the same reports. The
# Python module is left out: its tests need an unsanitized interpreter (label python).
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -D_GLIBCXX_ASSERTIONS -O1"
cmake -S . -B "$cchc_build" -DCMAKE_BUILD_TYPE=Debug -DCCHC_BUILD_TESTS=ON -DCCHC_BUILD_PYTHON=OFF \
  -DCMAKE_CXX_FLAGS="$sanitize" -DCMAKE_C_FLAGS="$sanitize" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined"
cmake --build "$cchc_build" -j "$cchc_jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# -LE installed: those tests build a program outside this build, against the installed
# (here instrumented) library without the sanitizer runtime; consumer.sh covers them. php and
# python load the library into an interpreter built without ASan, which cannot run it.
ctest --test-dir "$cchc_build" -j "$cchc_jobs" --output-on-failure -LE 'installed|php|python'
