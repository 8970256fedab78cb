#!/usr/bin/env bash
# Usage: tests/size/measure.sh <coserr prefix> <error body> <work dir>
#
# What linking each library adds to the same small C program (baseline.c:
# read a body, print its length; with_<library>: the same plus that library
# reading the error code), as `size` counts text (code, read-only data,
# unwind tables), linked statically the way each library's users do (the
# library's own archive; libc and, for libxml2, its zlib, liblzma and ICU
# stay shared and are not counted). Prints a markdown table, then checks
# coserr's figures, which `make size-test` keeps from regressing:
#   - the README's static link, with `-Wl,--gc-sections` as programs that
#     care about size link, adds at most 150 KiB of text, and the whole
#     library (a link without it) at most WHOLE_LIMIT KiB; neither needs a
#     shared library beyond the baseline's (libc);
#   - coserr.pc's Libs.private is empty (nothing beyond libc);
#   - libcoserr.a needs nothing but libc's memory functions, and no panic
#     path (ffi/src/no_panic.rs); libcoserr.a <= 2 MiB, libcoserr.so <= 300 KiB.
set -euo pipefail
prefix=$(realpath "$1") body=$(realpath "$2") work=$3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work" && cd "$work"
CC=${CC:-cc} CXX=${CXX:-c++}
WHOLE_LIMIT=160
failed=0
fail() { echo "size-test: $*" >&2; failed=1; }
text() { size --format=berkeley "$1" | awk 'NR == 2 { print $1 }'; }
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' '; }
kib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
coserr_static=$(pkg-config --static --cflags --libs coserr | sed 's/-lcoserr\b/-l:libcoserr.a/')

$CC -O2 -I"$here" "$here/baseline.c" -o baseline_c
$CXX -O2 -I"$here" -x c++ "$here/baseline.c" -o baseline_cxx
echo "| library | text added (KiB) | with \`-Wl,--gc-sections\` | shared libraries it adds |"
echo "|---|---:|---:|---|"
# name, compiler, baseline, source, link flags
row() {
  local name=$1 cc=$2 base=$3 src=$4; shift 4
  $cc -O2 -I"$here" "$here/$src" -o "with_$name" "$@"
  $cc -O2 -I"$here" "$here/$src" -o "with_${name}_gc" -Wl,--gc-sections "$@"
  local out; out=$("./with_$name" "$body")
  grep -qx 'NoSuchKey' <<<"$out" || fail "with_$name printed '$out', not the code NoSuchKey"
  local added=$(( $(text "with_$name") - $(text "$base") )) gc=$(( $(text "with_${name}_gc") - $(text "$base") ))
  local extra; extra=$(comm -13 <(needed "$base" | tr ' ' '\n' | sort) <(needed "with_$name" | tr ' ' '\n' | sort) | tr '\n' ' ')
  echo "| $name | $(kib $added) | $(kib $gc) | ${extra:-none} |"
  eval "added_$name=$added gc_$name=$gc extra_$name='$extra'"
}
# shellcheck disable=SC2086
row coserr "$CC" baseline_c with_coserr.c $coserr_static
# name:pkg-config module
for peer in expat:expat libxml2:libxml-2.0 mxml:mxml pugixml:pugixml; do
  pkg-config --exists "${peer#*:}" 2>/dev/null || { echo "| ${peer%%:*} | (not installed) | | |"; continue; }
  case ${peer%%:*} in
    expat) row expat "$CC" baseline_c with_expat.c -Wl,-Bstatic -lexpat -Wl,-Bdynamic ;;
    libxml2) # shellcheck disable=SC2046
      row libxml2 "$CC" baseline_c with_libxml2.c $(pkg-config --cflags libxml-2.0) \
        -Wl,-Bstatic -lxml2 -Wl,-Bdynamic $(pkg-config --static --libs-only-l libxml-2.0 | sed 's/-lxml2\b//') ;;
    mxml) row mxml "$CC" baseline_c with_mxml.c -Wl,-Bstatic -lmxml -Wl,-Bdynamic -pthread ;;
    pugixml) row pugixml "$CXX" baseline_cxx with_pugixml.cpp -Wl,-Bstatic -lpugixml -Wl,-Bdynamic ;;
  esac
done

# coserr's checks.
[ "${gc_coserr:-999999999}" -le $((150 * 1024)) ] ||
  fail "linking libcoserr.a with --gc-sections adds $(kib "${gc_coserr:-0}") KiB of text (limit 150)"
[ "${added_coserr:-999999999}" -le $((WHOLE_LIMIT * 1024)) ] ||
  fail "linking the whole libcoserr.a adds $(kib "${added_coserr:-0}") KiB of text (limit $WHOLE_LIMIT)"
[ -z "${extra_coserr// /}" ] || fail "linking libcoserr.a adds shared libraries: $extra_coserr"
[ "$(pkg-config --static --libs coserr)" = "$(pkg-config --libs coserr)" ] ||
  fail "coserr.pc has Libs.private: $(pkg-config --static --libs coserr)"
undefined=$(nm -u "$prefix/lib/libcoserr.a" | awk 'NF == 2 { print $2 }' | sort -u | tr '\n' ' ')
for sym in $undefined; do
  case $sym in memcpy|memmove|memset|memcmp|bcmp|strlen) ;; *) fail "libcoserr.a needs $sym" ;; esac
done
a_size=$(stat -c %s "$prefix/lib/libcoserr.a") so_size=$(stat -L -c %s "$prefix/lib/libcoserr.so")
[ "$a_size" -le $((2 * 1024 * 1024)) ] || fail "libcoserr.a is $(kib "$a_size") KiB (limit 2048)"
[ "$so_size" -le $((300 * 1024)) ] || fail "libcoserr.so is $(kib "$so_size") KiB (limit 300)"
echo
echo "libcoserr.a: $(kib "$a_size") KiB, libcoserr.so: $(kib "$so_size") KiB; libcoserr.a needs from libc: ${undefined:-nothing}"
exit $failed
