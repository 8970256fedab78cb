#!/usr/bin/env bash
# Usage: one-object-archive.sh <rustc staticlib> <output libcoserr.a>
#
# rustc's staticlib holds coserr's one LTO object beside every member of
# compiler_builtins (about 300 objects with debug info, 4.7 MB), most of
# which no program needs. A relocatable link (`ld -r`) of coserr's object
# against that archive takes from it only the members the object refers to,
# as a final link would; the result, without debug info, is the one member
# of the shipped archive. Its sections stay separate (Rust emits a section
# per function), so `-Wl,--gc-sections` can still drop unused exports.
set -euo pipefail
in=$(realpath "$1") out=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
own=$(${AR:-ar} t "$in" | grep '^coserr_ffi[.-]' || true)
[ "$(printf '%s\n' "$own" | grep -c .)" -eq 1 ] ||
  { echo "$0: expected one coserr_ffi object in $in, found: ${own:-none}" >&2; exit 1; }
(cd "$work" && ${AR:-ar} x "$in" "$own")
${LD:-ld} -r -o "$work/coserr.o" "$work/$own" "$in"
${OBJCOPY:-objcopy} --strip-debug "$work/coserr.o"
rm -f "$out"
${AR:-ar} rcsD "$out" "$work/coserr.o"
