#!/usr/bin/env bash
# Installs cchc into a scratch prefix, shared and static, and builds a small program
# against each install twice: with find_package(cchc) and with pkg-config, in C++ and in C. Each program
# runs and checks numbers worked out by hand.
source "$(dirname "$0")/common.sh"
consumer_src="$cchc_root/scripts/ci/consumer"
for kind in shared static; do
  shared=$([ "$kind" = shared ] && echo ON || echo OFF)
  prefix="$cchc_build/prefix-$kind"
  rm -rf "$prefix"
  # The shared library keeps its debug information (RelWithDebInfo): abi.sh reads its ABI
  # from this same build (CCHC_ABI_BUILD in .ci/run) rather than building it once more.
  build_type=$([ "$kind" = shared ] && echo RelWithDebInfo || echo Release)
  cmake -S . -B "$cchc_build/lib-$kind" -DCMAKE_BUILD_TYPE="$build_type" -DBUILD_SHARED_LIBS="$shared" \
    -DCCHC_BUILD_TESTS=OFF -DCCHC_BUILD_TOOLS=OFF -DCCHC_BUILD_EXAMPLES=OFF -DCCHC_BUILD_PYTHON=OFF -DCMAKE_INSTALL_PREFIX="$prefix" > /dev/null
  cmake --build "$cchc_build/lib-$kind" -j "$cchc_jobs"
  cmake --install "$cchc_build/lib-$kind" > /dev/null

  echo "consumer: $kind, find_package(cchc)"
  cmake -S "$consumer_src" -B "$cchc_build/cmake-$kind" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release > /dev/null
  cmake --build "$cchc_build/cmake-$kind" -j "$cchc_jobs"
  "$cchc_build/cmake-$kind/cchc_consumer"
  "$cchc_build/cmake-$kind/cchc_consumer_c"

  echo "consumer: $kind, pkg-config cchc"
  pc_dir=$(dirname "$(find "$prefix" -name cchc.pc | head -1)")
  static_flag=$([ "$kind" = static ] && echo --static || true)
  # shellcheck disable=SC2046  # pkg-config's output is a list of words
  c++ -std=c++17 "$consumer_src/main.cpp" -o "$cchc_build/pkg-config-$kind" \
    $(PKG_CONFIG_PATH="$pc_dir" pkg-config $static_flag --cflags --libs cchc)
  LD_LIBRARY_PATH="$(dirname "$pc_dir")" "$cchc_build/pkg-config-$kind"

  echo "consumer: $kind, pkg-config cchc, from C"
  # shellcheck disable=SC2046
  cc -std=c11 -Wall -Wextra -Werror "$consumer_src/main.c" -o "$cchc_build/pkg-config-c-$kind" \
    $(PKG_CONFIG_PATH="$pc_dir" pkg-config $static_flag --cflags --libs cchc)
  LD_LIBRARY_PATH="$(dirname "$pc_dir")" "$cchc_build/pkg-config-c-$kind"
done
