#!/usr/bin/env bash
# ThreadSanitizer over the tests labelled `threads`: several threads score, rank and write
# reports against one shared loaded set; a large file is loaded and its ranking written on
# the library's worker threads; the thread helpers themselves. A data race fails the stage
# even when the results happen to agree.
source "$(dirname "$0")/common.sh"
cmake -S . -B "$cchc_build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCCHC_BUILD_TESTS=ON \
  -DCCHC_BUILD_TOOLS=OFF -DCCHC_BUILD_EXAMPLES=OFF \
  -DCMAKE_CXX_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" \
  -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread -DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=thread
cmake --build "$cchc_build" -j "$cchc_jobs" --target cchc_threads_test cchc_internal_tests
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
ctest --test-dir "$cchc_build" -L threads --output-on-failure
