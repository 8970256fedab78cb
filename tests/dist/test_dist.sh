#!/usr/bin/env bash
# Checks a `make dist` tarball as a user without this repository's build tree
# would use it: unpacked into one temporary folder, then moved to another (so
# that any path remembered from the unpacking, or from the build that made
# the tarball, no longer exists), it must build examples/usage.c with
# pkg-config (static and shared) and with CMake's find_package, and each
# program must print the lines the README says it prints.
#
#   test_dist.sh <coserr-VERSION-TARGET.tar.gz> <repository root>
set -euo pipefail

tarball=$(realpath "$1")
repo=$(realpath "$2")
name=$(basename "$tarball" .tar.gz)
cc=${CC:-cc}
cflags=(-std=c99 -Wall -Wextra -pedantic -Werror)

fail() { echo "dist-test: $*" >&2; exit 1; }
# Not grep -q: it stops reading at the first match, and under pipefail the
# writer's SIGPIPE would then count as no match.
matches() { grep -E -- "$1" > /dev/null; }

work=$(mktemp -d "${TMPDIR:-/tmp}/coserr-dist-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

# 1. What the tarball holds: one top folder named like the tarball, with
# exactly these entries (the shared library's link name a symlink to the
# soname).
tar -tzf "$tarball" | sed 's|/$||' | sort > "$work/listing"
sort > "$work/expected-listing" <<LIST
$name
$name/include
$name/include/coserr.h
$name/include/coserr.hpp
$name/lib
$name/lib/cmake
$name/lib/cmake/coserr
$name/lib/cmake/coserr/coserr-config-version.cmake
$name/lib/cmake/coserr/coserr-config.cmake
$name/lib/libcoserr.a
$name/lib/libcoserr.so
$name/lib/libcoserr.so.2
$name/lib/pkgconfig
$name/lib/pkgconfig/coserr.pc
LIST
diff -u "$work/expected-listing" "$work/listing" || fail "unexpected tarball contents"

# 2. Unpack, then move the whole tree elsewhere, one folder deeper.
mkdir -p "$work/unpacked" "$work/moved/once/more"
tar -xzf "$tarball" -C "$work/unpacked"
mv "$work/unpacked/$name" "$work/moved/once/more/$name"
rmdir "$work/unpacked"
root="$work/moved/once/more/$name"

[ "$(readlink "$root/lib/libcoserr.so")" = libcoserr.so.2 ] || fail "lib/libcoserr.so is not a symlink to libcoserr.so.2"
readelf -d "$root/lib/libcoserr.so.2" | matches 'SONAME.*\[libcoserr\.so\.2\]' || fail "libcoserr.so.2 has not that soname"
! readelf -d "$root/lib/libcoserr.so.2" | matches '\((RPATH|RUNPATH)\)' || fail "libcoserr.so.2 carries a library search path"
cmp "$repo/include/coserr.h" "$root/include/coserr.h" || fail "include/coserr.h differs from the repository's"
cmp "$repo/include/coserr.hpp" "$root/include/coserr.hpp" || fail "include/coserr.hpp differs from the repository's"
# The package files name no absolute folder (outside comments, every path
# starts from ${pcfiledir} or ${CMAKE_CURRENT_LIST_DIR}).
if grep -h -v '^[[:space:]]*#' "$root/lib/pkgconfig/coserr.pc" "$root"/lib/cmake/coserr/*.cmake \
    | grep -E '(^|[[:space:]"=;(])/'; then
  fail "an absolute path in the package files"
fi

# The README's "It prints:" block: the lines every build must print.
sed -n '/<!-- usage.c end -->/,$p' "$repo/README.md" \
  | sed -n '/^```text$/,/^```$/p' | sed '1d' | sed '/^```$/,$d' > "$work/expected.out"
[ -s "$work/expected.out" ] || fail "README.md: no 'It prints:' text block after usage.c"

check_output() { # <program> <label>
  "$1" > "$work/$2.out" || fail "$2 exited with $?"
  diff -u "$work/expected.out" "$work/$2.out" || fail "$2 does not print what the README says"
  echo "dist-test: $2 prints the README's lines"
}

build="$work/build"
mkdir -p "$build"
cp "$repo/examples/usage.c" "$build/usage.c"

# 3. pkg-config from the moved tree: its include folder must be the moved one.
pc() { PKG_CONFIG_PATH="$root/lib/pkgconfig" pkg-config "$@" coserr; }
pc --exists || fail "pkg-config does not find coserr in $root/lib/pkgconfig"
incdir=$(pc --variable=includedir)
[ "$(realpath "$incdir")" = "$root/include" ] || fail "pkg-config's includedir $incdir is not $root/include"
libdir=$(pc --libs-only-L | sed 's/^ *-L//; s/ *$//')
[ "$(realpath "$libdir")" = "$root/lib" ] || fail "pkg-config's -L $libdir is not $root/lib"
case "$name" in "coserr-$(pc --modversion)-"*) ;; *) fail "pkg-config's version $(pc --modversion) is not the tarball's";; esac

# Static: the documented `pkg-config --static` line, the archive named with
# GNU ld's -l: because -lcoserr would pick libcoserr.so beside it.
(cd "$build" && "$cc" "${cflags[@]}" usage.c -o usage_static \
  $(pc --static --cflags --libs | sed 's/-lcoserr\b/-l:libcoserr.a/'))
! readelf -d "$build/usage_static" | matches 'NEEDED.*libcoserr' || fail "usage_static links libcoserr dynamically"
check_output "$build/usage_static" pkg-config-static

# Shared: found at run time through the rpath alone.
(cd "$build" && "$cc" "${cflags[@]}" usage.c -o usage_shared \
  $(pc --cflags --libs) -Wl,-rpath,"$root/lib")
readelf -d "$build/usage_shared" | matches 'NEEDED.*\[libcoserr\.so\.2\]' || fail "usage_shared is not linked to libcoserr.so.2"
env -u LD_LIBRARY_PATH ldd "$build/usage_shared" | matches "libcoserr.so.2 => $root/lib/libcoserr.so.2" \
  || fail "usage_shared does not load the moved libcoserr.so.2"
env -u LD_LIBRARY_PATH "$build/usage_shared" > /dev/null
check_output "$build/usage_shared" pkg-config-shared

# 4. CMake: find_package(coserr) with CMAKE_PREFIX_PATH=<moved tree>, the
# consumer project c-test uses, both targets.
cmake -G "Unix Makefiles" -S "$repo/tests/c/cmake" -B "$build/cmake" -DCMAKE_PREFIX_PATH="$root" \
  -DUSAGE_C="$build/usage.c" -DCMAKE_C_FLAGS="${cflags[*]}" > "$build/cmake.log" 2>&1 \
  || { cat "$build/cmake.log"; fail "cmake configure failed"; }
found=$(sed -n 's/^coserr_DIR:PATH=//p' "$build/cmake/CMakeCache.txt")
[ "$(realpath "$found")" = "$root/lib/cmake/coserr" ] || fail "CMake found coserr in $found, not in the moved tree"
cmake --build "$build/cmake" >> "$build/cmake.log" 2>&1 || { cat "$build/cmake.log"; fail "cmake build failed"; }
# The imported targets' files, as the generated link and compile lines name
# them, are the moved tree's (not merely the config file CMake found).
for target in usage_static usage_shared; do
  dir="$build/cmake/CMakeFiles/$target.dir"
  files=$(tr ' ' '\n' < "$dir/link.txt" | grep 'libcoserr') || fail "CMake links $target without libcoserr"
  for file in $files; do
    [ "$(dirname "$(realpath -s "$file")")" = "$root/lib" ] || fail "CMake links $target with $file, not from $root/lib"
  done
  include=$(sed -n 's/^C_INCLUDES = -isystem //p' "$dir/flags.make")
  [ "$(realpath "$include")" = "$root/include" ] || fail "CMake compiles $target with $include, not $root/include"
done
env -u LD_LIBRARY_PATH ldd "$build/cmake/usage_shared" | matches "libcoserr.so.2 => $root/lib/libcoserr.so.2" \
  || fail "CMake's usage_shared does not load the moved libcoserr.so.2"
! readelf -d "$build/cmake/usage_static" | matches 'NEEDED.*libcoserr' || fail "CMake's usage_static links libcoserr dynamically"
readelf -d "$build/cmake/usage_shared" | matches 'NEEDED.*\[libcoserr\.so\.2\]' || fail "CMake's usage_shared is not linked to libcoserr.so.2"
check_output "$build/cmake/usage_static" cmake-static
check_output "$build/cmake/usage_shared" cmake-shared

echo "dist-test: $name builds and runs the README example from a moved unpacking (pkg-config and CMake, static and shared)"
